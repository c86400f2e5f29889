/**
 * Benchmarks of the panel and estimate stages on an in-memory export: building the panel,
 * the participation profile, phase averages with the analytic CR1 SE, and a 999-replication
 * cluster bootstrap (both resampling schemes); then the panel's bytes against its statistics'
 * and the estimators on each. Called by the bench harness for several sizes.
 */
import type { CbsExport } from '../../src/io/types.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { participationProfile } from '../../src/estimate/participationProfile.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import type { PanelStatistics } from '../../src/panel/panelStatistics.js';
import type { EventPanel } from '../../src/panel/types.js';

const MB = 1024 * 1024;

/** Bytes of the typed-array columns of an object, `depth` levels deep (strings and plain arrays not counted). */
function typedBytes(x: object, depth = 1): number {
  let bytes = 0;
  for (const v of Object.values(x)) {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (depth > 1 && typeof v === 'object' && v !== null) bytes += typedBytes(v, depth - 1);
  }
  return bytes;
}

/**
 * One line on the memory of a panel against its statistics: the row columns (person, phase, event
 * time, outcome, month) against the cell columns (person, phase, event time, n, Σy, Σw, Σwy); the
 * per-person columns are the same object in both.
 */
export function printPanelBytes(prefix: string, panel: EventPanel, stats: PanelStatistics): void {
  const persons = typedBytes(panel.persons);
  console.log(
    `${prefix.padEnd(10)} bytes: panel ${panel.persons.length} persons, ${panel.length} rows: rows ${(typedBytes(panel) / MB).toFixed(1)} MB` +
      ` (${(typedBytes(panel) / Math.max(1, panel.length)).toFixed(1)} B/row); statistics ${stats.length} cells: ${(typedBytes(stats) / MB).toFixed(1)} MB` +
      ` (${(typedBytes(stats) / Math.max(1, stats.length)).toFixed(1)} B/cell); per-person columns (shared) ${(persons / MB).toFixed(1)} MB`,
  );
}

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
  let stats: PanelStatistics | undefined;
  await measure('panel: panel.statistics() (cells person × phase × k)', () => {
    stats = p.statistics();
    return stats.length;
  });
  printPanelBytes(label(p), p, stats!);
  console.log(`${label(p).padEnd(10)} bytes: the export's typed columns (persons, support, employment) ${(typedBytes(exp, 3) / MB).toFixed(1)} MB, which an engine computing the cells never loads`);
  await measure('panel: phaseAverages (CR1) from statistics', () => phaseAverages(stats!).rows.length);
  await measure('panel: participationProfile (wilson) from statistics', () => participationProfile(stats!).rows.length);
  await measure('panel: phaseAverages, 999-rep bootstrap from statistics', () => phaseAverages(stats!, { bootstrap: { replications: 999, seed: 1 } }).rows.length);
  stats = undefined;
  await measure('panel: phaseAverages, 999-rep cluster bootstrap (multinomial)', () => phaseAverages(p, { bootstrap: { replications: 999, seed: 1 } }).rows.length);
  await measure('panel: phaseAverages, 999-rep cluster bootstrap (poisson)', () => phaseAverages(p, { bootstrap: { replications: 999, seed: 1, scheme: 'poisson' } }).rows.length);
  await measure('panel: eventPanel (days worked, 48/48)', () => eventPanel(exp, { outcome: { daysWorked: true } }).length);
  // Earnings need a wage column: give every spell one (the bench exports have none).
  const withWage: CbsExport = { ...exp, employment: { ...exp.employment, wage: new Float64Array(exp.employment.length).fill(2000) } };
  await measure('panel: eventPanel (earnings, basis month, 48/48)', () => eventPanel(withWage, { outcome: { earnings: { basis: 'month' } } }).length);
}

/** The size label the harness prints in front of a line (from the panel's persons). */
function label(panel: EventPanel): string {
  return `${panel.persons.length} p`;
}
