/**
 * Vega-Lite specs of the report's figures: pure functions from result rows to specs (rendering and
 * the HTML report are in the node module). Guide: [figures](../../docs/guides/figures.md).
 *
 * @module figures
 */
export { figure21Spec, type Figure21Options, type Figure21Point, type Figure21Average } from './figure21.js';
export { figure11Spec, type Figure11Options } from './figure11.js';
export { targetTrajectorySpec, targetPath, type TargetTrajectoryOptions, type TargetPathPoint } from './targetTrajectory.js';
export { eventStudySpec, type EventStudyOptions } from './eventStudy.js';
export { contractLengthSpec, type ContractLengthOptions } from './contractLength.js';
export { survivalSpec, type SurvivalOptions } from './survival.js';
export { coxForestSpec, type CoxForestOptions, type CoxForestInput, type CoxForestPoint } from './coxForest.js';
export { figureLabels, type FigureLabels, type DurationUnit } from './labels.js';
export { figureLocale, formatPercent, formatCount, type FigureLanguage } from './locale.js';
export { splitSuppressed, type ShownRows } from './outputControl.js';
export type { FigureMeta } from './style.js';
export type {
  OutputControlFields,
  ProfilePoint,
  ProfileInput,
  PhaseAverage,
  PhaseAveragesInput,
  SchemeCount,
  YearCount,
  EventStudyPoint,
  EventStudyInput,
  TenureBinShare,
  ThresholdShare,
  SurvivalStep,
  SurvivalCurve,
  SurvivalInput,
} from './inputs.js';
export type { FigureNames } from './labels.js';
