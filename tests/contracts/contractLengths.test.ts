import { describe, expect, it } from 'vitest';
import { completedMonths, contractLengths, employmentRelationships, tenureOnDate, type TenureBinRow } from '../../src/contracts/index.js';
import { shareWithWilson } from '../../src/contracts/wilson.js';
import { toDayNumber } from '../../src/io/dates.js';
import { SpecificationError } from '../../src/core/errors.js';
import { fixture, wilsonRoots } from './fixture.js';

const d = toDayNumber;
const utcDays = (y: number, m: number, day: number) => Date.UTC(y, m - 1, day) / 86_400_000;

function byBin(rows: readonly TenureBinRow[], group = 'all'): Record<string, [number, number]> {
  return Object.fromEntries(rows.filter((r) => r.group === group).map((r) => [r.bin, [r.count, r.n]]));
}

describe('tenure helpers', () => {
  it('completed months follow the anniversary rule', () => {
    expect(completedMonths(d('2019-01-15'), d('2019-07-14'))).toBe(5);
    expect(completedMonths(d('2019-01-15'), d('2019-07-15'))).toBe(6);
    expect(completedMonths(d('2019-01-31'), d('2019-02-28'))).toBe(0);
    expect(completedMonths(d('2019-01-31'), d('2019-03-30'))).toBe(1);
    expect(completedMonths(d('2019-01-31'), d('2019-03-31'))).toBe(2);
    expect(completedMonths(d('2020-02-29'), d('2022-02-28'))).toBe(23);
    expect(completedMonths(d('2020-02-29'), d('2022-03-01'))).toBe(24);
    expect(completedMonths(d('2019-01-01'), d('2019-01-01'))).toBe(0);
  });

  it('tenureOnDate: days since start, longest or most recent relationship, lower bounds flagged', () => {
    const rel = employmentRelationships(fixture);
    const day = d('2019-01-31');
    const t = tenureOnDate(rel, day);
    expect(t.days[0]).toBe(utcDays(2019, 1, 31) - utcDays(2018, 8, 1));
    expect(Array.from(t.months)).toEqual([5, 6, 23, 24, 48, -1, 31, 48, 11]);
    expect(Array.from(t.leftCensored)).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0]);
    expect(tenureOnDate(rel, day, { pick: 'most-recent' }).months[6]).toBe(1);
    // the start day itself is tenure 0; the day before the start there is no relationship
    expect(tenureOnDate(rel, d('2018-08-01')).days[0]).toBe(0);
    expect(tenureOnDate(rel, d('2018-07-31')).relationship[0]).toBe(-1);
  });
});

