import { describe, expect, it } from 'vitest';
import { relationshipSurvival } from '../../src/contracts/index.js';
import { toDayNumber } from '../../src/io/dates.js';
import { SpecificationError } from '../../src/core/errors.js';
import { buildExport } from './build.js';

const d = toDayNumber;
const len = (a: string, b: string) => d(b) - d(a) + 1;

const exp = buildExport({
  persons: 8,
  observation: { start: '2015-01-01', end: '2020-12-31' },
  support: [
    { person: 0, start: '2016-01-01', end: null, employerType: 'regulier' },
    { person: 1, start: '2016-01-01', end: null, employerType: 'Pantar' },
    { person: 2, start: '2016-01-01', end: null, employerType: 'regulier' },
    { person: 4, start: '2015-01-01', end: null, employerType: 'regulier' },
    { person: 5, start: '2016-01-01', end: '2016-06-30', employerType: 'Pantar' },
    { person: 7, start: '2016-01-01', end: null, employerType: 'regulier' },
  ],
  jobs: [
    { person: 0, employer: 'A', start: '2016-02-01', end: '2016-04-30', contract: 'B' }, // ends: 90 days
    { person: 1, employer: 'A', start: '2016-03-01', end: null, contract: 'O' }, // runs to the data end
    { person: 2, employer: 'B', start: '2016-12-31', end: '2017-01-30', contract: 'B' }, // last day of the window
    { person: 2, employer: 'A', start: '2017-01-01', end: '2017-12-31', contract: 'B' }, // after the window
    { person: 4, employer: 'C', start: '2015-01-01', end: '2015-06-30', contract: 'B' }, // left-censored
    { person: 5, employer: 'D', start: '2016-01-01', end: '2016-12-31', contract: 'O' }, // outlives support
    { person: 6, employer: 'E', start: '2016-01-01', end: null, contract: 'B' }, // never supported
    { person: 7, employer: 'F', start: '2016-05-01', end: '2020-12-31', contract: 'O' }, // ends on the last observed day
  ],
});

function triples(res: ReturnType<typeof relationshipSurvival>) {
  return Array.from(res.data.time, (t, i) => [t, res.data.event[i], res.data.group[i]]);
}

describe('relationshipSurvival', () => {
  it('durations from start to end, right-censored at the end of observation (hand-worked)', () => {
    const res = relationshipSurvival(exp, { unit: 'days', group: 'employer-type' });
    expect(triples(res)).toEqual([
      [90, 1, 'regulier'],
      [len('2016-03-01', '2020-12-31'), 0, 'Pantar'],
      [31, 1, 'regulier'],
      [366, 1, 'Pantar'],
      [len('2016-05-01', '2020-12-31'), 0, 'regulier'],
    ]);
    expect(res.excluded).toEqual({ leftCensored: 1, startsAfterCensoring: 0 });
    expect(res.notes.join(' ')).toMatch(/1 left-censored/);
    // KM of 'regulier': events at 31 and 90 of 3 at risk, then censored
    const reg = res.fit.curves.find((c) => c.group === 'regulier')!;
    expect(reg.time).toEqual([31, 90, len('2016-05-01', '2020-12-31')]);
    expect(reg.surv[1]).toBeCloseTo((2 / 3) * (1 / 2), 12);
    expect(res.logRank?.test.df).toBe(1);
    expect(res.tests.map((t) => t.name)).toEqual(['log-rank']);
  });

  it('censoring at support end, left-censored kept on request, months as unit, contract groups', () => {
    const atSupportEnd = relationshipSurvival(exp, { unit: 'days', censorAt: 'support-end' });
    expect(triples(atSupportEnd)[3]).toEqual([len('2016-01-01', '2016-06-30'), 0, 'all']);
    const withLc = relationshipSurvival(exp, { unit: 'days', leftCensored: 'observation-start', group: 'first-contract' });
    expect(triples(withLc)).toContainEqual([181, 1, 'B']);
    expect(withLc.fit.curves.map((c) => [c.group, c.n])).toEqual([
      ['B', 3],
      ['O', 3],
    ]);
    const months = relationshipSurvival(exp);
    expect(months.data.time[0]).toBeCloseTo(90 / (365.25 / 12), 12);
  });

  it('calendar windows, optionally for everyone', () => {
    const supported = relationshipSurvival(exp, { unit: 'days', start: { from: '2016-01-01', to: '2016-01-31' } });
    expect(triples(supported)).toEqual([[366, 1, 'all']]);
    const all = relationshipSurvival(exp, { unit: 'days', start: { from: '2016-01-01', to: '2016-01-31' }, persons: 'all' });
    expect(triples(all)).toEqual([
      [366, 1, 'all'],
      [len('2016-01-01', '2020-12-31'), 0, 'all'],
    ]);
  });

  it('calendar window censored at support end: relationships without support in force are left out and counted', () => {
    const res = relationshipSurvival(exp, { unit: 'days', start: { from: '2016-01-01', to: '2016-12-31' }, persons: 'all', censorAt: 'support-end', group: 'employer-type' });
    // person 6 has no support; the others are censored at their (open) support end = observation end
    expect(res.excluded.startsAfterCensoring).toBe(1);
    expect(triples(res)).toEqual([
      [90, 1, 'regulier'],
      [len('2016-03-01', '2020-12-31'), 0, 'Pantar'],
      [31, 1, 'regulier'],
      [182, 0, 'Pantar'],
      [len('2016-05-01', '2020-12-31'), 0, 'regulier'],
    ]);
    expect(res.notes.join(' ')).toMatch(/1 relationship\(s\) starting after their censoring date/);
  });

  it('rejects impossible options', () => {
    expect(() => relationshipSurvival(exp, { windowMonths: 0 })).toThrow(SpecificationError);
    expect(() => relationshipSurvival(exp, { unit: 'weeks' as 'days' })).toThrow(SpecificationError);
    expect(() => relationshipSurvival(exp, { start: { from: '2017-01-01', to: '2016-01-01' } })).toThrow(SpecificationError);
  });
});
