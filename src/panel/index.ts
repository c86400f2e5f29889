// Public API of the panel stage.
export * from './types.js';
export { supportAnchors, MISSING_GROUP, type SupportAnchorOptions, type TrajectoryChoice } from './supportAnchors.js';
export { eventPanel } from './eventPanel.js';
export type { EventPanelOptions, ObservationBounds } from './eventPanelOptions.js';
export type { ParticipationDefinition } from './participation.js';
export { panelFromLong, type LongPanelColumns } from './panelFromLong.js';
export { panelToTable } from './panelToTable.js';
