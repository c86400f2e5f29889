import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import { figureOptions } from './figureOptions.js';
import { rowsOf, type TenureBinShare, type ThresholdShare } from './inputs.js';
import { figureLabels, type FigureLabels } from './labels.js';
import type { FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link contractLengthSpec}. */
export interface ContractLengthOptions {
  /** Share above a tenure threshold per date (e.g. > 2 years), drawn as a line with its interval band below the bars: rows or a result (`tenureShareSeries`). */
  readonly series?: readonly ThresholdShare[] | { readonly rows: readonly ThresholdShare[] };
  /** Title of the threshold panel (default: share with a relationship of more than two years). */
  readonly seriesTitle?: string;
  /** Extra caption notes (e.g. about left-censored tenures). */
  readonly notes?: readonly string[];
  readonly lang?: FigureLanguage;
  /** The people studied, as the title names them (default `Amsterdammers` / `Amsterdam residents`). */
  readonly population?: string;
  /** The support programme, as the title names it (default `Sociaal Werk`). */
  readonly programme?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Durability of placements: the distribution of tenure of the current employment relationship
 * on each reference date (stacked bars of tenure bins, shares of people), and optionally the
 * share above a threshold (> 2 years in the report: 27 % in January 2019, 52 % in December 2023)
 * as a line with its interval band. Bins stack in `bin_index` order (else as they first appear);
 * the `unknown` row (outside the shares' denominator) is not stacked, and left-censored
 * tenures (`n_left_censored > 0`) are noted in the caption.
 * Suppressed rows (output control) are left out and noted in the caption. Takes rows or a result
 * with rows (`contractLengths`).
 *
 * @example
 * const spec = contractLengthSpec([
 *   { date: '2019-01-01', bin: '< 1 jaar', n: 100, count: 50, share: 0.5 },
 *   { date: '2019-01-01', bin: '> 2 jaar', n: 100, count: 50, share: 0.5 },
 * ]);
 * (spec.datasets?.distribution as { bin_order: number }[]).map((r) => r.bin_order); // [0, 1]
 */
export function contractLengthSpec(input: readonly TenureBinShare[] | { readonly rows: readonly TenureBinShare[] }, options: ContractLengthOptions = {}): TopLevelSpec {
  const lang = figureOptions('contractLengthSpec', options, { series: true, seriesTitle: true, notes: true, population: true, programme: true });
  const distributionRows = rowsOf(input, 'contractLengthSpec', ['date', 'bin', 'n', 'count', 'share']);
  const seriesRows = options.series === undefined ? [] : rowsOf(options.series, 'contractLengthSpec (series)', ['date', 'share', 'ci_low', 'ci_high']);
  if (options.seriesTitle !== undefined && typeof options.seriesTitle !== 'string') throw new SpecificationError(`contractLengthSpec: seriesTitle must be a string, got ${describeValue(options.seriesTitle)}`);
  if (options.notes !== undefined && !(Array.isArray(options.notes) && options.notes.every((n) => typeof n === 'string')))
    throw new SpecificationError(`contractLengthSpec: notes must be an array of strings, got ${describeValue(options.notes)}`);
  const L = figureLabels(lang, { population: options.population, programme: options.programme });
  const width = options.width ?? 560;
  const dist = splitSuppressed(distributionRows, 'share');
  // Rows "unknown" (left-censored below the top bin) and "no relationship" are outside the
  // shares' denominator: they are not stacked.
  const binned = distributionRows.filter((r) => !OUTSIDE_DENOMINATOR.has(r.bin));
  const binOrder = [...new Set([...binned].sort((a, b) => (a.bin_index ?? 0) - (b.bin_index ?? 0)).map((r) => r.bin))];
  const bins = binOrder.map((b) => binLabel(b, lang));
  const distribution = dist.shown
    .filter((r) => r.share !== null && !OUTSIDE_DENOMINATOR.has(r.bin))
    .map((r) => ({ ...r, bin_label: binLabel(r.bin, lang), bin_order: binOrder.indexOf(r.bin) }));
  const ser = splitSuppressed(seriesRows, 'share');
  const series = ser.shown.filter((r) => r.share !== null).map((r) => ({ ...r, series: r.group ?? L.supported }));
  const suppressed = dist.suppressed + ser.suppressed;
  const reasons = [...new Set([...dist.reasons, ...ser.reasons])];
  const groups = [...new Set(distribution.map((r) => r.group ?? ''))];
  const notes = [...(options.notes ?? [])];
  if (distributionRows.some((r) => (r.n_left_censored ?? 0) > 0)) notes.push(L.leftCensoredNote);
  if (suppressed > 0) notes.push(L.suppressedNote(suppressed, reasons));
  const meta: FigureMeta = { figure: 'contract-length', caption: [L.contractTitle, ...notes].join(' '), notes, suppressed, lang };
  const range = binColors(bins.length);

  const bars = barsPanel(L, groups, bins, range, width, options.height ?? 240);
  const seriesPanel = thresholdPanel(L, series.map((x) => x.series), width, options.seriesTitle);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(L.contractTitle, notes, width + 60),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { distribution, threshold: series },
    config: baseConfig(lang),
    vconcat: series.length > 0 ? [bars, seriesPanel] : [bars],
    resolve: { scale: { color: 'independent', x: 'independent' } },
  } as TopLevelSpec;
}

/** The stacked bars of tenure bins per reference date (one column per group when there are several). */
function barsPanel(L: FigureLabels, groups: readonly string[], bins: readonly string[], range: readonly string[], width: number, height: number) {
  return {
    data: { name: 'distribution' },
    width: groups.length > 1 ? Math.round(width / groups.length) : width,
    height,
    mark: { type: 'bar' as const },
    encoding: {
      x: { field: 'date', type: 'ordinal' as const, timeUnit: 'utcyearmonth' as const, axis: { title: L.date, format: '%b %Y', labelAngle: -40 } },
      y: { field: 'share', type: 'quantitative' as const, stack: 'zero' as const, scale: { domain: [0, 1] }, axis: { title: L.shareOfPersons, format: '.0%' } },
      color: { field: 'bin_label', type: 'nominal' as const, scale: { domain: bins, range }, legend: { title: L.tenure, orient: 'right' as const } },
      order: { field: 'bin_order', type: 'quantitative' as const },
      tooltip: [{ field: 'date' }, { field: 'bin_label' }, { field: 'share', format: '.1%' }, { field: 'count' }, { field: 'n' }],
      ...(groups.length > 1 ? { column: { field: 'group', type: 'nominal' as const, title: null } } : {}),
    },
  };
}

/** The share above the threshold per date, as a line with its interval band. */
function thresholdPanel(L: FigureLabels, names: readonly string[], width: number, title: string | undefined) {
  return {
    data: { name: 'threshold' },
    width,
    height: 180,
    title: { text: title ?? L.longerThan2Years, fontSize: 11, fontWeight: 'normal' as const, anchor: 'start' as const },
    layer: [
      {
        mark: { type: 'area' as const, opacity: 0.2 },
        encoding: {
          x: { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, axis: { title: L.date, format: '%b %Y' } },
          y: { field: 'ci_low', type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: { title: L.shareOfPersons, format: '.0%' } },
          y2: { field: 'ci_high' },
          color: seriesColor(names),
        },
      },
      {
        mark: { type: 'line' as const, strokeWidth: 2, point: { filled: true, size: 30 } },
        encoding: {
          x: { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const },
          y: { field: 'share', type: 'quantitative' as const },
          color: seriesColor(names),
          tooltip: [{ field: 'date' }, { field: 'share', format: '.1%' }, { field: 'ci_low', format: '.1%' }, { field: 'ci_high', format: '.1%' }, { field: 'n' }],
        },
      },
    ],
  };
}

/** Bin rows that are reported beside the distribution, not stacked in it. */
const OUTSIDE_DENOMINATOR = new Set(['unknown', 'no relationship']);

/** Bin labels come in English from the contracts stage; Dutch figures say maanden / jaar. */
function binLabel(bin: string, lang: FigureLanguage): string {
  if (lang !== 'nl') return bin;
  return bin.replace(/\bmonths\b/g, 'maanden').replace(/\bmonth\b/g, 'maand').replace(/\byears?\b/g, 'jaar');
}

/** Light (short tenure) to dark (long tenure) blues, as many as there are bins. */
function binColors(k: number): string[] {
  const ramp = COLORS.sequential;
  return Array.from({ length: k }, (_, i) => ramp[k === 1 ? 2 : Math.round((i * (ramp.length - 1)) / (k - 1))]);
}

function seriesColor(names: readonly string[]) {
  const domain = [...new Set(names)];
  return {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain, range: domain.map((_, i) => COLORS.series[i % COLORS.series.length]) },
    legend: domain.length > 1 ? { title: null, symbolType: 'stroke', symbolOpacity: 1 } : null,
  };
}
