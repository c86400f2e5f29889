/**
 * The clean DuckDB views of an export, validated in SQL from the raw files with the rules of the
 * JS loader, and the quality report computed in SQL.
 */
import { DEFAULT_COLUMNS, DEFAULT_OPEN_END_SENTINELS } from '../../io/columns.js';
import { LOAD_KEYS } from '../../io/load.js';
import { TEXT_ENCODINGS } from '../../io/encoding.js';
import { DEFAULT_PLAUSIBLE_BIRTH_YEARS, optionDay, plausibleWindow } from '../../io/plausible.js';
import type { TableName } from '../../io/qualityLog.js';
import type { SpellChecks } from '../../io/spells.js';
import type { ObservationPeriod, QualityReport } from '../../io/types.js';
import { OPEN_END } from '../../core/calendar.js';
import { DataError, SpecificationError } from '../../core/errors.js';
import { checkOptions, isPlainObject, type OptionKeys } from '../../core/options.js';
import { readCbsExport } from '../readCbsExport.js';
import { expandPaths, inspectFile, NotForSql, type InputFile } from './files.js';
import { deriveObservation, finishSpells, flagFinal, flagStretching } from './finish.js';
import { readPersons } from './persons.js';
import { createEvents, qualityReport } from './quality.js';
import { readSpells, type SpellsRead } from './spells.js';
import { createMacros, ident } from './sql.js';
import type { DuckdbConnection, DuckdbInputs, DuckdbReadOptions } from './types.js';

const KEYS: OptionKeys = Object.fromEntries(['columns', 'csv', 'openEndSentinels', 'observation', 'plausibleDates', 'plausibleBirthYears', 'covariateTypes', 'strict', 'encoding'].map((k) => [k, LOAD_KEYS[k]!]));

/** The options as the loader resolves them (same checks, same SpecificationErrors). */
function resolveOptions(options: DuckdbReadOptions) {
  checkOptions('createViews', options, KEYS);
  if (options.encoding !== undefined && options.encoding !== 'auto' && !TEXT_ENCODINGS.includes(options.encoding)) {
    throw new SpecificationError(`encoding: expected "auto" or one of ${TEXT_ENCODINGS.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(options.encoding)}`);
  }
  if (options.encoding === 'utf-16le' || options.encoding === 'utf-16be') {
    throw new SpecificationError(`createViews: encoding ${JSON.stringify(options.encoding)} is not read by DuckDB; convert the files to UTF-8 first`);
  }
  const columns = {
    persons: { ...DEFAULT_COLUMNS.persons, ...options.columns?.persons },
    support: { ...DEFAULT_COLUMNS.support, ...options.columns?.support },
    employment: { ...DEFAULT_COLUMNS.employment, ...options.columns?.employment },
    benefits: { ...DEFAULT_COLUMNS.benefits, ...options.columns?.benefits },
  };
  const window = plausibleWindow(options.plausibleDates);
  const checks: SpellChecks = { sentinels: new Set((options.openEndSentinels ?? DEFAULT_OPEN_END_SENTINELS).map((s) => s.trim())), ...window };
  const birthYears = options.plausibleBirthYears ?? DEFAULT_PLAUSIBLE_BIRTH_YEARS;
  if (typeof birthYears !== 'object' || birthYears === null || !(birthYears.min <= birthYears.max)) throw new SpecificationError('loadCbsExport: plausibleBirthYears must be { min, max } with min <= max');
  let given: ObservationPeriod | undefined;
  if (options.observation !== undefined) {
    const o = options.observation;
    if (typeof o !== 'object' || o === null) throw new SpecificationError('loadCbsExport: observation must be { start, end }');
    const start = optionDay('observation.start', o.start, 'loadCbsExport');
    const end = optionDay('observation.end', o.end, 'loadCbsExport');
    if (end < start || end >= OPEN_END) throw new SpecificationError(`observation: expected integer days with start <= end, got ${JSON.stringify(o)}`);
    given = { start, end };
  }
  return { columns, checks, birthYears, given, covariateTypes: options.covariateTypes ?? {}, mappedWage: options.columns?.employment?.wage !== undefined, mappedHours: options.columns?.employment?.hours !== undefined, strict: options.strict ?? false, decimal: options.csv?.decimal, delimiter: options.csv?.delimiter, encoding: (options.encoding ?? 'auto') as 'auto' | 'utf-8' | 'windows-1252' };
}

