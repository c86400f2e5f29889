// attGt and aggregate on mpdta against (1) the published output of R `did` (vignette,
// 4 decimals), (2) 2×2 DiDs of cohort means computed directly from the rows, and (3) an
// independent base-R implementation of the DRDID / aggte formulas (tests/reference/r/staggered.R).
import { describe, expect, it } from 'vitest';
import { aggregate, attGt } from '../../src/index.js';
import { expectClose, readExpected } from '../reference/helpers.js';
import { meanChange, mpdta, MPDTA_COLUMNS } from './mpdta.js';

const rows = mpdta();
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

describe('R did vignette: att_gt(lemp ~ first.treat, xformla = ~1, mpdta)', () => {
  const att = attGt(rows, { columns: MPDTA_COLUMNS });
  it('ATT(g,t) to 4 decimals', () => {
    const published: [number, number, number][] = [
      [2004, 2004, -0.0105], [2004, 2005, -0.0704], [2004, 2006, -0.1373], [2004, 2007, -0.1008],
      [2006, 2004, 0.0065], [2006, 2005, -0.0028], [2006, 2006, -0.0046], [2006, 2007, -0.0412],
      [2007, 2004, 0.0305], [2007, 2005, -0.0027], [2007, 2006, -0.0311], [2007, 2007, -0.0261],
    ];
    expect(att.rows.map((r) => [r.group, r.time, round4(r.estimate)])).toEqual(published);
  });
  it('pre-trend Wald p-value 0.16812', () => {
    expect(att.tests[0].df).toBe(5);
    expect(Math.round(att.tests[0].p_value! * 1e5) / 1e5).toBe(0.16812);
  });
  it('the analytic SE of ATT(2004,2004) is near the published bootstrap SE 0.0233 (0.0237 in another run)', () => {
    expect(Math.abs(att.rows[0].se! - 0.0233)).toBeLessThan(0.001);
  });
  it('aggte: simple, dynamic, group and calendar', () => {
    expect(round4(aggregate(att, { type: 'simple' }).rows[0].estimate)).toBe(-0.04);
    const dyn = aggregate(att, { type: 'dynamic' }).rows;
    expect(dyn.map((r) => [r.event_time, round4(r.estimate)])).toEqual([
      [-3, 0.0305], [-2, -0.0006], [-1, -0.0245], [0, -0.0199], [1, -0.051], [2, -0.1373], [3, -0.1008], [null, -0.0772],
    ]);
    const grp = aggregate(att, { type: 'group' }).rows;
    // Cohort 2006: mean of ATT(2006,2006) and ATT(2006,2007) = (-0.0046 - 0.0412) / 2.
    expect(grp.map((r) => [r.group, round4(r.estimate)])).toEqual([[2004, -0.0797], [2006, -0.0229], [2007, -0.0261], [null, -0.031]]);
    const cal = aggregate(att, { type: 'calendar' }).rows;
    expect(cal.map((r) => [r.time, round4(r.estimate)])).toEqual([[2004, -0.0105], [2005, -0.0704], [2006, -0.0488], [2007, -0.0371], [null, -0.0417]]);
  });
  it('aggte simple SE near the published 0.0115–0.0118 (bootstrap)', () => {
    expect(Math.abs(aggregate(att, { type: 'simple' }).rows[0].se! - 0.0117)).toBeLessThan(0.0006);
  });
});

describe('R did vignette: xformla = ~lpop, est_method = "dr"', () => {
  const att = attGt(rows, { columns: { ...MPDTA_COLUMNS, covariates: ['lpop'] }, method: 'dr' });
  it('ATT(g,t) to 4 decimals and pre-test p-value 0.23267', () => {
    expect(att.rows.map((r) => round4(r.estimate))).toEqual([-0.0145, -0.0764, -0.1404, -0.1069, -0.0005, -0.0062, 0.001, -0.0413, 0.0267, -0.0046, -0.0284, -0.0288]);
    expect(Math.round(att.tests[0].p_value! * 1e5) / 1e5).toBe(0.23267);
  });
});

