/**
 * After every input is read: the observation period (given, or derived from the valid support and
 * employment spells), the rows that stretch a derived period, and the clipping of src/io/spells.ts
 * finishSpells (entirely outside → excluded; start before → first day; end after → ongoing),
 * then the flags on the final rows (overlapping support, missing wage or hours).
 */
import type { DuckdbConnection } from './types.js';
import { formatCbsDate } from '../../io/dates.js';
import { ISSUE_DESCRIPTIONS } from '../../io/qualityLog.js';
import type { ObservationPeriod } from '../../io/types.js';
import { DataError, SpecificationError } from '../../core/errors.js';
import { locate } from './persons.js';
import { firstRow, logEvents } from './quality.js';
import type { SpellsRead } from './spells.js';
import { OPEN } from './sql.js';

/** The derived observation period: earliest start through the latest finite end or start. */
export async function deriveObservation(connection: DuckdbConnection): Promise<ObservationPeriod> {
  const row = await firstRow(connection, `SELECT min(a_day) AS lo, max(CASE WHEN b_day <> ${OPEN} THEN greatest(a_day, b_day) ELSE a_day END) AS hi
    FROM (SELECT a_day, b_day FROM pe_dedup_support UNION ALL SELECT a_day, b_day FROM pe_dedup_employment)`);
  if (row?.lo === null || row?.lo === undefined) throw new SpecificationError('observation: no valid support or employment spell to derive the observation period from; pass options.observation');
  return { start: Number(row.lo), end: Number(row.hi) };
}

/** Flag the rows that alone make the first or last year of a derived period (src/io/spells.ts stretchingRows). */
export async function flagStretching(connection: DuckdbConnection, period: ObservationPeriod): Promise<void> {
  if (period.end - period.start < 3 * 365) return;
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_stretch AS
    SELECT tbl, g, ord, a_day, CASE WHEN b_day = ${OPEN} THEN a_day ELSE b_day END AS last_day, CASE WHEN b_day = ${OPEN} THEN 1 ELSE 2 END AS dates,
      a_day < ${period.start + 365} AS early, CASE WHEN b_day = ${OPEN} THEN a_day ELSE b_day END > ${period.end - 365} AS late
    FROM (SELECT 'support' AS tbl, g, ord, a_day, b_day FROM pe_dedup_support UNION ALL SELECT 'employment', g, ord + 1000000000000, a_day, b_day FROM pe_dedup_employment)`);
  const s = (await firstRow(connection, `SELECT sum(dates)::DOUBLE AS dates, count(*) FILTER (WHERE early)::INTEGER AS n_early, count(*) FILTER (WHERE late)::INTEGER AS n_late,
    max(a_day) FILTER (WHERE early) AS early_last, min(a_day) FILTER (WHERE NOT early) AS rest_first,
    min(last_day) FILTER (WHERE late) AS late_first, max(last_day) FILTER (WHERE NOT late) AS rest_last FROM pe_stretch`))!;
  const num = (x: unknown, missing: number) => (x === null || x === undefined ? missing : Number(x));
  const dates = Number(s.dates);
  const few = (n: number, gap: number) => n <= 5 && (n < dates * 0.001 || gap >= 3 * 365);
  const early = few(Number(s.n_early), num(s.rest_first, Infinity) - num(s.early_last, -Infinity));
  const late = few(Number(s.n_late), num(s.late_first, Infinity) - num(s.rest_last, -Infinity));
  for (const table of ['support', 'employment'] as const) {
    const which = [early ? 'early' : '', late ? 'late' : ''].filter((x) => x !== '');
    for (const w of which) await logEvents(connection, table, 'observation-stretched', 'flagged', `SELECT g, ord + ${w === 'late' ? '100000000000000' : '0'} AS ord FROM pe_stretch WHERE tbl = '${table}' AND ${w}`);
  }
}

/** Clip one spell input to the period → `pe_final_<table>` (final order: person, start, end, row). */
export async function finishSpells(connection: DuckdbConnection, read: SpellsRead, period: ObservationPeriod, strict: boolean): Promise<void> {
  const t = read.table;
  const outside = `(b_day < ${period.start} OR a_day > ${period.end})`;
  if (strict) {
    const row = await firstRow(connection, `SELECT g, f, a_day, b_day FROM pe_dedup_${t} WHERE ${outside} ORDER BY ord LIMIT 1`);
    if (row) {
      const before = Number(row.b_day) < period.start;
      const day = Number(before ? row.b_day : row.a_day);
      const names = read.found[Number(row.f)]!;
      throw new DataError({ ...locate(read.raw, Number(row.g)), column: before ? names[3] : names[2], value: day === Number(OPEN) ? '' : formatCbsDate(day), expected: `a spell overlapping the observation period (strict: ${ISSUE_DESCRIPTIONS['outside-observation']})` });
    }
  }
  await logEvents(connection, t, 'outside-observation', 'excluded', `SELECT g, ord FROM pe_dedup_${t} WHERE ${outside}`);
  await logEvents(connection, t, 'clipped-start', 'repaired', `SELECT g, ord FROM pe_dedup_${t} WHERE NOT ${outside} AND a_day < ${period.start}`);
  await logEvents(connection, t, 'clipped-end', 'repaired', `SELECT g, ord FROM pe_dedup_${t} WHERE NOT ${outside} AND b_day <> ${OPEN} AND b_day > ${period.end}`);
  const cats = Array.from({ length: read.categories }, (_, c) => `, cat${c}`).join('');
  const nums = read.numbers.map((_, c) => `, num${c}`).join('');
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_final_${t} AS
    SELECT p, src, num, g, greatest(a_day, ${period.start}) AS start_day, CASE WHEN b_day <> ${OPEN} AND b_day > ${period.end} THEN ${OPEN} ELSE b_day END AS end_day,
      a_day AS reported_start_day${cats}${nums}
    FROM pe_dedup_${t} WHERE NOT ${outside}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_final_${t} AS SELECT *, row_number() OVER (ORDER BY p, start_day, end_day, g) AS k FROM pe_final_${t}`);
}

/** Flags on the final rows: overlapping support trajectories; employment spells without wage or hours. */
export async function flagFinal(connection: DuckdbConnection, employment: SpellsRead): Promise<void> {
  await logEvents(connection, 'support', 'overlapping-support', 'flagged', `SELECT g, k AS ord FROM (
    SELECT g, k, start_day, max(end_day) OVER (PARTITION BY p ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM pe_final_support) WHERE start_day <= reach`);
  const issues = ['missing-wage', 'missing-hours'];
  for (const [c, present] of employment.numbers.entries()) {
    if (present) await logEvents(connection, 'employment', issues[c]!, 'flagged', `SELECT g, k AS ord FROM pe_final_employment WHERE num${c} IS NULL`);
  }
}
