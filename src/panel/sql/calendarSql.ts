/**
 * The calendar part of the panel statistics query: the observation period, a day → month table
 * built with integer arithmetic only (days since 1970-01-01 → `year * 12 + month − 1`, Howard
 * Hinnant's civil-from-days), months with their first and last day, and the observed months.
 */
import { OPEN_END } from '../../core/calendar.js';
import type { dialectFragments } from './dialects.js';
import type { ResolvedSqlOptions } from './panelSqlOptions.js';

/** A named part of the query (a CTE; the DuckDB engine makes each a view). */
export interface SqlPart {
  readonly name: string;
  readonly sql: string;
}

/** Fragments of the dialect being written. */
export type Fragments = ReturnType<typeof dialectFragments>;

/** The ongoing-end sentinel as SQL text. */
export const OPEN = String(OPEN_END);

/**
 * CTEs `ps_observation_days` (period in days), `ps_span` (days the calendar covers), `ps_days`
 * (day → month), `ps_months` (first and last day per month) and `ps_observed` (first and last
 * whole month of the period). Needs `ps_anchor_rows` for the span.
 *
 * @example
 * import { dialectFragments } from './dialects.js';
 * import { resolveSqlOptions } from './panelSqlOptions.js';
 * calendarParts(dialectFragments('duckdb'), resolveSqlOptions({})).map((p) => p.name);
 * // ['ps_observation_days', 'ps_span', 'ps_days', 'ps_months', 'ps_observed']
 */
export function calendarParts(f: Fragments, o: ResolvedSqlOptions): SqlPart[] {
  const div = (a: string, b: number) => `${a}${f.divide}${b}`;
  const observation = o.observation
    ? `SELECT ${o.observation.start} AS obs_start, ${o.observation.end} AS obs_end`
    : 'SELECT start_day AS obs_start, end_day AS obs_end FROM pe_observation';
  // The calendar covers the export's period (where the spells are), the override, and every
  // anchor date, with two months to spare on either side.
  const span = `SELECT least(o.obs_start, e.obs_start, coalesce(a.lo, e.obs_start)) - 62 AS lo_day,
    greatest(o.obs_end, e.obs_end, coalesce(a.hi, e.obs_end)) + 62 AS hi_day
  FROM ps_observation_days o
  CROSS JOIN (SELECT start_day AS obs_start, end_day AS obs_end FROM pe_observation) e
  CROSS JOIN (SELECT min(start_day) AS lo, max(CASE WHEN end_day < ${OPEN} THEN end_day END) AS hi FROM ps_anchor_rows) a`;
  // Days in blocks of 1000 (Trino's sequence makes at most 10,000 values).
  const days = `SELECT day, (yoe + era * 400 + CASE WHEN mp >= 10 THEN 1 ELSE 0 END) * 12 + CASE WHEN mp < 10 THEN mp + 2 ELSE mp - 10 END AS month
  FROM (
    SELECT day, era, yoe, ${div(`(5 * (doe - (365 * yoe + ${div('yoe', 4)} - ${div('yoe', 100)})) + 2)`, 153)} AS mp
    FROM (
      SELECT day, era, doe, ${div(`(doe - ${div('doe', 1460)} + ${div('doe', 36524)} - ${div('doe', 146096)})`, 365)} AS yoe
      FROM (
        SELECT day, ${div('(day + 719468)', 146097)} AS era, day + 719468 - ${div('(day + 719468)', 146097)} * 146097 AS doe
        FROM (
          SELECT b.lo_day + b.block * 1000 + gen.v AS day
          FROM (SELECT ps_span.lo_day, ps_span.hi_day, gen.v AS block FROM ps_span ${f.rowsStart}0, ${div('(ps_span.hi_day - ps_span.lo_day)', 1000)}${f.rowsEnd}) b ${f.rowsStart}0, 999${f.rowsEnd}
          WHERE b.lo_day + b.block * 1000 + gen.v <= b.hi_day
        ) d0
      ) d1
    ) d2
  ) d3`;
  const months = 'SELECT month, min(day) AS first_day, max(day) AS last_day FROM ps_days GROUP BY month';
  // First whole month: the month after the one holding the day before the start; last: the month
  // before the one holding the day after the end.
  const observed = `SELECT f.month + 1 AS obs_lo, l.month - 1 AS obs_hi
  FROM ps_observation_days o
  JOIN ps_days f ON f.day + 1 = o.obs_start
  JOIN ps_days l ON l.day - 1 = o.obs_end`;
  return [
    { name: 'ps_observation_days', sql: observation },
    { name: 'ps_span', sql: span },
    { name: 'ps_days', sql: days },
    { name: 'ps_months', sql: months },
    { name: 'ps_observed', sql: observed },
  ];
}
