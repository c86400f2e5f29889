/**
 * A spell input (support, employment, benefits) in SQL: the row checks of src/io/csvSpells.ts
 * (empty key, unreadable date or number → DataError; unknown person, implausible date, end before
 * start → excluded) and the exact-duplicate rule of src/io/spells.ts, giving `pe_dedup_<table>`.
 */
import type { DuckdbConnection } from './types.js';
import { checkHeader } from '../../io/csvHeader.js';
import { ISSUE_DESCRIPTIONS } from '../../io/qualityLog.js';
import { presentNumbers } from '../../io/spellNumbers.js';
import { SpellRows } from '../../io/spellRows.js';
import { plausibleText, type SpellChecks, type SpellColumnNames, type SpellTable } from '../../io/spells.js';
import { DataError } from '../../core/errors.js';
import { NotForSql, type InputFile } from './files.js';
import { locate } from './persons.js';
import { firstRow, logEvents } from './quality.js';
import { appendFile, createRawTable, type RawInput } from './rawLoad.js';
import { ident, lit, OPEN } from './sql.js';

/** A spell input as read: raw rows, the column names of each file, which numeric columns exist. */
export interface SpellsRead {
  readonly table: SpellTable;
  readonly raw: RawInput;
  /** Per file: names of person source, number, start, end as found (for errors). */
  readonly found: string[][];
  /** Per file: names of the numeric columns ('' when left out). */
  readonly numberNames: string[][];
  /** Whether each numeric column is read. */
  readonly numbers: boolean[];
  readonly categories: number;
}

/** Load the files; a header problem of file k is returned (thrown once the rows before it are checked). */
async function loadSpells(connection: DuckdbConnection, table: SpellTable, paths: readonly string[], inspect: (path: string) => Promise<InputFile>, columns: SpellColumnNames, decimal: string | undefined, encoding: 'auto' | 'utf-8' | 'windows-1252'): Promise<{ read: SpellsRead; pending: unknown }> {
  const stub = new SpellRows(0, columns.numbers?.length ?? 0);
  const wanted = [columns.rinpersoons, columns.rinpersoon, columns.start, columns.end, ...columns.categories];
  const numberCount = columns.numbers?.length ?? 0;
  const rawColumns = ['s', 'n', 'a', 'b', ...columns.categories.map((_, c) => `cat${c}`), ...Array.from({ length: numberCount }, (_, c) => `num${c}`)];
  const raw = await createRawTable(connection, `pe_raw_${table}`, rawColumns);
  const read: SpellsRead = { table, raw, found: [], numberNames: [], numbers: [], categories: columns.categories.length };
  for (const path of paths) {
    let pick: number[];
    let file: InputFile;
    try {
      file = await inspect(path);
      const at = checkHeader(file.path, file.names, wanted);
      const numbers = presentNumbers(stub, file.path, file.names, columns.numbers ?? []);
      const numAt = numbers.map((n) => (n === undefined ? -1 : checkHeader(file.path, file.names, [n])[0]!));
      read.found.push(at.slice(0, 4).map((k) => file.names[k]!));
      read.numberNames.push(numAt.map((k) => (k < 0 ? '' : file.names[k]!)));
      pick = [...at, ...numAt];
    } catch (error) {
      if (error instanceof NotForSql) throw error;
      return { read, pending: error };
    }
    const dec = decimal ?? (file.delimiter === ';' ? ',' : '.');
    // A numeric column left out is a column of NULLs (position -1 → a constant).
    const n = await appendFile(connection, raw, file, pick, dec, encoding);
    // As the loader: a file without data rows is an error naming it (the export would lack a table).
    if (n === 0) return { read, pending: new DataError({ file: file.path, expected: `data rows below the header line (this file has only a header${paths.length > 1 ? '; leave it out of the list' : ''})` }) };
  }
  read.numbers.push(...(stub.numberPresent ?? []));
  return { read, pending: undefined };
}

