/**
 * Output control (statistical disclosure control) of result tables before they leave a secure
 * environment, and the writers that refuse unchecked tables. Guide: [output
 * control](../../docs/guides/output-control.md).
 *
 * @module disclose
 */
export { applyOutputControl, isControlled } from './applyOutputControl.js';
export type { ControlledRow, ControlledTable } from './applyOutputControl.js';
export { OUTPUT_CONTROLLED } from './brand.js';
export { formatOutputControlReport } from './report.js';
export type { OutputControlHit, OutputControlReport } from './report.js';
export type { OutputControlRules, PercentileRule, RateRule, RoundedIntervalMethod, RoundingRule, SecondaryRule, ShareRule, TableDimension, ImpliedCountRule, MarginRule } from './rules.js';
export type { ResolvedImpliedCount } from './impliedCounts.js';
export type { ResolvedMargin } from './margins.js';
export type { ResolvedShareRule } from './shareLines.js';
export { DEFAULT_MIN_PERSONS } from './rules.js';
export type { ResolvedRules } from './resolveRules.js';
export { roundToBase } from './rounding.js';
export type { RoundingSummary } from './rounding.js';
export { tableLines } from './secondarySuppression.js';
export type { TableLine } from './secondarySuppression.js';
export { determinedCells } from './linkedTotals.js';
export type { SuppressionReason } from './suppressionState.js';
export { toControlledCsv, toControlledJson, NOT_CONTROLLED_MARK } from './writers.js';
export type { ControlledWriteOptions } from './writers.js';
export { isSuppressed, suppressedKeys } from './suppressedPoints.js';
export type { TableInput as ResultTableInput, TableRow as ResultRow } from './tableInput.js';
