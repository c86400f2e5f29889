// Options, bad input and the bootstrap of attGt / aggregate.
import { describe, expect, it } from 'vitest';
import { aggregate, attGt, DataError, normalCritical, SpecificationError, staggeredPanel } from '../../src/index.js';
import { mpdta, MPDTA_COLUMNS } from './mpdta.js';
import { simulatePanel } from './simulate.js';

const rows = mpdta();
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
};

describe('options', () => {
  it('refuses unknown options with the nearest name', () => {
    expect(message(() => attGt(rows, { columns: MPDTA_COLUMNS, contrl: 'never' } as never))).toBe(
      'SpecificationError: attGt: unknown option "contrl"; did you mean "control"? Valid options: allowUnbalanced, anticipation, basePeriod, bootstrap, columns, control, engine, level, method',
    );
    const att = attGt(rows, { columns: MPDTA_COLUMNS });
    expect(message(() => aggregate(att, { type: 'dynamic', maxe: 2 } as never))).toMatch(/^SpecificationError: aggregate: unknown option "maxe"; did you mean "maxE"\?/);
    expect(message(() => aggregate(att, { type: 'event' as never }))).toBe("SpecificationError: aggregate: type must be 'simple', 'dynamic', 'group' or 'calendar', got the string \"event\"");
  });
  it('refuses impossible values', () => {
    expect(() => attGt(rows, { columns: MPDTA_COLUMNS, method: 'ols' as never })).toThrow(SpecificationError);
    expect(() => attGt(rows, { columns: MPDTA_COLUMNS, anticipation: -1 })).toThrow(SpecificationError);
    expect(() => attGt(rows, { columns: MPDTA_COLUMNS, level: 95 })).toThrow(SpecificationError);
    expect(() => attGt(rows, { columns: MPDTA_COLUMNS, bootstrap: { replications: 1 } })).toThrow(SpecificationError);
    expect(() => attGt(rows)).toThrow(SpecificationError);
    expect(message(() => attGt(rows, { columns: MPDTA_COLUMNS, allowUnbalanced: 'yes' as never }))).toBe('SpecificationError: attGt: allowUnbalanced must be true or false, got the string "yes"');
  });
  it('never-treated comparison needs never-treated persons; not-yet works without them', () => {
    const treatedOnly = rows.filter((r) => r['first.treat'] !== 0);
    expect(message(() => attGt(treatedOnly, { columns: MPDTA_COLUMNS }))).toBe("SpecificationError: attGt: there are no never-treated persons; use control: 'not-yet'");
    const res = attGt(treatedOnly, { columns: MPDTA_COLUMNS, control: 'not-yet' });
    // Cohort 2007 has no not-yet-treated comparison in 2007 (nobody is treated later).
    const last = res.rows.find((r) => r.group === 2007 && r.time === 2007)!;
    expect(last.estimate).toBeNull();
    expect(last.note).toBe('no comparison persons');
    expect(res.notes.some((n) => n.includes('could not be estimated'))).toBe(true);
  });
});

describe('input', () => {
  it('names the row, column and value of bad input', () => {
    const bad = rows.map((r, i) => (i === 7 ? { ...r, lemp: 'x' } : r));
    const err = (() => {
      try {
        attGt(bad, { columns: MPDTA_COLUMNS });
      } catch (e) {
        return e;
      }
    })() as DataError;
    expect(err).toBeInstanceOf(DataError);
    expect([err.row, err.column, err.value]).toEqual([8, 'lemp', 'x']);
    expect(() => attGt(rows, { columns: { ...MPDTA_COLUMNS, outcome: 'lempp' } })).toThrow(DataError);
    const dup = [...rows, rows[0]];
    expect(message(() => attGt(dup, { columns: MPDTA_COLUMNS }))).toMatch(/row 2501, column "year": got 2003, expected one row per person and period/);
    const changing = rows.map((r, i) => (i === 1 ? { ...r, 'first.treat': 2006 } : r));
    expect(message(() => attGt(changing, { columns: MPDTA_COLUMNS }))).toMatch(/expected the same cohort in every row of person 8001/);
  });
  it('counts persons left out: unbalanced, treated at the start; late cohorts are never treated', () => {
    const rows2 = rows.filter((r) => !(r.countyreal === 8001 && r.year === 2005));
    rows2.push({ year: 2003, countyreal: 1, lpop: 1, lemp: 1, 'first.treat': 2003 }, { year: 2004, countyreal: 1, lpop: 1, lemp: 1, 'first.treat': 2003 });
    const p = staggeredPanel(rows2, MPDTA_COLUMNS);
    expect(p.n).toBe(499);
    expect(p.dropped).toEqual({ unbalanced: 2, treatedAtStart: 0 });
    const p2 = staggeredPanel(rows, { ...MPDTA_COLUMNS }, 1);
    // With one period of anticipation, cohort 2004 (20 counties) counts as treated from the first period.
    expect(p2.dropped.treatedAtStart).toBe(20);
    const late = rows.map((r) => (r['first.treat'] === 2007 ? { ...r, 'first.treat': 2009 } : r));
    const att = attGt(late, { columns: MPDTA_COLUMNS });
    expect(att.rows.every((r) => r.group !== 2009)).toBe(true);
    expect(att.notes).toContain('131 persons first treated after the last period count as never treated');
  });
});