describe('reg without covariates is the 2×2 DiD of cohort means', () => {
  const cases = [
    { control: 'never', basePeriod: 'varying' },
    { control: 'not-yet', basePeriod: 'varying' },
    { control: 'never', basePeriod: 'universal' },
    { control: 'not-yet', basePeriod: 'universal' },
  ] as const;
  for (const c of cases) {
    it(`${c.control}, ${c.basePeriod}`, () => {
      const att = attGt(rows, { columns: MPDTA_COLUMNS, ...c });
      expect(att.rows.length).toBe(c.basePeriod === 'varying' ? 12 : 15);
      let baseRows = 0;
      let compared = 0;
      for (const r of att.rows) {
        const g = r.group;
        const t = r.time;
        const b = t >= g || c.basePeriod === 'universal' ? g - 1 : t - 1;
        if (b === t) {
          expect(r.estimate).toBe(0);
          expect(r.se).toBeNull();
          baseRows++;
          continue;
        }
        const control = (h: number) => h === 0 || (c.control === 'not-yet' && h > Math.max(t, b) && h !== g);
        const expected = meanChange(rows, (h) => h === g, t, b) - meanChange(rows, control, t, b);
        expect(Math.abs(r.estimate! - expected), `ATT(${g},${t})`).toBeLessThan(1e-12);
        compared++;
      }
      // A universal base period adds the base period (g − 1) of each of the three cohorts, normalised to 0.
      expect(baseRows).toBe(c.basePeriod === 'universal' ? 3 : 0);
      expect(compared).toBe(12);
    });
  }
});

interface RCase {
  cells: { group: number; time: number; estimate: number; se: number }[];
  aggregate: {
    simple: { estimate: number; se: number };
    dynamic: { e: number; estimate: number; se: number }[];
    dynamic_overall: { estimate: number; se: number };
    group: { group: number; estimate: number; se: number }[];
    group_overall: { estimate: number; se: number };
    calendar: { time: number; estimate: number; se: number }[];
    calendar_overall: { estimate: number; se: number };
  };
}

describe('base-R implementation of the DRDID and aggte formulas (tests/reference/r/staggered.R)', () => {
  const ref = readExpected<{ cases: Record<string, RCase> }>('staggered').cases;
  for (const [name, rc] of Object.entries(ref)) {
    it(name, () => {
      const [method, control, cov] = name.split('_') as ['reg' | 'ipw' | 'dr', 'never' | 'not-yet', string];
      const att = attGt(rows, { columns: { ...MPDTA_COLUMNS, covariates: cov === 'lpop' ? ['lpop'] : [] }, method, control });
      expect(att.rows.length).toBe(rc.cells.length);
      rc.cells.forEach((c, k) => {
        expect([att.rows[k].group, att.rows[k].time]).toEqual([c.group, c.time]);
        expectClose(att.rows[k].estimate, c.estimate, 1e-9, `${name} ATT(${c.group},${c.time})`);
        expectClose(att.rows[k].se, c.se, 1e-6, `${name} se(${c.group},${c.time})`);
      });
      const a = rc.aggregate;
      const simple = aggregate(att).rows[0];
      expectClose(simple.estimate, a.simple.estimate, 1e-9, `${name} simple`);
      expectClose(simple.se, a.simple.se, 1e-6, `${name} simple se`);
      const check = (type: 'dynamic' | 'group' | 'calendar', terms: { estimate: number; se: number }[], overall: { estimate: number; se: number }) => {
        const r = aggregate(att, { type }).rows;
        expect(r.length).toBe(terms.length + 1);
        [...terms, overall].forEach((x, j) => {
          expectClose(r[j].estimate, x.estimate, 1e-9, `${name} ${type}[${j}]`);
          expectClose(r[j].se, x.se, 1e-6, `${name} ${type}[${j}] se`);
        });
      };
      check('dynamic', a.dynamic, a.dynamic_overall);
      check('group', a.group, a.group_overall);
      check('calendar', a.calendar, a.calendar_overall);
    });
  }
});
