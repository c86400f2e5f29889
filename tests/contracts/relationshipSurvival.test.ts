import { describe, expect, it } from 'vitest';
import { employmentRelationships, relationshipSurvival } from '../../src/contracts/index.js';
import { formatIsoDate, toDayNumber } from '../../src/io/dates.js';
import { loadCbsExport } from '../../src/io/load.js';
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

describe('relationshipSurvival: relationships already running when the data begin', () => {
  // Observation from 2015-01-01; the source reports starts before it for persons 0 and 3.
  const lt = buildExport({
    persons: 5,
    observation: { start: '2015-01-01', end: '2020-12-31' },
    jobs: [
      { person: 0, employer: 'A', start: '2012-03-01', end: '2016-02-29' }, // reported start before the data: delayed entry
      { person: 1, employer: 'B', start: '2015-01-01', end: '2016-06-30' }, // on the first day, no earlier start reported: left-censored
      { person: 2, employer: 'C', start: '2015-06-01', end: null }, // starts inside the data
      { person: 3, employer: 'D', start: '2014-12-31', end: '2015-01-10' }, // one day before the data
      { person: 4, employer: 'E', start: '2009-05-01', end: '2015-12-31' }, // reported start outside the window
    ],
  });
  const window = { start: { from: '2010-01-01', to: '2016-12-31' }, persons: 'all', unit: 'days' } as const;
  const obs = d('2015-01-01');

  it('enter with delayed entry at the duration reached on the first observed day (hand-worked)', () => {
    const res = relationshipSurvival(lt, window);
    const rows = Array.from(res.data.time, (t, i) => [res.data.entry[i], t, res.data.event[i]]);
    expect(rows).toEqual([
      [obs - d('2012-03-01'), len('2012-03-01', '2016-02-29'), 1],
      [0, len('2015-06-01', '2020-12-31'), 0],
      [1, 11, 1],
    ]);
    expect(res.delayedEntry).toBe(2);
    expect(res.excluded.leftCensored).toBe(1);
    expect(res.notes.join(' ')).toMatch(/2 relationship\(s\) already running when the data begin, with the start the source reports, enter with delayed entry/);
    expect(res.notes.join(' ')).toMatch(/1 left-censored relationship\(s\) \(running when the data begin, no start reported\) excluded/);
  });

  it('the Kaplan–Meier risk sets hold a relationship only from its entry on', () => {
    const res = relationshipSurvival(lt, window);
    // Times 11 (person 3), len(2012-03-01..2016-02-29) (person 0), 2041 days (person 2, censored).
    // At 11 days only person 3 (entry 1) and person 2 (entry 0) are at risk; person 0 entered at 1037 days.
    expect(res.fit.curves[0].time).toEqual([11, len('2012-03-01', '2016-02-29'), len('2015-06-01', '2020-12-31')]);
    expect(res.fit.curves[0].n_risk).toEqual([2, 2, 1]);
    expect(res.fit.curves[0].surv[1]).toBeCloseTo(0.5 * 0.5, 12);
    expect(res.fit.spec.delayedEntry).toBe(true);
  });

  it("leftCensored: 'observation-start' keeps the unknown starts from the observation start, with a note", () => {
    const res = relationshipSurvival(lt, { ...window, leftCensored: 'observation-start' });
    expect(res.data.time.length).toBe(4);
    expect(res.excluded.leftCensored).toBe(0);
    expect(res.notes.join(' ')).toMatch(/1 left-censored relationship\(s\) \(start unknown\) taken to start on the observation start: their durations are lower bounds/);
  });

  it('the tenure functions use the reported start: tenure is exact, not a lower bound', () => {
    const rel = employmentRelationships(lt);
    expect(Array.from(rel.leftCensored)).toEqual([0, 1, 0, 0, 0]);
    expect(formatIsoDate(rel.start[0])).toBe('2012-03-01');
    expect(formatIsoDate(rel.start[1])).toBe('2015-01-01');
  });

  it('through the loader: a start before an explicit observation period is kept as the reported start', async () => {
    const exp2 = await loadCbsExport(
      {
        persons: 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR;000000001;1980;2\nR;000000002;1985;1\n',
        support: 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000001;20160101;88888888;Wsw;Pantar\n',
        employment: 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\nR;000000001;E1;20030101;20170630;O\nR;000000002;E2;20150101;20160630;B\n',
      },
      { observation: { start: '20150101', end: '20201231' } },
    );
    expect(formatIsoDate(exp2.employment.reportedStart![0])).toBe('2003-01-01');
    const res = relationshipSurvival(exp2, { start: { from: '2000-01-01', to: '2020-12-31' }, persons: 'all', unit: 'days' });
    expect(Array.from(res.data.entry)).toEqual([d('2015-01-01') - d('2003-01-01')]);
    expect(Array.from(res.data.time)).toEqual([len('2003-01-01', '2017-06-30')]);
    // The second job starts on the first observed day with no earlier start reported: left-censored.
    expect(res.excluded.leftCensored).toBe(1);
  });
});

describe('relationshipSurvival: result protocol and input checks', () => {
  it('returns the protocol: Kaplan–Meier rows, every column in toTable, spec, tests, a printed summary', () => {
    const res = relationshipSurvival(exp, { unit: 'days', group: 'employer-type' });
    expect(res.kind).toBe('relationshipSurvival');
    expect(res.rows).toBe(res.fit.rows);
    expect(res.toTable().columnNames()).toEqual(['group', 'time', 'n_risk', 'n_event', 'n_censor', 'surv', 'std_err', 'estimate', 'se', 'ci_low', 'ci_high', 'level', 'method', 'note']);
    expect(res.spec).toMatchObject({ unit: 'days', group: 'employer-type', censorAt: 'observation-end', leftCensored: 'exclude', level: 0.95, confType: 'log', rho: 0, windowMonths: 12 });
    expect(res.tests[0]).toMatchObject({ name: 'log-rank', distribution: 'chi2', df: 1, df2: null });
    const printed = res.summary();
    expect(printed.split('\n')[0]).toBe('Survival of employment relationships (Kaplan–Meier, durations in days)');
    expect(printed).toMatch(/^Pantar\s+2\s+1\s/m);
    expect(printed).toMatch(/log-rank: chi2\(1\) = /);
  });

  it('refuses a misspelt option with a suggestion, and wrong shapes with what was expected', () => {
    expect(() => relationshipSurvival(exp, { censorat: 'support-end' } as never)).toThrow('relationshipSurvival: unknown option "censorat"; did you mean "censorAt"?');
    expect(() => relationshipSurvival(exp, { includeLeftCensored: true } as never)).toThrow(SpecificationError);
    expect(() => relationshipSurvival({ time: [1], event: [1] } as never)).toThrow('relationshipSurvival expects a CbsExport (from loadCbsExport or loadSynthetic); got survival data { time, event }: use kaplanMeier or logRankTest');
    expect(() => relationshipSurvival(null as never)).toThrow('relationshipSurvival expects a CbsExport (from loadCbsExport or loadSynthetic); got null');
    expect(() => relationshipSurvival(exp, { leftCensored: 'keep' as never })).toThrow("relationshipSurvival: leftCensored must be 'exclude' or 'observation-start', got the string \"keep\"");
  });
});
