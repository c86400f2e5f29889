import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SpecificationError } from '../../src/core/errors.js';
import { applyOutputControl } from '../../src/disclose/index.js';

// A region × sector table published without totals; the totals per region are published elsewhere.
const cells = [
  { region: 'Noord', sector: 'zorg', n: 4 },
  { region: 'Noord', sector: 'bouw', n: 25 },
  { region: 'Noord', sector: 'horeca', n: 31 },
  { region: 'Zuid', sector: 'zorg', n: 40 },
  { region: 'Zuid', sector: 'bouw', n: 12 },
];
const margins = [
  { region: 'Noord', n: 60 },
  { region: 'Zuid', n: 52 },
];

/** Independent of the library: withheld cells a margin recovers by one subtraction, and small remainders. */
function attack(table: readonly Record<string, unknown>[], published: readonly Record<string, unknown>[], margin: readonly Record<string, unknown>[], by: string, column: string) {
  const recovered: number[] = [];
  const remainders: { withheld: number; remainder: number }[] = [];
  for (const m of margin) {
    const line = table.map((_, i) => i).filter((i) => table[i][by] === m[by]);
    const hidden = line.filter((i) => published[i][column] === null);
    const remainder = (m[column] as number) - line.filter((i) => published[i][column] !== null).reduce((s, i) => s + (published[i][column] as number), 0);
    if (hidden.length === 1) recovered.push(hidden[0]);
    remainders.push({ withheld: hidden.length, remainder });
  }
  return { recovered, remainders };
}

describe('differencing against margins published elsewhere', () => {
  it('without the margins, the small cell is recoverable from them (the attack has teeth)', () => {
    const result = applyOutputControl(cells);
    expect(result.rows.map((r) => r.n)).toEqual([null, 25, 31, 40, 12]);
    expect(attack(cells, result.rows, margins, 'region', 'n').recovered).toEqual([0]);
  });

  it('with the margins, the next smallest cell of the line is withheld too (hand-worked), and nothing follows by subtraction', () => {
    const result = applyOutputControl(cells, { margins: [{ rows: margins, by: ['region'] }] });
    // Noord: zorg (4) is primary; bouw (25) is the smallest published cell of the line: 60 − 31 = 29 = 4 + 25.
    expect(result.rows.map((r) => r.n)).toEqual([null, null, 31, 40, 12]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:min-persons', 'secondary:total', null, null, null]);
    const { recovered, remainders } = attack(cells, result.rows, margins, 'region', 'n');
    expect(recovered).toEqual([]);
    for (const r of remainders) expect(r.withheld === 0 || r.remainder >= 10).toBe(true);
    expect(result.report.rules.margins).toEqual([{ by: ['region'], columns: ['n'], rows: 2 }]);
    expect(result.notes.join(' ')).toMatch(/Margins published elsewhere \(by region\) were checked/);
    // The margins are not part of the published table.
    expect(result.rows.length).toBe(cells.length);
  });

  it('withholds more when the withheld cells of a line would sum to less than the threshold', () => {
    const small = [
      { region: 'Noord', sector: 'zorg', n: 3 },
      { region: 'Noord', sector: 'bouw', n: 4 },
      { region: 'Noord', sector: 'horeca', n: 50 },
      { region: 'Noord', sector: 'ict', n: 60 },
    ];
    const result = applyOutputControl(small, { margins: [{ rows: [{ region: 'Noord', n: 117 }], by: ['region'] }] });
    // zorg and bouw are primary; 117 − 110 = 7 would give their sum away, so horeca (50) goes too.
    expect(result.rows.map((r) => r.n)).toEqual([null, null, null, 60]);
    expect(result.rows[2].suppression_reason).toBe('secondary:withheld-sum');
  });

  it('refuses margins that do not fit the table, naming what is wrong', () => {
    expect(() => applyOutputControl(cells, { margins: [{ rows: margins, by: ['regio'] }] })).toThrow(/rules.margins\[0\].by names "regio", which the table does not have/);
    expect(() => applyOutputControl(cells, { margins: [{ rows: [{ region: 'Noord', total: 60 }], by: ['region'] }] })).toThrow(/the margins carry none of the table's counts/);
    expect(() => applyOutputControl(cells, { margins: [{ rows: 'x', by: ['region'] }] as never })).toThrow(SpecificationError);
    expect(() => applyOutputControl(cells, { margins: [{ rows: margins, by: ['region'], colums: ['n'] }] as never })).toThrow('did you mean "margins[0].columns"?');
  });

  it('says when a margin discloses by itself: it totals one cell, or fewer persons than the threshold', () => {
    const result = applyOutputControl(cells, { margins: [{ rows: [{ region: 'Noord', n: 60 }, { region: 'Zuid', n: 52 }, { region: 'Oost', n: 5 }], by: ['region'] }] });
    expect(result.notes.join(' ')).not.toMatch(/disclose by themselves/);
    const one = applyOutputControl([...cells, { region: 'Oost', sector: 'zorg', n: 5 }], { margins: [{ rows: [{ region: 'Oost', n: 5 }], by: ['region'] }] });
    expect(one.notes.join(' ')).toMatch(/1 margin row\(s\) published elsewhere total a single cell of this table or fewer than 10 persons/);
  });

  it('property: with random margins, no withheld cell is recoverable and no line gives away a small sum', () => {
    // Lines of at least two cells: a margin of one cell is that cell (see the next test).
    const tables = fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((regions) => {
      const table = regions.flatMap((ns, r) => ns.map((n, s) => ({ region: `r${r}`, sector: `s${s}`, n })));
      const margin = regions.map((ns, r) => ({ region: `r${r}`, n: ns.reduce((a, b) => a + b, 0) }));
      return { table, margin };
    });
    let withheldSomewhere = 0;
    let linesChecked = 0;
    let smallMargins = 0;
    fc.assert(
      fc.property(tables, fc.integer({ min: 3, max: 15 }), ({ table, margin }, minPersons) => {
        const result = applyOutputControl(table, { minPersons, margins: [{ rows: margin, by: ['region'] }] });
        const { recovered, remainders } = attack(table, result.rows, margin, 'region', 'n');
        expect(recovered).toEqual([]);
        remainders.forEach((r, k) => {
          const m = margin[k].n;
          // A margin of fewer persons than the threshold discloses by itself: the report says so.
          if (m > 0 && m < minPersons) {
            expect(result.notes.join(' ')).toMatch(/disclose by themselves/);
            smallMargins++;
          } else {
            linesChecked++;
            expect(r.withheld === 0 || r.remainder === 0 || r.remainder >= minPersons, JSON.stringify(r)).toBe(true);
          }
        });
        if (result.rows.some((r) => r.n === null)) withheldSomewhere++;
      }),
      { seed: 20251202, numRuns: 300 },
    );
    // The property was exercised on tables that needed suppression, not only on safe ones.
    expect(withheldSomewhere).toBeGreaterThan(100);
    expect(linesChecked).toBeGreaterThan(300);
    expect(smallMargins).toBeGreaterThan(0);
  });
});
