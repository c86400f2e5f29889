import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../core/errors.js';
import { languageOption } from './figureOptions.js';
import type { FigureLanguage } from './locale.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** One coefficient of a Cox regression, as `coxRegression` / `relationshipCox` rows carry it. */
export interface CoxForestPoint {
  readonly term: string;
  /** Level compared with the reference for a categorical covariate; null for a numeric one. */
  readonly contrast: string | null;
  readonly hazard_ratio: number;
  readonly hr_low: number;
  readonly hr_high: number;
  readonly level: number;
  readonly p_value?: number;
}

/** A Cox result (rows, and the coding of each term to show reference levels), or its rows. */
export type CoxForestInput =
  | readonly CoxForestPoint[]
  | { readonly rows: readonly CoxForestPoint[]; readonly terms?: readonly { readonly name: string; readonly kind: string; readonly levels: readonly string[] }[] };

/** Options of {@link coxForestSpec}. */
export interface CoxForestOptions {
  readonly lang?: FigureLanguage;
  /** Plot size in pixels (default 480 wide, 22 px per row). */
  readonly width?: number;
  readonly height?: number;
}

const TEXT = {
  nl: {
    title: (level: number) => `Hazard ratio's van het einde van dienstverbanden (Cox-regressie, ${Math.round(level * 100)}%-betrouwbaarheidsintervallen)`,
    note: 'Hazard ratio > 1: het dienstverband eindigt eerder; < 1: het duurt langer. Categorieën ten opzichte van hun referentie (HR = 1).',
    axis: 'Hazard ratio (logaritmische schaal)',
    reference: 'referentie',
  },
  en: {
    title: (level: number) => `Hazard ratios of relationships ending (Cox regression, ${Math.round(level * 100)}% confidence intervals)`,
    note: 'Hazard ratio > 1: the relationship ends sooner; < 1: it lasts longer. Categories against their reference (HR = 1).',
    axis: 'Hazard ratio (log scale)',
    reference: 'reference',
  },
} as const;

/** One plotted line: a coefficient, or the reference level of a categorical term (HR 1, no interval). */
interface ForestLine {
  readonly order: number;
  readonly label: string;
  readonly hazard_ratio: number;
  readonly hr_low: number | null;
  readonly hr_high: number | null;
  readonly reference: boolean;
  readonly p_value: number | null;
}

function forestLines(input: CoxForestInput, referenceWord: string): ForestLine[] {
  const rows = Array.isArray(input) ? (input as readonly CoxForestPoint[]) : (input as { rows: readonly CoxForestPoint[] }).rows;
  const terms = Array.isArray(input) ? undefined : (input as { terms?: readonly { name: string; kind: string; levels: readonly string[] }[] }).terms;
  if (!Array.isArray(rows) || rows.some((r) => ![r.hazard_ratio, r.hr_low, r.hr_high].every((v) => v > 0 && Number.isFinite(v)))) {
    throw new SpecificationError('coxForestSpec expects the rows of coxRegression or relationshipCox: positive, finite hazard_ratio, hr_low and hr_high per row (a diverged coefficient cannot be plotted)');
  }
  const lines: ForestLine[] = [];
  const shown = new Set<string>();
  for (const r of rows) {
    const term = terms?.find((t) => t.name === r.term);
    if (r.contrast !== null && term && term.kind === 'categorical' && !shown.has(r.term)) {
      shown.add(r.term);
      lines.push({ order: lines.length, label: `${r.term}: ${term.levels[0]} (${referenceWord})`, hazard_ratio: 1, hr_low: null, hr_high: null, reference: true, p_value: null });
    }
    lines.push({ order: lines.length, label: r.contrast === null ? r.term : `${r.term}: ${r.contrast}`, hazard_ratio: r.hazard_ratio, hr_low: r.hr_low, hr_high: r.hr_high, reference: false, p_value: r.p_value ?? null });
  }
  return lines;
}

/**
 * A forest plot of Cox hazard ratios (R `survminer::ggforest`, Stata `coefplot, eform`): one line
 * per coefficient with its interval on a log scale, a rule at HR = 1, and for categorical terms
 * their reference level (HR 1, no interval) when the result's `terms` are given.
 *
 * @example
 * const spec = coxForestSpec({
 *   rows: [
 *     { term: 'employerType', contrast: 'Pantar', hazard_ratio: 0.6, hr_low: 0.5, hr_high: 0.72, level: 0.95 },
 *     { term: 'age', contrast: null, hazard_ratio: 0.98, hr_low: 0.97, hr_high: 0.99, level: 0.95 },
 *   ],
 *   terms: [{ name: 'employerType', kind: 'categorical', levels: ['regulier', 'Pantar'] }, { name: 'age', kind: 'numeric', levels: [] }],
 * }, { lang: 'en' });
 * (spec.datasets?.lines as { label: string }[]).map((l) => l.label); // ['employerType: regulier (reference)', 'employerType: Pantar', 'age']
 */
export function coxForestSpec(input: CoxForestInput, options: CoxForestOptions = {}): TopLevelSpec {
  const lang = languageOption('coxForestSpec', options.lang);
  const L = TEXT[lang];
  const lines = forestLines(input, L.reference);
  const level = (Array.isArray(input) ? (input as readonly CoxForestPoint[]) : (input as { rows: readonly CoxForestPoint[] }).rows)[0]?.level ?? 0.95;
  const width = options.width ?? 480;
  const height = options.height ?? Math.max(60, 22 * lines.length);
  const values = lines.flatMap((l) => [l.hazard_ratio, l.hr_low ?? 1, l.hr_high ?? 1]);
  const domain = [Math.min(1, ...values) / 1.1, Math.max(1, ...values) * 1.1];
  const x = { type: 'quantitative' as const, scale: { type: 'log' as const, domain, nice: false }, axis: { title: L.axis, grid: false } };
  const y = { field: 'label', type: 'nominal' as const, sort: { field: 'order' }, axis: { title: null, labelLimit: 260 } };
  const notes = [L.note];
  const meta: FigureMeta = { figure: 'cox-forest', caption: [L.title(level), ...notes].join(' '), notes, suppressed: 0, lang };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(L.title(level), notes, width + 200),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { lines },
    data: { name: 'lines' },
    width,
    height,
    config: baseConfig(lang),
    layer: [
      { data: { values: [{ one: 1 }] }, mark: { type: 'rule', color: '#444', strokeDash: [4, 3] }, encoding: { x: { ...x, field: 'one' } } },
      { transform: [{ filter: '!datum.reference' }], mark: { type: 'rule', color: COLORS.supported, strokeWidth: 1.4 }, encoding: { y, x: { ...x, field: 'hr_low' }, x2: { field: 'hr_high' } } },
      {
        mark: { type: 'point', filled: true, size: 40, color: COLORS.supported, opacity: 1 },
        encoding: {
          y,
          x: { ...x, field: 'hazard_ratio' },
          shape: { field: 'reference', type: 'nominal', scale: { domain: [false, true], range: ['circle', 'diamond'] }, legend: null },
          tooltip: [{ field: 'label' }, { field: 'hazard_ratio', format: '.3f' }, { field: 'hr_low', format: '.3f' }, { field: 'hr_high', format: '.3f' }, { field: 'p_value', format: '.3g' }],
        },
      },
    ],
  } as TopLevelSpec;
}
