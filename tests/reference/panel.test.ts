/**
 * Phase averages and difference-in-differences against R:
 * lm(y ~ 1) per phase, lm(y ~ after) for the change and lm(y ~ treated * after) for the DiD,
 * each weighted by the person weight, with sandwich::vcovCL(fit, cluster, type = "HC1").
 * Numbers in expected/panel.json come from r/panel.R on data/panel.csv.
 */
import { describe, expect, it } from 'vitest';
import { diffInDiff, panelFromLong, phaseAverages, type PhaseAverageOptions } from '../../src/index.js';
import { expectClose, readData, readExpected } from './helpers.js';

interface Estimate {
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  n_person_months: number;
  n_persons: number;
  n_clusters: number;
}
interface PhaseRow extends Estimate {
  group: string;
  quantity: string;
}
interface Cell {
  group: string;
  phase: string;
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  n_person_months: number;
  n_persons: number;
  weight: number;
}
interface Expected {
  phase_averages: Record<'person_weighted' | 'person_unweighted' | 'set_weighted' | 'windows_paired_t', PhaseRow[]>;
  did: Record<'person' | 'set' | 'person_t', Estimate & { cells: Cell[] }>;
}

const TOL = 1e-9;
const ref = readExpected<Expected>('panel');
const data = readData('panel');
// Weight-0 persons stay in the input: the library must leave them out as the R script does.
const base = { id: 'id', group: 'group', phase: 'phase', eventTime: 'k', outcome: 'y' } as const;
const weighted = panelFromLong(data, { ...base, weight: 'w' });
const unweighted = panelFromLong(data, base);
const bySet = panelFromLong(data, { ...base, weight: 'w', cluster: 'set' });

function checkPhaseRows(name: keyof Expected['phase_averages'], panel: typeof weighted, options: PhaseAverageOptions = {}): void {
  const rows = phaseAverages(panel, options).rows;
  const expected = ref.phase_averages[name];
  for (const e of expected) {
    const label = `${name} ${e.group} ${e.quantity}`;
    const row = rows.find((r) => r.group === e.group && r.quantity === e.quantity);
    expect(row, label).toBeDefined();
    expectClose(row!.estimate, e.estimate, TOL, `${label} estimate`);
    expectClose(row!.se, e.se, TOL, `${label} se`);
    expectClose(row!.ci_low, e.ci_low, TOL, `${label} ci_low`);
    expectClose(row!.ci_high, e.ci_high, TOL, `${label} ci_high`);
    expect(row!.n_person_months, `${label} person-months`).toBe(e.n_person_months);
    expect(row!.n_persons, `${label} persons`).toBe(e.n_persons);
    expect(row!.n_clusters, `${label} clusters`).toBe(e.n_clusters);
  }
  // Every estimable library row has its R counterpart (no extra numbers left unchecked).
  const estimable = rows.filter((r) => r.estimate !== null);
  expect(estimable.length, `${name}: estimable rows`).toBe(expected.length);
}

describe('phaseAverages equals lm + sandwich::vcovCL(type = "HC1")', () => {
  it('weighted, clustered by person (before, during, after, change)', () => {
    checkPhaseRows('person_weighted', weighted);
  });
  it('unweighted, clustered by person', () => {
    checkPhaseRows('person_unweighted', unweighted);
  });
  it('weighted, clustered by matched set (two controls share a set)', () => {
    checkPhaseRows('set_weighted', bySet);
  });
  it('event-time windows, paired persons, Student t with G − 1 df', () => {
    checkPhaseRows('windows_paired_t', weighted, { windows: { before: [-6, -1], after: [2, 8] }, paired: true, df: 'cluster' });
  });
  it('the control group has no during phase: no number, a note', () => {
    const row = phaseAverages(weighted).rows.find((r) => r.group === 'control' && r.quantity === 'during');
    expect(row?.estimate).toBeNull();
    expect(row?.note).toMatch(/no person-months/);
  });
});

describe('diffInDiff equals lm(y ~ treated * after, weights = w) + vcovCL(type = "HC1")', () => {
  const cases = [
    ['person', { cluster: 'person' }],
    ['set', { cluster: 'set' }],
    ['person_t', { cluster: 'person', df: 'cluster' }],
  ] as const;
  for (const [name, options] of cases) {
    it(`clustered by ${name}`, () => {
      const panel = name === 'set' ? bySet : weighted;
      const res = diffInDiff(panel, options);
      const did = res.effect;
      const e = ref.did[name];
      expectClose(did.estimate, e.estimate, TOL, `${name} estimate`);
      expectClose(did.se, e.se, TOL, `${name} se`);
      expectClose(did.ci_low, e.ci_low, TOL, `${name} ci_low`);
      expectClose(did.ci_high, e.ci_high, TOL, `${name} ci_high`);
      expect(did.n_person_months).toBe(e.n_person_months);
      expect(did.n_persons).toBe(e.n_persons);
      expect(res.n_clusters).toBe(e.n_clusters);
      for (const c of e.cells) {
        const label = `${name} ${c.group} ${c.phase}`;
        const cell = res.rows.find((x) => x.term === 'mean' && x.group === c.group && x.phase === c.phase)!;
        expectClose(cell.estimate, c.estimate, TOL, `${label} mean`);
        expectClose(cell.se, c.se, TOL, `${label} se`);
        expectClose(cell.ci_low, c.ci_low, TOL, `${label} ci_low`);
        expectClose(cell.ci_high, c.ci_high, TOL, `${label} ci_high`);
        expectClose(cell.weight, c.weight, TOL, `${label} weight`);
        expect(cell.n_person_months, `${label} person-months`).toBe(c.n_person_months);
        expect(cell.n_persons, `${label} persons`).toBe(c.n_persons);
      }
    });
  }
});
