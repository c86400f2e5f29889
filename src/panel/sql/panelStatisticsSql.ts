/**
 * `panelStatisticsSql`: the SQL text that computes an event panel's sufficient statistics where the
 * data lives (DuckDB, Spark SQL, Trino), from the clean views `pe_persons`, `pe_support`,
 * `pe_employment` and `pe_observation` (docs/guides/scale.md).
 */
import { calendarParts, type SqlPart } from './calendarSql.js';
import { anchorParts } from './anchorsSql.js';
import { dialectFragments, type SqlDialect } from './dialects.js';
import { participationParts } from './participationSql.js';
import { resolveSqlOptions, type PanelSqlOptions, type ResolvedSqlOptions } from './panelSqlOptions.js';

/**
 * The output columns of {@link panelStatisticsSql}, in order.
 *
 * @example
 * PANEL_STATISTICS_COLUMNS.length; // 13
 * PANEL_STATISTICS_COLUMNS.slice(-4); // ['n', 'sum_y', 'sum_w', 'sum_wy']
 */
export const PANEL_STATISTICS_COLUMNS = ['rinpersoons', 'rinpersoon', 'group', 'weight', 'cluster', 'anchor_start_month', 'anchor_end_month', 'phase', 'event_time', 'n', 'sum_y', 'sum_w', 'sum_wy'] as const;

/** The query as named parts (CTEs, in dependency order) and the final SELECT over them. */
export interface PanelStatisticsQuery {
  readonly options: ResolvedSqlOptions;
  readonly parts: readonly SqlPart[];
  /** The final SELECT (the output columns, sorted by panel person, phase and event time). */
  readonly select: string;
}

/**
 * The query of {@link panelStatisticsSql} as parts, for engines that run the parts one by one
 * (the DuckDB engine makes views of them).
 *
 * @example
 * const q = panelStatisticsQuery({ during: true }, { dialect: 'duckdb' });
 * q.parts.at(-1)?.name; // 'ps_cells'
 * q.options.during; // true
 */
export function panelStatisticsQuery(options: PanelSqlOptions = {}, target: { readonly dialect: SqlDialect } = { dialect: 'duckdb' }): PanelStatisticsQuery {
  const f = dialectFragments(target?.dialect);
  const o = resolveSqlOptions(options);
  const anchors = anchorParts(f, o);
  const parts = [...anchors.before, ...calendarParts(f, o), ...anchors.after, ...participationParts(f, o)];
  const select = `SELECT p.rinpersoons, p.rinpersoon, p.grp AS ${f.group}, p.weight, p.cluster,
  p.s_month AS anchor_start_month, p.e_month AS anchor_end_month,
  CASE c.phase WHEN 0 THEN 'before' WHEN 1 THEN 'during' WHEN 2 THEN 'after' END AS phase, c.event_time,
  CASE WHEN c.pid IS NULL THEN 0 ELSE 1 END AS n,
  coalesce(c.y, 0) AS sum_y,
  CASE WHEN c.pid IS NULL THEN CAST(0 AS DOUBLE) ELSE p.weight END AS sum_w,
  p.weight * coalesce(c.y, 0) AS sum_wy
FROM ps_persons p
LEFT JOIN ps_cells c ON c.pid = p.pid
ORDER BY p.pid, c.phase, c.event_time`;
  return { options: o, parts, select };
}

/**
 * The SQL text that computes an event panel's sufficient statistics (a {@link PanelStatistics})
 * exactly as `eventPanel` builds the panel: one row per panel person × phase × event time with
 * columns `rinpersoons, rinpersoon, group, weight, cluster, anchor_start_month, anchor_end_month,
 * phase, event_time, n, sum_y, sum_w, sum_wy` (months as `year * 12 + month − 1`; `anchor_end_month`
 * NULL when support is ongoing; phase `before` / `during` / `after`). A panel person with no observed
 * month has one row with phase and event time NULL and n = 0, so no person goes missing.
 *
 * It reads the views `pe_persons`, `pe_support`, `pe_employment`, `pe_observation` (and `pe_anchors`,
 * `pe_bounds` when asked) as described in docs/guides/scale.md. The Spark and Trino texts differ
 * from the DuckDB text only by {@link DIALECT_SUBSTITUTIONS}. Hand the result back with
 * {@link panelStatisticsFromTable}.
 *
 * @example
 * const sql = panelStatisticsSql({ before: 24, after: 24, participation: 'reference-day' }, { dialect: 'trino' });
 * sql.startsWith('WITH ps_anchor_rows AS ('); // true
 * sql.includes('CROSS JOIN UNNEST(sequence('); // true
 * panelStatisticsSql({}, { dialect: 'spark' }).includes('LATERAL VIEW explode(sequence('); // true
 */
export function panelStatisticsSql(options: PanelSqlOptions = {}, target: { readonly dialect: SqlDialect } = { dialect: 'duckdb' }): string {
  const q = panelStatisticsQuery(options, target);
  return `WITH ${q.parts.map((p) => `${p.name} AS (\n  ${p.sql}\n)`).join(',\n')}\n${q.select}`;
}
