/**
 * Staggered adoption: group-time average treatment effects ATT(g,t) (Callaway & Sant'Anna; reg,
 * ipw, dr) and their aggregations, as R did. Guide: [control
 * groups](../../docs/guides/control-groups.md).
 *
 * @module staggered
 */
export { staggeredPanel, type StaggeredColumns, type StaggeredPanel, type StaggeredPanelOptions } from './staggeredPanel.js';
export { attGt, type AttGtOptions, type AttGtRow, type AttGtSpec, type AttGtResult, type AttGtInfluence, type AttGtMethod } from './attGt.js';
export { aggregate, type AggregateOptions, type AggregateRow, type AggregateSpec, type AggregateResult, type AggregationType } from './aggregate.js';
export { staggeredPanelFromExport, type StaggeredExportOptions, type StaggeredPeriod } from './fromExport.js';
export { attGtSpec, type AttGtSpecOptions } from './spec.js';
export type { BootstrapSpec } from './inference.js';
export type { PersonInfluence, CohortInfluence, CohortCell } from './influence.js';
