import type { TopLevelSpec } from 'vega-lite';
import { figureOptions } from './figureOptions.js';
import { rowsOf, type PhaseAverage, type PhaseAveragesInput, type ProfileInput, type ProfilePoint } from './inputs.js';
import { figureLabels, type FigureLabels } from './labels.js';
import { formatPercent, type FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link figure21Spec}. */
export interface Figure21Options {
  /** Phase averages (`phaseAverages(panel)`), drawn as dashed reference lines over their phase, value labelled. */
  readonly phaseAverages?: PhaseAveragesInput;
  /** The control group's profile, drawn alongside in its own colour. */
  readonly control?: ProfileInput;
  /** Label language: Dutch (default) or English. */
  readonly lang?: FigureLanguage;
  /** The people studied, as the title names them (default `Amsterdammers` / `Amsterdam residents`). */
  readonly population?: string;
  /** Legend names for group values, overriding the defaults (`supported`, `control`). */
  readonly groupLabels?: Readonly<Record<string, string>>;
  /** Panel size in pixels (each of the before and after panels). */
  readonly width?: number;
  readonly height?: number;
}

/** A profile point as drawn: the result row plus its legend name. */
export type Figure21Point = ProfilePoint & { readonly series: string };

/** A phase average as drawn: the result row plus its phase, legend name and printed label. */
export type Figure21Average = PhaseAverage & {
  readonly series: string;
  readonly phase: 'before' | 'during' | 'after';
  readonly label: string;
  /** The value alone ("98%"), for the narrow gap of the support period. */
  readonly value_label: string;
  /** Whether the label sits above the line (the highest average of its phase) or below it. */
  readonly above: boolean;
};

const PHASE_QUANTITIES = new Set(['before', 'during', 'after']);

/** Legend name of a group: the user's label, else the known names, else the group itself. */
function seriesName(group: string, L: FigureLabels, custom: Readonly<Record<string, string>> | undefined, fallback: string | undefined): string {
  const own = custom?.[group];
  if (own !== undefined) return own;
  if (group === 'control') return L.control;
  if (group === 'supported' || group === 'treated') return L.supported;
  return fallback ?? group;
}

/** Multiples of 12 months inside [lo, hi], for tidy year ticks. */
function yearTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / 12) * 12; k <= hi; k += 12) if (k !== 0) ticks.push(k);
  return ticks;
}

/** The profile points drawn (not during support), with the control group's when given, and what output control withheld. */
function collectPoints(profile: ProfileInput, options: Figure21Options, L: FigureLabels): { points: Figure21Point[]; single: string | undefined; suppressed: number; reasons: Set<string> } {
  const main = splitSuppressed(rowsOf(profile, 'figure21Spec'), 'rate');
  const mainGroups = new Set(main.shown.map((r) => r.group));
  const single = mainGroups.size <= 1 ? L.supported : undefined;
  const points: Figure21Point[] = main.shown
    .filter((r) => r.phase !== 'during')
    .map((r) => ({ ...r, series: seriesName(r.group, L, options.groupLabels, single) }));

  let suppressed = main.suppressed;
  const reasons = new Set(main.reasons);
  if (options.control !== undefined) {
    const control = splitSuppressed(rowsOf(options.control, 'figure21Spec (control)'), 'rate');
    suppressed += control.suppressed;
    control.reasons.forEach((r) => reasons.add(r));
    const hasControlGroup = control.shown.some((r) => r.group === 'control');
    for (const r of control.shown) {
      if (r.phase === 'during' || (hasControlGroup && r.group !== 'control')) continue;
      points.push({ ...r, series: options.groupLabels?.[r.group] ?? L.control });
    }
  }
  return { points, single, suppressed, reasons };
}

/** The phase averages drawn as labelled lines; withheld ones are counted through `suppress` and `reasons`. */
function collectAverages(options: Figure21Options, L: FigureLabels, lang: FigureLanguage, single: string | undefined, reasons: Set<string>, suppress: (n: number) => void): Figure21Average[] {
  const averages: Figure21Average[] = [];
  if (options.phaseAverages !== undefined) {
    const avg = splitSuppressed(rowsOf(options.phaseAverages, 'figure21Spec (phaseAverages)'), 'estimate');
    suppress(avg.suppressed);
    avg.reasons.forEach((r) => reasons.add(r));
    const drawn = avg.shown.filter((a) => PHASE_QUANTITIES.has(a.quantity) && a.estimate !== null);
    for (const a of drawn) {
      const highest = drawn.filter((b) => b.quantity === a.quantity).every((b) => (b.estimate as number) <= (a.estimate as number));
      averages.push({
        ...a,
        phase: a.quantity as 'before' | 'during' | 'after',
        series: seriesName(a.group, L, options.groupLabels, single),
        label: `${L.phaseAverage} ${formatPercent(a.estimate as number, lang)}`,
        value_label: formatPercent(a.estimate as number, lang),
        above: highest,
      });
    }
  }
  return averages;
}

