import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../core/errors.js';
import { checkOptions } from '../core/options.js';
import { checkResultKind } from '../core/result.js';
import type { FigureLanguage } from '../figures/locale.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA } from '../figures/style.js';
import type { AggregateResult } from './aggregate.js';
import type { AttGtResult } from './attGt.js';

/** Options of {@link attGtSpec}. */
export interface AttGtSpecOptions {
  readonly lang?: FigureLanguage;
  readonly width?: number;
  readonly height?: number;
  /** Title override. */
  readonly title?: string;
}

const TEXT = {
  en: {
    dynamic: 'Effect by time since treatment (event study of ATT(g,t))',
    cohorts: 'Group-time effects ATT(g,t) by cohort',
    e: 'Periods since treatment start (e = t − g)',
    time: 'Period',
    effect: 'Effect',
    pre: 'before treatment',
    post: 'after treatment',
    phase: 'Period',
    cohort: 'Cohort',
    band: (l: number) => `shaded: ${Math.round(l * 100)}% simultaneous band`,
    ci: (l: number) => `bars: ${Math.round(l * 100)}% confidence intervals`,
  },
  nl: {
    dynamic: 'Effect naar tijd sinds start (event study van ATT(g,t))',
    cohorts: 'Groep-tijdeffecten ATT(g,t) per cohort',
    e: 'Perioden sinds start (e = t − g)',
    time: 'Periode',
    effect: 'Effect',
    pre: 'voor de start',
    post: 'na de start',
    phase: 'Periode',
    cohort: 'Cohort',
    band: (l: number) => `gearceerd: ${Math.round(l * 100)}%-simultane band`,
    ci: (l: number) => `lijnen: ${Math.round(l * 100)}%-betrouwbaarheidsintervallen`,
  },
} as const;

/**
 * Vega-Lite spec of a staggered-adoption result: for `aggregate(…, { type: 'dynamic' })` the
 * event-study profile by e = t − g (points, pointwise intervals, the simultaneous band when
 * bootstrapped); for an `attGt` result ATT(g,t) by period in one panel per cohort, pre- and
 * post-treatment periods in different colours.
 *
 * @example
 * import { aggregate, attGt, attGtSpec } from 'participation-effects';
 * const rows = [];
 * const y = { a: [0, 1, 3], b: [1, 1, 2], c: [0, 0, 0], d: [2, 3, 3] };
 * const g = { a: 2, b: 3, c: 0, d: 0 };
 * for (const id of ['a', 'b', 'c', 'd']) for (let t = 1; t <= 3; t++) rows.push({ id, t, g: g[id], y: y[id][t - 1] });
 * const att = attGt(rows, { columns: { id: 'id', period: 't', cohort: 'g', outcome: 'y' } });
 * const dynamic = attGtSpec(aggregate(att, { type: 'dynamic' }), { lang: 'en' });
 * (dynamic.datasets?.estimates as unknown[]).length; // 3
 * const cohorts = attGtSpec(att, { lang: 'en' });
 * (cohorts.datasets?.estimates as unknown[]).length; // 4
 */
export function attGtSpec(result: AttGtResult | AggregateResult, options: AttGtSpecOptions = {}): TopLevelSpec {
  checkResultKind('attGtSpec', result, ['attGt', 'aggregate'], 'an attGt result or its dynamic aggregation');
  checkOptions('attGtSpec', options, { lang: true, width: true, height: true, title: true });
  const lang = options.lang ?? 'nl';
  const L = TEXT[lang];
  if (L === undefined) throw new SpecificationError(`attGtSpec: lang must be 'nl' or 'en', got ${JSON.stringify(lang)}`);
  const width = options.width ?? 620;
  const height = options.height ?? 300;
  if (result.kind === 'aggregate') {
    const agg = result as AggregateResult;
    if (agg.spec.type !== 'dynamic') throw new SpecificationError(`attGtSpec: draws a dynamic aggregation or an attGt result, got an aggregation of type '${agg.spec.type}'`);
    const estimates = agg.rows.filter((r) => r.term === 'event_time' && r.se !== null).map((r) => ({ ...r, phase: r.event_time! < 0 ? L.pre : L.post }));
    return dynamicSpec(estimates, agg.spec.level, estimates.some((r) => r.band_low !== null), L, lang, width, height, options.title ?? L.dynamic);
  }
  const att = result as AttGtResult;
  const estimates = att.rows.filter((r) => r.estimate !== null).map((r) => ({ ...r, phase: r.time < r.group ? L.pre : L.post }));
  return cohortSpec(estimates, att.spec.level, L, lang, width, height, options.title ?? L.cohorts);
}