describe('multiplier bootstrap (Mammen weights, person engine)', () => {
  const boot = attGt(rows, { columns: MPDTA_COLUMNS, bootstrap: { replications: 999, seed: 11 }, engine: 'person' });
  const analytic = attGt(rows, { columns: MPDTA_COLUMNS });
  it('bootstrap SEs are close to the analytic ones; same seed, same numbers', () => {
    boot.rows.forEach((r, k) => expect(Math.abs(r.se! / analytic.rows[k].se! - 1)).toBeLessThan(0.12));
    const again = attGt(rows, { columns: MPDTA_COLUMNS, bootstrap: { replications: 999, seed: 11 }, engine: 'person' });
    expect(again.rows.map((r) => r.band_low)).toEqual(boot.rows.map((r) => r.band_low));
  });
  it('the simultaneous critical value lies between the pointwise and the Bonferroni one', () => {
    const c = boot.spec.critical!;
    expect(c).toBeGreaterThan(normalCritical(0.95));
    expect(c).toBeLessThan(normalCritical(1 - 0.05 / 12));
    for (const r of boot.rows) {
      expect(r.band_low!).toBeCloseTo(r.estimate! - c * r.se!, 12);
      expect(r.band_low!).toBeLessThan(r.ci_low!);
    }
    expect(analytic.rows.every((r) => r.band_low === null)).toBe(true);
  });
});

describe('the two engines', () => {
  it('person and cohort engines agree on estimates, SEs, the pre-trend test and every aggregate', () => {
    let aggregateSes = 0;
    let aggregateNullSes = 0;
    for (const control of ['never', 'not-yet'] as const) {
      for (const basePeriod of ['varying', 'universal'] as const) {
        const opts = { columns: MPDTA_COLUMNS, control, basePeriod };
        const a = attGt(rows, { ...opts, engine: 'person' });
        const b = attGt(rows, { ...opts, engine: 'cohort' });
        expect([a.spec.engine, b.spec.engine]).toEqual(['person', 'cohort']);
        let nullSes = 0;
        let compared = 0;
        a.rows.forEach((r, k) => {
          expect(Math.abs(r.estimate! - b.rows[k].estimate!)).toBeLessThan(1e-12);
          if (r.se === null) {
            expect(b.rows[k].se).toBeNull();
            nullSes++;
          } else {
            expect(Math.abs(r.se - b.rows[k].se!) / r.se).toBeLessThan(1e-9);
            compared++;
          }
        });
        // Only the base periods of a universal base (one per cohort of mpdta) have no SE; the other SEs are compared.
        expect(nullSes).toBe(basePeriod === 'universal' ? 3 : 0);
        expect(compared).toBe(12);
        expect(Math.abs(a.tests[0].statistic! - b.tests[0].statistic!)).toBeLessThan(1e-8);
        for (const type of ['simple', 'dynamic', 'group', 'calendar'] as const) {
          const x = aggregate(a, { type }).rows;
          const y = aggregate(b, { type }).rows;
          x.forEach((r, j) => {
            expect(Math.abs(r.estimate - y[j].estimate)).toBeLessThan(1e-12);
            if (r.se === null) {
              expect(y[j].se).toBeNull();
              aggregateNullSes++;
            } else {
              expect(Math.abs(r.se - y[j].se!) / r.se).toBeLessThan(1e-9);
              aggregateSes++;
            }
          });
        }
      }
    }
    // Most aggregates have an SE; a few (e.g. an event time made only of normalised base periods) have none.
    expect(aggregateSes).toBeGreaterThan(20);
    expect(aggregateNullSes).toBeGreaterThan(0);
  });
  it('weighted, non-binary outcomes: the engines still agree', () => {
    const weighted = rows.map((r) => ({ ...r, w: 1 + (r.countyreal % 7) / 3 }));
    const opts = { columns: { ...MPDTA_COLUMNS, weight: 'w' }, control: 'not-yet' as const };
    const a = attGt(weighted, { ...opts, engine: 'person' });
    const b = attGt(weighted, { ...opts, engine: 'cohort' });
    a.rows.forEach((r, k) => {
      expect(Math.abs(r.estimate! - b.rows[k].estimate!)).toBeLessThan(1e-12);
      expect(Math.abs(r.se! - b.rows[k].se!) / r.se!).toBeLessThan(1e-9);
    });
    const x = aggregate(a, { type: 'dynamic' }).rows;
    const y = aggregate(b, { type: 'dynamic' }).rows;
    x.forEach((r, j) => expect(Math.abs(r.se! - y[j].se!) / r.se!).toBeLessThan(1e-9));
  });
  it('0/1 outcomes use bit sets and agree with the person engine; the Gaussian band lies between pointwise and Bonferroni', () => {
    const binary = rows.map((r) => ({ ...r, y: r.lemp > 5 ? 1 : 0 }));
    const opts = { columns: { ...MPDTA_COLUMNS, outcome: 'y' } };
    const a = attGt(binary, { ...opts, engine: 'person' });
    const b = attGt(binary, { ...opts, engine: 'cohort', bootstrap: { replications: 2000, seed: 4 } });
    a.rows.forEach((r, k) => expect(Math.abs(r.se! - b.rows[k].se!) / r.se!).toBeLessThan(1e-9));
    expect(b.spec.critical!).toBeGreaterThan(normalCritical(0.95));
    expect(b.spec.critical!).toBeLessThan(normalCritical(1 - 0.05 / 12));
    expect(b.notes.some((n) => n.startsWith('bootstrap: Gaussian multipliers'))).toBe(true);
    expect(() => attGt(rows, { columns: { ...MPDTA_COLUMNS, covariates: ['lpop'] }, engine: 'cohort' })).toThrow(SpecificationError);
  });
});

