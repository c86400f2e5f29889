import { describe, expect, it } from 'vitest';
import { employerTypeShares, supportCountsOnJanuaryFirst, tenureByEventTime, tenureShareSeries } from '../../src/contracts/index.js';
import { toDayNumber } from '../../src/io/dates.js';
import { SpecificationError } from '../../src/core/errors.js';
import type { PanelAnchors } from '../../src/panel/types.js';
import { buildExport } from './build.js';
import { fixture, wilsonRoots } from './fixture.js';

const d = toDayNumber;

describe('tenureShareSeries', () => {
  it('monthly share at or above 24 months on the last day of each month (hand-worked)', () => {
    const s = tenureShareSeries(fixture, { from: '2019-01', to: '2019-03' });
    // 31 Jan: persons 3 (24), 4 (left-censored, >= 48), 6 (31) of 7 with a relationship; 28 Feb: person 2 reaches 24
    expect(s.rows.map((r) => [r.month, r.date, r.count, r.n, r.n_left_censored, r.n_unknown, r.n_no_relationship, r.n_population])).toEqual([
      ['2019-01', '2019-01-31', 3, 7, 1, 0, 1, 8],
      ['2019-02', '2019-02-28', 4, 7, 1, 0, 1, 8],
      ['2019-03', '2019-03-31', 4, 7, 1, 0, 1, 8],
    ]);
    const [lo, hi] = wilsonRoots(3, 7);
    expect(s.rows[0].share).toBeCloseTo(3 / 7, 12);
    expect(s.rows[0].ci_low).toBeCloseTo(lo, 12);
    expect(s.rows[0].ci_high).toBeCloseTo(hi, 12);
  });

  it('first day of the month, groups, thresholds and unknown lower bounds', () => {
    // 1 Jan 2019: persons 1 and 3 are one day short of 6 and 24 months
    const first = tenureShareSeries(fixture, { from: '2019-01-15', to: '2019-01', day: 'first' });
    expect(first.rows.map((r) => [r.date, r.count, r.n])).toEqual([['2019-01-01', 2, 7]]);
    const byScheme = tenureShareSeries(fixture, { from: '2019-01', to: '2019-01', group: 'scheme' });
    expect(byScheme.rows.map((r) => [r.group, r.count, r.n])).toEqual([
      ['Participatiewet', 3, 6],
      ['Wsw', 0, 1],
    ]);
    // June 2016: left-censored persons 4 and 7 have a lower bound of 17 months
    expect(tenureShareSeries(fixture, { from: '2016-06', to: '2016-06' }).rows[0]).toMatchObject({ count: 0, n: 1, n_unknown: 2 });
    expect(tenureShareSeries(fixture, { from: '2016-06', to: '2016-06', threshold: 12 }).rows[0]).toMatchObject({ count: 2, n: 3, n_unknown: 0, n_left_censored: 2 });
  });

  it('rejects impossible ranges', () => {
    expect(() => tenureShareSeries(fixture, { from: '2019-03', to: '2019-01' })).toThrow(SpecificationError);
    expect(() => tenureShareSeries(fixture, { from: '2019-13', to: '2019-14' })).toThrow(SpecificationError);
    expect(() => tenureShareSeries(fixture, { from: '2019-01', to: '2019-02', threshold: 0 })).toThrow(SpecificationError);
  });
});

