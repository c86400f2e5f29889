import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { figureOptions } from './figureOptions.js';
import { rowsOf, type YearCount } from './inputs.js';
import { figureLabels } from './labels.js';
import { formatCount, type FigureLanguage } from './locale.js';
import { splitSuppressed } from './outputControl.js';
import { baseConfig, COLORS, titleBlock, VEGA_LITE_SCHEMA, type FigureMeta } from './style.js';

/** Options of {@link targetTrajectorySpec}: a linear path from 1 January of `start` to `target` at the end of `targetYear`. */
export interface TargetTrajectoryOptions {
  /** First year of the path; the path starts on 1 January of it (default 2022). */
  readonly start?: number;
  /** Year by whose end the target is due (default 2026). */
  readonly targetYear?: number;
  /** Number due at the end of `targetYear` (default 3,200). */
  readonly target?: number;
  /** Net increase per year (default 328 = 1,640 over five years). */
  readonly perYear?: number;
  readonly lang?: FigureLanguage;
  readonly width?: number;
  readonly height?: number;
}

const PATH_KEYS = { start: true, targetYear: true, target: true, perYear: true } as const;

/** A point of the target path: the number due on 1 January of `year`. */
export interface TargetPathPoint {
  readonly year: number;
  readonly due: number;
}

/**
 * The target path: on 1 January of each year from `start` to `targetYear + 1`, the number
 * due if the count grows by `perYear` a year to reach `target` at the end of `targetYear`.
 * With the defaults: 1,560 on 1 January 2022, 2,544 due by the end of 2024, 3,200 by the end of 2026.
 *
 * @example
 * targetPath().find((p) => p.year === 2025)?.due; // 2544
 * targetPath()[0]; // { year: 2022, due: 1560 }
 */
export function targetPath(options: Pick<TargetTrajectoryOptions, 'start' | 'targetYear' | 'target' | 'perYear'> = {}): TargetPathPoint[] {
  checkOptions('targetPath', options, PATH_KEYS);
  for (const k of Object.keys(PATH_KEYS) as (keyof typeof PATH_KEYS)[]) {
    const v = options[k];
    if (v !== undefined && typeof v !== 'number') throw new SpecificationError(`targetPath: ${k} must be a number, got ${describeValue(v)}`);
  }
  const start = options.start ?? 2022;
  const targetYear = options.targetYear ?? 2026;
  const target = options.target ?? 3200;
  const perYear = options.perYear ?? 328;
  if (!Number.isInteger(start) || !Number.isInteger(targetYear) || targetYear < start) {
    throw new SpecificationError(`target year must be a whole year not before the start year, got start ${start} and target year ${targetYear}`);
  }
  if (!Number.isFinite(target) || !Number.isFinite(perYear)) {
    throw new SpecificationError(`target and perYear must be finite numbers, got ${target} and ${perYear}`);
  }
  const years = targetYear + 1 - start;
  const path: TargetPathPoint[] = [];
  for (let i = 0; i <= years; i++) path.push({ year: start + i, due: target - perYear * (years - i) });
  return path;
}

/**
 * The growth target against reality: the linear path to the target (e.g. 3,200 Participatiewet
 * workers by the end of 2026, +328 a year from the start of 2022) and the actual counts on
 * 1 January. Counts are dated on 1 January, so the end of 2024 is 1 January 2025. The gap
 * at the latest actual count is labelled (due vs actual). Rows whose `scheme` is not
 * Participatiewet are ignored, so figure 1.1's counts can be passed as they are.
 *
 * @example
 * const spec = targetTrajectorySpec([{ year: 2022, count: 1560 }, { year: 2025, count: 2189 }]);
 * (spec.datasets?.path as { due: number }[]).at(-1)?.due; // 3200
 */
