/**
 * The event-time panel: observed person-months around support start and end, with the participation
 * definition and anchors (also for matched controls). Guide:
 * [methods](../../docs/guides/methods.md).
 *
 * @module panel
 */
export * from './types.js';
export { supportAnchors, MISSING_GROUP, type SupportAnchorOptions, type TrajectoryChoice } from './supportAnchors.js';
export { eventPanel, type EventPanelOptions, type ObservationBounds } from './eventPanel.js';
export type { ParticipationDefinition } from './participation.js';
export { panelFromLong, type LongPanelColumns } from './panelFromLong.js';
export { panelToTable } from './panelToTable.js';
