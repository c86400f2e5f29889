/**
 * The persons input in SQL: the same key, birth-year and covariate rules as src/io/persons.ts,
 * giving the table `pe_persons_t` (person index `p` in input order) and quality events.
 */
import type { DuckdbConnection } from './types.js';
import { checkHeader } from '../../io/csvHeader.js';
import { findColumn } from '../../io/rawTable.js';
import type { PersonColumns } from '../../io/columns.js';
import type { CovariateTypes } from '../../io/persons.js';
import { ISSUE_DESCRIPTIONS } from '../../io/qualityLog.js';
import { DataError, SpecificationError } from '../../core/errors.js';
import type { InputFile } from './files.js';
import { appendFile, createRawTable, type RawInput } from './rawLoad.js';
import { firstRow, logEvents } from './quality.js';
import { ident } from './sql.js';

/** What the persons step gives the spell steps. */
export interface PersonsRead {
  readonly raw: RawInput;
  /** Covariate columns of `pe_persons_t` (as read) and their SQL type. */
  readonly covariates: readonly { name: string; numeric: boolean }[];
}

/** Where global row g (1-based) of an input lies: file and 1-based row in it. */
export function locate(raw: RawInput, g: number): { file: string; row: number } {
  let k = raw.offsets.length - 1;
  while (k > 0 && raw.offsets[k]! >= g) k--;
  return { file: raw.files[k]!.path, row: g - raw.offsets[k]! };
}

/** Load the persons files (same columns in every file, as the loader joins them). */
async function loadPersons(connection: DuckdbConnection, files: readonly InputFile[], decimal: string | undefined, encoding: 'auto' | 'utf-8' | 'windows-1252'): Promise<RawInput> {
  const first = files[0]!;
  for (const file of files) checkHeader(file.path, file.names, []);
  const raw = await createRawTable(connection, 'pe_raw_persons', first.names.map((_, j) => `c${j}`));
  const decimals: string[] = [];
  const key = [...first.names].sort().join('\u0000');
  const same = files.map((file) => [...file.names].sort().join('\u0000') === key);
  for (const [k, file] of files.entries()) {
    const dec = decimal ?? (file.delimiter === ';' ? ',' : '.');
    decimals.push(dec);
    // A file with other columns is refused below, after every file is read (as the loader joins them).
    if (!same[k]) continue;
    const n = await appendFile(connection, raw, file, first.names.map((name) => file.names.indexOf(name)), dec, encoding);
    // As the loader: a file without data rows is an error naming it.
    if (n === 0) throw new DataError({ file: file.path, expected: `data rows below the header line (this file has only a header${files.length > 1 ? '; leave it out of the list' : ''})` });
  }
  files.forEach((file, k) => {
    if (!same[k]) throw new DataError({ file: file.path, value: file.names.join(', '), expected: `the same columns as ${first.path} (${first.names.join(', ')})` });
    if (decimals[k] !== decimals[0]) throw new DataError({ file: file.path, value: decimals[k], expected: `the decimal separator of ${first.path} (${JSON.stringify(decimals[0])})` });
  });
  return raw;
}

/**
 * Read the persons input: keys (empty part → DataError; repeated key → excluded, the first row
 * kept), birth years (not a number → DataError; implausible → set to missing, repaired), sex and
 * covariates (numeric when every value is a number; a few text values → flagged, categorical).
 */
export async function readPersons(connection: DuckdbConnection, files: readonly InputFile[], names: PersonColumns, options: { decimal?: string; strict: boolean; encoding: 'auto' | 'utf-8' | 'windows-1252'; birthYears: { min: number; max: number }; covariateTypes: CovariateTypes }): Promise<PersonsRead> {
  const first = files[0]!;
  const raw = await loadPersons(connection, files, options.decimal, options.encoding);
  for (const { row } of raw.latin1) await logEvents(connection, 'persons', 'encoding-windows-1252', 'flagged', `SELECT ${row} AS g, ${row} AS ord`);
  const col = (name: string) => `c${first.names.indexOf(findColumn({ file: first.path, columnNames: first.names }, name))}`;
  const [sCol, nCol, yCol, xCol] = [names.rinpersoons, names.rinpersoon, names.birthYear, names.sex].map((n) => findColumn({ file: first.path, columnNames: first.names }, n)) as [string, string, string, string];
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_keys AS SELECT rowid + 1 AS g, ${ident(col(names.rinpersoons))} AS s_raw, ${ident(col(names.rinpersoon))} AS n_raw,
    pe_trim(${ident(col(names.rinpersoons))}) AS src, pe_trim(${ident(col(names.rinpersoon))}) AS num FROM pe_raw_persons`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_keys2 AS SELECT *, min(g) OVER (PARTITION BY src, num) AS first_g FROM pe_keys`);
  const empty = await firstRow(connection, `SELECT g, src = '' AS is_source, CASE WHEN src = '' THEN coalesce(s_raw, '') ELSE coalesce(n_raw, '') END AS v FROM pe_keys2 WHERE src = '' OR num = '' ORDER BY g LIMIT 1`);
  const dup = await firstRow(connection, `SELECT g, first_g, num FROM pe_keys2 WHERE g > first_g AND src <> '' AND num <> '' ${empty ? `AND g < ${empty.g}` : ''} ORDER BY g LIMIT 1`);
  if (dup && options.strict) {
    const at = locate(raw, Number(dup.g));
    const was = locate(raw, Number(dup.first_g));
    throw new DataError({ ...at, column: nCol, value: String(dup.num), expected: `a person key not already used on row ${was.row}${was.file === at.file ? '' : ` of ${was.file}`} (strict: ${ISSUE_DESCRIPTIONS['duplicate-person']})` });
  }
  if (empty) {
    const source = Boolean(empty.is_source);
    throw new DataError({ ...locate(raw, Number(empty.g)), column: source ? sCol : nCol, value: String(empty.v), expected: source ? 'a non-empty RINPERSOONS (person source code)' : 'a non-empty RINPERSOON (person number)' });
  }
  await logEvents(connection, 'persons', 'duplicate-person', 'excluded', 'SELECT g, g AS ord FROM pe_keys2 WHERE g > first_g');
  const covariates = await personColumns(connection, raw, first, { sCol, nCol, yCol, xCol }, col, options);
  return { raw, covariates };
}

