// Every public contracts function returns the one result protocol and refuses misspelt options and
// wrongly shaped arguments with a SpecificationError that says what it expected and what it got.
import { describe, expect, it } from 'vitest';
import {
  completedMonths,
  contractKinds,
  contractLengths,
  daysToMonths,
  employerTypeShares,
  employmentRelationships,
  supportCountsOnJanuaryFirst,
  tenureBins,
  tenureByEventTime,
  tenureOnDate,
  tenureShareSeries,
} from '../../src/contracts/index.js';
import { SpecificationError } from '../../src/core/errors.js';
import { buildExport } from './build.js';
import { fixture } from './fixture.js';

const results = () => [
  contractLengths(fixture, { at: ['2019-01-31', '2023-12-31'], group: 'scheme' }),
  tenureShareSeries(fixture, { from: '2018-11', to: '2019-02' }),
  tenureByEventTime(fixture, { months: 3 }),
  employerTypeShares(fixture, { at: '2019-01-31' }),
  supportCountsOnJanuaryFirst(fixture),
];

describe('the result protocol of the tenure functions', () => {
  it('rows, toTable with every declared column, spec, tests, notes and a printed summary', () => {
    for (const res of results()) {
      expect(res.rows.length, res.kind).toBeGreaterThan(0);
      const table = res.toTable();
      expect(table.numRows()).toBe(res.rows.length);
      // Every field of every row is a column, whether or not the first row has it (notes included).
      const fields = new Set(res.rows.flatMap((r) => Object.keys(r)));
      expect(table.columnNames().filter((c) => !fields.has(c) && c !== 'note'), res.kind).toEqual([]);
      expect([...fields].filter((f) => !table.columnNames().includes(f)), res.kind).toEqual([]);
      expect(res.tests).toEqual([]);
      expect(res.notes.length, res.kind).toBeGreaterThan(0);
      expect(res.summary().split('\n')[0].length).toBeGreaterThan(5);
    }
  });

  it('toTable keeps `note` when the first row has none (rows further down carry one)', () => {
    const res = contractLengths(fixture, { at: '2019-01-31', group: { covariate: 'region' } });
    expect(res.rows[0].note).toBeUndefined();
    const noted = res.rows.findIndex((r) => r.note !== undefined);
    expect(noted).toBeGreaterThan(0);
    const table = res.toTable();
    expect(table.columnNames()).toContain('note');
    expect(table.get('note', noted)).toBe(res.rows[noted].note);
    expect(table.get('note', 0)).toBeNull();
  });

  it('spec holds the resolved options (defaults filled in)', () => {
    const lengths = contractLengths(fixture, { at: ['2019-01-31', '2023-12-31'], group: 'scheme' });
    const [, series, byK, employers] = results();
    const counts = supportCountsOnJanuaryFirst(fixture);
    expect(lengths.spec).toMatchObject({ at: ['2019-01-31', '2023-12-31'], population: 'in-support', scheme: null, group: 'scheme', pick: 'longest', includeNoRelationship: false, level: 0.95, gapDays: 0 });
    expect(lengths.spec.bins.edges).toEqual([6, 12, 24]);
    expect(series.spec).toMatchObject({ from: '2018-11', to: '2019-02', threshold: 24, day: 'last', level: 0.95 });
    expect(byK.spec).toMatchObject({ months: [0, 1, 2, 3], population: 'all', anchors: false, day: 'last' });
    expect(employers.spec).toEqual({ at: ['2019-01-31'], scheme: null, level: 0.95 });
    expect(counts.spec.years).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
  });

  it('printed summaries show the main columns', () => {
    const printed = employerTypeShares(fixture, { at: '2019-01-31' }).summary().split('\n');
    expect(printed[0]).toBe('Employer type of persons in support');
    expect(printed[1]).toMatch(/^date\s+employer type\s+count\s+n\s+share\s+ci_low\s+ci_high$/);
    expect(printed[2]).toMatch(/^2019-01-31\s+regulier\s+7\s+8\s+0\.875\s/);
  });
});

