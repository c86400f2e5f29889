/**
 * The shape every estimate shares (docs/methods/README.md): what was estimated, how precisely, from how many.
 */
export interface EstimateFields {
  /** Point estimate; `null` when there is nothing to estimate from (see `note`). */
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** How the interval was computed, e.g. `wilson`, `cr1-cluster-person`, `cluster-bootstrap-percentile`. */
  readonly method: string;
  /** Distinct persons behind the estimate. */
  readonly n_persons: number;
  /** Person-months behind the estimate (where relevant; otherwise equals n_persons). */
  readonly n_person_months: number;
  /** Why an estimate is missing or qualified; absent when there is nothing to say. */
  readonly note?: string;
}