export function targetTrajectorySpec(input: readonly YearCount[] | { readonly rows: readonly YearCount[] }, options: TargetTrajectoryOptions = {}): TopLevelSpec {
  const lang = figureOptions('targetTrajectorySpec', options, PATH_KEYS);
  const actual = rowsOf(input, 'targetTrajectorySpec', ['year', 'count']);
  const L = figureLabels(lang);
  const path = targetPath({ start: options.start, targetYear: options.targetYear, target: options.target, perYear: options.perYear });
  const targetYear = options.targetYear ?? 2026;
  const { shown, suppressed, reasons } = splitSuppressed(actual.filter((r) => r.scheme === undefined || r.scheme === 'Participatiewet'), 'count');
  const counts = shown.filter((r): r is YearCount & { count: number } => r.count !== null).map((r) => ({ ...r, label: formatCount(r.count, lang) })).sort((a, b) => a.year - b.year);
  const last = counts.at(-1);
  const dueThen = last === undefined ? undefined : path.find((p) => p.year === last.year);
  const gap = last !== undefined && dueThen !== undefined ? [{ year: last.year, due: dueThen.due, count: last.count, label: L.dueLabel(formatCount(dueThen.due, lang)) }] : [];
  const end = path[path.length - 1];
  const notes = suppressed > 0 ? [L.suppressedNote(suppressed, reasons)] : [];
  const title = L.targetTitle(targetYear);
  const meta: FigureMeta = { figure: 'target', caption: [title, ...notes].join(' '), notes, suppressed, lang };
  const years = [...path.map((p) => p.year), ...counts.map((c) => c.year)];
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    scale: { domain: [Math.min(...years), Math.max(...years)], nice: false, zero: false },
    axis: { title: lang === 'nl' ? 'Stand op 1 januari' : 'Count on 1 January', format: 'd', tickMinStep: 1, labelFlush: false },
  };
  const series = { field: 'series', type: 'nominal' as const, scale: { domain: [L.targetPath, L.actual], range: [COLORS.neutral, COLORS.supported] }, legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 2.5 } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(title, notes, (options.width ?? 520) + 60),
    description: meta.caption,
    usermeta: { ...meta },
    datasets: { path: path.map((p) => ({ ...p, series: L.targetPath })), actual: counts.map((c) => ({ ...c, series: L.actual })), gap, end: [{ ...end, label: L.targetLabel(targetYear, formatCount(end.due, lang)) }] },
    config: baseConfig(lang),
    width: options.width ?? 520,
    height: options.height ?? 300,
    layer: [
      {
        data: { name: 'path' },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2 },
        encoding: { x, y: { field: 'due', type: 'quantitative', scale: { zero: true }, axis: { title: L.persons, format: ',d' } }, color: series },
      },
      {
        data: { name: 'actual' },
        mark: { type: 'line', strokeWidth: 2.5, point: { size: 40, filled: true } },
        encoding: { x, y: { field: 'count', type: 'quantitative' }, color: series, tooltip: [{ field: 'year' }, { field: 'count', format: ',d' }] },
      },
      {
        data: { name: 'gap' },
        mark: { type: 'rule', color: COLORS.control, strokeWidth: 1.5 },
        encoding: { x, y: { field: 'count', type: 'quantitative' }, y2: { field: 'due' } },
      },
      {
        data: { name: 'gap' },
        mark: { type: 'text', align: 'right', dx: -6, baseline: 'middle', fontSize: 10, color: '#333' },
        encoding: { x, y: { field: 'due', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { name: 'actual' },
        transform: [{ filter: `datum.year === ${last?.year ?? 'null'}` }],
        mark: { type: 'text', align: 'left', dx: 6, baseline: 'middle', fontSize: 10, fontWeight: 'bold', color: COLORS.supported },
        encoding: { x, y: { field: 'count', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { name: 'end' },
        mark: { type: 'text', align: 'right', dx: -4, dy: -8, baseline: 'bottom', fontSize: 10, color: '#333' },
        encoding: { x, y: { field: 'due', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}
