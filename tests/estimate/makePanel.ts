/** Test helper: an EventPanel straight from per-person before/after outcome lists. */
import { statisticsMethod } from '../../src/panel/statisticsFromPanel.js';
import type { EventPanel } from '../../src/panel/types.js';

export interface TestPanelPerson {
  readonly before?: readonly number[];
  readonly during?: readonly number[];
  readonly after?: readonly number[];
  readonly group?: number;
  readonly weight?: number;
  readonly cluster?: number;
}

/** Before outcomes get k = −n…−1 (last one at −1), during k = 0…, after k = 1…n. */
export function makePanel(people: readonly TestPanelPerson[], groups: readonly string[] = ['supported']): EventPanel {
  const person: number[] = [];
  const phase: number[] = [];
  const k: number[] = [];
  const y: number[] = [];
  const offsets = [0];
  let before = 0;
  let after = 0;
  let during = false;
  people.forEach((p, i) => {
    const b = p.before ?? [];
    b.forEach((v, j) => (person.push(i), phase.push(0), k.push(j - b.length), y.push(v)));
    (p.during ?? []).forEach((v, j) => (person.push(i), phase.push(1), k.push(j), y.push(v), (during = true)));
    (p.after ?? []).forEach((v, j) => (person.push(i), phase.push(2), k.push(j + 1), y.push(v)));
    before = Math.max(before, b.length);
    after = Math.max(after, p.after?.length ?? 0);
    offsets.push(person.length);
  });
  const n = people.length;
  return {
    persons: {
      length: n,
      id: people.map((_, i) => `p${i + 1}`),
      exportIndex: new Int32Array(n).fill(-1),
      group: Int32Array.from(people, (p) => p.group ?? 0),
      weight: Float64Array.from(people, (p) => p.weight ?? 1),
      cluster: Int32Array.from(people, (p) => p.cluster ?? -1),
      anchorStart: new Int32Array(n).fill(-1),
      anchorEnd: new Int32Array(n).fill(-1),
    },
    groups,
    length: person.length,
    person: Int32Array.from(person),
    phase: Uint8Array.from(phase),
    eventTime: Int16Array.from(k),
    outcome: Float64Array.from(y),
    month: new Int32Array(person.length).fill(-1),
    offsets: Int32Array.from(offsets),
    binary: y.every((v) => v === 0 || v === 1),
    spec: { before, after, during, definition: 'long' },
    statistics: statisticsMethod,
  };
}
