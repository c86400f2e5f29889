import { BAND_COLUMNS, INTERVAL_COLUMNS, type ResultColumn } from '../core/result.js';
import type { EventColumns } from './eventColumns.js';
import type { EventTimeEstimate } from './eventStudy.js';
import type { EventStudyStatistics } from './eventStudyStatistics.js';

/** Columns of an event study's tidy table, in order. */
export const EVENT_STUDY_COLUMNS: readonly ResultColumn[] = [
  { key: 'phase', label: 'phase' },
  { key: 'event_time', label: 'k' },
  { key: 'estimate', label: 'ATT', digits: 4 },
  ...INTERVAL_COLUMNS,
  ...BAND_COLUMNS,
  { key: 'level' },
  { key: 'method' },
  { key: 'n_treated', label: 'treated' },
  { key: 'n_control', label: 'control' },
  { key: 'n_persons' },
  { key: 'n_person_months' },
  { key: 'note' },
];

/** What {@link eventStudyRows} needs. */
export interface EventStudyRowParts {
  readonly cols: EventColumns;
  readonly stats: EventStudyStatistics;
  /** CR1 standard errors per column; null when there are too few clusters. */
  readonly se: Float64Array | null;
  /** Distinct persons per column: treated columns, then control columns. */
  readonly nAt: Float64Array;
  /** Person-months per column, in the same layout. */
  readonly monthsAt: Float64Array;
  readonly level: number;
  /** Normal critical value of the pointwise intervals. */
  readonly z: number;
  /** Sup-t critical value of the band, or null. */
  readonly uniform: number | null;
  readonly method: string;
  readonly tooFew: boolean;
}

/**
 * One row per event-study column: ATT, pointwise interval, band, counts and a note where a value is missing.
 *
 * @example
 * // used by eventStudy; see its example
 */
export function eventStudyRows(parts: EventStudyRowParts): EventTimeEstimate[] {
  const { cols, stats, se, nAt, monthsAt, level, z, uniform, method } = parts;
  const J = cols.count;
  return cols.phase.map((phase, j) => {
    const nT = nAt[j];
    const nC = nAt[J + j];
    const base = { phase, event_time: cols.eventTime[j], level, method, n_persons: nT + nC, n_person_months: monthsAt[j]! + monthsAt[J + j]!, n_treated: nT, n_control: nC };
    const empty = { se: null, ci_low: null, ci_high: null, band_low: null, band_high: null };
    if (!stats.defined[j]) {
      const note = !stats.referenceObserved ? 'a group has no person observed in the reference window' : 'a group has no person observed at this event time';
      return { ...base, estimate: null, ...empty, note };
    }
    const att = stats.att[j];
    if (se === null) return { ...base, estimate: att, ...empty, note: 'fewer than two clusters in a group: no standard error' };
    const s = se[j];
    const band = uniform !== null && s > 0 ? uniform * s : s === 0 ? 0 : null;
    return {
      ...base,
      estimate: att,
      se: s,
      ci_low: att - z * s,
      ci_high: att + z * s,
      band_low: band === null ? null : att - band,
      band_high: band === null ? null : att + band,
      ...(s === 0 ? { note: 'no variation: standard error is zero' } : {}),
    };
  });
}
