// Cells of an event panel and of panel statistics as comparable maps, keyed by panel person
// (person key, group label, anchor months, weight) × phase × event time; and the persons with
// their cluster partition, so two panels can be compared whatever their person order.
import type { EventPanel, PanelStatistics } from '../../src/index.js';

export interface Cell {
  n: number;
  sumY: number;
  sumW: number;
  sumWY: number;
}

function personKey(x: EventPanel | PanelStatistics, p: number): string {
  const q = x.persons;
  return `${q.id[p]}|${x.groups[q.group[p]!]}|${q.anchorStart[p]}|${q.anchorEnd[p]}|${q.weight[p]}`;
}

/** Cells of a panel: each row a cell with n = 1, Σy = y, Σw = w, Σwy = w·y (rows sharing a cell are added). */
export function panelCells(panel: EventPanel): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (let r = 0; r < panel.length; r++) {
    const p = panel.person[r]!;
    const w = panel.persons.weight[p]!;
    const key = `${personKey(panel, p)}|${panel.phase[r]}|${panel.eventTime[r]}`;
    const c = out.get(key) ?? { n: 0, sumY: 0, sumW: 0, sumWY: 0 };
    c.n += 1;
    c.sumY += panel.outcome[r]!;
    c.sumW += w;
    c.sumWY += w * panel.outcome[r]!;
    out.set(key, c);
  }
  return out;
}

/** Cells of panel statistics, keyed like {@link panelCells}. */
export function statisticsCells(s: PanelStatistics): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (let r = 0; r < s.length; r++) {
    const key = `${personKey(s, s.person[r]!)}|${s.phase[r]}|${s.eventTime[r]}`;
    const c = out.get(key) ?? { n: 0, sumY: 0, sumW: 0, sumWY: 0 };
    c.n += s.n[r]!;
    c.sumY += s.sumY[r]!;
    c.sumW += s.sumW[r]!;
    c.sumWY += s.sumWY[r]!;
    out.set(key, c);
  }
  return out;
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