/**
 * Create the views `pe_persons`, `pe_support`, `pe_employment`, `pe_benefits` (when given) and
 * `pe_observation` on `connection` (temporary: they live as long as the connection) from the raw
 * files, and return the quality report. Every cell is read as text and checked in SQL with the
 * rules of `loadCbsExport`: the views hold exactly the rows it keeps (same person keys, day
 * numbers, clipping, categories and source rows), the report has the same entries and counts,
 * and input it refuses gives the same typed DataError (file, row, column, value), also under
 * `strict`. A file DuckDB does not read (not UTF-8 CSV, or a CSV its parser refuses) is handed
 * to the JS loader for its error; a file the JS loader reads but DuckDB cannot is a DataError.
 *
 * @example
 * import { DuckDBInstance } from '@duckdb/node-api';
 * const connection = await (await DuckDBInstance.create(':memory:')).connect();
 * const base = 'tests/fixtures/bad/base/';
 * const quality = await createViews(connection, { persons: base + 'persons.csv', support: base + 'support.csv', employment: base + 'employment.csv' });
 * quality.counts.support; // { read: 4, kept: 4, excluded: 0, repaired: 0 }
 * const rows = await connection.runAndReadAll('SELECT start_day, end_day FROM pe_observation');
 * rows.getRowObjects(); // [{ start_day: 16436, end_day: 18627 }]
 */
export async function createViews(connection: DuckdbConnection, inputs: DuckdbInputs, options: DuckdbReadOptions = {}): Promise<QualityReport> {
  const o = resolveOptions(options);
  if (!isPlainObject(inputs)) throw new SpecificationError('createViews expects file paths { persons, support, employment } (and optionally benefits)');
  checkOptions('createViews', inputs, { persons: true, support: true, employment: true, benefits: true }, 'inputs.');
  const tables = (inputs.benefits === undefined ? ['persons', 'support', 'employment'] : ['persons', 'support', 'employment', 'benefits']) as TableName[];
  const paths = {} as Record<TableName, string[]>;
  for (const t of tables) {
    if (inputs[t] === undefined) throw new SpecificationError(`createViews: no ${t} input given`);
    paths[t] = await expandPaths(connection, inputs[t]!);
  }
  try {
    return await validate(connection, paths, o);
  } catch (error) {
    if (!(error instanceof NotForSql)) throw error;
    return await handOver(paths, options, error);
  }
}

/** A file the SQL path does not read: the JS loader's error for it, else a DataError saying why. */
async function handOver(paths: Record<TableName, string[]>, options: DuckdbReadOptions, reason: NotForSql): Promise<never> {
  await readCbsExport(paths as Parameters<typeof readCbsExport>[0], { ...options, onProgress: () => {} });
  throw new DataError({ file: reason.path, expected: `a UTF-8 CSV file that DuckDB reads (${reason.message.slice(reason.path.length + 2)}); readCbsExport reads this file: use it, or convert the file to UTF-8 CSV` });
}

type Resolved = ReturnType<typeof resolveOptions>;

