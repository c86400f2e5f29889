import { table, type ColumnTable } from 'arquero';
import type { EstimateFields } from '../estimate/types.js';
import { SpecificationError } from '../core/errors.js';
import type { EventPanel } from '../panel/types.js';
import { clusterIndex, groupCodes, type ClusterBy } from './clusters.js';
import { checkLevel, normalCritical } from '../core/critical.js';
import { tCritical } from '../core/tCritical.js';

/** Options of {@link diffInDiff}. */
export interface DiffInDiffOptions {
  /** Label of the treated group in `panel.groups` (default `supported`). */
  readonly treated?: string;
  /** Label of the control group (default `control`). */
  readonly control?: string;
  /** Cluster by person (default) or by matched set (the panel's `cluster` column). */
  readonly cluster?: ClusterBy;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Critical value: `normal` (default) or `cluster`: Student t with G − 1 degrees of freedom (as `phaseAverages`). */
  readonly df?: 'normal' | 'cluster';
}

/** Weighted mean outcome of one group in one phase. */
export interface DiffInDiffCell extends EstimateFields {
  readonly group: string;
  readonly phase: 'before' | 'after';
  /** Sum of person weights × person-months in the cell. */
  readonly weight: number;
}

/** The difference-in-differences estimate (coefficient of `treated:after`). */
export interface DiffInDiffResult extends EstimateFields {
  /** The four cell means, each with its CR1 standard error from the same model. */
  readonly cells: readonly DiffInDiffCell[];
  readonly n_clusters: number;
  readonly cluster: ClusterBy;
  /** Degrees of freedom of the t critical value (G − 1), or null for normal. */
  readonly df: number | null;
  /** Tidy table: the DiD row followed by the four cell means. */
  toTable(): ColumnTable;
  /** A few human-readable lines. */
  summary(): string;
}

// Cell order: treated-before, treated-after, control-before, control-after.
const CELL_SIGN = [-1, 1, 1, -1];

/**
 * Difference-in-differences (design §4): the coefficient of `treated:after` in the weighted
 * regression `y ~ treated * after` on the stacked `before` and `after` person-months of the
 * treated and control groups, each row weighted by its person's weight; cluster-robust CR1
 * standard error, equal to R `sandwich::vcovCL(lm(y ~ treated * after, weights = w), cluster, type = "HC1")`
 * (factor G/(G−1)·(N−1)/(N−4), N person-months, G clusters).
 *
 * Because the model is saturated in treated × after, the fitted values are the four weighted cell
 * means m_c and the coefficient is (m_T,after − m_T,before) − (m_C,after − m_C,before). The sandwich
 * is invariant to reparametrising a saturated design, so the variance of that contrast is
 * c · Σ_g u_g² with u_g = Σ_cells ±Σ_{rows of g in cell} w·(y − m_c) / W_c: it needs only per-person
 * sums and counts per phase. Persons with weight 0 are left out entirely (also from N and G).
 *
 * @example
 * import { table } from 'arquero';
 * import { panelFromLong, diffInDiff } from 'participation-effects';
 * const long = table({
 *   id: ['t1', 't1', 't2', 't2', 'c1', 'c1', 'c2', 'c2'],
 *   group: ['supported', 'supported', 'supported', 'supported', 'control', 'control', 'control', 'control'],
 *   k: [-1, 1, -1, 1, -1, 1, -1, 1],
 *   y: [0, 1, 0, 0, 0, 0, 1, 1],
 * });
 * const did = diffInDiff(panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }));
 * did.estimate; // 0.5 (treated 0 → 0.5, control 0.5 → 0.5)
 */
