/**
 * Node only: the clean views of the panel SQL (docs/guides/scale.md) made by a typed read of clean
 * files: `pe_persons`, `pe_support`, `pe_employment`, `pe_benefits` and `pe_observation`, with the
 * same rows `loadCbsExport` keeps on such files (unknown persons, end before start, implausible dates,
 * exact duplicates and spells outside the observation period left out; starts before the period
 * moved to its first day, ends after it made ongoing). Unreadable values are not reported here as
 * the in-memory reader does: validate an export you have not checked with `loadCbsExport` on a sample.
 */
import { OPEN_END } from '../../core/calendar.js';
import { SpecificationError } from '../../core/errors.js';
import { DEFAULT_COLUMNS, DEFAULT_OPEN_END_SENTINELS } from '../../io/columns.js';
import { optionDay, plausibleWindow } from '../../io/plausible.js';
import type { DuckdbConnection, DuckdbInputs, DuckdbReadOptions } from './types.js';

const list = (x: string | readonly string[]): string[] => (typeof x === 'string' ? [x] : [...x]);
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A table function reading the files as text (CSV) or as typed columns (Parquet). */
async function reader(con: DuckdbConnection, paths: readonly string[], options: DuckdbReadOptions): Promise<{ from: string; decimal: string }> {
  const files = `[${paths.map(quote).join(', ')}]`;
  if (paths.every((p) => /\.parquet$/i.test(p))) return { from: `read_parquet(${files})`, decimal: '.' };
  let delimiter = options.csv?.delimiter;
  if (delimiter === undefined) {
    const sniffed = await con.runAndReadAll(`SELECT Delimiter AS d FROM sniff_csv(${quote(paths[0]!)})`);
    delimiter = String(sniffed.getRowObjects()[0]!['d']);
  }
  const decimal = options.csv?.decimal ?? (delimiter === ';' ? ',' : '.');
  return { from: `read_csv(${files}, delim = ${quote(delimiter)}, header = true, all_varchar = true)`, decimal };
}

/** Text of a column, trimmed. */
const text = (column: string) => `trim(CAST(${ident(column)} AS VARCHAR))`;

/** A date column as a day number (OPEN_END for the open-end sentinels); NULL when unreadable. */
function day(column: string, end: boolean): string {
  const t = text(column);
  const date = `CAST(CAST(try_strptime(${t}, ['%Y%m%d', '%Y-%m-%d']) AS DATE) - DATE '1970-01-01' AS INTEGER)`;
  if (!end) return date;
  return `CASE WHEN ${t} IS NULL OR ${t} IN (${DEFAULT_OPEN_END_SENTINELS.map(quote).join(', ')}) THEN ${OPEN_END} ELSE ${date} END`;
}

/** A number column (decimal separator `decimal`) as DOUBLE; NULL when empty. */
const number = (column: string, decimal: string) => `TRY_CAST(replace(${text(column)}, ${quote(decimal)}, '.') AS DOUBLE)`;

/** The columns of a table function's result. */
async function columnsOf(con: DuckdbConnection, from: string): Promise<string[]> {
  const r = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
  return r.getRowObjects().map((row) => String(row['column_name']));
}

function need(columns: readonly string[], name: string, table: string): string {
  if (!columns.includes(name)) throw new SpecificationError(`${table}: no column "${name}" (columns: ${columns.join(', ')}); map yours with columns.${table}`);
  return name;
}