/** The row checks as one table `pe_rows_<table>` (person index p, day numbers, exclusion reason). */
async function rowTable(connection: DuckdbConnection, read: SpellsRead, checks: SpellChecks): Promise<void> {
  const sentinels = [...checks.sentinels].map(lit).join(', ');
  const cats = Array.from({ length: read.categories }, (_, c) => `nullif(pe_trim(cat${c}), '') AS cat${c}`);
  const nums = read.numbers.map((present, c) => (present ? `pe_trim(num${c}) AS num${c}_t, CASE WHEN pe_trim(num${c}) <> '' THEN pe_num(pe_trim(num${c}), dec) END AS num${c}` : `'' AS num${c}_t, CAST(NULL AS DOUBLE) AS num${c}`));
  const implausible = `(a_day < ${checks.lo} OR a_day > ${checks.hi} OR (b_day <> ${OPEN} AND (b_day < ${checks.lo} OR b_day > ${checks.hi})))`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_rows_${read.table} AS
    SELECT r.*, k.p, CASE WHEN k.p IS NULL THEN 'unknown-person' WHEN ${implausible} THEN 'implausible-date' WHEN b_day < a_day THEN 'end-before-start' END AS reason
    FROM (SELECT rowid + 1 AS g, f, dec, s, n, a, b, pe_trim(s) AS src, pe_trim(n) AS num, pe_trim(a) AS a_t, pe_trim(b) AS b_t,
        pe_day(pe_trim(a)) AS a_day, CASE WHEN pe_trim(b) IN (${sentinels}) THEN ${OPEN} ELSE pe_day(pe_trim(b)) END AS b_day
        ${[...cats, ...nums].map((x) => `, ${x}`).join('')}
      FROM ${ident(read.raw.table)}) r
    LEFT JOIN pe_persons_t k ON k.rinpersoons = r.src AND k.rinpersoon = r.num`);
}

const strictText = (issue: string) => ` (strict: ${ISSUE_DESCRIPTIONS[issue] ?? issue})`;

/** Throw the loader's error for the first row (in file order) that has one. */
async function rowErrors(connection: DuckdbConnection, read: SpellsRead, checks: SpellChecks, strict: boolean): Promise<void> {
  const badNumber = (c: number) => `(num${c}_t <> '' AND NOT coalesce(pe_isnum(num${c}_t, dec) AND isfinite(pe_num(num${c}_t, dec)), false))`;
  const kinds = [`src = ''`, `num = ''`, `a_day IS NULL`, `b_day IS NULL`, `${strict} AND reason IS NOT NULL`, ...read.numbers.map((_, c) => badNumber(c))];
  const kind = `CASE ${kinds.map((k, j) => `WHEN ${k} THEN ${j}`).join(' ')} END`;
  const row = await firstRow(connection, `SELECT * FROM (SELECT *, ${kind} AS kind FROM pe_rows_${read.table}) WHERE kind IS NOT NULL ORDER BY g LIMIT 1`);
  if (!row) return;
  const at = locate(read.raw, Number(row.g));
  const names = read.found[Number(row.f)]!;
  const text = (x: unknown) => (x === null || x === undefined ? '' : String(x));
  const k = Number(row.kind);
  const sentinelList = [...checks.sentinels].map((x) => JSON.stringify(x)).join(', ');
  if (k === 0) throw new DataError({ ...at, column: names[0], value: text(row.s), expected: 'a non-empty RINPERSOONS (person source code)' });
  if (k === 1) throw new DataError({ ...at, column: names[1], value: text(row.n), expected: 'a non-empty RINPERSOON (person number)' });
  if (k === 2) throw new DataError({ ...at, column: names[2], value: text(row.a), expected: 'a start date YYYYMMDD (or YYYY-MM-DD)' });
  if (k === 3) throw new DataError({ ...at, column: names[3], value: text(row.b), expected: `an end date YYYYMMDD (or YYYY-MM-DD), or an open-end sentinel (${sentinelList})` });
  if (k === 4) {
    const reason = String(row.reason);
    if (reason === 'unknown-person') throw new DataError({ ...at, column: names[1], value: text(row.num), expected: `a person key (${text(row.src)}, ${text(row.num)}) present in the persons input${strictText(reason)}` });
    if (reason === 'implausible-date') {
      const a = Number(row.a_day);
      const start = a < checks.lo || a > checks.hi;
      throw new DataError({ ...at, column: names[start ? 2 : 3], value: text(start ? row.a_t : row.b_t), expected: `${plausibleText(checks)}${strictText(reason)}` });
    }
    throw new DataError({ ...at, column: names[3], value: text(row.b), expected: `an end date not before the start date ${text(row.a_t)}${strictText(reason)}` });
  }
  const c = k - 5;
  throw new DataError({ ...at, column: read.numberNames[Number(row.f)]![c], value: text(row[`num${c}_t`]), expected: `a number (decimal separator ${JSON.stringify(text(row.dec))}, no thousands separators), or empty when unknown` });
}

/**
 * Read one spell input: checks, exclusions (logged in file order), then exact duplicates
 * (logged in the loader's sort order: person, start, end, category codes, row) → `pe_dedup_<table>`
 * with `ord`, the loader's order of the kept rows.
 */
export async function readSpells(connection: DuckdbConnection, table: SpellTable, paths: readonly string[], inspect: (path: string) => Promise<InputFile>, columns: SpellColumnNames, checks: SpellChecks, options: { decimal?: string; strict: boolean; encoding: 'auto' | 'utf-8' | 'windows-1252' }): Promise<SpellsRead> {
  const { read, pending } = await loadSpells(connection, table, paths, inspect, columns, options.decimal, options.encoding);
  for (const { row } of read.raw.latin1) await logEvents(connection, table, 'encoding-windows-1252', 'flagged', `SELECT ${row} AS g, ${row} AS ord`);
  while (read.numbers.length < (columns.numbers?.length ?? 0)) read.numbers.push(false);
  await rowTable(connection, read, checks);
  await rowErrors(connection, read, checks, options.strict);
  if (pending) throw pending;
  for (const issue of ['unknown-person', 'implausible-date', 'end-before-start']) {
    await logEvents(connection, table, issue, 'excluded', `SELECT g, g AS ord FROM pe_rows_${table} WHERE reason = '${issue}'`);
  }
  await deduplicate(connection, read, options.strict);
  return read;
}

/** Exact duplicates: equal person, dates, categories and numbers to the previous valid row in sort order. */
async function deduplicate(connection: DuckdbConnection, read: SpellsRead, strict: boolean): Promise<void> {
  const t = read.table;
  const cats = Array.from({ length: read.categories }, (_, c) => `cat${c}`);
  // Category codes as the loader's dictionaries number them: by first appearance (empty = -1).
  for (const c of cats) {
    await connection.run(`CREATE OR REPLACE TEMP TABLE pe_code_${t}_${c} AS SELECT ${c} AS level, row_number() OVER (ORDER BY min(g)) AS code FROM pe_rows_${t} WHERE ${c} IS NOT NULL GROUP BY ${c}`);
  }
  const joins = cats.map((c) => `LEFT JOIN pe_code_${t}_${c} k_${c} ON k_${c}.level = v.${c}`).join(' ');
  const codes = cats.map((c) => `coalesce(k_${c}.code, -1)`);
  const partition = ['p', 'a_day', 'b_day', ...cats].join(', ');
  const same = read.numbers.map((present, c) => (present ? ` AND lag(num${c}) OVER w IS NOT DISTINCT FROM num${c}` : '')).join('');
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_valid_${t} AS
    SELECT v.*, row_number() OVER (ORDER BY ${['p', 'a_day', 'b_day', ...codes, 'g'].join(', ')}) AS ord,
      (lag(g) OVER w IS NOT NULL${same}) AS dup, lag(g) OVER w AS prev_g
    FROM pe_rows_${t} v ${joins} WHERE reason IS NULL
    WINDOW w AS (PARTITION BY ${partition} ORDER BY g)`);
  if (strict) {
    const row = await firstRow(connection, `SELECT g, prev_g, num FROM pe_valid_${t} WHERE dup ORDER BY ord LIMIT 1`);
    if (row) {
      const at = locate(read.raw, Number(row.g));
      const was = locate(read.raw, Number(row.prev_g));
      throw new DataError({ ...at, value: String(row.num), expected: `a row that is not an exact duplicate of row ${was.row}${was.file === at.file ? '' : ` of ${was.file}`}${strictText('duplicate-row')}` });
    }
  }
  await logEvents(connection, t, 'duplicate-row', 'excluded', `SELECT g, ord FROM pe_valid_${t} WHERE dup`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_dedup_${t} AS SELECT * FROM pe_valid_${t} WHERE NOT dup`);
}