export function diffInDiff(panel: EventPanel, options: DiffInDiffOptions = {}): DiffInDiffResult {
  const treatedLabel = options.treated ?? 'supported';
  const controlLabel = options.control ?? 'control';
  const by = options.cluster ?? 'person';
  const level = options.level ?? 0.95;
  const useT = (options.df ?? 'normal') === 'cluster';
  if (options.df !== undefined && options.df !== 'normal' && options.df !== 'cluster') {
    throw new SpecificationError(`df must be 'normal' or 'cluster', got ${JSON.stringify(options.df)}`);
  }
  checkLevel(level);
  const codes = groupCodes(panel, treatedLabel, controlLabel);
  const { index: clusterOf, count: clusterCount } = clusterIndex(panel, by);
  // Persons are counted by their key: a control matched to several sets counts once.
  const { index: keyOf, count: keyCount } = clusterIndex(panel, 'person');
  const seenInCell = new Uint8Array(keyCount * 4);
  const P = panel.persons.length;
  const weight = panel.persons.weight;
  const group = panel.persons.group;

  // Per person: rows and outcome sums before (phase 0) and after (phase 2).
  const nBefore = new Float64Array(P);
  const nAfter = new Float64Array(P);
  const sBefore = new Float64Array(P);
  const sAfter = new Float64Array(P);
  const { person, phase, outcome } = panel;
  for (let r = 0; r < panel.length; r++) {
    const ph = phase[r];
    if (ph === 0) {
      nBefore[person[r]]++;
      sBefore[person[r]] += outcome[r];
    } else if (ph === 2) {
      nAfter[person[r]]++;
      sAfter[person[r]] += outcome[r];
    }
  }

  // Cell totals.
  const W = new Float64Array(4);
  const WY = new Float64Array(4);
  const rows = new Float64Array(4);
  const persons = new Float64Array(4);
  const cellOf = (p: number): number => (group[p] === codes.treated ? 0 : group[p] === codes.control ? 2 : -1);
  for (let p = 0; p < P; p++) {
    const base = cellOf(p);
    const w = weight[p];
    if (base < 0 || w === 0) continue;
    if (!(w > 0) || !Number.isFinite(w)) throw new SpecificationError(`person ${panel.persons.id[p]} has weight ${w}; weights must be finite and ≥ 0`);
    if (nBefore[p] > 0) {
      W[base] += w * nBefore[p];
      WY[base] += w * sBefore[p];
      rows[base] += nBefore[p];
      if (!seenInCell[keyOf[p] * 4 + base]) ((seenInCell[keyOf[p] * 4 + base] = 1), persons[base]++);
    }
    if (nAfter[p] > 0) {
      W[base + 1] += w * nAfter[p];
      WY[base + 1] += w * sAfter[p];
      rows[base + 1] += nAfter[p];
      if (!seenInCell[keyOf[p] * 4 + base + 1]) ((seenInCell[keyOf[p] * 4 + base + 1] = 1), persons[base + 1]++);
    }
  }
  const mean = Array.from(W, (wc, c) => (wc > 0 ? WY[c] / wc : NaN));

  // Per-cluster scores of each cell mean: u_gc = Σ_{persons of g in c} w (s − n m_c) / W_c.
  const score = new Float64Array(clusterCount * 4);
  const used = new Uint8Array(clusterCount);
  const seenPerson = new Uint8Array(keyCount);
  let nPersons = 0;
  for (let p = 0; p < P; p++) {
    const base = cellOf(p);
    const w = weight[p];
    if (base < 0 || w === 0 || nBefore[p] + nAfter[p] === 0) continue;
    if (!seenPerson[keyOf[p]]) ((seenPerson[keyOf[p]] = 1), nPersons++);
    const g = clusterOf[p];
    used[g] = 1;
    if (nBefore[p] > 0) score[g * 4 + base] += (w * (sBefore[p] - nBefore[p] * mean[base])) / W[base];
    if (nAfter[p] > 0) score[g * 4 + base + 1] += (w * (sAfter[p] - nAfter[p] * mean[base + 1])) / W[base + 1];
  }
  let G = 0;
  for (let g = 0; g < clusterCount; g++) G += used[g];
  const N = rows[0] + rows[1] + rows[2] + rows[3];
  const K = 4;
  const factor = G > 1 && N > K ? (G / (G - 1)) * ((N - 1) / (N - K)) : NaN;
  const contrastVariance = (sign: readonly number[]): number => {
    let v = 0;
    for (let g = 0; g < clusterCount; g++) {
      if (!used[g]) continue;
      let u = 0;
      for (let c = 0; c < 4; c++) if (sign[c] !== 0) u += sign[c] * score[g * 4 + c];
      v += u * u;
    }
    return factor * v;
  };

  const df = useT ? G - 1 : null;
  const method = `wls-did-cr1-cluster-${by}${useT ? '-t' : ''}`;
  const missingCell = W.some((wc) => wc === 0);
  const note = missingCell
    ? 'a group has no person-months in the before or after phase, so the difference-in-differences is not identified'
    : !(G > 1 && N > K)
      ? 'fewer than two clusters or too few person-months for a cluster-robust standard error'
      : undefined;
  const crit = note === undefined && (!useT || G > 1) ? (df === null ? normalCritical(level) : tCritical(level, df)) : NaN;

  const interval = (est: number, v: number): Pick<EstimateFields, 'estimate' | 'se' | 'ci_low' | 'ci_high'> => {
    const se = Math.sqrt(v);
    if (!Number.isFinite(est)) return { estimate: null, se: null, ci_low: null, ci_high: null };
    if (!Number.isFinite(se) || !Number.isFinite(crit)) return { estimate: est, se: null, ci_low: null, ci_high: null };
    return { estimate: est, se, ci_low: est - crit * se, ci_high: est + crit * se };
  };
  const labels = [treatedLabel, treatedLabel, controlLabel, controlLabel];
  const cells: DiffInDiffCell[] = [0, 1, 2, 3].map((c) => {
    const sign = [0, 0, 0, 0];
    sign[c] = 1;
    const iv = interval(mean[c], contrastVariance(sign));
    return {
      group: labels[c],
      phase: c % 2 === 0 ? 'before' : 'after',
      ...iv,
      level,
      method,
      n_persons: persons[c],
      n_person_months: rows[c],
      weight: W[c],
      ...(iv.se === null ? { note: W[c] === 0 ? 'no person-months in this cell' : 'standard error not available: too few clusters' } : {}),
    };
  });
  const est = missingCell ? NaN : mean[1] - mean[0] - (mean[3] - mean[2]);
  const main = interval(est, contrastVariance(CELL_SIGN));
  const result: Omit<DiffInDiffResult, 'toTable' | 'summary'> = {
    ...main,
    level,
    method,
    n_persons: nPersons,
    n_person_months: N,
    ...(note !== undefined ? { note } : {}),
    cells,
    n_clusters: G,
    cluster: by,
    df,
  };
  return {
    ...result,
    toTable: () => didTable(result),
    summary: () => didSummary(result),
  };
}

