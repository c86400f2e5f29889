// Small hand-made result rows for the figure tests (no dependency on other stages' code).
import type { EventStudyPoint, PhaseAverage, ProfilePoint, SchemeCount, SurvivalStep, TenureBinShare, ThresholdShare } from '../../src/figures/index.js';

const p = (group: string, phase: 'before' | 'after', event_time: number, n: number, count: number, ci_low: number, ci_high: number): ProfilePoint & { count: number } => ({
  group, phase, event_time, n, count, rate: count / n, ci_low, ci_high, level: 0.95,
});

/** Supported group: 3 months before support start, 3 after support end; one point suppressed. */
export const profileRows: (ProfilePoint & { count: number })[] = [
  p('supported', 'before', -3, 40, 12, 0.18, 0.45),
  p('supported', 'before', -2, 40, 11, 0.16, 0.43),
  p('supported', 'before', -1, 40, 13, 0.2, 0.48),
  p('supported', 'after', 1, 30, 15, 0.33, 0.67),
  p('supported', 'after', 2, 30, 14, 0.3, 0.63),
  { group: 'supported', phase: 'after', event_time: 3, n: 4, count: null as unknown as number, rate: null, ci_low: null, ci_high: null, level: 0.95, suppressed: true, suppression_reason: 'primary:min-persons' },
];

export const controlRows: (ProfilePoint & { count: number })[] = [
  p('control', 'before', -3, 80, 36, 0.34, 0.56),
  p('control', 'before', -2, 80, 35, 0.33, 0.55),
  p('control', 'before', -1, 80, 37, 0.36, 0.57),
  p('control', 'after', 1, 60, 28, 0.35, 0.59),
  p('control', 'after', 2, 60, 27, 0.33, 0.57),
  p('control', 'after', 3, 60, 29, 0.36, 0.61),
];

export const averages: PhaseAverage[] = [
  { group: 'supported', quantity: 'before', estimate: 0.3, ci_low: 0.22, ci_high: 0.38, level: 0.95 },
  { group: 'supported', quantity: 'after', estimate: 0.47, ci_low: 0.38, ci_high: 0.56, level: 0.95 },
  { group: 'supported', quantity: 'change', estimate: 0.17, ci_low: 0.05, ci_high: 0.29, level: 0.95 },
  { group: 'control', quantity: 'before', estimate: 0.45, ci_low: 0.4, ci_high: 0.5, level: 0.95 },
  { group: 'control', quantity: 'after', estimate: 0.4625, ci_low: 0.41, ci_high: 0.51, level: 0.95 },
];

/** The report's figure 1.1 endpoints: 4,082 in 2016, 4,253 in 2025 of which Participatiewet 2,189. */
export const schemeCounts: SchemeCount[] = [
  { year: 2016, scheme: 'Wsw', count: 3500 },
  { year: 2016, scheme: 'Participatiewet', count: 582 },
  { year: 2024, scheme: 'Wsw', count: 2200 },
  { year: 2024, scheme: 'Participatiewet', count: null, suppressed: true, reason: 'n < 10' },
  { year: 2025, scheme: 'Wsw', count: 2064 },
  { year: 2025, scheme: 'Participatiewet', count: 2189 },
];

export const eventStudyRows: EventStudyPoint[] = [
  { event_time: -3, estimate: 0.01, ci_low: -0.04, ci_high: 0.06, band_low: -0.07, band_high: 0.09, level: 0.95, phase: 'before' } as EventStudyPoint,
  { event_time: -2, estimate: 0, ci_low: 0, ci_high: 0, band_low: 0, band_high: 0, level: 0.95, phase: 'before' } as EventStudyPoint,
  { event_time: -1, estimate: 0, ci_low: 0, ci_high: 0, band_low: 0, band_high: 0, level: 0.95, phase: 'before' } as EventStudyPoint,
  { event_time: 1, estimate: 0.16, ci_low: 0.1, ci_high: 0.22, band_low: 0.07, band_high: 0.25, level: 0.95, phase: 'after' } as EventStudyPoint,
  { event_time: 2, estimate: 0.15, ci_low: 0.09, ci_high: 0.21, band_low: 0.06, band_high: 0.24, level: 0.95, phase: 'after' } as EventStudyPoint,
  { event_time: 3, estimate: null, ci_low: null, ci_high: null, band_low: null, band_high: null, level: 0.95, phase: 'after', suppressed: true, suppression_reason: 'primary:min-persons' } as EventStudyPoint,
];

export const tenureRows: TenureBinShare[] = [
  { date: '2019-01-01', bin: '< 1 jaar', n: 200, count: 90, share: 0.45 },
  { date: '2019-01-01', bin: '1-2 jaar', n: 200, count: 56, share: 0.28 },
  { date: '2019-01-01', bin: '> 2 jaar', n: 200, count: 54, share: 0.27 },
  { date: '2023-12-01', bin: '< 1 jaar', n: 250, count: 70, share: 0.28 },
  { date: '2023-12-01', bin: '1-2 jaar', n: 250, count: 50, share: 0.2 },
  { date: '2023-12-01', bin: '> 2 jaar', n: 250, count: 130, share: 0.52 },
];

export const thresholdRows: ThresholdShare[] = [
  { date: '2019-01-01', n: 200, count: 54, share: 0.27, ci_low: 0.21, ci_high: 0.34 },
  { date: '2021-01-01', n: 220, count: 88, share: 0.4, ci_low: 0.34, ci_high: 0.47, suppressed: false },
  { date: '2023-12-01', n: 250, count: 130, share: 0.52, ci_low: 0.46, ci_high: 0.58 },
];

/** Kaplan–Meier of 4 relationships: events at 2 and 5, censored at 3 and 6 (hand-worked: S = 3/4, then 3/4 · 1/2 = 3/8). */
export const kmRows: SurvivalStep[] = [
  { group: 'regulier', time: 2, n_risk: 4, n_event: 1, n_censor: 0, surv: 0.75, lower: 0.43, upper: 1 },
  { group: 'regulier', time: 3, n_risk: 3, n_event: 0, n_censor: 1, surv: 0.75, lower: 0.43, upper: 1 },
  { group: 'regulier', time: 5, n_risk: 2, n_event: 1, n_censor: 0, surv: 0.375, lower: 0.1, upper: 1 },
  { group: 'regulier', time: 6, n_risk: 1, n_event: 0, n_censor: 1, surv: 0.375, lower: 0.1, upper: 1 },
];
