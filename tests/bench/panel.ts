/**
 * Benchmarks of the panel and estimate stages on an in-memory export: building the panel,
 * the participation profile, phase averages with the analytic CR1 SE, and a 999-replication
 * cluster bootstrap (both resampling schemes). Called by the bench harness for several sizes.
 */
import type { CbsExport } from '../../src/io/types.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { participationProfile } from '../../src/estimate/participationProfile.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import type { EventPanel } from '../../src/panel/types.js';

export async function benchPanel(exp: CbsExport, measure: (label: string, fn: () => unknown) => Promise<unknown>): Promise<void> {
  let panel: EventPanel | undefined;
  await measure('panel: eventPanel (any-day, 48/48)', () => {
    panel = eventPanel(exp);
    return panel.length;
  });
  const p = panel!;
  await measure('panel: participationProfile (wilson)', () => participationProfile(p).rows.length);
  await measure('panel: phaseAverages (CR1)', () => phaseAverages(p).rows.length);
  await measure('panel: eventPanel + profile + phaseAverages', () => {
    const q = eventPanel(exp);
    return participationProfile(q).rows.length + phaseAverages(q).rows.length;
  });
  await measure('panel: phaseAverages, 999-rep cluster bootstrap (multinomial)', () => phaseAverages(p, { bootstrap: { replications: 999, seed: 1 } }).rows.length);
  await measure('panel: phaseAverages, 999-rep cluster bootstrap (poisson)', () => phaseAverages(p, { bootstrap: { replications: 999, seed: 1, scheme: 'poisson' } }).rows.length);
  await measure('panel: eventPanel (days worked, 48/48)', () => eventPanel(exp, { outcome: { daysWorked: true } }).length);
  // Earnings need a wage column: give every spell one (the bench exports have none).
  const withWage: CbsExport = { ...exp, employment: { ...exp.employment, wage: new Float64Array(exp.employment.length).fill(2000) } };
  await measure('panel: eventPanel (earnings, basis month, 48/48)', () => eventPanel(withWage, { outcome: { earnings: { basis: 'month' } } }).length);
}
