/**
 * Participation before and after support: the rate per event month with its interval, phase
 * averages and the change, with person-clustered (CR1) standard errors or a cluster bootstrap.
 * Guide: [methods](../../docs/guides/methods.md).
 *
 * @module estimate
 */
export type * from './types.js';
export { participationProfile, type ParticipationProfile, type ProfileRow, type ProfileOptions, type ProfileInterval } from './participationProfile.js';
export { personPhaseStatistics, personClusters, type PersonPhaseStatistics, type PersonClusters, type PhaseWindows } from './personPhaseStatistics.js';
export { clusterBootstrapPhaseMeans, percentileInterval, type PhaseMeanReplicates, type BootstrapScheme } from './clusterBootstrap.js';
export { phaseAverages, type PhaseAverages, type PhaseAverageRow, type PhaseAverageOptions, type PhaseQuantity } from './phaseAverages.js';
export type { ProfileSpec } from './participationProfile.js';
export type { PhaseAverageSpec } from './phaseAverages.js';
