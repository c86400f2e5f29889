import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import { DataError, SpecificationError } from '../../src/core/errors.js';
import { applyOutputControl } from '../../src/disclose/index.js';

const estimateRow = (phase: string, n_persons: number) => ({
  phase,
  estimate: 0.3,
  se: 0.02,
  ci_low: 0.26,
  ci_high: 0.34,
  level: 0.95,
  method: 'cr1-cluster-person',
  n_persons,
  n_person_months: n_persons * 12,
});

describe('primary suppression: minimum persons', () => {
  it('withholds every value of a row with fewer than 10 persons and keeps its labels', () => {
    // The implied-count check is off here, to look at the person threshold alone (see below).
    const result = applyOutputControl([estimateRow('before', 9), estimateRow('after', 10)], { impliedCounts: false });
    expect(result.rows[0]).toEqual({
      phase: 'before',
      estimate: null,
      se: null,
      ci_low: null,
      ci_high: null,
      level: 0.95,
      method: 'cr1-cluster-person',
      n_persons: null,
      n_person_months: null,
      suppressed: true,
      suppression_reason: 'primary:min-persons',
    });
    expect(result.rows[1]).toEqual({ ...estimateRow('after', 10), suppressed: false, suppression_reason: null });
    expect(result.report.rules.personsColumn).toBe('n_persons');
    expect(result.report.rowsWithheld).toBe(1);
    expect(result.report.cellsWithheld).toBe(6);
    expect(result.report.byReason['primary:min-persons']).toEqual({ rows: 1, cells: 6 });
    expect(result.report.valueCellsBefore).toBe(12);
    expect(result.report.valueCellsAfter).toBe(6);
  });

  it('with the defaults, a share of 10 persons is withheld too: 0.3 × 10 implies 3 persons', () => {
    const result = applyOutputControl([estimateRow('before', 9), estimateRow('after', 10), estimateRow('during', 40)]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:min-persons; primary:implied-count', 'primary:implied-count', null]);
    expect(result.report.rules.impliedCounts).toEqual([{ column: 'estimate', denominator: 'n_persons', scale: 1, detected: true }]);
  });

  it('takes the threshold and the person column from the rules', () => {
    const rows = [
      { time: 12, survival: 0.9, n_risk: 6 },
      { time: 24, survival: 0.8, n_risk: 4 },
    ];
    const result = applyOutputControl(rows, { personsColumn: 'n_risk', minPersons: 5, countColumns: [] });
    expect(result.rows.map((r) => r.survival)).toEqual([0.9, null]);
    expect(result.rows.map((r) => r.time)).toEqual([12, 24]);
  });

  it('treats an arquero table like the same rows as objects', () => {
    const rows = [estimateRow('before', 3), estimateRow('after', 30)];
    expect(applyOutputControl(from(rows)).rows).toEqual(applyOutputControl(rows).rows);
  });
});

describe('primary suppression: counts', () => {
  it('withholds a proportion whose count of persons with the property is below 10', () => {
    const result = applyOutputControl([
      { group: 'A', n: 100, count: 9, estimate: 0.09 },
      { group: 'B', n: 100, count: 10, estimate: 0.1 },
    ]);
    expect(result.rows.map((r) => r.estimate)).toEqual([null, 0.1]);
    expect(result.rows[0].suppression_reason).toBe('primary:min-count');
  });

  it('withholds a rate near 100 % whose complement has fewer than 10 persons, unless turned off', () => {
    const rows = [
      { group: 'A', n: 100, count: 95, estimate: 0.95 },
      { group: 'B', n: 100, count: 90, estimate: 0.9 },
    ];
    const result = applyOutputControl(rows);
    expect(result.rows.map((r) => r.estimate)).toEqual([null, 0.9]);
    expect(result.rows[0].suppression_reason).toBe('primary:min-count-complement');
    expect(applyOutputControl(rows, { complementCounts: false }).rows.map((r) => r.estimate)).toEqual([0.95, 0.9]);
  });

  it('does not treat a rate as derived when it is not count / n', () => {
    const rows = [{ group: 'A', n: 100, count: 95, estimate: 0.4 }];
    const result = applyOutputControl(rows);
    expect(result.report.rules.rates).toEqual([]);
    expect(result.rows[0].estimate).toBe(0.4);
    expect(() => applyOutputControl(rows, { rates: [{ rate: 'estimate', count: 'count', denominator: 'n' }] })).toThrow(/not count \/ n/);
  });
});

describe('primary suppression: minima and maxima', () => {
  const rows = [{ group: 'A', n: 50, mean: 3.2, min: 1, max: 9, tenure_max: 40 }];
  it('drops min/max columns from the output and reports them', () => {
    const result = applyOutputControl(rows);
    expect(result.columns).toEqual(['group', 'n', 'mean', 'suppressed', 'suppression_reason']);
    expect(result.rows[0]).toEqual({ group: 'A', n: 50, mean: 3.2, suppressed: false, suppression_reason: null });
    expect(result.report.removedColumns).toEqual(['min', 'max', 'tenure_max']);
    expect(result.report.byReason['primary:min-max']).toEqual({ rows: 0, cells: 3 });
  });
  it('refuses the table when asked to', () => {
    expect(() => applyOutputControl(rows, { minMax: 'refuse' })).toThrow(SpecificationError);
    expect(() => applyOutputControl(rows, { minMax: 'refuse' })).toThrow(/"min", "max", "tenure_max"/);
  });
});

describe('primary suppression: percentiles', () => {
  const rows = [
    { group: 'A', n: 40, mean: 20, median: 18, median_ci_low: 12, median_ci_high: 25, n_below: 9, n_above: 30 },
    { group: 'B', n: 40, mean: 21, median: 19, median_ci_low: 13, median_ci_high: 26, n_below: 15, n_above: 10 },
  ];
  it('withholds a median (and its interval) without 10 persons on each side, keeping the rest of the row', () => {
    const result = applyOutputControl(rows);
    expect(result.rows[0]).toEqual({ group: 'A', n: 40, mean: 20, median: null, median_ci_low: null, median_ci_high: null, n_below: null, n_above: null, suppressed: true, suppression_reason: 'primary:percentile-sides' });
    expect(result.rows[1]).toEqual({ ...rows[1], suppressed: false, suppression_reason: null });
    expect(result.report.rowsPartlyWithheld).toBe(1);
    expect(result.report.byReason['primary:percentile-sides']).toEqual({ rows: 1, cells: 5 });
  });
  it('refuses a median without the counts on each side, naming the missing column', () => {
    const bare = rows.map(({ n_below: _b, n_above: _a, ...rest }) => rest);
    expect(() => applyOutputControl(bare)).toThrow(SpecificationError);
    expect(() => applyOutputControl(bare)).toThrow(/"n_below"/);
  });
  it('uses explicit percentile rules with their own threshold', () => {
    const result = applyOutputControl(
      [{ group: 'A', n: 40, p25: 3, below25: 6, above25: 30 }],
      { percentiles: [{ columns: ['p25'], below: 'below25', above: 'above25', minEachSide: 5 }], countColumns: [] },
    );
    expect(result.rows[0].p25).toBe(3);
  });
});

describe('refusals', () => {
  it('refuses a table without a person-count column, naming it', () => {
    const rows = [{ phase: 'before', estimate: 0.3, se: 0.01 }];
    expect(() => applyOutputControl(rows)).toThrow(SpecificationError);
    expect(() => applyOutputControl(rows)).toThrow(/"n_persons"/);
    expect(() => applyOutputControl(rows, { personsColumn: 'persons' })).toThrow(/no column "persons"/);
  });
  it('refuses a row whose person count is not a number, naming row and column', () => {
    const rows = [estimateRow('before', 40), { ...estimateRow('after', 40), n_persons: '40' }];
    try {
      applyOutputControl(rows);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).row).toBe(2);
      expect((e as DataError).column).toBe('n_persons');
    }
  });
  it('refuses to control an already controlled table', () => {
    const once = applyOutputControl([estimateRow('before', 40)]);
    expect(() => applyOutputControl([...once.rows])).toThrow(/already/);
  });
});

