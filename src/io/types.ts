/**
 * The in-memory, columnar form of a CBS-style export. Every loader produces this;
 * every estimator consumes it. Rows are sorted by person, then start date, and each
 * spell table has CSR offsets so a person's spells are a contiguous slice.
 */

/** A dictionary-encoded categorical column: `levels[codes[i]]`; code -1 means missing. */
export interface Categorical {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** Persons: one row per person; the row number is the person index used everywhere. */
export interface PersonTable {
  readonly length: number;
  /** Source code (`RINPERSOONS`, e.g. `R`), per person. */
  readonly rinpersoons: readonly string[];
  /** 9-digit person number as a string with leading zeros (`RINPERSOON`). */
  readonly rinpersoon: readonly string[];
  /** Birth year; NaN when missing. */
  readonly birthYear: Float64Array;
  /** Sex, dictionary-encoded as read (e.g. `1`/`2` or `M`/`V`). */
  readonly sex: Categorical;
  /** Every other column of the persons input: numeric columns as Float64Array (NaN = missing), others dictionary-encoded. */
  readonly covariates: Readonly<Record<string, Float64Array | Categorical>>;
  /** 1-based source row of each person. */
  readonly sourceRow: Int32Array;
}

/** Support trajectories (spells), sorted by person then start. */
export interface SupportTable {
  readonly length: number;
  /** Person index (row of {@link PersonTable}). */
  readonly person: Int32Array;
  /** Start day number. */
  readonly start: Int32Array;
  /** End day number (inclusive); {@link core!OPEN_END} when ongoing. */
  readonly end: Int32Array;
  /** `Participatiewet` / `Wsw` (as read). */
  readonly scheme: Categorical;
  /** `regulier` / `sociale firma` / `Pantar` (as read). */
  readonly employerType: Categorical;
  /** CSR offsets: the spells of person p are rows `offsets[p] .. offsets[p+1]-1`. Length persons + 1. */
  readonly offsets: Int32Array;
  /** 1-based source row of each spell. */
  readonly sourceRow: Int32Array;
}

/** Employment (job) spells, SPOLIS-like, sorted by person then start. */
export interface EmploymentTable {
  readonly length: number;
  readonly person: Int32Array;
  /** Job / employer identifier, dictionary-encoded. */
  readonly employer: Categorical;
  readonly start: Int32Array;
  /** End day number (inclusive); {@link core!OPEN_END} when ongoing. */
  readonly end: Int32Array;
  /** Contract type as read (e.g. `bepaald` / `onbepaald`); code -1 when missing. */
  readonly contract: Categorical;
  /** CSR offsets by person, length persons + 1. */
  readonly offsets: Int32Array;
  readonly sourceRow: Int32Array;
  /**
   * Start as the source reports it, before clipping to the observation period (differs from
   * `start` only for spells that began before it); absent when unknown. Lets survival analysis
   * enter relationships already running with delayed entry instead of dropping them.
   */
  readonly reportedStart?: Int32Array;
  /**
   * Wage per spell (SPOLIS `SBASISLOON`; euros for the basis chosen when it is used: per month of
   * the spell or per day); NaN when missing. Absent when the input had no wage column.
   */
  readonly wage?: Float64Array;
  /** Hours per spell (SPOLIS `SBASISUREN`; same basis as the wage); NaN when missing. Absent without an hours column. */
  readonly hours?: Float64Array;
}

/** Benefit spells (e.g. bijstand), sorted by person then start: the optional fourth input. */
export interface BenefitTable {
  readonly length: number;
  readonly person: Int32Array;
  readonly start: Int32Array;
  /** End day number (inclusive); {@link core!OPEN_END} when ongoing. */
  readonly end: Int32Array;
  /** Benefit type as read (e.g. `bijstand`, `WW`, `WIA`); code -1 when missing. */
  readonly type: Categorical;
  /** CSR offsets by person, length persons + 1. */
  readonly offsets: Int32Array;
  readonly sourceRow: Int32Array;
}

/** The period covered by the data, as inclusive day numbers. */
export interface ObservationPeriod {
  readonly start: number;
  readonly end: number;
}

/** One line of the quality report. */
export interface QualityEntry {
  readonly table: 'persons' | 'support' | 'employment' | 'benefits';
  /** Machine-readable reason, e.g. `end-before-start`, `duplicate-row`, `unknown-person`. */
  readonly issue: string;
  /**
   * `excluded` rows are not in the export; `repaired` rows are, after the repair described;
   * `flagged` rows are kept exactly as read but deserve attention (e.g. overlapping support).
   */
  readonly action: 'excluded' | 'repaired' | 'flagged';
  readonly count: number;
  readonly description: string;
  /** Up to 10 example 1-based source rows. */
  readonly exampleRows: readonly number[];
}

/** Row accounting per input table: `read = kept + excluded`. */
export interface QualityCounts {
  readonly read: number;
  readonly kept: number;
  readonly excluded: number;
  readonly repaired: number;
}

/** What was read, what was excluded or repaired and why. Counts add up to the input rows. */
export interface QualityReport {
  readonly counts: Readonly<Record<'persons' | 'support' | 'employment', QualityCounts>> & { readonly benefits?: QualityCounts };
  readonly entries: readonly QualityEntry[];
}

/** A loaded CBS-style export: persons, support trajectories, employment spells, and optionally benefit spells. */
export interface CbsExport {
  readonly persons: PersonTable;
  readonly support: SupportTable;
  readonly employment: EmploymentTable;
  /** Benefit spells, when a benefits input was given. */
  readonly benefits?: BenefitTable;
  readonly observation: ObservationPeriod;
  readonly quality: QualityReport;
}