describe('pre-trend test with very many pre-treatment cells', () => {
  it('uses the event-time averages, identically in both engines', () => {
    const panel = simulatePanel(3, { n: 1500, T: 32, cohorts: Array.from({ length: 30 }, (_, j) => j + 3), share: 0.6 });
    const p0 = { ...panel, covariateNames: [], covariates: new Float64Array(0) };
    const a = attGt(p0, { engine: 'person' });
    const b = attGt(p0, { engine: 'cohort' });
    const pre = a.rows.filter((r) => r.time < r.group).length;
    expect(pre).toBeGreaterThan(400);
    expect(a.tests[0].name).toBe('pre-trend (joint Wald, event-time averages)');
    expect(a.tests[0].df).toBe(30); // e = -30 … -1
    expect(a.tests[0].note).toBe(`${pre} pre-treatment ATT(g,t): the test uses their 30 event-time averages`);
    expect(Math.abs(a.tests[0].statistic! - b.tests[0].statistic!) / a.tests[0].statistic!).toBeLessThan(1e-8);
    // The averages are the dynamic aggregation's pre-treatment terms (varying base period).
    const dyn = aggregate(a, { type: 'dynamic', maxE: -1 }).rows.filter((r) => r.term === 'event_time');
    expect(dyn.length).toBe(30);
    // No pre-trend in the simulation: the test does not reject at 0.1 %.
    expect(a.tests[0].p_value!).toBeGreaterThan(0.001);
  });
});

describe('pre-trend test with a (nearly) singular covariance', () => {
  it('two cohorts of two persons share comparison changes: falls back to event-time averages', () => {
    const base = simulatePanel(5, { n: 200, T: 8, cohorts: [7], share: 0.5 });
    const cohort = Float64Array.from({ length: 200 }, (_, i) => (i < 2 ? 7 : i < 4 ? 8 : Infinity));
    const panel = { ...base, cohort, covariateNames: [], covariates: new Float64Array(0) };
    for (const engine of ['person', 'cohort'] as const) {
      const t = attGt(panel, { engine }).tests[0];
      // 11 pre-treatment cells, but rank ≤ 6 comparison changes + 1 + 1 treated directions.
      expect(t.name).toBe('pre-trend (joint Wald, event-time averages)');
      expect(t.note).toMatch(/^the covariance of the 11 pre-treatment ATT\(g,t\) is \(nearly\) singular/);
      expect(t.df).toBe(6);
    }
  });
});
