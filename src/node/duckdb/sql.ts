/**
 * SQL text helpers and the macros that read CBS cells from text exactly as the JS loader does
 * (src/io/cells.ts, src/io/csvFields.ts): trimming, `YYYYMMDD` / ISO dates to day numbers,
 * numbers with a decimal separator.
 */
import type { DuckdbConnection } from './types.js';
import { OPEN_END } from '../../core/calendar.js';

/**
 * A SQL string literal.
 *
 * @example
 * lit("it's"); // "'it''s'"
 */
export const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * A quoted SQL identifier.
 *
 * @example
 * ident('Gemeente "oud"'); // '"Gemeente ""oud"""'
 */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** ASCII whitespace as the loader trims it (space, tab, LF, VT, FF, CR). */
const SPACE = "(' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))";

/**
 * The macros, created once per connection:
 * - `pe_trim(x)`: NULL → `''`, surrounding ASCII whitespace removed (`pe_trim(' R ')` = `'R'`).
 * - `pe_day(t)`: day number of a trimmed `YYYYMMDD` or `YYYY-MM-DD` calendar date, else NULL
 *   (`pe_day('20190131')` = 17927, `pe_day('20190230')` = NULL).
 * - `pe_normal(t, sep)`: number text with the decimal separator `sep` rewritten as `.` ('' when
 *   `sep` is not `.` and the text holds a `.`: no thousands separators).
 * - `pe_isnum(t, sep)` / `pe_num(t, sep)`: whether trimmed text is a number and its value
 *   (`pe_num('1,5', ',')` = 1.5; `pe_isnum('1.5', ',')` = false).
 */
export const MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO pe_trim(x) AS trim(coalesce(x, ''), ${SPACE})`,
  `CREATE OR REPLACE TEMP MACRO pe_era(yy) AS CAST(floor(yy / 400.0) AS BIGINT)`,
  `CREATE OR REPLACE TEMP MACRO pe_yoe(yy) AS yy - pe_era(yy) * 400`,
  // Howard Hinnant's days_from_civil, as dayNumber in src/core/calendar.ts.
  `CREATE OR REPLACE TEMP MACRO pe_civil(yy, m, d) AS pe_era(yy) * 146097 + pe_yoe(yy) * 365 + pe_yoe(yy) // 4 - pe_yoe(yy) // 100 + (153 * ((m + 9) % 12) + 2) // 5 + d - 1 - 719468`,
  `CREATE OR REPLACE TEMP MACRO pe_days(y, m, d) AS CASE WHEN m BETWEEN 1 AND 12 AND d >= 1
     AND d <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m] + CASE WHEN m = 2 AND y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 1 ELSE 0 END
     THEN CAST(pe_civil(CASE WHEN m <= 2 THEN y - 1 ELSE y END, m, d) AS INTEGER) END`,
  `CREATE OR REPLACE TEMP MACRO pe_day(t) AS CASE
     WHEN strlen(t) = 8 AND regexp_full_match(t, '[0-9]{8}') THEN pe_days(TRY_CAST(t[1:4] AS INTEGER), TRY_CAST(t[5:6] AS INTEGER), TRY_CAST(t[7:8] AS INTEGER))
     WHEN strlen(t) = 10 AND regexp_full_match(t, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN pe_days(TRY_CAST(t[1:4] AS INTEGER), TRY_CAST(t[6:7] AS INTEGER), TRY_CAST(t[9:10] AS INTEGER))
   END`,
  `CREATE OR REPLACE TEMP MACRO pe_normal(t, sep) AS CASE WHEN sep = '.' THEN t WHEN contains(t, '.') THEN ''
     WHEN strpos(t, sep) > 0 THEN t[1:strpos(t, sep) - 1] || '.' || t[strpos(t, sep) + length(sep):] ELSE t END`,
  `CREATE OR REPLACE TEMP MACRO pe_isnum(t, sep) AS regexp_full_match(pe_normal(t, sep), '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?')`,
  `CREATE OR REPLACE TEMP MACRO pe_num(t, sep) AS CASE WHEN pe_isnum(t, sep) THEN TRY_CAST(pe_normal(t, sep) AS DOUBLE) END`,
];

/** Create the macros on a connection. */
export async function createMacros(connection: DuckdbConnection): Promise<void> {
  for (const sql of MACROS) await connection.run(sql);
}

/** {@link OPEN_END} as SQL. */
export const OPEN = String(OPEN_END);
