import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOutputControl, determinedCells, tableLines } from '../../src/disclose/index.js';

type Row = Readonly<Record<string, unknown>>;

/** Rank by Gaussian elimination (test-side, independent of the library). */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let rk = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < m.length; c++) {
    const p = m.findIndex((r, i) => i >= rk && Math.abs(r[c]) > 1e-9);
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p], m[rk]];
    for (let i = rk + 1; i < m.length; i++) {
      const f = m[i][c] / m[rk][c];
      for (let j = c; j < cols; j++) m[i][j] -= f * m[rk][j];
    }
    rk++;
  }
  return rk;
}

/**
 * Withheld cells (persons column null) pinned down by all margin equations together: cell i is determined
 * iff adding the unit vector e_i to the equation matrix does not raise its rank.
 */
function exactlyRecoverable(original: readonly Row[], published: readonly Row[], dimensions: readonly string[], total: string): number[] {
  const withheld = original.map((_, i) => i).filter((i) => published[i].n === null);
  const index = new Map(withheld.map((i, k) => [i, k]));
  const equations: number[][] = [];
  for (const dim of dimensions) {
    const fixed = dimensions.filter((d) => d !== dim);
    const groups = new Map<string, number[]>();
    original.forEach((r, i) => {
      const key = fixed.map((c) => String(r[c])).join('|');
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    for (const members of groups.values()) {
      const t = members.find((i) => original[i][dim] === total);
      if (t === undefined) continue;
      const eq = new Array(withheld.length).fill(0);
      for (const i of members) if (index.has(i)) eq[index.get(i)!] += i === t ? -1 : 1;
      if (eq.some((v) => v !== 0)) equations.push(eq);
    }
  }
  if (equations.length === 0) return [];
  const base = rank(equations);
  return withheld.filter((_, k) => rank([...equations, withheld.map((__, j) => (j === k ? 1 : 0))]) === base);
}

function grid2d(cells: number[][]): { r: string; c: string; n: number }[] {
  const R = cells.length;
  const C = cells[0].length;
  const rows: { r: string; c: string; n: number }[] = [];
  for (let i = 0; i <= R; i++)
    for (let j = 0; j <= C; j++) {
      let n = 0;
      for (let a = 0; a < R; a++) for (let b = 0; b < C; b++) if ((i === R || i === a) && (j === C || j === b)) n += cells[a][b];
      rows.push({ r: i === R ? 'Totaal' : `r${i + 1}`, c: j === C ? 'Totaal' : `c${j + 1}`, n });
    }
  return rows;
}

describe('cells recoverable only by combining lines', () => {
  // Two 2×2 blocks of small cells (r1–r2 × c1–c2 and r3–r4 × c3–c4) joined by the small cell r1/c3.
  // Every row and column has 0 or ≥ 2 small cells, holding together at least 10 persons, so no single
  // subtraction gives anything away, but
  // r1/c3 = (row r1 + row r2 − column c1 − column c2, each minus its published cells)
  //       = (64 − 50) + (83 − 70) − (106 − 95) − (111 − 100) = 14 + 13 − 11 − 11 = 5.
  const cells = [
    [5, 4, 5, 50],
    [6, 7, 40, 30],
    [60, 45, 7, 8],
    [35, 55, 1, 9],
  ];
  const rows = grid2d(cells);
  const at = (r: string, c: string): number => rows.findIndex((x) => x.r === r && x.c === c);

  it('finds the linking cell determined by the primary pattern', () => {
    const lines = tableLines(rows, { dimensions: [{ column: 'r', total: 'Totaal' }, { column: 'c', total: 'Totaal' }], by: [] });
    const withheld = Uint8Array.from(rows.map((x) => (x.n < 10 ? 1 : 0)));
    expect(determinedCells(lines, withheld)).toEqual([at('r1', 'c3')]);
    // The recovery spelled out above really works on the published numbers.
    const pub = (r: string, c: string): number => rows[at(r, c)].n;
    const recovered = pub('r1', 'Totaal') - pub('r1', 'c4') + (pub('r2', 'Totaal') - pub('r2', 'c3') - pub('r2', 'c4')) - (pub('Totaal', 'c1') - pub('r3', 'c1') - pub('r4', 'c1')) - (pub('Totaal', 'c2') - pub('r3', 'c2') - pub('r4', 'c2'));
    expect(recovered).toBe(5);
  });

  it('withholds one more cell on a line through it (hand-worked: r2/c3, the smallest published there)', () => {
    const result = applyOutputControl(rows);
    const extra = result.rows.filter((x) => x.suppression_reason === 'secondary:linked-totals').map((x) => `${x.r}/${x.c}`);
    expect(extra).toEqual(['r2/c3']);
    expect(result.rows.filter((x) => x.suppressed).length).toBe(10);
    expect(exactlyRecoverable(rows, result.rows, ['r', 'c'], 'Totaal')).toEqual([]);
  });

  it('leaves no withheld cell determined by all margins together in random tables', () => {
    const table = fc
      .record({ R: fc.integer({ min: 2, max: 5 }), C: fc.integer({ min: 2, max: 5 }), values: fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 25, maxLength: 25 }) })
      .map(({ R, C, values }) => grid2d([...Array(R).keys()].map((i) => [...Array(C).keys()].map((j) => values[i * 5 + j]))));
    fc.assert(
      fc.property(table, (rows2) => {
        const result = applyOutputControl(rows2);
        expect(exactlyRecoverable(rows2, result.rows, ['r', 'c'], 'Totaal')).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