interface PersonColumnNames {
  readonly sCol: string;
  readonly nCol: string;
  readonly yCol: string;
  readonly xCol: string;
}

/** Birth years, sex and covariates of the kept persons → `pe_persons_t`. */
async function personColumns(connection: DuckdbConnection, raw: RawInput, first: InputFile, used: PersonColumnNames, col: (name: string) => string, options: { strict: boolean; birthYears: { min: number; max: number }; covariateTypes: CovariateTypes }): Promise<{ name: string; numeric: boolean }[]> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_pk AS SELECT k.g, src, num, row_number() OVER (ORDER BY k.g) - 1 AS p, r.* EXCLUDE (f)
    FROM pe_keys2 k JOIN (SELECT rowid + 1 AS g, * FROM pe_raw_persons) r ON r.g = k.g WHERE k.g = k.first_g`);
  const y = `pe_trim(${ident(col(used.yCol))})`;
  const bad = await firstRow(connection, `SELECT g, coalesce(${ident(col(used.yCol))}, '') AS v FROM pe_pk WHERE ${y} <> '' AND NOT pe_isnum(${y}, dec) ORDER BY g LIMIT 1`);
  if (bad) throw new DataError({ ...locate(raw, Number(bad.g)), column: used.yCol, value: String(bad.v), expected: 'a birth year (a number) or an empty value' });
  const { min, max } = options.birthYears;
  const plausible = `(pe_num(${y}, dec) >= ${min} AND pe_num(${y}, dec) <= ${max} AND pe_num(${y}, dec) = trunc(pe_num(${y}, dec)))`;
  await logEvents(connection, 'persons', 'implausible-birth-year', 'repaired', `SELECT g, g AS ord FROM pe_pk WHERE ${y} <> '' AND NOT coalesce(${plausible}, false)`);

  const usedNames = new Set([used.sCol, used.nCol, used.yCol, used.xCol]);
  for (const name of Object.keys(options.covariateTypes)) {
    const type = options.covariateTypes[name];
    if (type !== 'numeric' && type !== 'categorical') throw new SpecificationError(`covariateTypes.${name}: expected 'numeric' or 'categorical', got ${JSON.stringify(type)}`);
    if (!first.names.includes(name) || usedNames.has(name)) throw new SpecificationError(`covariateTypes names "${name}", which is not an extra column of ${first.path}`);
  }
  const covariates: { name: string; numeric: boolean }[] = [];
  const select = [`p`, `g`, `src AS rinpersoons`, `num AS rinpersoon`, `CASE WHEN ${plausible} THEN pe_num(${y}, dec) END AS birth_year`, `nullif(pe_trim(${ident(col(used.xCol))}), '') AS sex`];
  for (const name of first.names) {
    if (usedNames.has(name)) continue;
    const c = `pe_trim(${ident(col(name))})`;
    const text = `(${c} <> '' AND NOT coalesce(pe_isnum(${c}, dec) AND isfinite(pe_num(${c}, dec)), false))`;
    const type = options.covariateTypes[name];
    const stats = (await firstRow(connection, `SELECT count(*) FILTER (WHERE ${text})::BIGINT AS texts, count(*) FILTER (WHERE ${c} <> '' AND NOT ${text})::BIGINT AS numbers,
      min(g) FILTER (WHERE ${text}) AS first_g, arg_min(coalesce(${ident(col(name))}, ''), g) FILTER (WHERE ${text}) AS v, any_value(dec) AS dec FROM pe_pk`))!;
    const texts = Number(stats.texts);
    if (type === 'numeric' && texts > 0) {
      throw new DataError({ ...locate(raw, Number(stats.first_g)), column: name, value: String(stats.v), expected: `a number (decimal separator "${String(stats.dec)}") or an empty value` });
    }
    const numeric = type !== 'categorical' && texts === 0;
    if (type === undefined && texts > 0 && Number(stats.numbers) > texts) await logEvents(connection, 'persons', 'numeric-with-text', 'flagged', `SELECT g, g AS ord FROM pe_pk WHERE ${text}`);
    select.push(`${numeric ? `CASE WHEN ${c} <> '' THEN pe_num(${c}, dec) END` : `nullif(${c}, '')`} AS ${ident(name)}`);
    covariates.push({ name, numeric });
  }
  await connection.run(`CREATE OR REPLACE TEMP TABLE pe_persons_t AS SELECT ${select.join(', ')} FROM pe_pk ORDER BY p`);
  return covariates;
}
