// Comparing panel statistics with an event panel whatever their person order: panel persons by
// key (person key, group label, anchor months, weight) with their cluster partition, and the cells
// person by person.
import type { EventPanel, PanelStatistics } from '../../src/index.js';

function personKey(x: EventPanel | PanelStatistics, p: number): string {
  const q = x.persons;
  return `${q.id[p]}|${x.groups[q.group[p]!]}|${q.anchorStart[p]}|${q.anchorEnd[p]}|${q.weight[p]}`;
}

/** Panel persons as sorted keys (with repeats), and the cluster partition as sorted lists of person keys. */
export function panelPersons(x: EventPanel | PanelStatistics): { persons: string[]; clusters: string[] } {
  const persons: string[] = [];
  const byCluster = new Map<number, string[]>();
  for (let p = 0; p < x.persons.length; p++) {
    const key = personKey(x, p);
    persons.push(key);
    const c = x.persons.cluster[p]!;
    if (c >= 0) byCluster.set(c, [...(byCluster.get(c) ?? []), key]);
  }
  const clusters = [...byCluster.values()].map((ks) => ks.sort().join(' + ')).sort();
  return { persons: persons.sort(), clusters };
}

/** Whether cells are sorted by person, phase, event time and `offsets` slices them by person. */
export function sortedWithOffsets(s: PanelStatistics): boolean {
  for (let r = 1; r < s.length; r++) {
    const a = s.person[r - 1]!;
    const b = s.person[r]!;
    if (a > b || (a === b && (s.phase[r - 1]! > s.phase[r]! || (s.phase[r - 1] === s.phase[r] && s.eventTime[r - 1]! >= s.eventTime[r]!)))) return false;
  }
  for (let p = 0; p < s.persons.length; p++) for (let r = s.offsets[p]!; r < s.offsets[p + 1]!; r++) if (s.person[r] !== p) return false;
  return s.offsets[s.persons.length] === s.length;
}

/**
 * Differences between panel statistics and a monthly panel, person by person (persons matched by
 * key, cells compared in order: each person-month of the panel must be one cell with n = 1,
 * Σy = y, Σw = w, Σwy = w·y): up to `max` messages, none when equal. Linear in the rows.
 */
export function statisticsDiff(s: PanelStatistics, panel: EventPanel, max = 5): string[] {
  const out: string[] = [];
  const say = (m: string) => out.length < max && out.push(m);
  if (s.persons.length !== panel.persons.length) say(`persons: ${s.persons.length} ≠ ${panel.persons.length}`);
  if (s.length !== panel.length) say(`cells: ${s.length} ≠ ${panel.length} person-months`);
  const byKey = new Map<string, number[]>();
  for (let q = 0; q < panel.persons.length; q++) {
    const k = personKey(panel, q);
    byKey.set(k, [...(byKey.get(k) ?? []), q]);
  }
  for (let p = 0; p < s.persons.length && out.length < max; p++) {
    const key = personKey(s, p);
    const q = byKey.get(key)?.shift();
    if (q === undefined) {
      say(`person ${key} is not in the panel`);
      continue;
    }
    const w = panel.persons.weight[q]!;
    const [a, b] = [s.offsets[p]!, s.offsets[p + 1]!];
    const [c, d] = [panel.offsets[q]!, panel.offsets[q + 1]!];
    if (b - a !== d - c) say(`person ${key}: ${b - a} cells ≠ ${d - c} person-months`);
    for (let i = 0; i < Math.min(b - a, d - c); i++) {
      const r = a + i;
      const m = c + i;
      const y = panel.outcome[m]!;
      if (s.phase[r] !== panel.phase[m] || s.eventTime[r] !== panel.eventTime[m] || s.n[r] !== 1 || s.sumY[r] !== y || s.sumW[r] !== w || s.sumWY[r] !== w * y) {
        say(`person ${key}, cell ${i}: (${s.phase[r]}, ${s.eventTime[r]}, n ${s.n[r]}, ${s.sumY[r]}, ${s.sumW[r]}, ${s.sumWY[r]}) ≠ (${panel.phase[m]}, ${panel.eventTime[m]}, 1, ${y}, ${w}, ${w * y})`);
        break;
      }
    }
  }
  for (const [key, left] of byKey) if (left.length > 0) say(`panel person ${key} is not in the statistics`);
  return out;
}