type Labels = (typeof TEXT)[FigureLanguage];

function colour(L: Labels) {
  return { field: 'phase', type: 'nominal' as const, title: L.phase, scale: { domain: [L.pre, L.post], range: [COLORS.control, COLORS.supported] } };
}

function dynamicSpec(estimates: object[], level: number, band: boolean, L: Labels, lang: FigureLanguage, width: number, height: number, title: string): TopLevelSpec {
  const x = { field: 'event_time', type: 'quantitative' as const, axis: { title: L.e, format: 'd', grid: false } };
  const y = { type: 'quantitative' as const, axis: { title: L.effect } };
  const layer: unknown[] = [];
  if (band) layer.push({ mark: { type: 'area', color: COLORS.supported, opacity: 0.15 }, encoding: { x, y: { ...y, field: 'band_low' }, y2: { field: 'band_high' } } });
  layer.push(
    { mark: { type: 'rule', color: '#444' }, encoding: { y: { datum: 0, type: 'quantitative' } } },
    { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'ci_low' }, y2: { field: 'ci_high' }, color: colour(L) } },
    {
      mark: { type: 'point', filled: true, size: 28, opacity: 1 },
      encoding: { x, y: { ...y, field: 'estimate' }, color: colour(L), tooltip: [{ field: 'event_time' }, { field: 'estimate', format: '.3f' }, { field: 'se', format: '.3f' }] },
    },
  );
  const notes = [`${L.ci(level)}${band ? `; ${L.band(level)}` : ''}.`];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(title, notes, width + 60),
    usermeta: { figure: 'att-gt-dynamic', caption: [title, ...notes].join(' '), notes, suppressed: 0, lang },
    datasets: { estimates },
    data: { name: 'estimates' },
    width,
    height,
    layer,
    config: baseConfig(lang),
  } as TopLevelSpec;
}

function cohortSpec(estimates: object[], level: number, L: Labels, lang: FigureLanguage, width: number, height: number, title: string): TopLevelSpec {
  const x = { field: 'time', type: 'quantitative' as const, axis: { title: L.time, format: 'd', grid: false } };
  const y = { type: 'quantitative' as const, axis: { title: L.effect } };
  const notes = [`${L.ci(level)}.`];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(title, notes, width + 60),
    usermeta: { figure: 'att-gt-cohorts', caption: [title, ...notes].join(' '), notes, suppressed: 0, lang },
    datasets: { estimates },
    data: { name: 'estimates' },
    facet: { row: { field: 'group', type: 'ordinal', title: L.cohort } },
    spec: {
      width,
      height: Math.max(60, Math.round(height / 3)),
      layer: [
        { mark: { type: 'rule', color: '#444' }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'ci_low' }, y2: { field: 'ci_high' }, color: colour(L) } },
        { mark: { type: 'point', filled: true, size: 28, opacity: 1 }, encoding: { x, y: { ...y, field: 'estimate' }, color: colour(L), tooltip: [{ field: 'group' }, { field: 'time' }, { field: 'estimate', format: '.3f' }] } },
      ],
    },
    config: baseConfig(lang),
  } as TopLevelSpec;
}
