/**
 * Node-only: the main job's outcomes beyond participation. When the export has a wage column,
 * the share of person-months earning more than the statutory minimum wage before and after
 * support; when it has benefit spells, the share receiving a benefit (any type in the input).
 * Definitions: docs/methods/outcomes.md.
 */
import type { CbsExport } from '../io/types.js';
import { eventPanel, type EventPanelOptions, type PanelOutcome } from '../panel/index.js';
import { phaseAverages } from '../estimate/index.js';

/** One headline row of an outcome phase average (the fields of the job's summary rows). */
export interface OutcomeSummaryRow {
  readonly quantity: string;
  readonly group: string;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level: number;
  readonly method: string;
  readonly n_persons: number;
  readonly published: null;
}

/** The outcomes this export supports, with the label of their headline rows. */
function availableOutcomes(exp: CbsExport): { label: string; outcome: PanelOutcome }[] {
  const list: { label: string; outcome: PanelOutcome }[] = [];
  if (exp.employment.wage) list.push({ label: 'earnings above minimum wage', outcome: { earningsAbove: 'minimum-wage' } });
  const types = exp.benefits?.type.levels ?? [];
  if (exp.benefits && exp.benefits.length > 0 && types.length > 0) list.push({ label: `on benefits (${types.join(', ')})`, outcome: { benefit: types } });
  return list;
}

/**
 * Headline rows for earnings above the minimum wage and benefit receipt, before support, after
 * support and the change, in the supported group (person-clustered intervals, as participation).
 * Empty when the export has neither wages nor benefit spells.
 *
 * @example
 * import { loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.02, outcomes: true });
 * const rows = outcomeSummaryRows(exp, { before: 48, after: 48 });
 * rows.map((r) => r.quantity)[0]; // 'earnings above minimum wage before support'
 */
export function outcomeSummaryRows(exp: CbsExport, panel: Pick<EventPanelOptions, 'before' | 'after' | 'trajectory'>, log: (line: string) => void = () => {}): OutcomeSummaryRow[] {
  const rows: OutcomeSummaryRow[] = [];
  const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
  for (const { label, outcome } of availableOutcomes(exp)) {
    const averages = phaseAverages(eventPanel(exp, { ...panel, outcome }));
    log(`Share ${label}, supported group (person-clustered CR1 95 % intervals):`);
    for (const q of ['before', 'after', 'change'] as const) {
      const r = averages.rows.find((x) => x.group === 'supported' && x.quantity === q);
      if (!r) continue;
      log(`  ${q.padEnd(7)} ${pct(r.estimate)}  [${pct(r.ci_low)}, ${pct(r.ci_high)}]  persons ${r.n_persons}, person-months ${r.n_person_months}`);
      const quantity = `${label} ${q === 'change' ? 'change after − before' : `${q} support`}`;
      rows.push({ quantity, group: 'supported', estimate: r.estimate, ci_low: r.ci_low, ci_high: r.ci_high, level: r.level, method: r.method, n_persons: r.n_persons, published: null });
    }
  }
  return rows;
}