describe('option names and argument shapes', () => {
  const refuses = (f: () => unknown, message: string | RegExp) => {
    expect(f).toThrow(SpecificationError);
    expect(f).toThrow(message);
  };

  it('refuses misspelt options with the nearest valid name', () => {
    refuses(() => contractLengths(fixture, { at: '2019-01-31', grop: 'scheme' } as never), 'contractLengths: unknown option "grop"; did you mean "group"?');
    refuses(() => tenureShareSeries(fixture, { from: '2019-01', to: '2019-02', treshold: 12 } as never), 'did you mean "threshold"?');
    refuses(() => tenureByEventTime(fixture, { month: 12 } as never), 'did you mean "months"?');
    refuses(() => employerTypeShares(fixture, { at: '2019-01-31', schem: 'Wsw' } as never), 'did you mean "scheme"?');
    refuses(() => supportCountsOnJanuaryFirst(fixture, { year: [2019] } as never), 'did you mean "years"?');
    refuses(() => employmentRelationships(fixture, { gapdays: 3 } as never), 'did you mean "gapDays"?');
    refuses(() => tenureOnDate(employmentRelationships(fixture), 20000, { pik: 'longest' } as never), 'did you mean "pick"?');
    refuses(() => contractLengths(fixture, { at: '2019-01-31', group: { covarite: 'region' } } as never), 'did you mean "group.covariate"?');
  });

  it('refuses a main argument of the wrong shape, saying what was expected and what came', () => {
    refuses(() => contractLengths(null as never, { at: '2019-01-31' }), 'contractLengths expects a CbsExport (from loadCbsExport or loadSynthetic); got null');
    refuses(() => tenureShareSeries({} as never, { from: '2019-01', to: '2019-02' }), 'tenureShareSeries expects a CbsExport (from loadCbsExport or loadSynthetic); got an empty object');
    const raw = { persons: { length: 1 }, support: {}, employment: { employer: new Int32Array(1) }, observation: {} };
    refuses(() => employmentRelationships(raw as never), 'got a raw synthetic export (synthesizeCbsExport): load it with loadSynthetic(options)');
    refuses(() => contractLengths(fixture, undefined as never), 'contractLengths: options { at, … } are required');
    refuses(() => contractLengths(fixture, {} as never), 'contractLengths: option "at" (the reference date or dates) is required');
    refuses(() => tenureShareSeries(fixture, { from: '2019-01' } as never), 'tenureShareSeries: options "from" and "to" (first and last month) are required');
    refuses(() => tenureOnDate({} as never, 20000), 'tenureOnDate expects employment relationships (from employmentRelationships(exp)); got an empty object');
    refuses(() => tenureOnDate(employmentRelationships(fixture), '2019-01-31' as never), 'tenureOnDate: day must be a whole day number');
    refuses(() => completedMonths('2019-01-01' as never, 20000), 'completedMonths: startDay must be a whole day number');
    refuses(() => daysToMonths(undefined as never), 'daysToMonths: days must be a finite number, got undefined');
    refuses(() => tenureBins('6,12' as never), 'tenureBins expects an array of month edges, got the string "6,12"');
    refuses(() => contractKinds(null as never), 'contractKinds expects a categorical column');
    refuses(() => tenureByEventTime(fixture, { anchors: {} } as never), 'tenureByEventTime: anchors must be PanelAnchors');
    refuses(() => contractLengths(fixture, { at: '2019-01-31', relationships: {} } as never), 'contractLengths: relationships must come from employmentRelationships(exp), got an empty object');
    const other = buildExport({ persons: 2, observation: { start: '2015-01-01', end: '2016-12-31' } });
    refuses(() => contractLengths(fixture, { at: '2019-01-31', relationships: employmentRelationships(other) }), 'relationships were built from another export (2 persons, this one has 9)');
    refuses(() => contractLengths(fixture, { at: '2019-01-31', level: 95 }), 'level must lie strictly between 0 and 1, got 95');
    refuses(() => contractLengths(fixture, { at: '2019-01-31', includeNoRelationship: 'yes' } as never), 'contractLengths: includeNoRelationship must be true or false');
  });
});

describe('values of shared options', () => {
  it('refuses a scheme that is not a name or a list of names, and impossible survival options', async () => {
    const { relationshipSurvival } = await import('../../src/contracts/index.js');
    expect(() => contractLengths(fixture, { at: '2019-01-31', scheme: 5 } as never)).toThrow('scheme must be a scheme name or a list of them');
    expect(() => relationshipSurvival(fixture, { rho: 'one' } as never)).toThrow('relationshipSurvival: rho must be a finite number, got the string "one"');
    expect(() => relationshipSurvival(fixture, { confType: 'logit' } as never)).toThrow("relationshipSurvival: confType must be 'log', 'log-log' or 'plain'");
  });
});
