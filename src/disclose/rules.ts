/** A rate that is derived from a count and a denominator: `rate = count / denominator × scale`. */
export interface RateRule {
  /** Column holding the rate (e.g. `estimate`, `rate`, `share`). */
  readonly rate: string;
  /** Column holding the number of persons with the property (e.g. `count`). */
  readonly count: string;
  /** Column holding the number of persons the rate is taken over (e.g. `n`). */
  readonly denominator: string;
  /** 1 for proportions (default), 100 for percentages. */
  readonly scale?: number;
  /** Interval and standard-error columns of the rate, recomputed (or suppressed) after rounding. */
  readonly ciLow?: string;
  readonly ciHigh?: string;
  readonly se?: string;
}

/**
 * A percentile (median, quartile) may only be published when enough persons lie on each side of it;
 * the table must carry those two person counts.
 */
export interface PercentileRule {
  /** Columns that publish the percentile or values derived from it (e.g. `median`, `median_ci_low`). */
  readonly columns: readonly string[];
  /** Column with the number of persons strictly below the percentile. */
  readonly below: string;
  /** Column with the number of persons strictly above the percentile. */
  readonly above: string;
  /** Minimum persons on each side (default: `minPersons`). */
  readonly minEachSide?: number;
}

/** One classifying column of a table with margins, and the label of its total category. */
export interface TableDimension {
  readonly column: string;
  /** Label of the total row/column, e.g. `'Totaal'`. */
  readonly total: string | number;
}

/**
 * A distribution published as rows with a shared denominator (e.g. tenure bins of `contractLengths`,
 * employer types of `employerTypeShares`): rows that differ only in `category` and carry the same
 * `total` form a line whose `count`s add up to that total, published on every row.
 * Only groups whose counts add up to the total exactly (possibly without one row outside the
 * denominator, such as `unknown`) are lines: only those give away an exact sum.
 */
export interface ShareRule {
  /** Column whose categories make up the distribution (e.g. `bin`). */
  readonly category: string;
  /** Columns that fix one line (default: every other label column except `note`, `method`, `level` and columns the category determines, such as `bin_index`). */
  readonly by?: readonly string[];
  /** Column with each category's count (default `count`). */
  readonly count?: string;
  /** Column with the shared total (default: the denominator of the derived rate, else the person-count column). */
  readonly total?: string;
}

/**
 * The structure of a tidy table with totals: each row is one cell, classified by the `dimensions`;
 * a row whose dimension value equals that dimension's total label is the sum of the others.
 */
export interface SecondaryRule {
  /** Dimensions with a total row (may be empty when only `shares` lines are declared). */
  readonly dimensions: readonly TableDimension[];
  /** Columns that split the table into independent sub-tables (default: every other label column except `note`, `method`, `level`). */
  readonly by?: readonly string[];
  /**
   * Distributions over a shared total (see `ShareRule`). `'auto'` (default) finds them: rows that agree
   * on every other label column and on the denominator, whose counts add up to it exactly; `false` turns
   * it off. Found lines are listed in the report.
   */
  readonly shares?: ShareRule | readonly ShareRule[] | 'auto' | false;
}

/** How intervals of a derived rate are treated once its counts have been rounded. */
export type RoundedIntervalMethod = 'match-method' | 'wilson' | 'clopper-pearson' | 'wald' | 'suppress';

/** Rounding of published person counts to a base. */
export interface RoundingRule {
  /** Round to the nearest multiple of this (e.g. 5). */
  readonly base: number;
  /** Columns to round (default: the person-count column, the count columns and the rate denominators). */
  readonly columns?: readonly string[];
  /**
   * Intervals of derived rates: recompute from the rounded counts with the row's own `method`
   * (`match-method`, the default; rows whose method is not a binomial interval get their interval suppressed),
   * with a fixed method, or always suppress. An interval from the exact counts would reveal them.
   */
  readonly intervals?: RoundedIntervalMethod;
}

/**
 * A share (or the mean of a 0/1 variable) published with the number of persons it is taken over
 * implies a count, `value / scale × denominator`, which must reach `minCount` (and so must its
 * complement, with `complementCounts`).
 */
export interface ImpliedCountRule {
  /** Column holding the share or mean (e.g. `estimate`, `share`). */
  readonly column: string;
  /** Column with the number of persons the share is taken over (default `n`, else `n_persons`, else the person-count column). */
  readonly denominator?: string;
  /** 1 for proportions (default), 100 for percentages. */
  readonly scale?: number;
}

