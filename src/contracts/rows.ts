import type { ResultColumn } from '../core/result.js';
import type { EstimateFields } from '../estimate/types.js';
import { NO_RELATIONSHIP_BIN, UNKNOWN_BIN, type TenureBins } from './bins.js';
import { shareWithWilson } from './wilson.js';
import type { TenureTally } from './engine.js';

/** One tenure bin in one group at one reference (fields shared by dates and event times). */
export interface TenureBinFields extends EstimateFields {
  readonly group: string;
  /** Bin label, or `unknown` / `no relationship`. */
  readonly bin: string;
  /** Order of the bin (tenure bins 0.., then unknown, then no relationship). */
  readonly bin_index: number;
  /** Bin edges in completed months; `null` for an open end and for the two extra rows. */
  readonly months_from: number | null;
  readonly months_to: number | null;
  /** Persons in the bin. */
  readonly count: number;
  /** Denominator of the share (see {@link ContractLengthSummary}). */
  readonly n: number;
  /** Persons in this bin whose tenure is a lower bound (left-censored start). */
  readonly n_left_censored: number;
  /** Same as `estimate` (count / n), under the name figures use. */
  readonly share: number | null;
}

/** One tenure bin at a reference date in one group. */
export interface TenureBinRow extends TenureBinFields {
  /** Reference date, ISO `YYYY-MM-DD`. */
  readonly date: string;
}

/** One tenure bin at an event time (months since support start) in one group. */
export interface EventTimeTenureRow extends TenureBinFields {
  readonly event_time: number;
}

/** Head counts behind one reference and group. */
export interface ContractLengthSummary {
  /** Reference date (ISO) for calendar results, absent for event-time results. */
  readonly date?: string;
  /** Months since support start for event-time results, absent for calendar results. */
  readonly event_time?: number;
  readonly group: string;
  /** Persons in the population. */
  readonly n_population: number;
  /** Persons without an active relationship (row `no relationship`). */
  readonly n_no_relationship: number;
  /** Persons with a relationship whose left-censored tenure cannot be binned (row `unknown`). */
  readonly n_unknown: number;
  /** Denominator of the tenure-bin shares. */
  readonly n_binned: number;
}

/** Columns of a tenure-bin table, after the reference column(s) (`date` or `event_time`). */
export function binColumns(reference: readonly ResultColumn[]): ResultColumn[] {
  return [
    ...reference,
    { key: 'group', label: 'group' },
    { key: 'bin', label: 'bin' },
    { key: 'bin_index' },
    { key: 'months_from' },
    { key: 'months_to' },
    { key: 'count', label: 'count' },
    { key: 'n', label: 'n' },
    { key: 'n_left_censored' },
    { key: 'share', label: 'share', digits: 3 },
    { key: 'estimate' },
    { key: 'se' },
    { key: 'ci_low', label: 'ci_low', digits: 3 },
    { key: 'ci_high', label: 'ci_high', digits: 3 },
    { key: 'level' },
    { key: 'method' },
    { key: 'n_persons' },
    { key: 'n_person_months' },
    { key: 'note' },
  ];
}

/** Turn tallies into rows. `refs` give each reference's date or event time. */
export function tallyRows<R extends { readonly date: string } | { readonly event_time: number }>(
  tally: TenureTally,
  refs: readonly R[],
  groupLabels: readonly string[],
  bins: TenureBins,
  level: number,
  includeNoRelationship: boolean,
): { rows: (TenureBinFields & R)[]; summaries: ContractLengthSummary[] } {
  const rows: (TenureBinFields & R)[] = [];
  const summaries: ContractLengthSummary[] = [];
  const nb = bins.labels.length;
  const empty = new Int32Array(tally.stride);
  const groups = tally.groupsUsed();
  refs.forEach((ref, ri) => {
    for (const g of groups) {
      const c = tally.get(ri, g) ?? empty;
      const unknown = c[nb];
      const noRel = c[nb + 1];
      const population = c[nb + 3];
      let binned = 0;
      for (let b = 0; b < nb; b++) binned += c[b];
      const n = includeNoRelationship ? binned + noRel : binned;
      const base = { ...ref, group: groupLabels[g], level, method: 'wilson' };
      const row = (bin: string, index: number, from: number | null, to: number | null, count: number, denom: number, censored: number, why: string): TenureBinFields & R => {
        const s = shareWithWilson(count, denom, level);
        return {
          ...base,
          bin,
          bin_index: index,
          months_from: from,
          months_to: to,
          count,
          n: denom,
          n_left_censored: censored,
          ...s,
          share: s.estimate,
          n_persons: denom,
          n_person_months: denom,
          ...(denom === 0 ? { note: why } : {}),
        };
      };
      for (let b = 0; b < nb; b++) {
        rows.push(row(bins.labels[b], b, b === 0 ? 0 : bins.edges[b - 1], b < bins.edges.length ? bins.edges[b] : null, c[b], n, b === nb - 1 ? c[nb + 2] : 0, 'nobody with a binnable tenure in this group on this reference'));
      }
      // Unknown: share among persons with a relationship; no relationship: share of the population.
      rows.push(row(UNKNOWN_BIN, nb, null, null, unknown, binned + unknown, unknown, 'nobody with a relationship in this group on this reference'));
      rows.push(row(NO_RELATIONSHIP_BIN, nb + 1, null, null, noRel, population, 0, 'nobody in the population in this group on this reference'));
      summaries.push({ ...ref, group: groupLabels[g], n_population: population, n_no_relationship: noRel, n_unknown: unknown, n_binned: n });
    }
  });
  return { rows, summaries };
}
