import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import { SpecificationError } from '../../src/core/errors.js';
import { kaplanMeier } from '../../src/contracts/index.js';
import { applyOutputControl, toControlledCsv } from '../../src/disclose/index.js';

const rows = [
  { group: 'A', n: 40, count: 12, estimate: 0.3 },
  { group: 'B', n: 6, count: 3, estimate: 0.5 },
];

describe('applyOutputControl: rule names and table shapes', () => {
  it('refuses a misspelt rule with the nearest valid name, instead of applying the defaults', () => {
    expect(() => applyOutputControl(rows, { minPerson: 50 } as never)).toThrow(SpecificationError);
    expect(() => applyOutputControl(rows, { minPerson: 50 } as never)).toThrow('applyOutputControl: unknown option "minPerson"; did you mean "minPersons"?');
    expect(() => applyOutputControl(rows, { rounding: { bsae: 5 } } as never)).toThrow('unknown option "rounding.bsae"; did you mean "rounding.base"?');
    expect(() => applyOutputControl(rows, { secondary: { dimensions: [{ colum: 'group', total: 'Totaal' }] } } as never)).toThrow('did you mean "secondary.dimensions[0].column"?');
    expect(() => applyOutputControl(rows, { rates: [{ rate: 'estimate', cout: 'count', denominator: 'n' }] } as never)).toThrow('did you mean "rates[0].count"?');
    expect(() => applyOutputControl(rows, { impliedCount: false } as never)).toThrow('did you mean "impliedCounts"?');
  });

  it('refuses rule values of the wrong kind', () => {
    expect(() => applyOutputControl(rows, { countColumns: 'count' } as never)).toThrow('applyOutputControl: rules.countColumns must be a list of column names, got the string "count"');
    expect(() => applyOutputControl(rows, { minPersons: '10' } as never)).toThrow('rules.minPersons must be a whole number');
    expect(() => applyOutputControl(rows, { secondary: 'yes' } as never)).toThrow("rules.secondary must be 'auto', false or { dimensions, by?, shares? }");
    expect(() => applyOutputControl(rows, 'strict' as never)).toThrow('applyOutputControl: options must be an object, got the string "strict"');
  });

  it('refuses a table of the wrong shape, saying what it expected and what it got', () => {
    const expected = 'applyOutputControl expects a result table: an array of row objects, an arquero table, or a result with rows (e.g. phaseAverages(panel)); got';
    expect(() => applyOutputControl(null as never)).toThrow(`${expected} null`);
    expect(() => applyOutputControl(42 as never)).toThrow(`${expected} the number 42`);
    expect(() => applyOutputControl({ group: 'A' } as never)).toThrow(`${expected} an object with keys group`);
    expect(() => applyOutputControl([rows[0], 7] as never)).toThrow('(e.g. phaseAverages(panel)); row 2 is the number 7');
  });

  it('takes a result object (its toTable, so every column) as well as rows and arquero tables', () => {
    const fit = kaplanMeier({ time: Array.from({ length: 30 }, (_, i) => i + 1), event: Array.from({ length: 30 }, (_, i) => i % 3 === 0 ? 0 : 1) });
    const controlled = applyOutputControl(fit);
    expect(controlled.columns).toEqual([...fit.toTable().columnNames(), 'suppressed', 'suppression_reason']);
    expect(controlled.report.rules.personsColumn).toBe('n_risk');
    expect(applyOutputControl(from(rows)).rows).toEqual(applyOutputControl(rows).rows);
    expect(applyOutputControl({ rows }).rows).toEqual(applyOutputControl(rows).rows);
  });

  it('refuses a table that already went through output control', () => {
    const once = applyOutputControl(rows);
    expect(() => applyOutputControl(once)).toThrow(/already has a "suppressed" column/);
  });
});

describe('applyOutputControl returns the result protocol', () => {
  const result = applyOutputControl(rows);
  it('rows, toTable with every column, spec = the rules as applied, notes, tests, a printed summary', () => {
    expect(result.kind).toBe('applyOutputControl');
    expect(result.toTable().columnNames()).toEqual(['group', 'n', 'count', 'estimate', 'suppressed', 'suppression_reason']);
    expect(result.spec).toBe(result.report.rules);
    expect(result.spec.minPersons).toBe(10);
    expect(result.notes).toBe(result.report.notes);
    expect(result.tests).toEqual([]);
    const printed = result.summary().split('\n');
    expect(printed[0]).toBe('Output-controlled table (1 of 2 rows withheld, 0 partly)');
    expect(printed[1]).toMatch(/^group\s+n\s+count\s+estimate\s+suppressed\s+suppression_reason$/);
    expect(printed[3]).toMatch(/^B\s+—\s+—\s+—\s+true\s+primary:min-persons/);
    expect(Object.isFrozen(result)).toBe(true);
    expect(toControlledCsv(result).split('\n')[0]).toBe('group,n,count,estimate,suppressed,suppression_reason');
  });
});