function didTable(r: Omit<DiffInDiffResult, 'toTable' | 'summary'>): ColumnTable {
  const rows = [
    { term: 'treated:after', group: null as string | null, phase: null as string | null, ...fields(r) },
    ...r.cells.map((c) => ({ term: 'mean', group: c.group, phase: c.phase as string | null, ...fields(c) })),
  ];
  const cols: Record<string, unknown[]> = {};
  for (const key of Object.keys(rows[0])) cols[key] = rows.map((row) => (row as Record<string, unknown>)[key]);
  return table(cols);
}

function fields(e: EstimateFields): Record<string, unknown> {
  return {
    estimate: e.estimate,
    se: e.se,
    ci_low: e.ci_low,
    ci_high: e.ci_high,
    level: e.level,
    method: e.method,
    n_persons: e.n_persons,
    n_person_months: e.n_person_months,
    note: e.note ?? null,
  };
}

function fmt(x: number | null, digits = 4): string {
  return x === null ? 'NA' : x.toFixed(digits);
}

function didSummary(r: Omit<DiffInDiffResult, 'toTable' | 'summary'>): string {
  const pct = Math.round(r.level * 100);
  const lines = [
    `Difference-in-differences (treated:after), ${r.method}`,
    `  estimate ${fmt(r.estimate)}  se ${fmt(r.se)}  ${pct}% CI [${fmt(r.ci_low)}, ${fmt(r.ci_high)}]`,
    `  ${r.n_persons} persons, ${r.n_person_months} person-months, ${r.n_clusters} clusters (${r.cluster})`,
    ...r.cells.map((c) => `  ${c.group.padEnd(10)} ${c.phase.padEnd(6)} mean ${fmt(c.estimate)}  (${c.n_persons} persons, ${c.n_person_months} person-months)`),
  ];
  if (r.note) lines.push(`  note: ${r.note}`);
  return lines.join('\n');
}
