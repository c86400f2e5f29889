/**
 * A distribution published as rows that share a denominator: the rows of one line differ only in the
 * `category` column (e.g. tenure bin, employer type), carry the same `total` (e.g. `n`) and their
 * `count`s add up to it. `n` is then the line's total, published on every row, so `n` minus the
 * published counts is the sum of the withheld ones.
 */
export interface ResolvedShareRule {
  /** Column whose categories make up the distribution. */
  readonly category: string;
  /** Columns that fix one line (besides the shared total). */
  readonly by: readonly string[];
  /** Column with each category's count. */
  readonly count: string;
  /** Column with the shared total (the denominator of the shares). */
  readonly total: string;
  /** True when found in the data rather than configured. */
  readonly detected: boolean;
  /** Lines found in the table. */
  readonly lines: number;
}

/**
 * The lines of a shared-total distribution: rows that agree on `by` and on `total`, whose `count`s add
 * up to `total` exactly. When a group adds up only without one of its rows (a category outside the
 * denominator, such as `unknown`), the line is the group without that row. Groups that add up in no
 * such way are not lines: their remainder also holds persons outside the rows shown, so it is no exact sum.
 *
 * @example
 * const rows = [
 *   { bin: 'a', n: 20, count: 12 }, { bin: 'b', n: 20, count: 7 }, { bin: 'c', n: 20, count: 1 }, { bin: 'unknown', n: 20, count: 4 },
 * ];
 * shareLines(rows, { category: 'bin', by: [], count: 'count', total: 'n' }); // [[0, 1, 2]]
 */
export function shareLines(rows: readonly Record<string, unknown>[], rule: Pick<ResolvedShareRule, 'category' | 'by' | 'count' | 'total'>): number[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const total = row[rule.total];
    const count = row[rule.count];
    if (typeof total !== 'number' || typeof count !== 'number' || !Number.isFinite(total) || !Number.isFinite(count)) return;
    const key = JSON.stringify([...rule.by.map((c) => row[c]), total]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const lines: number[][] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const total = rows[members[0]][rule.total] as number;
    let sum = 0;
    for (const i of members) sum += rows[i][rule.count] as number;
    if (sum === total) {
      lines.push(members);
      continue;
    }
    if (members.length < 3) continue;
    for (const drop of members) if (sum - (rows[drop][rule.count] as number) === total) lines.push(members.filter((i) => i !== drop));
  }
  return lines;
}

/**
 * Shared-total distributions found in a table: for each candidate category column, group the rows by
 * the other label columns (leaving out those the category determines, such as a bin's index or bounds)
 * and keep the rule when some group's counts add up to its shared total exactly.
 *
 * @example
 * const rows = [
 *   { group: 'A', bin: 'short', bin_index: 0, n: 15, count: 14 }, { group: 'A', bin: 'long', bin_index: 1, n: 15, count: 1 },
 * ];
 * detectShareRules(rows, ['group', 'bin', 'bin_index'], [{ count: 'count', total: 'n' }]).map((r) => r.category); // ['bin']
 */
export function detectShareRules(rows: readonly Record<string, unknown>[], keyColumns: readonly string[], pairs: readonly { count: string; total: string }[]): ResolvedShareRule[] {
  const found: ResolvedShareRule[] = [];
  const seen = new Set<string>();
  for (const { count, total } of pairs) {
    for (const category of keyColumns) {
      const by = keyColumns.filter((c) => c !== category && !determines(rows, category, c));
      const lines = shareLines(rows, { category, by, count, total });
      const fresh = lines.filter((l) => !seen.has(l.join(',')));
      if (fresh.length === 0) continue;
      for (const l of fresh) seen.add(l.join(','));
      found.push({ category, by, count, total, detected: true, lines: fresh.length });
    }
  }
  return found;
}

/**
 * Whether every value of column `a` comes with a single value of column `b` (so `b` varies along `a`
 * and cannot tell the rows of one line apart, e.g. a bin's index).
 *
 * @example
 * determines([{ bin: 'a', bin_index: 0 }, { bin: 'b', bin_index: 1 }], 'bin', 'bin_index'); // true
 */
export function determines(rows: readonly Record<string, unknown>[], a: string, b: string): boolean {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const ka = JSON.stringify(row[a] ?? null);
    const kb = JSON.stringify(row[b] ?? null);
    const before = seen.get(ka);
    if (before === undefined) seen.set(ka, kb);
    else if (before !== kb) return false;
  }
  return true;
}
