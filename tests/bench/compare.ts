/**
 * Benchmarks of the compare stage on an in-memory export: matching (propensity 1:1, k:1 with
 * replacement, Mahalanobis is left out: it is quadratic per stratum), the panel
 * of matched persons, the DiD with CR1 SE, and the event study with a 999-draw multiplier bootstrap.
 */
import type { CbsExport } from '../../src/io/types.js';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { eventStudy } from '../../src/compare/eventStudy.js';
import { matchControls, type MatchResult } from '../../src/compare/matchControls.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import type { PanelStatistics } from '../../src/panel/panelStatistics.js';
import type { EventPanel } from '../../src/panel/types.js';
import { printPanelBytes } from './panel.js';

/** Hash of the (supported, control) pairs in order. */
function matchFingerprint(m: MatchResult): string {
  let h = 0;
  for (let i = 0; i < m.pairs.treated.length; i++) h = (Math.imul(h, 31) + m.pairs.treated[i] * 7 + m.pairs.control[i]) | 0;
  return `${m.pairs.treated.length} pairs ${(h >>> 0).toString(16)}`;
}

export async function benchCompare(exp: CbsExport, measure: (label: string, fn: () => unknown) => Promise<unknown>): Promise<void> {
  let m: MatchResult | undefined;
  await measure('compare: matchControls (propensity 1:1, exact sex/band/year)', () => {
    m = matchControls(exp, { covariates: ['birthYear', 'preParticipation'] });
    return m.n_matched_supported;
  });
  let m2: MatchResult | undefined;
  await measure('compare: matchControls (2:1 with replacement, caliper 0.2)', () => {
    m2 = matchControls(exp, { covariates: ['birthYear', 'preParticipation'], ratio: 2, replace: true, caliper: 0.2 });
    return m2.n_matched_supported;
  });
  // A change that alters who is matched to whom shows in these fingerprints.
  console.log(`           matches fingerprint: 1:1 ${matchFingerprint(m!)}, 2:1 with replacement ${matchFingerprint(m2!)}`);
  let panel: EventPanel | undefined;
  await measure('compare: eventPanel(anchors) of matched persons (48/48)', () => {
    panel = eventPanel(exp, { anchors: m!.anchors, before: 48, after: 48 });
    return panel.length;
  });
  const p = panel!;
  await measure('compare: diffInDiff (CR1, cluster auto)', () => diffInDiff(p).effect.estimate);
  await measure('compare: diffInDiff (CR1, cluster set)', () => diffInDiff(p, { cluster: 'set' }).effect.estimate);
  await measure('compare: eventStudy, no bootstrap', () => eventStudy(p, { bootstrap: false }).rows.length);
  await measure('compare: eventStudy, 999-draw multiplier bootstrap (rademacher)', () => eventStudy(p, { bootstrap: { replications: 999, seed: 1 } }).uniform_critical);
  await measure('compare: eventStudy, 999-draw multiplier bootstrap (gaussian)', () =>
    eventStudy(p, { bootstrap: { replications: 999, seed: 1, weights: 'gaussian' } }).uniform_critical,
  );
  // The same estimators on the matched panel's statistics (what a query engine would hand back).
  let stats: PanelStatistics | undefined;
  await measure('compare: panel.statistics() of the matched panel', () => {
    stats = p.statistics();
    return stats.length;
  });
  const s = stats!;
  printPanelBytes(`${p.persons.length} p`, p, s);
  await measure('compare: diffInDiff (CR1, cluster auto) from statistics', () => diffInDiff(s).effect.estimate);
  await measure('compare: eventStudy, no bootstrap, from statistics', () => eventStudy(s, { bootstrap: false }).rows.length);
  await measure('compare: eventStudy, 999-draw bootstrap (rademacher) from statistics', () => eventStudy(s, { bootstrap: { replications: 999, seed: 1 } }).uniform_critical);
}
