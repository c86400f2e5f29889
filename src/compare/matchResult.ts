/**
 * The result of matching in the library's result protocol: the balance table is its rows; the
 * matched sets, weights and anchors that the difference-in-differences and event study consume
 * are fields on top.
 */
import type { ColumnTable } from 'arquero';
import { createResult, type Result, type ResultColumn } from '../core/result.js';
import type { PanelAnchors } from '../panel/types.js';
import type { BalanceRow } from './balance.js';
import type { LogisticFit } from './logisticRegression.js';
import type { EmptyStratum, UnmatchedPerson } from './matchEligibility.js';
import type { MatchSpec } from './matchSpec.js';
import type { MatchedSets } from './matchWeights.js';
import type { MatchedValues } from './biasCorrection.js';

/** Result of `matchControls`: the result protocol (`rows` = balance table) plus the matched sets. */
export interface MatchResult extends Result<BalanceRow, MatchSpec> {
  /** Matched supported persons (group `supported`) and their controls (group `control`, pseudo anchors), for `eventPanel(exp, { anchors })`; `cluster` is the matched set. */
  readonly anchors: PanelAnchors;
  /** Matched pairs: set (= matched supported person's number), export rows of both, distance. */
  readonly pairs: MatchedSets['pairs'];
  /** MatchIt ATT weight per matched person (export row): supported 1; control Σ over its sets of 1/(controls in the set), scaled to sum to the number of distinct controls. */
  readonly weights: MatchedSets['weights'];
  /**
   * True when some control serves in more than one matched set (with replacement, or across
   * support-start cohorts): then the sets are not independent and standard errors should cluster
   * by person; when false, clustering by matched set is valid.
   */
  readonly controlsReused: boolean;
  /**
   * The distance covariates' values each anchor row (= person of `eventPanel(exp, { anchors })`)
   * was matched on, as design columns (numeric as is, categorical as indicators of all but the
   * first level, constant columns dropped): a supported person's at their support start, a
   * control's at the cohort anchor. Pass to `diffInDiff(panel, { biasCorrection: m.matchedValues })`.
   */
  readonly matchedValues: MatchedValues;
  readonly unmatched: readonly UnmatchedPerson[];
  readonly emptyStrata: readonly EmptyStratum[];
  /** The same rows as `rows`: standardised mean differences and variance ratios before and after matching, per `balance` covariate (categorical: per level), then the logit propensity. */
  readonly balance: readonly BalanceRow[];
  /**
   * The propensity model (one, over all cohorts; empty for mahalanobis). Fitted on the distinct
   * (cohort, covariate pattern, group) rows with frequency weights, so `fitted` and `linearPredictor` are per pattern.
   */
  readonly propensityModels: readonly { readonly cohort: string; readonly fit: LogisticFit }[];
  readonly n_supported: number;
  readonly n_matched_supported: number;
  readonly n_candidates: number;
  readonly n_matched_controls: number;
  /** The balance table as arquero (the same as `toTable()`). */
  balanceTable(): ColumnTable;
}

/** Columns of the balance table; `summary()` prints the covariate, SMDs and variance ratios. */
export const BALANCE_COLUMNS: readonly ResultColumn[] = [
  { key: 'covariate', label: 'covariate' },
  { key: 'binary' },
  { key: 'mean_supported_before' },
  { key: 'mean_control_before' },
  { key: 'smd_before', label: 'SMD before', digits: 3 },
  { key: 'variance_ratio_before', label: 'var. ratio before', digits: 3 },
  { key: 'mean_supported_after' },
  { key: 'mean_control_after' },
  { key: 'smd_after', label: 'SMD after', digits: 3 },
  { key: 'variance_ratio_after', label: 'var. ratio after', digits: 3 },
];

/** What the result is made of besides the balance rows and the spec. */
export interface MatchParts {
  readonly sets: MatchedSets;
  readonly matchedValues: MatchedValues;
  readonly unmatched: readonly UnmatchedPerson[];
  readonly emptyStrata: readonly EmptyStratum[];
  readonly propensityModels: readonly { readonly cohort: string; readonly fit: LogisticFit }[];
  readonly n_supported: number;
  readonly n_candidates: number;
}

function matchNotes(parts: MatchParts): string[] {
  const reasons = new Map<string, number>();
  for (const u of parts.unmatched) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const notes = [...reasons].map(([k, v]) => `Unmatched (${k}): ${v} supported person${v === 1 ? '' : 's'}.`);
  if (parts.emptyStrata.length > 0) notes.push(`Exact strata without controls: ${parts.emptyStrata.length}.`);
  notes.push(
    parts.sets.controlsReused
      ? 'Some controls serve in more than one matched set: cluster standard errors by person, not by set.'
      : 'Every control serves in one matched set only.',
  );
  notes.push('SMD: (mean supported − mean control) / SD of the supported before matching; variance ratio: supported / control (numeric covariates).');
  return notes;
}

/** Assemble the result. */
export function matchResult(rows: readonly BalanceRow[], spec: MatchSpec, parts: MatchParts): MatchResult {
  const { sets } = parts;
  const title = `Matched ${sets.n_matched_supported} of ${parts.n_supported} supported persons to ${sets.n_matched_controls} distinct controls (of ${parts.n_candidates} never-supported candidates); balance before and after matching`;
  const base = createResult({ kind: 'matchControls', title, rows, spec, columns: BALANCE_COLUMNS, notes: matchNotes(parts) });
  return {
    ...base,
    anchors: sets.anchors,
    pairs: sets.pairs,
    weights: sets.weights,
    controlsReused: sets.controlsReused,
    matchedValues: parts.matchedValues,
    unmatched: parts.unmatched,
    emptyStrata: parts.emptyStrata,
    balance: rows,
    propensityModels: parts.propensityModels,
    n_supported: parts.n_supported,
    n_matched_supported: sets.n_matched_supported,
    n_candidates: parts.n_candidates,
    n_matched_controls: sets.n_matched_controls,
    balanceTable: base.toTable,
  };
}
