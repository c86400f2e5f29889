import type { TopLevelSpec } from 'vega-lite';
import { figureOptions } from './figureOptions.js';
import { rowsOf, type EventStudyInput, type EventStudyPoint } from './inputs.js';
import { figureLabels } from './labels.js';
import type { FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link eventStudySpec}. */
export interface EventStudyOptions {
  /** Reference window [from, to] of `before` event times (inclusive), shaded and labelled; default the result's own. */
  readonly reference?: readonly [number, number];
  readonly lang?: FigureLanguage;
  /** Plot size in pixels (split over the before and after panels when rows carry phases). */
  readonly width?: number;
  readonly height?: number;
}

/** What the panels of {@link eventStudySpec} share. */
interface PanelContext {
  readonly estimates: readonly EventStudyPoint[];
  readonly L: ReturnType<typeof figureLabels>;
  readonly ref: readonly [number, number] | undefined;
  readonly hasBand: boolean;
  readonly yDomain: readonly number[];
  readonly height: number;
}

/** One panel of the event-study figure: the months before (`before`), after (`after`) or all (undefined). */
function phasePanel(ctx: PanelContext, phase: 'before' | 'after' | undefined, panelWidth: number) {
  const { estimates, L, ref, hasBand, yDomain, height } = ctx;
  const ks = estimates.filter((r) => phase === undefined || r.phase === phase).map((r) => r.event_time);
  const x = {
    field: 'event_time',
    type: 'quantitative' as const,
    scale: { domain: [Math.min(...ks, ...(phase !== 'after' && ref ? [ref[0]] : [])) - 0.5, Math.max(...ks) + 0.5], nice: false, zero: false },
    axis: { title: phase === 'before' ? L.monthsBeforeStart : phase === 'after' ? L.monthsAfterEnd : L.monthsRelativeToStart, format: 'd', grid: false },
  };
  const yAxis = phase === 'after' ? { title: null, labels: false, ticks: false, domain: false } : { title: L.effect, format: '+.0%' };
  const y = { type: 'quantitative' as const, scale: { domain: yDomain, nice: true }, axis: yAxis };
  const onPhase = phase === undefined ? [] : [{ filter: `datum.phase === '${phase}'` }];
  const layer: unknown[] = [];
  if (phase !== 'after') {
    layer.push(
      { data: { name: 'reference' }, mark: { type: 'rect', color: COLORS.light }, encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' } } },
      {
        data: { name: 'reference' },
        mark: { type: 'text', baseline: 'top', align: 'left', dx: 2, dy: 4, fontSize: 10, fontStyle: 'italic', color: '#555' },
        encoding: { x: { ...x, field: 'from' }, y: { value: 0 }, text: { field: 'label' } },
      },
    );
  }
  if (hasBand) {
    layer.push({
      data: { name: 'estimates' },
      transform: onPhase,
      mark: { type: 'area', color: COLORS.supported, opacity: 0.15 },
      encoding: { x, y: { ...y, field: 'band_low' }, y2: { field: 'band_high' } },
    });
  }
  layer.push(
    { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#444', strokeWidth: 1 }, encoding: { y: { ...y, field: 'zero' } } },
    { data: { name: 'estimates' }, transform: onPhase, mark: { type: 'rule', color: COLORS.supported, strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'ci_low' }, y2: { field: 'ci_high' } } },
    {
      data: { name: 'estimates' },
      transform: onPhase,
      mark: { type: 'point', filled: true, size: 28, color: COLORS.supported, opacity: 1 },
      encoding: {
        x,
        y: { ...y, field: 'estimate' },
        tooltip: [{ field: 'event_time' }, { field: 'estimate', format: '.3f' }, { field: 'ci_low', format: '.3f' }, { field: 'ci_high', format: '.3f' }],
      },
    },
  );
  return { width: panelWidth, height, layer };
}

/**
 * An event study: ATT(k) per event time as points with pointwise intervals (rules), the
 * uniform sup-t band as a shaded area (when rows carry `band_low`/`band_high`), a zero line,
 * and the reference window shaded. Rows with `phase` `before` and `after` (k relative to
 * support start and to support end) get two panels with the support period as a gap, as in
 * figure 2.1. The y axis is in percentage points. Suppressed rows (output control) are left
 * out and noted in the caption.
 *
 * @example
 * const spec = eventStudySpec([
 *   { event_time: -2, estimate: 0, ci_low: 0, ci_high: 0, level: 0.95 },
 *   { event_time: 1, estimate: 0.15, ci_low: 0.1, ci_high: 0.2, band_low: 0.08, band_high: 0.22, level: 0.95 },
 * ], { reference: [-3, -2] });
 * (spec.datasets?.estimates as unknown[]).length; // 2
 */
export function eventStudySpec(input: EventStudyInput, options: EventStudyOptions = {}): TopLevelSpec {
  const lang = figureOptions('eventStudySpec', options, { reference: true });
  const L = figureLabels(lang);
  const rows: readonly EventStudyPoint[] = rowsOf(input as { readonly rows: readonly EventStudyPoint[] }, 'eventStudySpec', ['event_time', 'estimate']);
  const ref = options.reference ?? (Array.isArray(input) ? undefined : (input as { spec?: { reference?: readonly [number, number] } }).spec?.reference);
  const { shown, suppressed, reasons } = splitSuppressed(rows, 'estimate');
  const estimates = shown.filter((r) => r.estimate !== null).map((r) => ({ ...r }));
  const level = estimates[0]?.level ?? 0.95;
  const hasBand = estimates.some((r) => r.band_low != null && r.band_high != null);
  const notes = [`${L.pointwise(level)}${hasBand ? `; ${L.uniformBand(level)}` : ''}.`];
  if (suppressed > 0) notes.push(L.suppressedNote(suppressed, reasons));
  const meta: FigureMeta = { figure: 'event-study', caption: [L.eventStudyTitle, ...notes].join(' '), notes, suppressed, lang };
  const reference = ref === undefined ? [] : [{ from: ref[0] - 0.5, to: ref[1] + 0.5, label: L.referenceWindow }];
  const width = options.width ?? 620;
  const height = options.height ?? 300;
  const split = estimates.some((r) => r.phase === 'before') && estimates.some((r) => r.phase === 'after');
  const values = estimates.flatMap((r) => [r.estimate, r.ci_low, r.ci_high, r.band_low, r.band_high]).filter((v): v is number => typeof v === 'number');
  const yDomain = [Math.min(0, ...values), Math.max(0, ...values)];

  const ctx: PanelContext = { estimates, L, ref, hasBand, yDomain, height };
  const panel = (phase: 'before' | 'after' | undefined, panelWidth: number) => phasePanel(ctx, phase, panelWidth);

  const gap = {
    width: 24,
    height,
    data: { values: [{}] },
    mark: { type: 'rect', color: COLORS.light },
    encoding: { x: { value: 0 }, x2: { value: 'width' }, y: { value: 0 }, y2: { value: 'height' } },
  };
  const common = {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(L.eventStudyTitle, notes, width + 60),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { estimates, reference },
    config: { ...baseConfig(lang), concat: { spacing: 4 } },
  };
  if (!split) return { ...common, ...panel(undefined, width) } as TopLevelSpec;
  const half = Math.round((width - 24) / 2);
  return { ...common, hconcat: [panel('before', half), gap, panel('after', half)], resolve: { scale: { y: 'shared' } } } as TopLevelSpec;
}