/** Every step in the loader's order; each throws the loader's error where it would. */
async function validate(connection: DuckdbConnection, paths: Record<TableName, string[]>, o: Resolved): Promise<QualityReport> {
  await createMacros(connection);
  await createEvents(connection);
  const inspect = (path: string) => inspectFile(path, o.delimiter, o.encoding);
  const personFiles: InputFile[] = [];
  for (const path of paths.persons) personFiles.push(await inspect(path));
  const persons = await readPersons(connection, personFiles, o.columns.persons, { ...(o.decimal ? { decimal: o.decimal } : {}), strict: o.strict, encoding: o.encoding, birthYears: o.birthYears, covariateTypes: o.covariateTypes });
  const read = (table: 'support' | 'employment' | 'benefits', columns: Parameters<typeof readSpells>[4]) =>
    readSpells(connection, table, paths[table], inspect, columns, o.checks, { ...(o.decimal ? { decimal: o.decimal } : {}), strict: o.strict, encoding: o.encoding });
  const c = o.columns;
  const support = await read('support', { ...c.support, categories: [c.support.scheme, c.support.employerType] });
  const employment = await read('employment', {
    ...c.employment,
    categories: [c.employment.employer, c.employment.contract],
    numbers: [{ name: c.employment.wage, required: o.mappedWage }, { name: c.employment.hours, required: o.mappedHours }],
  });
  const benefits = paths.benefits ? await read('benefits', { ...c.benefits, categories: [c.benefits.type] }) : undefined;
  const observation = o.given ?? (await deriveObservation(connection));
  if (!o.given) await flagStretching(connection, observation);
  for (const spells of [support, employment, benefits]) if (spells) await finishSpells(connection, spells, observation, o.strict);
  await flagFinal(connection, employment);
  await defineViews(connection, persons.covariates.map((x) => x.name), employment, benefits !== undefined, observation);
  const counts = { persons: persons.raw.rows, support: support.raw.rows, employment: employment.raw.rows, ...(benefits ? { benefits: benefits.raw.rows } : {}) };
  const report = await qualityReport(connection, counts);
  for (const name of ['pe_raw_persons', 'pe_keys', 'pe_keys2', 'pe_pk', 'pe_stretch', 'pe_q', ...(['support', 'employment', 'benefits'] as const).flatMap((t) => [`pe_raw_${t}`, `pe_rows_${t}`, `pe_valid_${t}`, `pe_dedup_${t}`, `pe_code_${t}_cat0`, `pe_code_${t}_cat1`])]) {
    await connection.run(`DROP TABLE IF EXISTS ${name}`);
  }
  return report;
}

/** The views of the contract (docs: src/node/duckdb/types.ts), in the loader's row order. */
async function defineViews(connection: DuckdbConnection, covariates: readonly string[], employment: SpellsRead, benefits: boolean, observation: ObservationPeriod): Promise<void> {
  const key = 'src AS rinpersoons, num AS rinpersoon';
  const days = 'CAST(start_day AS INTEGER) AS start_day, CAST(end_day AS INTEGER) AS end_day';
  const extra = covariates.map((n) => `, ${ident(n)}`).join('');
  await connection.run(`CREATE OR REPLACE TEMP VIEW pe_persons AS SELECT rinpersoons, rinpersoon, birth_year, sex${extra} FROM pe_persons_t ORDER BY p`);
  await connection.run(`CREATE OR REPLACE TEMP VIEW pe_support AS SELECT ${key}, ${days}, cat0 AS scheme, cat1 AS employer_type, CAST(g AS BIGINT) AS source_row FROM pe_final_support ORDER BY k`);
  const [wage, hours] = employment.numbers;
  await connection.run(`CREATE OR REPLACE TEMP VIEW pe_employment AS SELECT ${key}, cat0 AS employer, ${days}, CAST(reported_start_day AS INTEGER) AS reported_start_day, cat1 AS contract,
    ${wage ? 'num0' : 'CAST(NULL AS DOUBLE)'} AS wage, ${hours ? 'num1' : 'CAST(NULL AS DOUBLE)'} AS hours, CAST(g AS BIGINT) AS source_row FROM pe_final_employment ORDER BY k`);
  if (benefits) await connection.run(`CREATE OR REPLACE TEMP VIEW pe_benefits AS SELECT ${key}, ${days}, cat0 AS type, CAST(g AS BIGINT) AS source_row FROM pe_final_benefits ORDER BY k`);
  else await connection.run('DROP VIEW IF EXISTS pe_benefits');
  await connection.run(`CREATE OR REPLACE TEMP VIEW pe_observation AS SELECT CAST(${observation.start} AS INTEGER) AS start_day, CAST(${observation.end} AS INTEGER) AS end_day`);
}
