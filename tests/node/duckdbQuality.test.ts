// The SQL validation (src/node/duckdb/cleanViews.ts) against the JS loader: on the bad-input
// corpus, the embedded data and a synthetic export written to CSV, the quality report from SQL
// equals loadCbsExport's, errors are the same typed errors, and the views hold the loaded rows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError, loadSynthetic, type CbsExport, type Categorical } from '../../src/index.js';
import { readCbsExport } from '../../src/node/index.js';
import { embeddedDataPath, EMBEDDED_FILES } from '../../src/node/embedded.js';
import { createViews } from '../../src/node/duckdb/cleanViews.js';
import type { DuckdbInputs, DuckdbReadOptions } from '../../src/node/duckdb/types.js';
import { basePath, casePath, FILE_CASES, type FileCase, type Table } from '../fixtures/bad/cases.js';
import { writeCbsCsv } from '../bench/cbsFiles.js';

const TABLES: readonly Table[] = ['persons', 'support', 'employment'];

function paths(c: FileCase): Record<Table, string | string[]> {
  const out = {} as Record<Table, string | string[]>;
  for (const t of TABLES) out[t] = t !== c.table ? basePath(t) : c.withBase ? [basePath(t), casePath(c)] : casePath(c);
  return out;
}

/**
 * Cases the SQL path cannot match, and why. The first group DuckDB's CSV reader refuses (the
 * loader reads them): the SQL path says so with a DataError naming the file. `row-blank-line`
 * is the other way round: DuckDB skips an empty line between rows, the loader refuses it.
 */
const DUCKDB_REFUSES: Record<string, string> = {
  'row-trailing-blank-lines': 'LF and CRLF blank lines mixed at the end',
  'mixed-line-ends': 'CRLF and LF line ends mixed',
  'cp1252-specials': 'Windows-1252 bytes 80–9F (DuckDB reads UTF-8 or Latin-1)',
  'utf16le-bom': 'UTF-16',
  'utf16be-bom': 'UTF-16',
};
const SQL_LOADS = new Set(['row-blank-line']);
/** Options of readCbsExport that the SQL path does not take (format, names). */
const NOT_AN_SQL_OPTION = new Set(['format-forced-parquet', 'names-wrong-length', 'format-unknown']);

async function connect(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(':memory:')).connect();
}

async function outcome<T>(f: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await f() };
  } catch (error) {
    return { error };
  }
}

/** Same class, message (the function name aside), and for a DataError the same file, row, column and value. */
function expectSameError(sql: unknown, js: unknown, id: string): void {
  expect(sql, `${id}: SQL error`).toBeInstanceOf(Error);
  const a = sql as Error;
  const b = js as Error;
  expect(a.name, id).toBe(b.name);
  // The list of valid option names differs (createViews takes no format, names or onProgress).
  const text = (m: string) => m.replace(/^createViews/, 'readCbsExport').replace(/ Valid options: .*$/, '');
  expect(text(a.message), id).toBe(text(b.message));
  if (b instanceof DataError) {
    const d = a as DataError;
    expect([d.file, d.row, d.column, d.value], id).toEqual([b.file, b.row, b.column, b.value]);
  }
}

const level = (c: Categorical, k: number) => (c.codes[k]! < 0 ? null : c.levels[c.codes[k]!]!);
const nanToNull = (x: number) => (Number.isNaN(x) ? null : x);

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

/** The views hold the loaded export's rows, in its order. */
async function expectViewsEqual(connection: DuckDBConnection, exp: CbsExport, id: string): Promise<void> {
  const p = exp.persons;
  const persons = await rows(connection, 'SELECT rinpersoons, rinpersoon, birth_year, sex FROM pe_persons');
  expect(persons, `${id}: persons`).toEqual(Array.from({ length: p.length }, (_, k) => ({ rinpersoons: p.rinpersoons[k], rinpersoon: p.rinpersoon[k], birth_year: nanToNull(p.birthYear[k]!), sex: level(p.sex, k) })));
  const key = (person: number) => ({ rinpersoons: p.rinpersoons[person], rinpersoon: p.rinpersoon[person] });
  const s = exp.support;
  expect(await rows(connection, 'SELECT * FROM pe_support'), `${id}: support`).toEqual(
    Array.from({ length: s.length }, (_, k) => ({ ...key(s.person[k]!), start_day: s.start[k], end_day: s.end[k], scheme: level(s.scheme, k), employer_type: level(s.employerType, k), source_row: s.sourceRow[k] })),
  );
  const e = exp.employment;
  expect(await rows(connection, 'SELECT * FROM pe_employment'), `${id}: employment`).toEqual(
    Array.from({ length: e.length }, (_, k) => ({
      ...key(e.person[k]!), employer: level(e.employer, k), start_day: e.start[k], end_day: e.end[k], reported_start_day: e.reportedStart![k], contract: level(e.contract, k),
      wage: e.wage ? nanToNull(e.wage[k]!) : null, hours: e.hours ? nanToNull(e.hours[k]!) : null, source_row: e.sourceRow[k],
    })),
  );
  const b = exp.benefits;
  if (b) {
    expect(await rows(connection, 'SELECT * FROM pe_benefits'), `${id}: benefits`).toEqual(
      Array.from({ length: b.length }, (_, k) => ({ ...key(b.person[k]!), start_day: b.start[k], end_day: b.end[k], type: level(b.type, k), source_row: b.sourceRow[k] })),
    );
  }
  expect(await rows(connection, 'SELECT * FROM pe_observation'), `${id}: observation`).toEqual([{ start_day: exp.observation.start, end_day: exp.observation.end }]);
}

