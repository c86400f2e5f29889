/**
 * The contract between the panel builder and an outcome definition: the outcome of a person in
 * each month of a month range, written into a reusable buffer. NaN means missing (e.g. a job
 * without a wage): that person-month gets no panel row and is counted.
 */

/** An outcome definition, ready to fill months (built once per panel). */
export interface MonthlyOutcome {
  /** Short label carried in the panel's spec (e.g. `any-day`, `earnings:month`). */
  readonly label: string;
  /** Whether every value is 0 or 1 by construction (an indicator, such as participation). */
  readonly indicator: boolean;
  /**
   * Write the outcome of export person `person` for month indices `lo … hi` (inclusive) into
   * `values[lo … hi]`; other entries are left alone.
   */
  fill(person: number, lo: number, hi: number, values: Float64Array): void;
}
