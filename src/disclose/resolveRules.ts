import { SpecificationError } from '../core/errors.js';
import { DEFAULT_MIN_PERSONS, type OutputControlRules, type PercentileRule, type RateRule, type RoundedIntervalMethod, type ShareRule, type TableDimension } from './rules.js';
import { resolveImpliedCounts, type ResolvedImpliedCount } from './impliedCounts.js';
import { resolveMargins, type ResolvedMargin } from './margins.js';
import { detectShareRules, determines, shareLines, type ResolvedShareRule } from './shareLines.js';

/** The rules as applied to one table: every default filled in, every column checked to exist. */
export interface ResolvedRules {
  readonly personsColumn: string;
  readonly minPersons: number;
  readonly countColumns: readonly string[];
  readonly minCount: number;
  readonly complementCounts: boolean;
  readonly valueColumns: readonly string[];
  readonly labelColumns: readonly string[];
  /** Min/max columns found; they are removed from the output. */
  readonly minMaxColumns: readonly string[];
  readonly percentiles: readonly Required<PercentileRule>[];
  readonly rates: readonly (RateRule & { readonly scale: number })[];
  readonly rounding: { readonly base: number; readonly columns: readonly string[]; readonly intervals: RoundedIntervalMethod } | null;
  readonly secondary: { readonly dimensions: readonly TableDimension[]; readonly by: readonly string[]; readonly shares?: readonly ResolvedShareRule[] } | null;
  /** Shares whose implied count (`share × n`) is checked like a count. */
  readonly impliedCounts: readonly ResolvedImpliedCount[];
  /** Margins published elsewhere, checked against differencing. */
  readonly margins: readonly ResolvedMargin[];
  readonly level: number;
}

/** Numeric columns that name a cell rather than publish a value (bin bounds, indices, calendar and event time). */
const NUMERIC_LABEL = /^(level|k|event_time|year|month|quarter|period|time|age|cohort|week|day|date)$|_(index|from|to|id|year|month|date|time)$/;
const DEFAULT_COUNTS = ['count', 'n_risk', 'n_event'];
const RATE_CANDIDATES = ['estimate', 'rate', 'share', 'proportion'];
const PERCENTILE_NAME = /^(median|p\d{1,2}|q[1-3]|percentile_?\d{1,2}|quartile_?[1-3])($|_)/i;
const MIN_MAX_NAME = /^(min|max|minimum|maximum)$|_(min|max)$/i;
const TOTAL_LABEL = /^(totaal|total|all|alle|overall)$/i;
/** Label columns that describe how a value was made, not which cell it is; they never split a table. */
const DESCRIPTIVE = new Set(['note', 'method', 'level']);

/**
 * Fill in the defaults of `rules` for a table with these columns and rows, and check that every column
 * the rules need exists. Throws `SpecificationError` naming the missing column otherwise.
 *
 * @example
 * const r = resolveRules(['group', 'n', 'count', 'estimate'], [{ group: 'A', n: 20, count: 5, estimate: 0.25 }]);
 * r.personsColumn; // 'n'
 * r.rates[0].rate; // 'estimate'
 */
