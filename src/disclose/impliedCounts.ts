import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import type { ImpliedCountRule, OutputControlRules } from './rules.js';

/** An implied-count check as applied to one table. */
export interface ResolvedImpliedCount {
  readonly column: string;
  readonly denominator: string;
  readonly scale: number;
  /** True when found in the data rather than configured. */
  readonly detected: boolean;
}

const SHARE_NAMES: Readonly<Record<string, number>> = { estimate: 1, share: 1, proportion: 1, rate: 1, prevalence: 1, mean: 1, percentage: 100, percent: 100, pct: 100 };
/** Words in a row's labels or method that mark a difference of shares, which implies no count. */
const DIFFERENCE = /\b(change|changes|difference|differences|diff|did|contrast|effect|att)\b/i;

/** The columns whose values are within [0, scale] on every row (a share cannot lie outside). */
function withinScale(rows: readonly Record<string, unknown>[], column: string, scale: number): boolean {
  let seen = 0;
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= scale)) return false;
    seen++;
  }
  return seen > 0;
}

/**
 * Resolve `rules.impliedCounts` for a table: the configured columns, or (auto) the share-named value
 * columns within [0, 1] (0–100 for percentages) that are not already rates derived from a count.
 *
 * @example
 * resolveImpliedCounts({}, ['g', 'n', 'estimate'], [{ g: 'a', n: 200, estimate: 0.015 }], { values: ['n', 'estimate'], persons: 'n', rates: [] });
 * // [{ column: 'estimate', denominator: 'n', scale: 1, detected: true }]
 */
export function resolveImpliedCounts(
  rules: OutputControlRules,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  table: { readonly values: readonly string[]; readonly persons: string; readonly rates: readonly string[] },
): ResolvedImpliedCount[] {
  const spec = rules.impliedCounts ?? 'auto';
  const has = new Set(columns);
  if (spec === false) return [];
  if (spec === 'auto') {
    const denominator = has.has('n') ? 'n' : has.has('n_persons') ? 'n_persons' : undefined;
    if (denominator === undefined) return [];
    return table.values
      .filter((c) => SHARE_NAMES[c] !== undefined && c !== denominator && !table.rates.includes(c) && withinScale(rows, c, SHARE_NAMES[c]))
      .map((column) => ({ column, denominator, scale: SHARE_NAMES[column], detected: true }));
  }
  if (!Array.isArray(spec)) throw new SpecificationError(`output control: rules.impliedCounts must be 'auto', false or a list of columns, got ${describeValue(spec)}`);
  return spec.map((item: string | ImpliedCountRule) => {
    const rule: ImpliedCountRule = typeof item === 'string' ? { column: item } : item;
    if (!isPlainObject(rule) || typeof rule.column !== 'string') throw new SpecificationError(`output control: each rules.impliedCounts entry must be a column name or { column, denominator?, scale? }, got ${describeValue(item)}`);
    const denominator = rule.denominator ?? (has.has('n') ? 'n' : has.has('n_persons') ? 'n_persons' : table.persons);
    for (const c of [rule.column, denominator])
      if (!has.has(c)) throw new SpecificationError(`output control: the table has no column "${c}" (rules.impliedCounts); columns are ${columns.map((x) => `"${x}"`).join(', ')}`);
    const scale = rule.scale ?? SHARE_NAMES[rule.column] ?? 1;
    if (!(scale > 0)) throw new SpecificationError(`output control: rules.impliedCounts scale must be positive, got ${describeValue(rule.scale)}`);
    return { column: rule.column, denominator, scale, detected: false };
  });
}

/** Whether a row describes a difference of shares (its labels or method say so), which implies no count. */
export function describesDifference(row: Readonly<Record<string, unknown>>, labelColumns: readonly string[]): boolean {
  for (const c of labelColumns) {
    if (c === 'note') continue;
    const v = row[c];
    if (typeof v === 'string' && DIFFERENCE.test(v)) return true;
  }
  return false;
}

/**
 * The count a row's share implies (`value / scale × denominator`), `undefined` when the row publishes
 * no share in this column, or `null` when the denominator is unknown (missing).
 *
 * @example
 * impliedCount({ n: 200, estimate: 0.015 }, { column: 'estimate', denominator: 'n', scale: 1, detected: true }); // 3
 */
export function impliedCount(row: Readonly<Record<string, unknown>>, rule: ResolvedImpliedCount): number | null | undefined {
  const v = row[rule.column];
  if (typeof v !== 'number' || !(v >= 0 && v <= rule.scale)) return undefined;
  const d = row[rule.denominator];
  if (typeof d !== 'number' || !(d >= 0)) return null;
  return Math.round((v / rule.scale) * d * 1e9) / 1e9;
}
