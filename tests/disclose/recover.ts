// Test helper, independent of the library: try to recover withheld cells by one subtraction from what is published.

type Row = Readonly<Record<string, unknown>>;

/**
 * For every withheld cell (persons column null in the published table), look at every additive line through
 * it (cells that differ only in one dimension, with that dimension's total). If every other cell of that line
 * is published, the withheld value follows by subtraction; return those recovered cells with their values.
 */
export function recoverBySubtraction(original: readonly Row[], published: readonly Row[], dimensions: readonly string[], total: string, column: string, by: readonly string[] = []): { row: number; value: number }[] {
  const recovered: { row: number; value: number }[] = [];
  original.forEach((cell, i) => {
    if (published[i][column] !== null) return;
    for (const dim of dimensions) {
      const others = dimensions.filter((d) => d !== dim);
      const line: number[] = [];
      original.forEach((r, j) => {
        if ([...by, ...others].every((c) => r[c] === cell[c])) line.push(j);
      });
      const totalRow = line.find((j) => original[j][dim] === total);
      if (totalRow === undefined) continue;
      const rest = line.filter((j) => j !== i);
      if (rest.some((j) => published[j][column] === null)) continue;
      const sumParts = rest.filter((j) => j !== totalRow).reduce((s, j) => s + (published[j][column] as number), 0);
      const value = i === totalRow ? sumParts : (published[totalRow][column] as number) - sumParts;
      recovered.push({ row: i, value });
    }
  });
  return recovered;
}

/**
 * For every additive line with a published total: how many of its cells are withheld, and what the total
 * minus the published cells gives (the sum of the withheld cells), computed from published values only.
 */
export function lineRemainders(original: readonly Row[], published: readonly Row[], dimensions: readonly string[], total: string, column: string, by: readonly string[] = []): { withheld: number; remainder: number }[] {
  const out: { withheld: number; remainder: number }[] = [];
  const seen = new Set<string>();
  original.forEach((cell) => {
    for (const dim of dimensions) {
      const fixed = [...by, ...dimensions.filter((d) => d !== dim)];
      const key = JSON.stringify([dim, ...fixed.map((c) => cell[c])]);
      if (seen.has(key)) continue;
      seen.add(key);
      const line = original.map((_, j) => j).filter((j) => fixed.every((c) => original[j][c] === cell[c]));
      const totalRow = line.find((j) => original[j][dim] === total);
      if (totalRow === undefined || published[totalRow][column] === null) continue;
      const parts = line.filter((j) => j !== totalRow);
      const shown = parts.filter((j) => published[j][column] !== null);
      const remainder = (published[totalRow][column] as number) - shown.reduce((s, j) => s + (published[j][column] as number), 0);
      out.push({ withheld: parts.length - shown.length, remainder });
    }
  });
  return out;
}

/**
 * For a distribution over a shared total (rows of one line agree on `by`; their `count`s add up to `n`,
 * printed on every row): per line with at least one published row, the withheld rows and `n` minus the
 * published counts. Lines with no published row give nothing away here.
 */
export function shareRemainders(published: readonly Row[], by: readonly string[], count = 'count', n = 'n'): { withheld: number; remainder: number }[] {
  const lines = new Map<string, Row[]>();
  for (const r of published) {
    const key = JSON.stringify(by.map((c) => r[c]));
    lines.set(key, [...(lines.get(key) ?? []), r]);
  }
  const out: { withheld: number; remainder: number }[] = [];
  for (const rows of lines.values()) {
    const shown = rows.filter((r) => r[count] !== null);
    if (shown.length === 0) continue;
    const total = shown[0][n] as number;
    out.push({ withheld: rows.length - shown.length, remainder: total - shown.reduce((s, r) => s + (r[count] as number), 0) });
  }
  return out;
}
