/**
 * The panel persons part of the panel statistics query: one row per anchor (a support trajectory
 * chosen per person, or a row of `pe_anchors`), with group, weight, cluster, anchor months, the
 * person's observed month range and a panel person number.
 */
import { MISSING_GROUP } from '../supportAnchors.js';
import { OPEN, type Fragments, type SqlPart } from './calendarSql.js';
import type { ResolvedSqlOptions } from './panelSqlOptions.js';

/** Missing (NULL or blank) text as the missing-group label. */
const orMissing = (text: string) => `coalesce(nullif(trim(${text}), ''), '${MISSING_GROUP}')`;

/** The group label of a support row `s` (person row `p`). */
function groupLabel(f: Fragments, group: string | undefined): { label: string; persons: boolean } {
  if (group === undefined) return { label: "'supported'", persons: false };
  if (group === 'scheme') return { label: orMissing('s.scheme'), persons: false };
  if (group === 'employerType') return { label: orMissing('s.employer_type'), persons: false };
  if (group === 'sex') return { label: orMissing('p.sex'), persons: true };
  return { label: orMissing(`CAST(p.${group}${f.text}`), persons: true };
}

/** Order of a person's support rows that puts the chosen trajectory first (ties as the loader sorts: start, end, source row). */
const TRAJECTORY_ORDER = {
  first: 's.start_day, s.end_day, s.source_row',
  last: 's.start_day DESC, s.end_day DESC, s.source_row DESC',
  longest: 'CAST(s.end_day AS BIGINT) - s.start_day DESC, s.start_day, s.end_day, s.source_row',
} as const;

/** `ps_anchor_rows` from the support trajectories: one per person, the chosen trajectory. */
function defaultAnchors(f: Fragments, o: ResolvedSqlOptions): string {
  const { label, persons } = groupLabel(f, o.group);
  const join = persons ? '\n    JOIN pe_persons p ON p.rinpersoons = s.rinpersoons AND p.rinpersoon = s.rinpersoon' : '';
  const keep = o.groups ? ` AND t.grp IN (${o.groups.map((g) => `'${g}'`).join(', ')})` : '';
  return `SELECT t.rinpersoons, t.rinpersoon, t.start_day, t.end_day, t.grp, CAST(1 AS DOUBLE) AS weight, CAST(-1 AS BIGINT) AS cluster
  FROM (
    SELECT s.rinpersoons, s.rinpersoon, s.start_day, s.end_day, ${label} AS grp,
      row_number() OVER (PARTITION BY s.rinpersoons, s.rinpersoon ORDER BY ${TRAJECTORY_ORDER[o.trajectory]}) AS pick
    FROM pe_support s${join}
  ) t
  WHERE t.pick = 1${keep}`;
}

/**
 * `ps_anchor_rows` from `pe_anchors`: weight NULL → 1; cluster NULL → the person itself, except
 * that when no row has a cluster and a person has several rows, each person is one cluster (as
 * eventPanel does).
 */
function explicitAnchors(): string {
  return `SELECT b.rinpersoons, b.rinpersoon, b.start_day, b.end_day, b.grp, b.weight,
    CASE WHEN b.cluster0 IS NOT NULL THEN b.cluster0 WHEN b.clustered = 0 AND b.repeated > 1 THEN b.person_rank ELSE CAST(-1 AS BIGINT) END AS cluster
  FROM (
    SELECT a.rinpersoons, a.rinpersoon, a.start_day, a.end_day, a.grp, a.weight, a.cluster0,
      count(a.cluster0) OVER () AS clustered, max(a.rows_of_person) OVER () AS repeated,
      dense_rank() OVER (ORDER BY a.rinpersoons, a.rinpersoon) - 1 AS person_rank
    FROM (
      SELECT rinpersoons, rinpersoon, start_day, end_day, ${orMissing('grp')} AS grp,
        coalesce(CAST(weight AS DOUBLE), CAST(1 AS DOUBLE)) AS weight, CAST(cluster AS BIGINT) AS cluster0,
        count(*) OVER (PARTITION BY rinpersoons, rinpersoon) AS rows_of_person
      FROM pe_anchors
    ) a
  ) b`;
}

/**
 * Per-person observed month range from `pe_bounds` (several rows: their intersection). Bound days
 * are first clamped to just outside the period, which changes no whole month inside it.
 */
function boundsPart(): string {
  const clamp = (d: string) => `greatest(least(${d}, od.obs_end + 1), od.obs_start - 1)`;
  return `SELECT b.rinpersoons, b.rinpersoon, max(f.month + 1) AS lo,
    min(CASE WHEN b.end_day >= ${OPEN} THEN o.obs_hi ELSE l.month - 1 END) AS hi
  FROM pe_bounds b
  CROSS JOIN ps_observation_days od
  CROSS JOIN ps_observed o
  JOIN ps_days f ON f.day + 1 = ${clamp('b.start_day')}
  JOIN ps_days l ON l.day - 1 = ${clamp('b.end_day')}
  GROUP BY b.rinpersoons, b.rinpersoon`;
}

/**
 * CTE `ps_anchor_rows` (before the calendar), and after it `ps_bounds` (with bounds) and
 * `ps_persons`: anchor months (`e_month` NULL when support is ongoing), observed range `lo … hi`
 * and panel person number `pid` (0-based, in the order of person key, anchor dates, group, cluster, weight).
 *
 * @example
 * import { dialectFragments } from './dialects.js';
 * import { resolveSqlOptions } from './panelSqlOptions.js';
 * const parts = anchorParts(dialectFragments('duckdb'), resolveSqlOptions({ observationBounds: true }));
 * [parts.before.map((p) => p.name), parts.after.map((p) => p.name)]; // [['ps_anchor_rows'], ['ps_bounds', 'ps_persons']]
 */
export function anchorParts(f: Fragments, o: ResolvedSqlOptions): { before: SqlPart[]; after: SqlPart[] } {
  const range = o.bounds
    ? 'greatest(o.obs_lo, coalesce(b.lo, o.obs_lo)) AS lo, least(o.obs_hi, coalesce(b.hi, o.obs_hi)) AS hi'
    : 'o.obs_lo AS lo, o.obs_hi AS hi';
  const boundsJoin = o.bounds ? '\n  LEFT JOIN ps_bounds b ON b.rinpersoons = a.rinpersoons AND b.rinpersoon = a.rinpersoon' : '';
  const persons = `SELECT a.rinpersoons, a.rinpersoon, a.grp, a.weight, a.cluster, sm.month AS s_month,
    CASE WHEN a.end_day >= ${OPEN} THEN NULL ELSE em.month END AS e_month, ${range},
    row_number() OVER (ORDER BY a.rinpersoons, a.rinpersoon, a.start_day, a.end_day, a.grp, a.cluster, a.weight) - 1 AS pid
  FROM ps_anchor_rows a
  CROSS JOIN ps_observed o
  JOIN ps_days sm ON sm.day = a.start_day
  LEFT JOIN ps_days em ON em.day = a.end_day${boundsJoin}`;
  return {
    before: [{ name: 'ps_anchor_rows', sql: o.anchors ? explicitAnchors() : defaultAnchors(f, o) }],
    after: [...(o.bounds ? [{ name: 'ps_bounds', sql: boundsPart() }] : []), { name: 'ps_persons', sql: persons }],
  };
}