/** `pe_persons`: first row per person key; extra columns numeric when every non-empty value is a number. */
async function personsView(con: DuckdbConnection, paths: readonly string[], options: DuckdbReadOptions): Promise<void> {
  const names = { ...DEFAULT_COLUMNS.persons, ...options.columns?.persons };
  const { from, decimal } = await reader(con, paths, options);
  const columns = await columnsOf(con, from);
  const used = [names.rinpersoons, names.rinpersoon, names.birthYear, names.sex].map((c) => need(columns, c, 'persons'));
  const extra = columns.filter((c) => !used.includes(c) && !['rinpersoons', 'rinpersoon', 'birth_year', 'sex', 'source_row'].includes(c));
  let numeric: boolean[] = [];
  if (extra.length > 0) {
    const probe = extra.map((c, i) => `count(*) FILTER (WHERE ${text(c)} <> '' AND ${number(c, decimal)} IS NULL) AS c${i}`).join(', ');
    const row = (await con.runAndReadAll(`SELECT ${probe} FROM ${from}`)).getRowObjects()[0]!;
    numeric = extra.map((_, i) => Number(row[`c${i}`]) === 0);
  }
  const extraSql = extra.map((c, i) => `, ${numeric[i] ? number(c, decimal) : `nullif(${text(c)}, '')`} AS ${ident(c)}`).join('');
  await con.run(`CREATE OR REPLACE TEMP TABLE pe_persons AS
    SELECT rinpersoons, rinpersoon, birth_year, sex${extra.map((c) => `, ${ident(c)}`).join('')} FROM (
      SELECT ${text(names.rinpersoons)} AS rinpersoons, ${text(names.rinpersoon)} AS rinpersoon, ${number(names.birthYear, decimal)} AS birth_year,
        nullif(${text(names.sex)}, '') AS sex${extraSql}, row_number() OVER () AS source_row
      FROM ${from})
    QUALIFY row_number() OVER (PARTITION BY rinpersoons, rinpersoon ORDER BY source_row) = 1`);
}

/** The spell tables: key, dates and kept columns per input. */
const SPELLS = {
  support: { text: { scheme: 'scheme', employerType: 'employer_type' }, numbers: {} },
  employment: { text: { employer: 'employer', contract: 'contract' }, numbers: { wage: 'wage', hours: 'hours' } },
  benefits: { text: { type: 'type' }, numbers: {} },
} as const;
type SpellTable = keyof typeof SPELLS;

/** A spell input with every readable, plausible row of a known person: `pe_raw_<table>`. */
async function rawSpells(con: DuckdbConnection, table: SpellTable, paths: readonly string[], options: DuckdbReadOptions): Promise<string[]> {
  const names: Record<string, string> = { ...DEFAULT_COLUMNS[table], ...options.columns?.[table] };
  const { from, decimal } = await reader(con, paths, options);
  const columns = await columnsOf(con, from);
  const spec = SPELLS[table];
  const kept: string[] = [];
  const select = [
    `${text(need(columns, names['rinpersoons']!, table))} AS rinpersoons`,
    `${text(need(columns, names['rinpersoon']!, table))} AS rinpersoon`,
    `${day(need(columns, names['start']!, table), false)} AS start_day`,
    `${day(need(columns, names['end']!, table), true)} AS end_day`,
  ];
  for (const [key, out] of Object.entries(spec.text)) {
    select.push(`nullif(${text(need(columns, names[key]!, table))}, '') AS ${out}`);
    kept.push(out);
  }
  for (const [key, out] of Object.entries(spec.numbers)) {
    // An absent wage or hours column is NULL (a named one must exist).
    const present = columns.includes(names[key]!);
    if (!present && options.columns?.employment?.[key as 'wage' | 'hours'] !== undefined) need(columns, names[key]!, table);
    select.push(present ? `${number(names[key]!, decimal)} AS ${out}` : `CAST(NULL AS DOUBLE) AS ${out}`);
    kept.push(out);
  }
  const window = plausibleWindow(undefined);
  // Parsed first, then filtered: a filter over the parsed columns would be pushed into the parse,
  // repeating the date expressions (three times slower).
  await con.run(`CREATE OR REPLACE TEMP TABLE pe_read_${table} AS SELECT ${select.join(', ')}, row_number() OVER () AS source_row FROM ${from}`);
  await con.run(`CREATE OR REPLACE TEMP TABLE pe_raw_${table} AS
    SELECT r.* FROM pe_read_${table} r
    SEMI JOIN pe_persons p ON p.rinpersoons = r.rinpersoons AND p.rinpersoon = r.rinpersoon
    WHERE r.start_day BETWEEN ${window.lo} AND ${window.hi}
      AND (r.end_day = ${OPEN_END} OR r.end_day BETWEEN ${window.lo} AND ${window.hi})
      AND r.end_day >= r.start_day`);
  await con.run(`DROP TABLE pe_read_${table}`);
  return kept;
}

