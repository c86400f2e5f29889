/**
 * The outcome part of the panel statistics query: each panel person's window months inside their
 * observed range (the rows of `eventPanel`), and whether the person participates in each, from
 * the employment spells (docs/methods/README.md: any day, the reference day, or at least N days).
 */
import { OPEN, type Fragments, type SqlPart } from './calendarSql.js';
import type { ResolvedSqlOptions } from './panelSqlOptions.js';

/** A month after every real one, for spells that have not ended (+1 must not overflow). */
const OPEN_MONTH = 1_000_000;

/** Only spells of panel persons. */
const OF_PANEL_PERSONS = 'EXISTS (SELECT 1 FROM ps_persons p WHERE p.rinpersoons = e.rinpersoons AND p.rinpersoon = e.rinpersoon)';

/**
 * Merge each person's intervals `[lo, hi]` (columns named `lo`, `hi` of `source`) that overlap or
 * touch into disjoint islands (gaps and islands with running windows; exact duplicates first
 * removed, so the order is total and every engine numbers the islands alike).
 */
function islands(source: string): string {
  const by = 'PARTITION BY rinpersoons, rinpersoon ORDER BY lo, hi';
  return `SELECT rinpersoons, rinpersoon, min(lo) AS lo, max(hi) AS hi
  FROM (
    SELECT rinpersoons, rinpersoon, lo, hi, sum(starts) OVER (${by} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS island
    FROM (
      SELECT rinpersoons, rinpersoon, lo, hi,
        CASE WHEN lo <= max(hi) OVER (${by} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1 THEN 0 ELSE 1 END AS starts
      FROM (SELECT DISTINCT rinpersoons, rinpersoon, lo, hi FROM ${source}) d
    ) x
  ) y
  GROUP BY rinpersoons, rinpersoon, island`;
}

/**
 * Any day / reference day: the months each spell makes the person participate in (reference
 * day: the months whose last day it covers), merged into islands `ps_worked(lo, hi)`.
 */
function monthIslands(o: ResolvedSqlOptions): SqlPart[] {
  const reference = o.minDays < 0;
  // Reference day: the spell covers month m's last day when start ≤ last day of m ≤ end, i.e.
  // month(start) ≤ m ≤ month(end + 1) − 1.
  const spells = `SELECT e.rinpersoons, e.rinpersoon, f.month AS lo, CASE WHEN e.end_day >= ${OPEN} THEN ${OPEN_MONTH} ELSE l.month${reference ? ' - 1' : ''} END AS hi
  FROM pe_employment e
  JOIN ps_days f ON f.day = e.start_day
  LEFT JOIN ps_days l ON l.day${reference ? ' - 1' : ''} = e.end_day
  WHERE ${OF_PANEL_PERSONS}`;
  return [
    { name: 'ps_spells', sql: reference ? `SELECT rinpersoons, rinpersoon, lo, hi FROM (${spells}) r WHERE lo <= hi` : spells },
    { name: 'ps_worked', sql: islands('ps_spells') },
  ];
}

/** At least N days: days covered by the merged spells per month, `ps_worked(month)` where ≥ N. */
function dayCounts(o: ResolvedSqlOptions, f: Fragments): SqlPart[] {
  const spells = `SELECT e.rinpersoons, e.rinpersoon, e.start_day AS lo, least(e.end_day, sp.hi_day - 1) AS hi
  FROM pe_employment e CROSS JOIN ps_span sp
  WHERE ${OF_PANEL_PERSONS}`;
  const islandMonths = `SELECT i.rinpersoons, i.rinpersoon, gen.v AS month, i.lo, i.hi
  FROM (
    SELECT d.rinpersoons, d.rinpersoon, d.lo, d.hi, greatest(fm.month, ob.obs_lo) AS m_lo, least(lm.month, ob.obs_hi) AS m_hi
    FROM ps_day_islands d
    CROSS JOIN ps_observed ob
    JOIN ps_days fm ON fm.day = d.lo
    JOIN ps_days lm ON lm.day = d.hi
    WHERE greatest(fm.month, ob.obs_lo) <= least(lm.month, ob.obs_hi)
  ) i ${f.rowsStart}i.m_lo, i.m_hi${f.rowsEnd}`;
  const worked = `SELECT im.rinpersoons, im.rinpersoon, im.month
  FROM ps_island_months im
  JOIN ps_months m ON m.month = im.month
  GROUP BY im.rinpersoons, im.rinpersoon, im.month
  HAVING sum(least(im.hi, m.last_day) - greatest(im.lo, m.first_day) + 1) >= ${o.minDays}`;
  return [
    { name: 'ps_spells', sql: spells },
    { name: 'ps_day_islands', sql: islands('ps_spells') },
    { name: 'ps_island_months', sql: islandMonths },
    { name: 'ps_worked', sql: worked },
  ];
}

/**
 * CTEs `ps_windows` (each person's phase windows inside the observed range), `ps_person_months`
 * (one row per observed window month, with event time), the participation parts, and `ps_cells`
 * (`pid, phase, event_time, y`: one person-month each).
 *
 * @example
 * import { dialectFragments } from './dialects.js';
 * import { resolveSqlOptions } from './panelSqlOptions.js';
 * participationParts(dialectFragments('duckdb'), resolveSqlOptions({})).map((p) => p.name);
 * // ['ps_windows', 'ps_person_months', 'ps_spells', 'ps_worked', 'ps_cells']
 */
export function participationParts(f: Fragments, o: ResolvedSqlOptions): SqlPart[] {
  const cols = 'pid, rinpersoons, rinpersoon';
  const windows = [
    `SELECT ${cols}, 0 AS phase, greatest(s_month - ${o.before}, lo) AS m_lo, least(s_month - 1, hi) AS m_hi, s_month AS ref FROM ps_persons`,
    ...(o.during ? [`SELECT ${cols}, 1 AS phase, greatest(s_month, lo) AS m_lo, CASE WHEN e_month IS NULL THEN hi ELSE least(e_month, hi) END AS m_hi, s_month AS ref FROM ps_persons`] : []),
    `SELECT ${cols}, 2 AS phase, greatest(e_month + 1, lo) AS m_lo, least(e_month + ${o.after}, hi) AS m_hi, e_month AS ref FROM ps_persons WHERE e_month IS NOT NULL`,
  ].join('\n  UNION ALL\n  ');
  const personMonths = `SELECT w.pid, w.rinpersoons, w.rinpersoon, w.phase, gen.v AS month, gen.v - w.ref AS event_time
  FROM (SELECT ${cols}, phase, m_lo, m_hi, ref FROM ps_windows WHERE m_lo <= m_hi) w ${f.rowsStart}w.m_lo, w.m_hi${f.rowsEnd}`;
  const byDays = o.minDays > 0;
  const match = byDays ? 'pm.month = w.month' : 'pm.month >= w.lo AND pm.month <= w.hi';
  const cells = `SELECT pm.pid, pm.phase, pm.event_time, CASE WHEN w.rinpersoon IS NULL THEN 0 ELSE 1 END AS y
  FROM ps_person_months pm
  LEFT JOIN ps_worked w ON w.rinpersoons = pm.rinpersoons AND w.rinpersoon = pm.rinpersoon AND ${match}`;
  return [
    { name: 'ps_windows', sql: windows },
    { name: 'ps_person_months', sql: personMonths },
    ...(byDays ? dayCounts(o, f) : monthIslands(o)),
    { name: 'ps_cells', sql: cells },
  ];
}