/** Load with both paths and compare everything. */
async function compare(inputs: DuckdbInputs, options: DuckdbReadOptions, id: string): Promise<'loaded' | 'error'> {
  const js = await outcome(() => readCbsExport(inputs as Parameters<typeof readCbsExport>[0], { ...options, onProgress: () => {} }));
  const connection = await connect();
  const sql = await outcome(() => createViews(connection, inputs, options));
  if (js.error !== undefined) {
    expectSameError(sql.error, js.error, id);
    return 'error';
  }
  if (sql.error !== undefined) throw sql.error;
  expect(sql.value, `${id}: quality report`).toEqual(js.value!.quality);
  await expectViewsEqual(connection, js.value!, id);
  return 'loaded';
}

describe('the SQL validation on the bad-input corpus', () => {
  const matched = FILE_CASES.filter((c) => !(c.id in DUCKDB_REFUSES) && !SQL_LOADS.has(c.id) && !NOT_AN_SQL_OPTION.has(c.id));
  it('matches at least 149 of the corpus cases', () => {
    expect(matched.length).toBeGreaterThanOrEqual(149);
  });
  for (const c of matched) {
    it(`${c.id}: same report, rows and errors as the loader`, async () => {
      const kind = await compare(paths(c), (c.options ?? {}) as DuckdbReadOptions, c.id);
      expect(kind, c.id).toBe('error' in c.expect ? 'error' : 'loaded');
    }, 60_000);
  }
  for (const [id, why] of Object.entries(DUCKDB_REFUSES)) {
    it(`${id}: the loader reads it, DuckDB does not (${why}): a DataError naming the file`, async () => {
      const c = FILE_CASES.find((x) => x.id === id)!;
      await readCbsExport(paths(c), { ...c.options, onProgress: () => {} });
      const error = (await outcome(() => connect().then((k) => createViews(k, paths(c), (c.options ?? {}) as DuckdbReadOptions)))).error as DataError;
      expect(error).toBeInstanceOf(DataError);
      expect(error.file).toBe(casePath(c));
      expect(error.message).toContain('DuckDB');
    }, 60_000);
  }
  it('row-blank-line: DuckDB skips an empty line between rows that the loader refuses', async () => {
    const c = FILE_CASES.find((x) => x.id === 'row-blank-line')!;
    expect((await outcome(() => readCbsExport(paths(c), { onProgress: () => {} }))).error).toBeInstanceOf(DataError);
    const quality = await createViews(await connect(), paths(c));
    expect(quality.counts.persons.read).toBe(6);
  }, 60_000);
});

describe('the SQL validation on whole exports', () => {
  it('the embedded data (gzip CSV, four inputs): same report and rows', async () => {
    const inputs = { persons: embeddedDataPath(EMBEDDED_FILES.persons), support: embeddedDataPath(EMBEDDED_FILES.support), employment: embeddedDataPath(EMBEDDED_FILES.employment), benefits: embeddedDataPath(EMBEDDED_FILES.benefits) };
    expect(await compare(inputs, {}, 'embedded')).toBe('loaded');
  }, 120_000);

  it('a synthetic export written to CSV, read whole and with a narrower observation period (exclusions and clipping beyond 10 example rows)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-duckdb-quality-'));
    const files = writeCbsCsv(await loadSynthetic({ seed: 3, scale: 0.05 }), dir);
    const inputs = { persons: files.persons, support: files.support, employment: files.employment };
    expect(await compare(inputs, {}, 'synthetic')).toBe('loaded');
    const narrow = await readCbsExport(inputs, { observation: { start: '2019-01-01', end: '2021-06-30' }, onProgress: () => {} });
    expect(narrow.quality.entries.some((e) => e.issue === 'outside-observation' && e.count > 10)).toBe(true);
    expect(await compare(inputs, { observation: { start: '2019-01-01', end: '2021-06-30' } }, 'synthetic narrow')).toBe('loaded');
    expect(await compare(inputs, { observation: { start: '2019-01-01', end: '2021-06-30' }, strict: true }, 'synthetic strict')).toBe('error');
  }, 120_000);
});
