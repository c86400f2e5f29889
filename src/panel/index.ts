// Public API of the panel stage.
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
