// The comparison of an estimator's result on a panel and on statistics of the same panel: every
// number to 1e-12, and the estimators with the options that take different code paths.
import { expect } from 'vitest';
import { diffInDiff, eventStudy, participationProfile, phaseAverages, type EventPanel, type PanelStatistics } from '../../src/index.js';

export const TOL = 1e-12;

/**
 * Walk two results side by side and list every difference: numbers must agree to 1e-12 (relative
 * above 1) or both be NaN, everything else be equal; functions (toTable, summary) and `spec` (it
 * records the input) are skipped. Returns how many numbers were compared, so a test can assert
 * that it compared something.
 */
export function differences(a: unknown, b: unknown, path: string, out: string[]): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const same = Number.isNaN(a) || Number.isNaN(b) ? Number.isNaN(a) && Number.isNaN(b) : !Number.isFinite(a) || !Number.isFinite(b) ? a === b : Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a));
    if (!same) out.push(`${path}: panel ${a}, statistics ${b}`);
    return 1;
  }
  if (typeof a === 'function' && typeof b === 'function') return 0;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b) out.push(`${path}: panel ${String(a)}, statistics ${String(b)}`);
    return 0;
  }
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) out.push(`${path}: length ${x.length} vs ${y.length}`);
    let count = 0;
    for (let i = 0; i < Math.min(x.length, y.length); i++) count += differences(x[i], y[i], `${path}[${i}]`, out);
    return count;
  }
  const keysA = Object.keys(a).filter((k) => k !== 'spec').sort();
  const keysB = Object.keys(b).filter((k) => k !== 'spec').sort();
  if (keysA.join() !== keysB.join()) out.push(`${path}: keys ${keysA.join()} vs ${keysB.join()}`);
  let count = 0;
  for (const k of keysA) count += differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  return count;
}

export type Estimator = (input: EventPanel | PanelStatistics) => { spec: object; rows: readonly object[] };

/** The estimator on the panel and on its statistics: identical numbers, and the spec says which input. */
export function expectSame(label: string, panel: EventPanel, run: Estimator, stats: PanelStatistics = panel.statistics()): void {
  const fromPanel = run(panel);
  const fromStats = run(stats);
  const diffs: string[] = [];
  const compared = differences(fromPanel, fromStats, label, diffs);
  expect(diffs).toEqual([]);
  expect(compared, `${label}: numbers compared`).toBeGreaterThan(fromPanel.rows.length);
  expect((fromPanel.spec as { input?: string }).input, label).toBe('panel');
  expect((fromStats.spec as { input?: string }).input, label).toBe('statistics');
  expect({ ...fromStats.spec, input: 'panel' }, `${label} spec`).toEqual(fromPanel.spec);
}

/** Every estimator with the options that take a different code path. */
export function everyEstimator(panel: EventPanel, two: boolean): [string, Estimator][] {
  const cases: [string, Estimator][] = [
    ['profile', (x) => participationProfile(x)],
    ['profile clopper-pearson', (x) => participationProfile(x, { interval: 'clopper-pearson', level: 0.9 })],
    ['profile wald, weights ignored', (x) => participationProfile(x, { interval: 'wald', weights: 'ignore' })],
    ['phaseAverages', (x) => phaseAverages(x)],
    ['phaseAverages windows, paired, t', (x) => phaseAverages(x, { windows: { before: [-6, -1], after: [2, 8] }, paired: true, df: 'cluster' })],
    ['phaseAverages cluster bootstrap', (x) => phaseAverages(x, { bootstrap: { replications: 199, seed: 3 } })],
    ['phaseAverages poisson bootstrap, paired', (x) => phaseAverages(x, { paired: true, bootstrap: { replications: 99, seed: 4, scheme: 'poisson' } })],
    ['phaseAverages wild bootstrap', (x) => phaseAverages(x, { inference: 'wild-bootstrap', bootstrap: { replications: 99, seed: 5 } })],
  ];
  if (panel.spec.during) cases.push(['phaseAverages without during', (x) => phaseAverages(x, { during: false })]);
  if (!two) return cases;
  return [
    ...cases,
    ['diffInDiff', (x) => diffInDiff(x)],
    ['diffInDiff by person, t', (x) => diffInDiff(x, { cluster: 'person', df: 'cluster' })],
    ['diffInDiff by set', (x) => diffInDiff(x, { cluster: 'set' })],
    ['diffInDiff wild bootstrap', (x) => diffInDiff(x, { inference: 'wild-bootstrap', bootstrap: { replications: 199, seed: 2 } })],
    ['eventStudy', (x) => eventStudy(x, { reference: [-3, -1], bootstrap: { replications: 199, seed: 6 } })],
    ['eventStudy gaussian, chi2, set', (x) => eventStudy(x, { cluster: 'set', preTrendTest: 'chi2', bootstrap: { replications: 99, seed: 7, weights: 'gaussian' } })],
    ['eventStudy every phase, no band', (x) => eventStudy(x, { phases: ['before', 'during', 'after'], reference: [-2, -1], bootstrap: false })],
  ];
}