describe('contractLengths', () => {
  it('bins current tenure of persons in support (hand-worked)', () => {
    const res = contractLengths(fixture, { at: '20190131' });
    // in support: persons 0-6 and 8; person 5 has no job. Binned: 0 (<6), 1 and 8 (6-12), 2 (1-2y), 3, 4, 6 (>2y)
    expect(byBin(res.rows)).toEqual({
      '< 6 months': [1, 7],
      '6–12 months': [2, 7],
      '1–2 years': [1, 7],
      '> 2 years': [3, 7],
      unknown: [0, 7],
      'no relationship': [1, 8],
    });
    const top = res.rows.find((r) => r.bin === '> 2 years')!;
    expect(top.date).toBe('2019-01-31');
    expect(top.n_left_censored).toBe(1); // person 4: lower bound 48 months already beyond 24
    expect(top.estimate).toBeCloseTo(3 / 7, 12);
    const [lo, hi] = wilsonRoots(3, 7);
    expect(top.ci_low).toBeCloseTo(lo, 12);
    expect(top.ci_high).toBeCloseTo(hi, 12);
    expect(top.method).toBe('wilson');
    expect(top.n_persons).toBe(7);
    expect(res.summaries[0]).toMatchObject({ n_population: 8, n_no_relationship: 1, n_unknown: 0, n_binned: 7 });
  });

  it('left-censored tenure below the top edge is unknown, never guessed', () => {
    // 2016-06-30: persons 4 and 7 are left-censored with lower bound 17 months; person 6 started 2016-06-01
    const res = contractLengths(fixture, { at: '2016-06-30' });
    expect(byBin(res.rows)).toEqual({
      '< 6 months': [1, 1],
      '6–12 months': [0, 1],
      '1–2 years': [0, 1],
      '> 2 years': [0, 1],
      unknown: [2, 3],
      'no relationship': [6, 9],
    });
  });

  it('groups by scheme, employer type and person covariate; pick and populations', () => {
    const byScheme = contractLengths(fixture, { at: '2019-01-31', group: 'scheme' });
    expect(byBin(byScheme.rows, 'Participatiewet')['> 2 years']).toEqual([3, 6]);
    expect(byBin(byScheme.rows, 'Wsw')['6–12 months']).toEqual([1, 1]);
    const byType = contractLengths(fixture, { at: '2019-01-31', group: 'employer-type', population: 'employed' });
    // employed: 0-4, 6, 7, 8; person 7's support ended, so it has no support attribute
    expect(byBin(byType.rows, '(no support)')['> 2 years']).toEqual([1, 1]);
    expect(byBin(byType.rows, 'regulier')['> 2 years']).toEqual([3, 6]);
    const byRegion = contractLengths(fixture, { at: '2019-01-31', group: { covariate: 'region' } });
    expect(byBin(byRegion.rows, 'Noord')).toMatchObject({ '< 6 months': [1, 3], '6–12 months': [1, 3], '> 2 years': [1, 3] });
    expect(byBin(byRegion.rows, '(missing)')['no relationship']).toEqual([1, 1]);
    const recent = contractLengths(fixture, { at: '2019-01-31', pick: 'most-recent' });
    expect(byBin(recent.rows)['< 6 months']).toEqual([2, 7]);
    const withNone = contractLengths(fixture, { at: '2019-01-31', includeNoRelationship: true });
    expect(byBin(withNone.rows)['> 2 years']).toEqual([3, 8]);
    const mask = new Uint8Array(9);
    mask[7] = 1;
    expect(byBin(contractLengths(fixture, { at: '2019-01-31', population: mask }).rows)['> 2 years']).toEqual([1, 1]);
    const onlyWsw = contractLengths(fixture, { at: '2019-01-31', scheme: 'Wsw' });
    expect(byBin(onlyWsw.rows)['6–12 months']).toEqual([1, 1]);
  });

  it('custom edges and several dates', () => {
    const res = contractLengths(fixture, { at: ['2019-01-31', d('2016-06-30')], bins: [12] });
    expect(res.spec.bins.labels).toEqual(['< 1 year', '> 1 year']);
    expect(res.rows.filter((r) => r.date === '2019-01-31').map((r) => [r.bin, r.count])).toEqual([
      ['< 1 year', 3],
      ['> 1 year', 4],
      ['unknown', 0],
      ['no relationship', 1],
    ]);
    // 2016-06-30: the two left-censored lower bounds (17 months) pass the top edge of 12
    expect(res.rows.find((r) => r.date === '2016-06-30' && r.bin === '> 1 year')).toMatchObject({ count: 2, n: 3, n_left_censored: 2 });
    expect(res.toTable().numRows()).toBe(8);
  });

  it('empty cells have a null estimate with a note', () => {
    const res = contractLengths(fixture, { at: '2014-06-30' });
    expect(res.rows).toHaveLength(0);
    expect(res.notes.join(' ')).toMatch(/Outside the observation period.*2014-06-30/);
    const empty = contractLengths(fixture, { at: '2016-06-30', scheme: 'Wsw' });
    const r = empty.rows.find((x) => x.bin === '> 2 years')!;
    expect(r.n).toBe(0);
    expect(r.estimate).toBeNull();
    expect(r.note).toMatch(/nobody/);
  });

  it('rejects bad options', () => {
    expect(() => contractLengths(fixture, { at: '2019-02-30' })).toThrow(SpecificationError);
    expect(() => contractLengths(fixture, { at: [] })).toThrow(SpecificationError);
    expect(() => contractLengths(fixture, { at: '2019-01-31', bins: [12, 6] })).toThrow(SpecificationError);
    expect(() => contractLengths(fixture, { at: '2019-01-31', group: { covariate: 'nope' } })).toThrow(SpecificationError);
    expect(() => contractLengths(fixture, { at: '2019-01-31', scheme: 'Bijstand' })).toThrow(SpecificationError);
    expect(() => contractLengths(fixture, { at: '2019-01-31', level: 95 })).toThrow(SpecificationError);
    expect(() => contractLengths(fixture, { at: '2019-01-31', pick: 'support-employer' as 'longest' })).toThrow(SpecificationError);
  });
});

describe('shareWithWilson', () => {
  it('matches the quadratic roots and handles the edges', () => {
    for (const [k, n] of [[0, 10], [10, 10], [3, 7], [27, 100], [1, 1]] as const) {
      const s = shareWithWilson(k, n, 0.95);
      const [lo, hi] = wilsonRoots(k, n);
      expect(s.ci_low).toBeCloseTo(lo, 12);
      expect(s.ci_high).toBeCloseTo(hi, 12);
    }
    expect(shareWithWilson(0, 0, 0.95).estimate).toBeNull();
  });
});
