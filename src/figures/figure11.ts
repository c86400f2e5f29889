import type { TopLevelSpec } from 'vega-lite';
import { figureOptions } from './figureOptions.js';
import { rowsOf, type SchemeCount } from './inputs.js';
import { figureLabels } from './labels.js';
import { formatCount, type FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link figure11Spec}. */
export interface Figure11Options {
  readonly lang?: FigureLanguage;
  readonly width?: number;
  readonly height?: number;
}

/** Stacking order: the old Wsw group at the bottom, the Participatiewet on top. */
const SCHEMES = ['Wsw', 'Participatiewet'];

/**
 * Figure 1.1 of the report: people in social work on 1 January of each year, as stacked bars
 * of the Wsw and Participatiewet parts, with the total printed above each bar. Takes rows
 * `{ year, scheme, count }` or a result with such rows (`supportCountsOnJanuaryFirst`).
 * Suppressed counts (output control) are left out and noted in the caption; a year with a
 * suppressed part gets no total.
 *
 * @example
 * const spec = figure11Spec([
 *   { year: 2016, scheme: 'Wsw', count: 3500 },
 *   { year: 2016, scheme: 'Participatiewet', count: 582 },
 * ]);
 * spec.datasets?.totals; // [{ year: 2016, total: 4082, label: '4.082' }]
 */
export function figure11Spec(input: readonly SchemeCount[] | { readonly rows: readonly SchemeCount[] }, options: Figure11Options = {}): TopLevelSpec {
  const lang = figureOptions('figure11Spec', options, {});
  const counts = rowsOf(input, 'figure11Spec', ['year', 'scheme', 'count']);
  const L = figureLabels(lang);
  const split = splitSuppressed(counts, 'count');
  const { suppressed, reasons } = split;
  const shown = split.shown.filter((r): r is SchemeCount & { count: number } => r.count !== null);
  const bars = shown.map((r) => ({ ...r, scheme_order: SCHEMES.includes(r.scheme) ? SCHEMES.indexOf(r.scheme) : SCHEMES.length }));
  const incomplete = new Set(counts.filter((r) => r.count === null).map((r) => r.year));
  const totals: { year: number; total: number; label: string }[] = [];
  for (const year of [...new Set(shown.map((r) => r.year))].sort((a, b) => a - b)) {
    if (incomplete.has(year)) continue;
    const total = shown.filter((r) => r.year === year).reduce((s, r) => s + r.count, 0);
    totals.push({ year, total, label: formatCount(total, lang) });
  }
  const schemes = [...new Set(bars.map((b) => b.scheme))].sort((a, b) => rankScheme(a) - rankScheme(b));
  const notes = suppressed > 0 ? [L.suppressedNote(suppressed, reasons)] : [];
  const title = `${lang === 'nl' ? 'Figuur' : 'Figure'} 1.1 - ${L.figure11Title}`;
  const meta: FigureMeta = { figure: '1.1', caption: [title, ...notes].join(' '), notes, suppressed, lang };
  const x = { field: 'year', type: 'ordinal' as const, axis: { title: null, labelAngle: 0 } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(title, notes, (options.width ?? 520) + 60),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { counts: bars, totals },
    config: baseConfig(lang),
    width: options.width ?? 520,
    height: options.height ?? 300,
    layer: [
      {
        data: { name: 'counts' },
        mark: { type: 'bar', width: { band: 0.7 } },
        encoding: {
          x,
          y: { field: 'count', type: 'quantitative', stack: 'zero', axis: { title: L.countOnJanuary1, format: ',d' } },
          color: {
            field: 'scheme',
            type: 'nominal',
            scale: { domain: schemes, range: schemes.map((s) => (s === 'Wsw' ? '#9ecae1' : s === 'Participatiewet' ? COLORS.supported : COLORS.neutral)) },
            legend: { title: null, orient: 'bottom' },
          },
          order: { field: 'scheme_order', type: 'quantitative' },
          tooltip: [{ field: 'year' }, { field: 'scheme' }, { field: 'count', format: ',d' }],
        },
      },
      {
        data: { name: 'totals' },
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10, color: '#333' },
        encoding: { x, y: { field: 'total', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

function rankScheme(s: string): number {
  const i = SCHEMES.indexOf(s);
  return i === -1 ? SCHEMES.length : i;
}
