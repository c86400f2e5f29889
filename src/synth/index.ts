/**
 * Synthetic CBS-style exports with a known truth, from a seed, and the generator of the embedded
 * dataset. Guide: [synthetic data](../../docs/guides/synthetic-data.md).
 *
 * @module synth
 */
export { DEFAULT_SYNTH_OPTIONS, EMBEDDED_SYNTH_OPTIONS, resolveSynthOptions, curveAt, type SynthOptions, type ResolvedSynthOptions, type YearCurve } from './options.js';
export { synthesizeCbsExport } from './synthesize.js';
export { syntheticTables, syntheticCsvGzip, SYNTH_COVARIATES, SUPPORT_OPEN_END, type SyntheticTables } from './write.js';
export { loadSynthetic, type SyntheticCbsExport } from './load.js';
export {
  EDUCATION_LEVELS,
  ORIGINS,
  SCHEME_LEVELS,
  EMPLOYER_TYPE_LEVELS,
  CONTRACT_LEVELS,
  employerId,
  type SyntheticExport,
  type SyntheticPersons,
  type SyntheticSupport,
  type SyntheticEmployment,
  type SyntheticTruth,
  type GroupTruth,
  type PhaseTruth,
  type SyntheticBenefits,
} from './types.js';
export type { SynthOutcomeOptions, OutcomeTruth, BenefitTruth, ResolvedSynthOutcomes } from './outcomes.js';