/**
 * Totals of this table's cells published elsewhere (another table, a report, a press release):
 * each margin row gives, for the table rows that agree with it on `by`, their total. Output control
 * then also makes sure that the margin minus the published cells recovers no withheld cell and no
 * small sum of withheld cells (the classic differencing attack).
 */
export interface MarginRule {
  /** The published margins: an array of row objects or an arquero table. */
  readonly rows: readonly object[] | { objects(): object[]; columnNames(): string[] };
  /** Columns that tie a margin row to the table rows it totals (every table row with the same values). */
  readonly by: readonly string[];
  /** Additive columns the margins publish (default: the person-count and count columns found in the margins). */
  readonly columns?: readonly string[];
}

/** Output-control rules. Every field is optional; the defaults follow CBS practice. */
export interface OutputControlRules {
  /** Column with the number of persons behind each row (default `n_persons`, else `n`, else `n_risk`). */
  readonly personsColumn?: string;
  /** Minimum number of persons behind every published row (default 10). */
  readonly minPersons?: number;
  /**
   * Further person counts that are published and must each reach `minCount`
   * (default: those of `count`, `n_risk`, `n_event` present; percentile side counts are checked by their own rule).
   */
  readonly countColumns?: readonly string[];
  /** Minimum for each count column (default `minPersons`). Zero is below it: "nobody in this group" discloses too. */
  readonly minCount?: number;
  /** Also require `denominator − count ≥ minCount` for derived rates, so a rate near 100 % does not disclose the few without the property (default true). */
  readonly complementCounts?: boolean;
  /** Columns whose values are suppressed in a suppressed row (default: every numeric column that is not a label). */
  readonly valueColumns?: readonly string[];
  /** Columns that describe a row rather than publish a value (default: non-numeric columns plus `level`, `k`, `event_time`, `year`, `month`, `quarter`, `period`, `time`, `age`, `cohort`, `week`, `day`, `date` and names ending in `_index`, `_from`, `_to`, `_id`, `_year`, `_month`, `_date`, `_time`). Ignored when `valueColumns` is given. */
  readonly labelColumns?: readonly string[];
  /** Columns holding minima or maxima (default: `min`, `max`, `minimum`, `maximum` and names ending in `_min`/`_max`). */
  readonly minMaxColumns?: readonly string[];
  /** What to do with min/max columns: drop them from the output (default) or refuse the table. */
  readonly minMax?: 'remove' | 'refuse';
  /** Percentile rules (default: if a `median`/`pNN` column exists, one rule over them with sides `n_below`/`n_above`). */
  readonly percentiles?: readonly PercentileRule[];
  /** Derived rates (default: `estimate`, `rate`, `share` or `proportion` when it equals `count / n` on every row). */
  readonly rates?: readonly RateRule[];
  /**
   * Shares and means of 0/1 variables whose implied count (`value × n`) must reach `minCount`, like a count:
   * `'auto'` (default) checks every value column named `estimate`, `share`, `proportion`, `rate`, `prevalence`
   * or `mean` (and `percentage`, `percent`, `pct` on a 0–100 scale) whose values all lie within [0, 1] (0–100),
   * that is not already a rate derived from a count column, against `n` (else `n_persons`); rows that describe a
   * difference (a label or `method` saying change, difference, did, contrast, effect or att) are skipped.
   * A list names the columns (and their denominators) instead; `false` turns the check off.
   */
  readonly impliedCounts?: 'auto' | false | readonly (string | ImpliedCountRule)[];
  /** Totals of the table's cells that are published elsewhere, checked against differencing (see `MarginRule`). */
  readonly margins?: readonly MarginRule[];
  /** Round published counts (default: no rounding). */
  readonly rounding?: RoundingRule | null;
  /**
   * Table structure for secondary suppression. `'auto'` (default) treats every label column that contains
   * a total label (`Totaal`, `total`, `all`, `alle`, `overall`) as a dimension with that total, and finds
   * distributions whose counts add up to a shared denominator (`SecondaryRule.shares`); `false` turns it off.
   * On every additive line the withheld cells must together hold 0 or at least `minPersons` persons.
   */
  readonly secondary?: SecondaryRule | 'auto' | false;
  /** Confidence level for recomputed intervals when the table has no `level` column (default 0.95). */
  readonly level?: number;
}

/**
 * CBS-like defaults: at least 10 persons behind every published number.
 *
 * @example
 * applyOutputControl([{ n_persons: DEFAULT_MIN_PERSONS - 1, estimate: 0.5 }]).rows[0].estimate; // null
 */
export const DEFAULT_MIN_PERSONS = 10;