/** `pe_<table>`: exact duplicates dropped (the first row kept), spells outside the period dropped, the rest clipped. */
async function finishSpells(con: DuckdbConnection, table: SpellTable, kept: readonly string[]): Promise<void> {
  const key = ['rinpersoons', 'rinpersoon', 'start_day', 'end_day', ...kept].join(', ');
  await con.run(`CREATE OR REPLACE TEMP TABLE pe_${table} AS
    SELECT r.rinpersoons, r.rinpersoon, greatest(r.start_day, o.start_day) AS start_day,
      CASE WHEN r.end_day <> ${OPEN_END} AND r.end_day > o.end_day THEN ${OPEN_END} ELSE r.end_day END AS end_day,
      ${table === 'employment' ? 'r.start_day AS reported_start_day, ' : ''}${kept.map((c) => `r.${c}`).join(', ')}, r.source_row
    FROM (SELECT ${key}, min(source_row) AS source_row FROM pe_raw_${table} GROUP BY ALL) r CROSS JOIN pe_observation o
    WHERE r.end_day >= o.start_day AND r.start_day <= o.end_day`);
  await con.run(`DROP TABLE pe_raw_${table}`);
}

/**
 * Create the views of docs/guides/scale.md on `connection` from clean files (tables, in fact:
 * DuckDB reads each file once).
 *
 * @example
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { embeddedDataPath } from 'participation-effects/node';
 * const con = await (await DuckDBInstance.create(':memory:')).connect();
 * const files = { persons: embeddedDataPath('persons.csv.gz'), support: embeddedDataPath('support.csv.gz'), employment: embeddedDataPath('employment.csv.gz') };
 * await createFastViews(con, files, { observation: { start: '20060101', end: '20251231' } });
 * const r = await con.runAndReadAll('SELECT count(*) AS n FROM pe_support');
 * Number(r.getRowObjects()[0]!['n']) > 10000; // true
 */
export async function createFastViews(connection: DuckdbConnection, inputs: DuckdbInputs, options: DuckdbReadOptions = {}): Promise<void> {
  if (options.strict) throw new SpecificationError("duckdbPanelStatistics: strict reading needs check: 'full' (the validating views)");
  const unsupported = (['openEndSentinels', 'plausibleDates', 'plausibleBirthYears', 'covariateTypes', 'encoding'] as const).filter((k) => options[k] !== undefined);
  if (unsupported.length > 0) throw new SpecificationError(`duckdbPanelStatistics: ${unsupported.join(', ')} need check: 'full' (the validating views)`);
  await personsView(connection, list(inputs.persons), options);
  const tables: SpellTable[] = inputs.benefits === undefined ? ['support', 'employment'] : ['support', 'employment', 'benefits'];
  const kept = new Map<SpellTable, string[]>();
  for (const t of tables) kept.set(t, await rawSpells(connection, t, list(inputs[t]!), options));
  if (options.observation) {
    const start = optionDay('observation.start', options.observation.start, 'duckdbPanelStatistics');
    const end = optionDay('observation.end', options.observation.end, 'duckdbPanelStatistics');
    if (end < start) throw new SpecificationError(`duckdbPanelStatistics: observation ends before it starts (${JSON.stringify(options.observation)})`);
    await connection.run(`CREATE OR REPLACE TEMP TABLE pe_observation AS SELECT CAST(${start} AS INTEGER) AS start_day, CAST(${end} AS INTEGER) AS end_day`);
  } else {
    // As loadCbsExport: earliest start through the latest finite end or start, over support and employment.
    const dates = (t: string) => `SELECT start_day AS d FROM pe_raw_${t} UNION ALL SELECT end_day FROM pe_raw_${t} WHERE end_day <> ${OPEN_END}`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE pe_observation AS
      SELECT CAST(min(d) AS INTEGER) AS start_day, CAST(max(d) AS INTEGER) AS end_day FROM (${dates('support')} UNION ALL ${dates('employment')})`);
  }
  for (const t of tables) await finishSpells(connection, t, kept.get(t)!);
}