export function resolveRules(columns: readonly string[], rows: readonly Record<string, unknown>[], rules: OutputControlRules = {}): ResolvedRules {
  const has = new Set(columns);
  const need = (column: string, what: string): string => {
    if (!has.has(column)) throw new SpecificationError(`output control: the table has no column "${column}" (${what}); columns are ${columns.map((c) => `"${c}"`).join(', ')}`);
    return column;
  };

  const minPersons = rules.minPersons ?? DEFAULT_MIN_PERSONS;
  if (!Number.isInteger(minPersons) || minPersons < 1) throw new SpecificationError(`output control: minPersons must be a positive integer, got ${minPersons}`);
  const minCount = rules.minCount ?? minPersons;
  if (!Number.isInteger(minCount) || minCount < 0) throw new SpecificationError(`output control: minCount must be a non-negative integer, got ${minCount}`);

  let personsColumn: string;
  if (rules.personsColumn !== undefined) personsColumn = need(rules.personsColumn, 'rules.personsColumn');
  else if (has.has('n_persons')) personsColumn = 'n_persons';
  else if (has.has('n')) personsColumn = 'n';
  else if (has.has('n_risk')) personsColumn = 'n_risk';
  else
    throw new SpecificationError(
      `output control: the table has no person-count column "n_persons" (or "n", or "n_risk" for survival tables); every published table must carry the number of persons behind each row (name another column with rules.personsColumn)`,
    );

  const minMaxColumns = rules.minMaxColumns ? rules.minMaxColumns.map((c) => need(c, 'rules.minMaxColumns')) : columns.filter((c) => MIN_MAX_NAME.test(c));
  if (minMaxColumns.length > 0 && rules.minMax === 'refuse')
    throw new SpecificationError(`output control: minima and maxima may not be published; remove column(s) ${minMaxColumns.map((c) => `"${c}"`).join(', ')}`);
  const removed = new Set(minMaxColumns);
  if (removed.has(personsColumn)) throw new SpecificationError(`output control: the person-count column "${personsColumn}" cannot be a min/max column`);

  const countColumns = (rules.countColumns ? rules.countColumns.map((c) => need(c, 'rules.countColumns')) : DEFAULT_COUNTS.filter((c) => has.has(c))).filter((c) => c !== personsColumn && !removed.has(c));

  const kept = columns.filter((c) => !removed.has(c));
  let valueColumns: string[];
  if (rules.valueColumns) {
    for (const c of rules.valueColumns) need(c, 'rules.valueColumns');
    valueColumns = kept.filter((c) => rules.valueColumns!.includes(c) || c === personsColumn || countColumns.includes(c));
  } else {
    const labels = new Set(rules.labelColumns ? rules.labelColumns.map((c) => need(c, 'rules.labelColumns')) : kept.filter((c) => NUMERIC_LABEL.test(c)));
    valueColumns = kept.filter((c) => c === personsColumn || countColumns.includes(c) || (!labels.has(c) && isNumericColumn(rows, c)));
  }
  const valueSet = new Set(valueColumns);
  const labelColumns = kept.filter((c) => !valueSet.has(c));

  const percentiles = resolvePercentiles(rules, kept, valueSet, minPersons, need);
  const rates = rules.rates ? rules.rates.map((r) => checkRate(r, rows, need)) : detectRates(kept, rows, personsColumn);

  let rounding: ResolvedRules['rounding'] = null;
  if (rules.rounding) {
    const { base } = rules.rounding;
    if (!Number.isInteger(base) || base < 1) throw new SpecificationError(`output control: rounding base must be a positive integer, got ${base}`);
    const defaults = [personsColumn, ...countColumns, ...rates.map((r) => r.denominator), ...rates.map((r) => r.count)];
    const roundColumns = rules.rounding.columns ? rules.rounding.columns.map((c) => need(c, 'rules.rounding.columns')) : defaults;
    rounding = { base, columns: [...new Set(roundColumns)], intervals: rules.rounding.intervals ?? 'match-method' };
  }

  const secondary = resolveSecondary(rules, labelColumns, rows, need, shareColumns(personsColumn, countColumns, rates));
  const level = rules.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new SpecificationError(`output control: level must lie strictly between 0 and 1, got ${level}`);
  const impliedCounts = resolveImpliedCounts(rules, kept, rows, { values: valueColumns, persons: personsColumn, rates: rates.map((r) => r.rate) });
  const margins = resolveMargins(rules.margins, kept, [personsColumn, ...countColumns]).resolved;

  return { personsColumn, minPersons, countColumns, minCount, complementCounts: rules.complementCounts ?? true, valueColumns, labelColumns, minMaxColumns, percentiles, rates, rounding, secondary, impliedCounts, margins, level };
}


function isNumericColumn(rows: readonly Record<string, unknown>[], column: string): boolean {
  for (const row of rows) {
    const v = row[column];
    if (v !== null && v !== undefined && typeof v !== 'number') return false;
  }
  // An all-null column publishes nothing; treating it as a value keeps it out of the table keys.
  return true;
}

function resolvePercentiles(rules: OutputControlRules, kept: readonly string[], values: ReadonlySet<string>, minPersons: number, need: (c: string, what: string) => string): Required<PercentileRule>[] {
  if (rules.percentiles) {
    return rules.percentiles.map((p) => ({
      columns: p.columns.map((c) => need(c, 'rules.percentiles[].columns')),
      below: need(p.below, 'rules.percentiles[].below: persons below the percentile'),
      above: need(p.above, 'rules.percentiles[].above: persons above the percentile'),
      minEachSide: p.minEachSide ?? minPersons,
    }));
  }
  const columns = kept.filter((c) => values.has(c) && PERCENTILE_NAME.test(c));
  if (columns.length === 0) return [];
  const which = columns.map((c) => `"${c}"`).join(', ');
  need('n_below', `persons below the percentile in ${which}; a percentile is published only with enough persons on each side (or set rules.percentiles)`);
  need('n_above', `persons above the percentile in ${which}; a percentile is published only with enough persons on each side (or set rules.percentiles)`);
  return [{ columns, below: 'n_below', above: 'n_above', minEachSide: minPersons }];
}

function checkRate(rule: RateRule, rows: readonly Record<string, unknown>[], need: (c: string, what: string) => string): RateRule & { scale: number } {
  for (const c of [rule.rate, rule.count, rule.denominator]) need(c, 'rules.rates[]');
  for (const c of [rule.ciLow, rule.ciHigh, rule.se]) if (c !== undefined) need(c, 'rules.rates[]');
  const scale = rule.scale ?? 1;
  rows.forEach((row, i) => {
    const [rate, count, den] = [row[rule.rate], row[rule.count], row[rule.denominator]];
    if (typeof rate === 'number' && typeof count === 'number' && typeof den === 'number' && den > 0 && !closeTo(rate, (count / den) * scale))
      throw new SpecificationError(`output control: rate "${rule.rate}" is not ${rule.count} / ${rule.denominator} × ${scale} on row ${i + 1} (${rate} vs ${count} / ${den})`);
  });
  return { ...rule, scale };
}

