/**
 * The event-time panel: observed person-months around support start and end, with the participation
 * definition and anchors (also for matched controls). Guide:
 * [methods](../../docs/guides/methods.md).
 *
 * @module panel
 */
export * from './types.js';
export { supportAnchors, MISSING_GROUP, type SupportAnchorOptions, type TrajectoryChoice } from './supportAnchors.js';
export { eventPanel } from './eventPanel.js';
export type { EventPanelOptions, ObservationBounds } from './eventPanelOptions.js';
export type { ParticipationDefinition } from './participation.js';
export type { PanelOutcome, PriceIndex, EarningsThreshold } from './outcome.js';
export type { AmountBasis } from './spellAmounts.js';
export { DUTCH_MINIMUM_WAGE, MINIMUM_WAGE_LAST_MONTH, monthlyMinimumWage, type MinimumWageEntry } from './minimumWage.js';
export { panelFromLong, type LongPanelColumns } from './panelFromLong.js';
export { panelToTable } from './panelToTable.js';
export { isPanelStatistics, type PanelStatistics } from './panelStatistics.js';
export { panelStatistics } from './statisticsFromPanel.js';
export { panelStatisticsSql, panelStatisticsQuery, PANEL_STATISTICS_COLUMNS, type PanelStatisticsQuery } from './sql/panelStatisticsSql.js';
export { SQL_OUTCOMES, type PanelSqlOptions, type ResolvedSqlOptions } from './sql/panelSqlOptions.js';
export type { SqlPart } from './sql/calendarSql.js';
export { DIALECT_SUBSTITUTIONS, SQL_DIALECTS, toDialect, type SqlDialect, type DialectSubstitution } from './sql/dialects.js';
export { panelStatisticsFromTable, type StatisticsTableInput, type StatisticsColumns } from './sql/panelStatisticsFromTable.js';
export { anchorColumns, boundColumns, type AnchorColumns, type BoundColumns } from './sql/anchorColumns.js';