/** What the two panels and the gap of figure 2.1 share. */
interface PanelContext {
  readonly points: readonly Figure21Point[];
  readonly L: FigureLabels;
  readonly width: number;
  readonly height: number;
  readonly yScale: { domain: number[]; nice: boolean; zero: boolean };
  readonly color: { field: string; type: 'nominal'; scale: { domain: string[]; range: string[] }; legend: Record<string, unknown> };
}

/** The panel of the months before support or after it. */
function phasePanel(ctx: PanelContext, phase: 'before' | 'after') {
  const { points, L, width, height, yScale, color } = ctx;
  const ks = points.filter((p) => p.phase === phase).map((p) => p.event_time);
  const lo = ks.length > 0 ? Math.min(...ks) : phase === 'before' ? -48 : 1;
  const hi = ks.length > 0 ? Math.max(...ks) : phase === 'before' ? -1 : 48;
  const x = {
    field: 'event_time',
    type: 'quantitative' as const,
    scale: { domain: [lo, hi], nice: false, zero: false },
    axis: { title: phase === 'before' ? L.monthsBeforeStart : L.monthsAfterEnd, values: yearTicks(lo, hi), format: 'd', grid: false },
  };
  const yAxis =
    phase === 'before'
      ? { title: L.participation, format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] }
      : { title: null, labels: false, ticks: false, domain: false, values: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  const onPhase = { filter: `datum.phase === '${phase}'` };
  const averageLabel = (above: boolean) => ({
    data: { name: 'averages' },
    transform: [onPhase, { filter: above ? 'datum.above' : '!datum.above' }],
    mark: { type: 'text' as const, align: 'right' as const, baseline: above ? ('bottom' as const) : ('top' as const), dy: above ? -4 : 4, fontSize: 11, fontWeight: 'bold' as const },
    encoding: { x: { datum: hi, type: 'quantitative' as const }, y: { field: 'estimate', type: 'quantitative' as const }, text: { field: 'label' }, color },
  });
  return {
    width,
    height,
    layer: [
      {
        data: { name: 'profile' },
        transform: [onPhase],
        mark: { type: 'area' as const, opacity: 0.2 },
        encoding: { x, y: { field: 'ci_low', type: 'quantitative' as const, scale: yScale, axis: yAxis }, y2: { field: 'ci_high' }, color, detail: { field: 'series' } },
      },
      {
        data: { name: 'profile' },
        transform: [onPhase],
        mark: { type: 'line' as const, strokeWidth: 2 },
        encoding: { x, y: { field: 'rate', type: 'quantitative' as const }, color },
      },
      {
        data: { name: 'averages' },
        transform: [onPhase],
        mark: { type: 'rule' as const, strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: { x: { datum: lo, type: 'quantitative' as const }, x2: { datum: hi }, y: { field: 'estimate', type: 'quantitative' as const }, color },
      },
      averageLabel(true),
      averageLabel(false),
    ],
  };
}

/**
 * The support period between the panels. It is not drawn (participation is then ~100 % by
 * construction); a narrow shaded gap with a label keeps the two time axes honest about the break.
 */
function supportGap(ctx: PanelContext) {
  const { L, height, yScale, color } = ctx;
  return {
    width: 34,
    height,
    layer: [
      {
        data: { values: [{}] },
        mark: { type: 'rect' as const, color: COLORS.light },
        encoding: { x: { value: 0 }, x2: { value: 'width' as const }, y: { datum: 0, type: 'quantitative' as const, scale: yScale, axis: null }, y2: { datum: 1 } },
      },
      {
        data: { values: [{}] },
        mark: { type: 'text' as const, angle: 270, fontSize: 11, color: '#555', fontStyle: 'italic' },
        encoding: { x: { value: 17 }, y: { datum: 0.5, type: 'quantitative' as const }, text: { value: L.duringSupport } },
      },
      {
        data: { name: 'averages' },
        transform: [{ filter: "datum.phase === 'during'" }],
        mark: { type: 'tick' as const, thickness: 1.5, size: 34 },
        encoding: { y: { field: 'estimate', type: 'quantitative' as const }, color },
      },
      {
        data: { name: 'averages' },
        transform: [{ filter: "datum.phase === 'during' && datum.above" }],
        mark: { type: 'text' as const, baseline: 'bottom' as const, dy: -3, fontSize: 10, fontWeight: 'bold' as const },
        encoding: { x: { value: 17 }, y: { field: 'estimate', type: 'quantitative' as const }, text: { field: 'value_label' }, color },
      },
    ],
  };
}

/**
 * Figure 2.1 of the report: labour participation of the supported group in the months before
 * support starts and after it ends, with 95 % interval bands, the control group alongside when
 * given, and the phase averages ("30 %", "47 %") as labelled dashed lines over their phase.
 * The period during support is a gap between the two panels (participation is then almost 100 %).
 * Suppressed rows (output control) are left out and counted in the caption.
 *
 * @example
 * const rows = [
 *   { group: 'supported', phase: 'before', event_time: -2, n: 50, count: 15, rate: 0.3, ci_low: 0.19, ci_high: 0.44, level: 0.95 },
 *   { group: 'supported', phase: 'before', event_time: -1, n: 50, count: 16, rate: 0.32, ci_low: 0.21, ci_high: 0.46, level: 0.95 },
 *   { group: 'supported', phase: 'after', event_time: 1, n: 40, count: 19, rate: 0.475, ci_low: 0.33, ci_high: 0.62, level: 0.95 },
 *   { group: 'supported', phase: 'after', event_time: 2, n: 40, count: 19, rate: 0.475, ci_low: 0.33, ci_high: 0.62, level: 0.95 },
 * ] as const;
 * const averages = [
 *   { group: 'supported', quantity: 'before', estimate: 0.31, ci_low: 0.2, ci_high: 0.42, level: 0.95 },
 *   { group: 'supported', quantity: 'after', estimate: 0.47, ci_low: 0.33, ci_high: 0.62, level: 0.95 },
 * ];
 * const spec = figure21Spec({ rows }, { phaseAverages: averages });
 * spec.datasets?.averages?.map((a) => (a as { label: string }).label); // ['gemiddeld 31%', 'gemiddeld 47%']
 */
export function figure21Spec(profile: ProfileInput, options: Figure21Options = {}): TopLevelSpec {
  const lang = figureOptions('figure21Spec', options, { phaseAverages: true, control: true, population: true, groupLabels: true });
  const L = figureLabels(lang, { population: options.population });
  const width = options.width ?? 300;
  const height = options.height ?? 280;

  const { points, single, suppressed: shownSuppressed, reasons } = collectPoints(profile, options, L);
  let suppressed = shownSuppressed;

  const averages = collectAverages(options, L, lang, single, reasons, (n) => (suppressed += n));

  const level = points[0]?.level ?? averages[0]?.level ?? 0.95;
  const series = [...new Set(points.map((p) => p.series).concat(averages.map((a) => a.series)))];
  series.sort((a, b) => rank(a, L) - rank(b, L));
  const colorScale = { domain: series, range: series.map((s, i) => (s === L.supported ? COLORS.supported : s === L.control ? COLORS.control : COLORS.series[i % COLORS.series.length])) };
  // Every layer declares the same legend (line symbols), so the merged legend is a line legend.
  const color = { field: 'series', type: 'nominal' as const, scale: colorScale, legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 300, symbolOpacity: 1 } };

  const notes = [L.figure21Legend(level, averages.length > 0)];
  if (suppressed > 0) notes.push(L.suppressedNote(suppressed, [...reasons]));
  const title = `${lang === 'nl' ? 'Figuur' : 'Figure'} 2.1 - ${L.figure21Title(level)}`;
  const meta: FigureMeta = { figure: '2.1', caption: [title, ...notes].join(' '), notes, suppressed, lang };

  const yScale = { domain: [0, 1], nice: false, zero: true };
  const ctx: PanelContext = { points, L, width, height, yScale, color };


  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(title, notes, 2 * width + 34 + 70),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { profile: points, averages },
    config: { ...baseConfig(lang), concat: { spacing: 4 } },
    hconcat: [phasePanel(ctx, 'before'), supportGap(ctx), phasePanel(ctx, 'after')],
    resolve: { scale: { y: 'shared', color: 'shared' }, legend: { color: 'shared' } },
  } as TopLevelSpec;
}

/** Legend order: supported first, control second, any other group after. */
function rank(series: string, L: FigureLabels): number {
  return series === L.supported ? 0 : series === L.control ? 1 : 2;
}
