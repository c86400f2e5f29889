import { createRandom } from '../../src/core/random.js';
import { statisticsMethod } from '../../src/panel/statisticsFromPanel.js';
import type { EventPanel } from '../../src/panel/types.js';

/** Seeded standard normal draws. */
export function normalSource(seed: number): () => number {
  const rng = createRandom(seed);
  return () => rng.normal();
}

/** One hand-written person-month row: person id, group label, phase, event time, outcome. */
export interface Row {
  id: string;
  group: string;
  phase: 'before' | 'during' | 'after';
  k: number;
  y: number;
  /** Distinguishes several panel persons with the same id (a control in several matched sets). */
  slot?: string;
}

/** Build an EventPanel from rows, with optional weight and cluster per panel person (key: id, or id#slot). */
export function panelFromRows(
  rows: readonly Row[],
  groups: readonly string[],
  extra: { weight?: Record<string, number>; cluster?: Record<string, number> } = {},
): EventPanel {
  const code = { before: 0, during: 1, after: 2 } as const;
  const keyOf = (r: Row): string => (r.slot === undefined ? r.id : `${r.id}#${r.slot}`);
  const sorted = rows.slice().sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : code[a.phase] - code[b.phase] || a.k - b.k));
  const keys: string[] = [];
  const ids: string[] = [];
  for (const r of sorted) if (keys[keys.length - 1] !== keyOf(r)) (keys.push(keyOf(r)), ids.push(r.id));
  const index = new Map(keys.map((key, i) => [key, i]));
  const P = ids.length;
  const group = new Int32Array(P);
  const weight = new Float64Array(P).fill(1);
  const cluster = new Int32Array(P).fill(-1);
  const offsets = new Int32Array(P + 1);
  for (const r of sorted) {
    const p = index.get(keyOf(r))!;
    group[p] = groups.indexOf(r.group);
    offsets[p + 1]++;
  }
  for (let p = 0; p < P; p++) offsets[p + 1] += offsets[p];
  for (const [id, w] of Object.entries(extra.weight ?? {})) weight[index.get(id)!] = w;
  for (const [id, c] of Object.entries(extra.cluster ?? {})) cluster[index.get(id)!] = c;
  const n = sorted.length;
  const binary = sorted.every((r) => r.y === 0 || r.y === 1);
  return {
    persons: {
      length: P,
      id: ids,
      exportIndex: new Int32Array(P).fill(-1),
      group,
      weight,
      cluster,
      anchorStart: new Int32Array(P).fill(-1),
      anchorEnd: new Int32Array(P).fill(-1),
    },
    groups,
    length: n,
    person: Int32Array.from(sorted, (r) => index.get(keyOf(r))!),
    phase: Uint8Array.from(sorted, (r) => code[r.phase]),
    eventTime: Int16Array.from(sorted, (r) => r.k),
    outcome: Float64Array.from(sorted, (r) => r.y),
    month: new Int32Array(n).fill(-1),
    offsets,
    binary,
    spec: { before: 0, after: 0, during: false, definition: 'long' },
    statistics: statisticsMethod,
  };
}

/** Dense matrix inverse by Gauss–Jordan with partial pivoting (test-only, independent of src). */
export function invert(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let best = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[best][c])) best = r;
    [m[c], m[best]] = [m[best], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

export function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

export function transpose(a: number[][]): number[][] {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

/** Seeded uniform draws on [0, 1). */
export function uniformSource(seed: number): () => number {
  const rng = createRandom(seed);
  return () => rng.uniform();
}