describe('defaults on the shapes other stages produce', () => {
  it('keeps numeric bin labels of a tenure distribution and withholds its values', () => {
    const bin = (label: string, index: number, from: number, to: number | null, count: number, n: number) => ({
      group: 'supported', bin: label, bin_index: index, months_from: from, months_to: to, count, n, n_left_censored: 0, share: count / n,
      estimate: count / n, se: 0.01, ci_low: 0, ci_high: 1, level: 0.95, method: 'wilson', n_persons: n, n_person_months: n,
    });
    const result = applyOutputControl([bin('< 1 year', 0, 0, 12, 40, 100), bin('> 2 years', 2, 24, null, 4, 100)]);
    expect(result.report.rules.labelColumns).toEqual(['group', 'bin', 'bin_index', 'months_from', 'months_to', 'level', 'method']);
    expect(result.rows[1]).toMatchObject({ bin: '> 2 years', bin_index: 2, months_from: 24, months_to: null, count: null, share: null, estimate: null, suppression_reason: 'primary:min-count' });
    expect(result.rows[0].share).toBe(0.4);
  });

  it('takes the number at risk as person count of a survival table, and checks the events at each step', () => {
    const km = [
      { group: 'A', time: 6, n_risk: 80, n_event: 12, n_censor: 3, surv: 0.85 },
      { group: 'A', time: 7, n_risk: 65, n_event: 2, n_censor: 1, surv: 0.82 },
      { group: 'A', time: 30, n_risk: 8, n_event: 10, n_censor: 0, surv: 0.4 },
    ];
    const result = applyOutputControl(km);
    expect(result.report.rules.personsColumn).toBe('n_risk');
    expect(result.rows.map((r) => r.surv)).toEqual([0.85, null, null]);
    expect(result.rows.map((r) => r.time)).toEqual([6, 7, 30]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual([null, 'primary:min-count', 'primary:min-persons']);
  });
});