describe('tenureByEventTime', () => {
  it('counts months from the support start month; unobserved months are missing', () => {
    // everybody's first support starts January 2015, so k = 48 is 31 January 2019
    const res = tenureByEventTime(fixture, { months: [0, 48, 120] });
    const at = (k: number, bin: string) => res.rows.find((r) => r.event_time === k && r.bin === bin)!;
    // k = 0: the two left-censored relationships have a lower bound of 0 months
    expect([at(0, 'unknown').count, at(0, 'no relationship').count, at(0, 'no relationship').n]).toEqual([2, 7, 9]);
    // k = 48: as on 31 Jan 2019 plus person 7 (out of support then, but 'all' keeps anchored persons)
    expect([at(48, '> 2 years').count, at(48, '> 2 years').n, at(48, '> 2 years').n_left_censored]).toEqual([4, 8, 2]);
    // k = 120 is January 2025, after the data end: nobody observed
    expect(at(120, 'no relationship').n).toBe(0);
    expect(at(120, '> 2 years').note).toMatch(/nobody/);
    const inSupport = tenureByEventTime(fixture, { months: [48], population: 'in-support' });
    expect(inSupport.rows.find((r) => r.bin === '> 2 years')).toMatchObject({ count: 3, n: 7 });
  });

  it('employed population and support-attribute groups of the anchor trajectory', () => {
    const res = tenureByEventTime(fixture, { months: [48], population: 'employed', group: 'scheme', includeNoRelationship: true });
    // employed on 31 Jan 2019: persons 0-4, 6, 7 (Participatiewet) and 8 (Wsw)
    const top = (g: string) => res.rows.find((r) => r.group === g && r.bin === '> 2 years')!;
    expect([top('Participatiewet').count, top('Participatiewet').n]).toEqual([4, 7]);
    expect([top('Wsw').count, top('Wsw').n]).toEqual([0, 1]);
    expect(res.rows.find((r) => r.group === 'Participatiewet' && r.bin === 'no relationship')!.count).toBe(0);
  });

  it('uses given anchors and their groups', () => {
    const anchors: PanelAnchors = {
      person: Int32Array.from([0, 2]),
      start: Int32Array.from([d('2018-08-01'), d('2017-02-15')]),
      end: Int32Array.from([d('2020-01-01'), d('2020-01-01')]),
      group: Int32Array.from([0, 1]),
      groups: ['treated', 'control'],
    };
    const res = tenureByEventTime(fixture, { months: 6, anchors });
    const bin = (k: number, g: string) => res.rows.filter((r) => r.event_time === k && r.group === g && r.count === 1).map((r) => r.bin);
    // k = 0: 31 Aug 2018 (person 0, started 1 Aug 2018) and 28 Feb 2017 (person 2, started 1 Feb 2017)
    expect([bin(0, 'treated'), bin(0, 'control')]).toEqual([['< 6 months'], ['< 6 months']]);
    expect([bin(6, 'treated'), bin(6, 'control')]).toEqual([['6–12 months'], ['6–12 months']]);
    expect([bin(5, 'treated'), bin(5, 'control')]).toEqual([['< 6 months'], ['< 6 months']]);
  });
});

describe('employerTypeShares and supportCountsOnJanuaryFirst', () => {
  it('shares of employer types among persons in support', () => {
    const res = employerTypeShares(fixture, { at: ['2019-01-31', '2018-06-30'] });
    const get = (date: string, t: string) => res.rows.find((r) => r.date === date && r.employer_type === t)!;
    expect([get('2019-01-31', 'regulier').count, get('2019-01-31', 'regulier').n]).toEqual([7, 8]);
    expect(get('2019-01-31', 'Pantar').count).toBe(0);
    expect([get('2018-06-30', 'Pantar').count, get('2018-06-30', 'Pantar').n]).toEqual([1, 9]);
    const [lo, hi] = wilsonRoots(7, 8);
    expect(get('2019-01-31', 'regulier').ci_low).toBeCloseTo(lo, 12);
    expect(get('2019-01-31', 'regulier').ci_high).toBeCloseTo(hi, 12);
    const pw = employerTypeShares(fixture, { at: '2018-06-30', scheme: 'Participatiewet' });
    expect(pw.rows.map((r) => [r.scheme, r.employer_type, r.count, r.n])).toEqual([
      ['Participatiewet', 'regulier', 7, 8],
      ['Participatiewet', 'Pantar', 1, 8],
      ['Participatiewet', 'sociale firma', 0, 8],
    ]);
  });

  it('counts persons in support on 1 January per scheme; a person in two schemes counts once in the total', () => {
    const res = supportCountsOnJanuaryFirst(fixture);
    expect(res.totals.map((t) => t.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    const y = (year: number) => res.rows.filter((r) => r.year === year).map((r) => [r.scheme, r.count]);
    expect(y(2018)).toEqual([
      ['Participatiewet', 8],
      ['Wsw', 1],
    ]);
    expect(y(2019)).toEqual([
      ['Participatiewet', 7],
      ['Wsw', 1],
    ]);
    const both = buildExport({
      persons: 2,
      observation: { start: '2015-01-01', end: '2024-12-31' },
      support: [
        { person: 0, start: '2015-03-01', end: '2020-06-30', scheme: 'Wsw' },
        { person: 0, start: '2019-07-01', end: null, scheme: 'Participatiewet' },
        { person: 1, start: '2020-01-02', end: null, scheme: 'Participatiewet' },
      ],
    });
    const r = supportCountsOnJanuaryFirst(both, { years: [2020, 2016, 2021] });
    expect(r.rows.map((x) => [x.year, x.scheme, x.count])).toEqual([
      [2016, 'Wsw', 1],
      [2016, 'Participatiewet', 0],
      [2020, 'Wsw', 1],
      [2020, 'Participatiewet', 1],
      [2021, 'Wsw', 0],
      [2021, 'Participatiewet', 2],
    ]);
    expect(r.totals.map((x) => x.count)).toEqual([1, 1, 2]);
  });
});
