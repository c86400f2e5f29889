import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import { figureOptions } from './figureOptions.js';
import { checkRows, type SurvivalCurve, type SurvivalInput, type SurvivalStep } from './inputs.js';
import { figureLabels, type DurationUnit } from './labels.js';
import type { FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link survivalSpec}. */
export interface SurvivalOptions {
  /** Unit of `time` (default months), for the axis title. */
  readonly unit?: DurationUnit;
  /** Legend names for group values. */
  readonly groupLabels?: Readonly<Record<string, string>>;
  readonly lang?: FigureLanguage;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Kaplan–Meier curves of employment relationships: step curves (`step-after`) per group with
 * their confidence bands, starting at 100 % at time 0, censoring times marked with ticks.
 * Takes step rows, a result with such rows (`relationshipSurvival`), or a fit's `curves` (parallel arrays).
 * Suppressed steps (output control) are left out and noted in the caption.
 *
 * @example
 * const spec = survivalSpec([
 *   { group: 'all', time: 0, n_risk: 10, n_event: 0, n_censor: 0, surv: 1, lower: 1, upper: 1 },
 *   { group: 'all', time: 6, n_risk: 10, n_event: 2, n_censor: 0, surv: 0.8, lower: 0.59, upper: 1 },
 *   { group: 'all', time: 12, n_risk: 8, n_event: 0, n_censor: 1, surv: 0.8, lower: 0.59, upper: 1 },
 * ]);
 * (spec.datasets?.steps as unknown[]).length; // 3
 */
export function survivalSpec(km: SurvivalInput, options: SurvivalOptions = {}): TopLevelSpec {
  const lang = figureOptions('survivalSpec', options, { unit: true, groupLabels: true });
  if (options.unit !== undefined && !['days', 'months', 'years'].includes(options.unit)) throw new SpecificationError(`survivalSpec: unit must be 'days', 'months' or 'years', got ${describeValue(options.unit)}`);
  const kmRows = survivalSteps(km);
  const L = figureLabels(lang);
  const split = splitSuppressed(kmRows, 'surv');
  const { suppressed, reasons } = split;
  const shown = split.shown.filter((r) => r.surv !== null);
  const steps: (SurvivalStep & { series: string; origin?: true })[] = shown.map((r) => ({ ...r, series: options.groupLabels?.[r.group] ?? r.group }));
  // Curves start at 100 % at time 0 (as R's plot.survfit draws them); add that point when absent.
  for (const group of new Set(shown.map((r) => r.group))) {
    if (!shown.some((r) => r.group === group && r.time === 0)) {
      const first = shown.find((r) => r.group === group) as SurvivalStep;
      steps.push({ group, time: 0, n_risk: first.n_risk, n_event: 0, n_censor: 0, surv: 1, lower: 1, upper: 1, series: options.groupLabels?.[group] ?? group, origin: true });
    }
  }
  steps.sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : a.time - b.time));
  const censored = steps.filter((s) => s.n_censor > 0).map((s) => ({ group: s.group, series: s.series, time: s.time, surv: s.surv, n_censor: s.n_censor }));
  const level = shown.find((r) => r.level !== undefined)?.level ?? 0.95;
  const series = [...new Set(steps.map((s) => s.series))];
  const notes = suppressed > 0 ? [L.suppressedNote(suppressed, reasons)] : [];
  const title = L.survivalTitle(level);
  const meta: FigureMeta = { figure: 'survival', caption: [title, ...notes].join(' '), notes, suppressed, lang };
  const x = { field: 'time', type: 'quantitative' as const, axis: { title: L.duration(options.unit ?? 'months') } };
  const color = { field: 'series', type: 'nominal' as const, scale: { domain: series, range: series.map((_, i) => COLORS.series[i % COLORS.series.length]) }, legend: series.length > 1 ? { title: null, symbolType: 'stroke', symbolOpacity: 1 } : null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(title, notes, (options.width ?? 520) + 60),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { steps, censored },
    config: baseConfig(lang),
    width: options.width ?? 520,
    height: options.height ?? 300,
    layer: [
      {
        data: { name: 'steps' },
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.18 },
        encoding: { x, y: { field: 'lower', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: L.stillEmployed, format: '.0%' } }, y2: { field: 'upper' }, color },
      },
      {
        data: { name: 'steps' },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: { x, y: { field: 'surv', type: 'quantitative' }, color, tooltip: [{ field: 'series' }, { field: 'time' }, { field: 'surv', format: '.3f' }, { field: 'n_risk' }] },
      },
      {
        data: { name: 'censored' },
        mark: { type: 'tick', orient: 'vertical', size: 7, thickness: 1 },
        encoding: { x, y: { field: 'surv', type: 'quantitative' }, color },
      },
    ],
  } as TopLevelSpec;
}

/** A finite number, or null (NaN/Infinity bounds where S reaches 0 are not drawable). */
function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/**
 * Step rows (with `lower`/`upper`) from any accepted input; a `SpecificationError` when the input
 * is none of them.
 */
function survivalSteps(km: unknown): SurvivalStep[] {
  const expected = 'survivalSpec expects Kaplan–Meier step rows { group, time, n_risk, n_event, n_censor, surv, lower/ci_low, upper/ci_high }, a result with such rows, or a fit with curves';
  let rows: readonly SurvivalStep[];
  if (isPlainObject(km) && Array.isArray(km.curves)) rows = curveRows(km as { curves: readonly SurvivalCurve[]; spec?: { level?: number }; level?: number });
  else if (Array.isArray(km) || (isPlainObject(km) && Array.isArray(km.rows))) rows = (Array.isArray(km) ? km : (km as { rows: readonly SurvivalStep[] }).rows) as readonly SurvivalStep[];
  else throw new SpecificationError(`${expected}; got ${describeValue(km)}`);
  checkRows('survivalSpec', rows, ['group', 'time', 'n_risk', 'n_event', 'n_censor', 'surv']);
  return rows.map((r) => ({ ...r, lower: r.lower ?? r.ci_low ?? null, upper: r.upper ?? r.ci_high ?? null }));
}

/** Step rows from curves given as parallel arrays. */
function curveRows(fit: { curves: readonly SurvivalCurve[]; spec?: { level?: number }; level?: number }): SurvivalStep[] {
  const level = fit.spec?.level ?? fit.level;
  const rows: SurvivalStep[] = [];
  const fields = ['time', 'n_risk', 'n_event', 'n_censor', 'surv', 'lower', 'upper'] as const;
  fit.curves.forEach((c, i) => {
    const bad = isPlainObject(c) ? fields.filter((f) => !Array.isArray(c[f]) || c[f].length !== c.time?.length) : fields;
    if (bad.length > 0) throw new SpecificationError(`survivalSpec: curve ${i + 1} needs arrays of one length for ${fields.join(', ')}; check ${bad.join(', ')} (got ${describeValue(c)})`);
  });
  for (const c of fit.curves) {
    for (let i = 0; i < c.time.length; i++) {
      rows.push({
        group: c.group,
        time: c.time[i],
        n_risk: c.n_risk[i],
        n_event: c.n_event[i],
        n_censor: c.n_censor[i],
        surv: finite(c.surv[i]),
        lower: finite(c.lower[i]),
        upper: finite(c.upper[i]),
        ...(level !== undefined ? { level } : {}),
      });
    }
  }
  return rows;
}
