import { INTERVAL_COLUMNS } from '../core/result.js';
import type { ResultColumn } from '../core/result.js';
import type { EstimateFields } from '../estimate/types.js';

/** One row of a {@link diffInDiff} result: the DiD (`term: 'treated:after'`) or a cell mean (`term: 'mean'`). */
export interface DiffInDiffRow extends EstimateFields {
  readonly term: 'treated:after' | 'mean';
  /** Group of a cell mean; null for the DiD row. */
  readonly group: string | null;
  /** Phase of a cell mean; null for the DiD row. */
  readonly phase: 'before' | 'after' | null;
  /** Σ person weight × person-months behind the row. */
  readonly weight: number;
  readonly n_clusters: number;
}

/** Columns of a DiD's tidy table, in order. */
export const DID_COLUMNS: readonly ResultColumn[] = [
  { key: 'term', label: 'term' },
  { key: 'group', label: 'group' },
  { key: 'phase', label: 'phase' },
  { key: 'estimate', label: 'estimate', digits: 4 },
  ...INTERVAL_COLUMNS,
  { key: 'level' },
  { key: 'method' },
  { key: 'n_persons', label: 'persons' },
  { key: 'n_person_months', label: 'person-months' },
  { key: 'n_clusters', label: 'clusters' },
  { key: 'weight' },
  { key: 'note' },
];

/**
 * Estimate, se and interval with nulls where a value cannot be computed (non-finite estimate,
 * se or critical value).
 *
 * @example
 * intervalFields(0.5, 0.01, 2); // { estimate: 0.5, se: 0.1, ci_low: 0.3, ci_high: 0.7 }
 * intervalFields(0.5, NaN, 2); // { estimate: 0.5, se: null, ci_low: null, ci_high: null }
 */
export function intervalFields(estimate: number, variance: number, critical: number): Pick<EstimateFields, 'estimate' | 'se' | 'ci_low' | 'ci_high'> {
  if (!Number.isFinite(estimate)) return { estimate: null, se: null, ci_low: null, ci_high: null };
  const se = Math.sqrt(variance);
  if (!Number.isFinite(se) || !Number.isFinite(critical)) return { estimate, se: null, ci_low: null, ci_high: null };
  return { estimate, se, ci_low: estimate - critical * se, ci_high: estimate + critical * se };
}