/** A rate column is treated as derived only when it equals count / n (or × 100) on every row. */
function detectRates(kept: readonly string[], rows: readonly Record<string, unknown>[], personsColumn: string): (RateRule & { scale: number })[] {
  const has = new Set(kept);
  if (!has.has('count')) return [];
  const denominator = has.has('n') ? 'n' : personsColumn;
  const found: (RateRule & { scale: number })[] = [];
  for (const rate of RATE_CANDIDATES) {
    if (!has.has(rate)) continue;
    for (const scale of [1, 100]) {
      let checked = 0;
      let ok = true;
      for (const row of rows) {
        const [r, c, d] = [row[rate], row.count, row[denominator]];
        if (typeof r !== 'number' || typeof c !== 'number' || typeof d !== 'number' || !(d > 0)) continue;
        checked++;
        if (!closeTo(r, (c / d) * scale)) {
          ok = false;
          break;
        }
      }
      if (ok && checked > 0) {
        const generic = found.length === 0;
        const pick = (suffix: string): string | undefined => (has.has(`${rate}_${suffix}`) ? `${rate}_${suffix}` : generic && has.has(suffix) ? suffix : undefined);
        found.push({ rate, count: 'count', denominator, scale, ciLow: pick('ci_low'), ciHigh: pick('ci_high'), se: pick('se') });
        break;
      }
    }
  }
  return found;
}

function closeTo(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** Count and shared-total columns a distribution may use: each derived rate's, else `count` over the person count. */
function shareColumns(personsColumn: string, countColumns: readonly string[], rates: readonly RateRule[]): { count: string; total: string }[] {
  const pairs = rates.map((r) => ({ count: r.count, total: r.denominator }));
  if (pairs.length === 0 && countColumns.includes('count')) pairs.push({ count: 'count', total: personsColumn });
  return pairs.filter((p, i) => pairs.findIndex((q) => q.count === p.count && q.total === p.total) === i);
}

function resolveSecondary(
  rules: OutputControlRules,
  labelColumns: readonly string[],
  rows: readonly Record<string, unknown>[],
  need: (c: string, what: string) => string,
  sharePairs: readonly { count: string; total: string }[],
): ResolvedRules['secondary'] {
  const spec = rules.secondary ?? 'auto';
  if (spec === false) return null;
  const keyCandidates = labelColumns.filter((c) => !DESCRIPTIVE.has(c));
  let dimensions: TableDimension[];
  const shareSpec = spec === 'auto' ? 'auto' : (spec.shares ?? 'auto');
  let shares: ResolvedShareRule[] = [];
  if (shareSpec === 'auto') shares = detectShareRules(rows, keyCandidates, sharePairs);
  else if (shareSpec !== false) shares = (Array.isArray(shareSpec) ? (shareSpec as readonly ShareRule[]) : [shareSpec as ShareRule]).map((r) => resolveShareRule(r, rows, keyCandidates, sharePairs, need));
  if (spec === 'auto') {
    dimensions = [];
    for (const column of keyCandidates) {
      const total = rows.map((r) => r[column]).find((v) => (typeof v === 'string' || typeof v === 'number') && TOTAL_LABEL.test(String(v)));
      if (total !== undefined) dimensions.push({ column, total: total as string | number });
    }
    if (dimensions.length === 0 && shares.length === 0) return null;
  } else {
    dimensions = spec.dimensions.map((d) => {
      need(d.column, 'rules.secondary.dimensions[].column');
      if (!labelColumns.includes(d.column)) throw new SpecificationError(`output control: secondary dimension "${d.column}" is a value column; a dimension classifies rows (a label column)`);
      return d;
    });
    if (dimensions.length === 0 && (shareSpec === false || shareSpec === 'auto'))
      throw new SpecificationError('output control: rules.secondary.dimensions is empty and no rules.secondary.shares is given; pass secondary: false to turn secondary suppression off');
  }
  const dimSet = new Set(dimensions.map((d) => d.column));
  const by = spec !== 'auto' && spec.by ? spec.by.map((c) => need(c, 'rules.secondary.by')) : keyCandidates.filter((c) => !dimSet.has(c));
  return { dimensions, by, shares };
}

function resolveShareRule(
  rule: ShareRule,
  rows: readonly Record<string, unknown>[],
  keyCandidates: readonly string[],
  pairs: readonly { count: string; total: string }[],
  need: (c: string, what: string) => string,
): ResolvedShareRule {
  const category = need(rule.category, 'rules.secondary.shares.category');
  const count = need(rule.count ?? pairs[0]?.count ?? 'count', 'rules.secondary.shares.count');
  const total = need(rule.total ?? pairs.find((p) => p.count === count)?.total ?? pairs[0]?.total ?? 'n', 'rules.secondary.shares.total');
  const by = rule.by ? rule.by.map((c) => need(c, 'rules.secondary.shares.by')) : keyCandidates.filter((c) => c !== category && !determines(rows, category, c));
  return { category, by, count, total, detected: false, lines: shareLines(rows, { category, by, count, total }).length };
}
