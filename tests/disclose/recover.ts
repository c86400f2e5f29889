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
