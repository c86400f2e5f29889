import type { TopLevelSpec } from 'vega-lite';
import type { EventStudyPoint } from './inputs.js';
import { figureLabels } from './labels.js';
import type { FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link eventStudySpec}. */
export interface EventStudyOptions {
  /** Reference window [from, to] of event times (inclusive), shaded and labelled. */
  readonly reference?: readonly [number, number];
  /** Axis title for event time (default: months relative to the start of support). */
  readonly xTitle?: string;
  readonly lang?: FigureLanguage;
  readonly width?: number;
  readonly height?: number;
}

/**
 * An event study: ATT(k) per event time as points with pointwise intervals (rules), the
 * uniform sup-t band as a shaded area (when rows carry `band_low`/`band_high`), a zero line,
 * and the reference window shaded. The y axis is in percentage points.
 * Suppressed rows (output control) are left out and noted in the caption.
 *
 * @example
 * const spec = eventStudySpec([
 *   { event_time: -2, estimate: 0, ci_low: 0, ci_high: 0, level: 0.95 },
 *   { event_time: 1, estimate: 0.15, ci_low: 0.1, ci_high: 0.2, band_low: 0.08, band_high: 0.22, level: 0.95 },
 * ], { reference: [-3, -2] });
 * (spec.datasets?.estimates as unknown[]).length; // 2
 */
export function eventStudySpec(rows: readonly EventStudyPoint[], options: EventStudyOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'nl';
  const L = figureLabels(lang);
  const { shown, suppressed, reasons } = splitSuppressed(rows);
  const estimates = shown.filter((r) => r.estimate !== null).map((r) => ({ ...r }));
  const level = estimates[0]?.level ?? 0.95;
  const hasBand = estimates.some((r) => r.band_low != null && r.band_high != null);
  const notes = [`${L.pointwise(level)}${hasBand ? `; ${L.uniformBand(level)}` : ''}.`];
  if (suppressed > 0) notes.push(L.suppressedNote(suppressed, reasons));
  const meta: FigureMeta = { figure: 'event-study', caption: [L.eventStudyTitle, ...notes].join(' '), notes, suppressed, lang };
  const x = { field: 'event_time', type: 'quantitative' as const, scale: { nice: false, padding: 8 }, axis: { title: options.xTitle ?? L.monthsRelativeToStart, format: 'd' } };
  const y = { type: 'quantitative' as const, axis: { title: L.effect, format: '+.0%' } };
  const reference = options.reference === undefined ? [] : [{ from: options.reference[0] - 0.5, to: options.reference[1] + 0.5, label: L.referenceWindow }];
  const layer: unknown[] = [
    {
      data: { name: 'reference' },
      mark: { type: 'rect', color: COLORS.light },
      encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
    },
    {
      data: { name: 'reference' },
      mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 10, fontStyle: 'italic', color: '#555' },
      encoding: { x: { field: 'from', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
  if (hasBand) {
    layer.push({
      data: { name: 'estimates' },
      mark: { type: 'area', color: COLORS.supported, opacity: 0.15 },
      encoding: { x, y: { ...y, field: 'band_low' }, y2: { field: 'band_high' } },
    });
  }
  layer.push(
    { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#444', strokeWidth: 1 }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
    {
      data: { name: 'estimates' },
      mark: { type: 'rule', color: COLORS.supported, strokeWidth: 1.2 },
      encoding: { x, y: { ...y, field: 'ci_low' }, y2: { field: 'ci_high' } },
    },
    {
      data: { name: 'estimates' },
      mark: { type: 'point', filled: true, size: 28, color: COLORS.supported, opacity: 1 },
      encoding: {
        x,
        y: { ...y, field: 'estimate' },
        tooltip: [{ field: 'event_time' }, { field: 'estimate', format: '.3f' }, { field: 'ci_low', format: '.3f' }, { field: 'ci_high', format: '.3f' }],
      },
    },
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(L.eventStudyTitle, notes, (options.width ?? 620) + 60),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { estimates, reference },
    config: baseConfig(lang),
    width: options.width ?? 620,
    height: options.height ?? 300,
    layer,
  } as TopLevelSpec;
}
