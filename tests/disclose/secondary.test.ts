import { describe, expect, it } from 'vitest';
import { SpecificationError } from '../../src/core/errors.js';
import { applyOutputControl, tableLines } from '../../src/disclose/index.js';
import { recoverBySubtraction } from './recover.js';

describe('secondary suppression: complement of a two-group table', () => {
  const rows = [
    { group: 'supported', n: 7, mean: 1.2 },
    { group: 'control', n: 200, mean: 1.5 },
    { group: 'Totaal', n: 207, mean: 1.49 },
  ];
  it('withholds group B when group A is withheld and the total is published', () => {
    const result = applyOutputControl(rows);
    expect(result.rows.map((r) => r.n)).toEqual([null, null, 207]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:min-persons', 'secondary:complement', null]);
    expect(recoverBySubtraction(rows, result.rows, ['group'], 'Totaal', 'n')).toEqual([]);
  });
  it('without secondary suppression the withheld group is recoverable (the check has teeth)', () => {
    const result = applyOutputControl(rows, { secondary: false });
    expect(recoverBySubtraction(rows, result.rows, ['group'], 'Totaal', 'n')).toEqual([{ row: 0, value: 7 }]);
    expect(result.report.notes[0]).toMatch(/secondary/);
  });
  it('withholds the total when it is the only other cell', () => {
    const result = applyOutputControl([
      { group: 'supported', n: 7 },
      { group: 'Totaal', n: 7 },
    ]);
    expect(result.rows.map((r) => r.n)).toEqual([null, null]);
  });
});

describe('secondary suppression: a table with row and column totals', () => {
  // region × sector with margins; hand-worked: r1/a (4 persons) is primary. In column a the next-smallest
  // is r2/a (15); in row r1 it is r1/b (20); then row r2 has r2/a withheld alone, so its next-smallest
  // r2/b (12) goes too. Column b now has r1/b and r2/b withheld: every line has 0 or 2 withheld. Stable.
  const grid: Record<string, Record<string, number>> = {
    r1: { a: 4, b: 20, c: 30 },
    r2: { a: 15, b: 12, c: 40 },
    r3: { a: 25, b: 35, c: 11 },
  };
  const rows: { region: string; sector: string; n: number }[] = [];
  for (const region of ['r1', 'r2', 'r3', 'Totaal']) {
    for (const sector of ['a', 'b', 'c', 'Totaal']) {
      const regions = region === 'Totaal' ? ['r1', 'r2', 'r3'] : [region];
      const sectors = sector === 'Totaal' ? ['a', 'b', 'c'] : [sector];
      let n = 0;
      for (const r of regions) for (const s of sectors) n += grid[r][s];
      rows.push({ region, sector, n });
    }
  }
  const structure = { dimensions: [{ column: 'region', total: 'Totaal' }, { column: 'sector', total: 'Totaal' }] };

  it('withholds the hand-worked rectangle r1/a, r1/b, r2/a, r2/b and nothing else', () => {
    const result = applyOutputControl(rows, { secondary: structure });
    const withheld = result.rows.filter((r) => r.suppressed).map((r) => `${r.region}/${r.sector}:${r.suppression_reason}`);
    expect(withheld).toEqual(['r1/a:primary:min-persons', 'r1/b:secondary:total', 'r2/a:secondary:total', 'r2/b:secondary:total']);
    expect(recoverBySubtraction(rows, result.rows, ['region', 'sector'], 'Totaal', 'n')).toEqual([]);
  });

  it('finds the same structure automatically from the "Totaal" labels', () => {
    const auto = applyOutputControl(rows);
    expect(auto.report.rules.secondary?.dimensions.map((d) => d.column)).toEqual(['region', 'sector']);
    expect(auto.rows.filter((r) => r.suppressed).length).toBe(4);
  });

  it('protects a small total too', () => {
    // Row r3 tiny: all its cells and its total below 10 persons (column totals left as they were: only the
    // recovery check matters here).
    const tiny = rows.map((r) => (r.region === 'r3' ? { ...r, n: r.sector === 'Totaal' ? 9 : 3 } : r));
    const result = applyOutputControl(tiny, { secondary: structure });
    expect(recoverBySubtraction(tiny, result.rows, ['region', 'sector'], 'Totaal', 'n')).toEqual([]);
    const published = result.rows.filter((r) => r.n !== null);
    expect(published.length).toBeGreaterThan(0);
    for (const r of published) expect(r.n as number).toBeGreaterThanOrEqual(10);
  });
});

describe('secondary suppression: structure', () => {
  it('keeps sub-tables split by other label columns independent', () => {
    const rows = [
      { year: 2019, group: 'A', n: 5 },
      { year: 2019, group: 'B', n: 50 },
      { year: 2019, group: 'Totaal', n: 55 },
      { year: 2020, group: 'A', n: 15 },
      { year: 2020, group: 'B', n: 50 },
      { year: 2020, group: 'Totaal', n: 65 },
    ];
    const result = applyOutputControl(rows);
    expect(result.report.rules.secondary).toEqual({ dimensions: [{ column: 'group', total: 'Totaal' }], by: ['year'], shares: [] });
    expect(result.rows.map((r) => r.n)).toEqual([null, null, 55, 15, 50, 65]);
  });

  it('lists additive lines of a one-way table', () => {
    const rows = [{ sex: 'M', n: 30 }, { sex: 'V', n: 25 }, { sex: 'Totaal', n: 55 }];
    expect(tableLines(rows, { dimensions: [{ column: 'sex', total: 'Totaal' }], by: [] })).toEqual([{ dimension: 'sex', total: 2, cells: [0, 1] }]);
  });

  it('refuses two rows for the same cell', () => {
    const rows = [{ group: 'A', n: 20 }, { group: 'A', n: 30 }, { group: 'Totaal', n: 50 }];
    expect(() => applyOutputControl(rows)).toThrow(SpecificationError);
    expect(() => applyOutputControl(rows)).toThrow(/rows 1 and 2/);
  });

  it('refuses a value column as dimension', () => {
    expect(() => applyOutputControl([{ group: 'A', n: 20 }], { secondary: { dimensions: [{ column: 'n', total: 0 }] } })).toThrow(/value column/);
  });
});
