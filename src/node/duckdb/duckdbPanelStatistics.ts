/**
 * Node only: `duckdbPanelStatistics`, an event panel's sufficient statistics computed by an embedded
 * DuckDB straight from the files, for exports larger than memory (docs/guides/scale.md).
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { SpecificationError } from '../../core/errors.js';
import { checkOptions, describeValue } from '../../core/options.js';
import type { PanelStatistics } from '../../panel/panelStatistics.js';
import type { AnchorColumns, BoundColumns } from '../../panel/sql/anchorColumns.js';
import { panelStatisticsQuery } from '../../panel/sql/panelStatisticsSql.js';
import type { PanelSqlOptions } from '../../panel/sql/panelSqlOptions.js';
import { cellOffsets, groupCodes, statisticsSpec } from '../../panel/sql/statisticsSpec.js';
import { loadDuckdb } from './loadDuckdb.js';
import { createViews } from './cleanViews.js';
import { createFastViews } from './simpleViews.js';
import type { DuckdbInputs, DuckdbReadOptions } from './types.js';
import { tableFromColumns, tableFromFiles } from './duckdbTables.js';

/** Options of {@link duckdbPanelStatistics}: the panel's, how to read the files, and DuckDB's settings. */
export interface DuckdbPanelOptions extends Omit<PanelSqlOptions, 'anchors' | 'observationBounds'> {
  /** Explicit anchors (e.g. `anchorColumns(exp.persons, match.anchors)`), or a CSV/Parquet file with the columns of `pe_anchors`. */
  readonly anchors?: AnchorColumns | string;
  /** Per-person observation bounds, or a CSV/Parquet file with the columns of `pe_bounds`. */
  readonly observationBounds?: BoundColumns | string;
  /** How to read the inputs: the options of `loadCbsExport` that apply (column names, CSV delimiter and decimal, observation period, …). */
  readonly read?: DuckdbReadOptions;
  /**
   * How the files are checked before the panel is built. `'full'` (default): every cell is read as
   * text and checked in SQL with the rules of `loadCbsExport`, and the result carries the same
   * quality report (`quality`); CSV and gzip CSV only. `'fast'`: a typed read that drops the rows the
   * loader would drop on well-formed files (about 4× less CPU than `'full'`) but reports nothing and
   * reads Parquet too — for files already checked, e.g. with `loadCbsExport` on a sample or with a
   * first `'full'` run.
   */
  readonly check?: 'full' | 'fast';
  /** DuckDB's `memory_limit`, e.g. `'4GB'` (default: 80 % of RAM); past it DuckDB spills to `tempDirectory`. */
  readonly memoryLimit?: string;
  /** Where DuckDB spills what does not fit in memory (default: a `.tmp` folder in the working directory). */
  readonly tempDirectory?: string;
  /** Worker threads (default: all cores). */
  readonly threads?: number;
}

const KEYS = {
  outcome: true, participation: { minDays: true }, before: true, after: true, during: true, trajectory: true,
  observation: { start: true, end: true }, anchors: true, observationBounds: true, group: true, groups: true,
  read: { columns: true, csv: { delimiter: true, decimal: true }, openEndSentinels: true, observation: { start: true, end: true }, plausibleDates: { start: true, end: true }, plausibleBirthYears: { min: true, max: true }, covariateTypes: true, strict: true, encoding: true },
  check: true,
  memoryLimit: true, tempDirectory: true, threads: true,
} as const;

/** DuckDB's configuration from the options. */
function config(options: DuckdbPanelOptions): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.memoryLimit !== undefined) {
    if (typeof options.memoryLimit !== 'string' || !/^\s*\d+(\.\d+)?\s*[KMGT]?i?B\s*$/i.test(options.memoryLimit)) throw new SpecificationError(`duckdbPanelStatistics: memoryLimit must be a size such as '4GB', got ${describeValue(options.memoryLimit)}`);
    out['memory_limit'] = options.memoryLimit;
  }
  if (options.tempDirectory !== undefined) out['temp_directory'] = String(options.tempDirectory);
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new SpecificationError(`duckdbPanelStatistics: threads must be a whole number ≥ 1, got ${describeValue(options.threads)}`);
    out['threads'] = String(options.threads);
  }
  return out;
}

/** Every chunk of a query's result, one at a time. */
async function eachChunk(con: DuckDBConnection, sql: string, visit: (chunk: DuckDBDataChunk) => void): Promise<void> {
  const result = await con.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    visit(chunk);
  }
}

/** The panel persons, in panel person order. */
async function readPersons(con: DuckDBConnection, groups: readonly string[] | undefined, present: boolean): Promise<{ persons: PanelStatistics['persons']; groups: readonly string[] }> {
  const count = Number((await con.runAndReadAll('SELECT count(*) AS n FROM ps_persons')).getRowObjects()[0]!['n']);
  const id = new Array<string>(count);
  const labels = new Array<string>(count);
  const weight = new Float64Array(count);
  const cluster = new Int32Array(count);
  const anchorStart = new Int32Array(count);
  const anchorEnd = new Int32Array(count);
  let row = 0;
  await eachChunk(con, 'SELECT rinpersoons || rinpersoon AS id, grp, CAST(weight AS DOUBLE), CAST(cluster AS INTEGER), CAST(s_month AS INTEGER), CAST(coalesce(e_month, -1) AS INTEGER) FROM ps_persons ORDER BY pid', (chunk) => {
    const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map((k) => chunk.getColumnVector(k));
    for (let i = 0; i < chunk.rowCount; i++, row++) {
      id[row] = a!.getItem(i) as string;
      labels[row] = b!.getItem(i) as string;
      weight[row] = c!.getItem(i) as number;
      cluster[row] = d!.getItem(i) as number;
      anchorStart[row] = e!.getItem(i) as number;
      anchorEnd[row] = f!.getItem(i) as number;
    }
  });
  const codes = groupCodes(labels, groups, present);
  for (const l of labels) if (!codes.code.has(l)) throw new SpecificationError(`duckdbPanelStatistics: anchors have the group "${l}", which anchors.groups does not list (${codes.groups.join(', ')})`);
  const group = Int32Array.from(labels, (l) => codes.code.get(l) ?? -1);
  return { persons: { length: count, id, exportIndex: new Int32Array(count).fill(-1), group, weight, cluster, anchorStart, anchorEnd }, groups: codes.groups };
}

/** The cells (one person-month each), sorted, read column-wise into typed arrays. */
async function readCells(con: DuckDBConnection, weight: Float64Array): Promise<Omit<PanelStatistics, 'kind' | 'persons' | 'groups' | 'offsets' | 'binary' | 'spec'>> {
  let size = 1 << 16;
  let person = new Int32Array(size);
  let phase = new Uint8Array(size);
  let eventTime = new Int16Array(size);
  let y = new Uint8Array(size);
  let length = 0;
  const grow = <T extends Int32Array | Uint8Array | Int16Array>(a: T, n: number): T => {
    const b = new (a.constructor as new (n: number) => T)(n);
    b.set(a);
    return b;
  };
  await eachChunk(con, 'SELECT CAST(pid AS INTEGER), CAST(phase AS UTINYINT), CAST(event_time AS SMALLINT), CAST(y AS UTINYINT) FROM ps_cells ORDER BY pid, phase, event_time', (chunk) => {
    const n = chunk.rowCount;
    if (length + n > size) {
      while (length + n > size) size *= 2;
      [person, phase, eventTime, y] = [grow(person, size), grow(phase, size), grow(eventTime, size), grow(y, size)];
    }
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => chunk.getColumnVector(k));
    for (let i = 0; i < n; i++) {
      person[length + i] = a!.getItem(i) as number;
      phase[length + i] = b!.getItem(i) as number;
      eventTime[length + i] = c!.getItem(i) as number;
      y[length + i] = d!.getItem(i) as number;
    }
    length += n;
  });
  const nCol = new Int32Array(length).fill(1);
  const sumY = new Float64Array(length);
  const sumW = new Float64Array(length);
  const sumWY = new Float64Array(length);
  for (let r = 0; r < length; r++) {
    const w = weight[person[r]!]!;
    sumY[r] = y[r]!;
    sumW[r] = w;
    sumWY[r] = w * y[r]!;
  }
  return { length, person: person.slice(0, length), phase: phase.slice(0, length), eventTime: eventTime.slice(0, length), n: nCol, sumY, sumW, sumWY };
}

/**
 * An event panel's sufficient statistics ({@link PanelStatistics}: one cell per panel person ×
 * phase × event time) computed by an embedded DuckDB from the export's files, the same cells as
 * `eventPanel(await readCbsExport(files), options)` (each person-month a cell), without holding the
 * spells in memory: DuckDB streams the files and spills to disk past `memoryLimit`. Needs the
 * optional package `@duckdb/node-api`.
 *
 * @example
 * import { duckdbPanelStatistics, embeddedDataPath, readEmbeddedTruth } from 'participation-effects/node';
 * const files = { persons: embeddedDataPath('persons.csv.gz'), support: embeddedDataPath('support.csv.gz'), employment: embeddedDataPath('employment.csv.gz') };
 * const truth = await readEmbeddedTruth();
 * const stats = await duckdbPanelStatistics(files, { before: 48, after: 48, read: { observation: truth.observation }, threads: 2 });
 * [stats.kind, stats.groups, stats.spec.definition]; // ['panel-statistics', ['supported'], 'any-day']
 */
export async function duckdbPanelStatistics(inputs: DuckdbInputs, options: DuckdbPanelOptions = {}): Promise<PanelStatistics> {
  checkOptions('duckdbPanelStatistics', options, KEYS);
  const { read, memoryLimit: _m, tempDirectory: _t, threads: _n, check = 'full', anchors, observationBounds, ...panel } = options;
  if (check !== 'full' && check !== 'fast') throw new SpecificationError(`duckdbPanelStatistics: check must be 'full' or 'fast', got ${describeValue(check)}`);
  if (check === 'full') {
    const parquet = Object.values(inputs).flat().filter((p) => typeof p === 'string' && /\.parquet$/i.test(p));
    if (parquet.length > 0) throw new SpecificationError(`duckdbPanelStatistics: check 'full' reads CSV and gzip CSV; ${parquet[0]} is Parquet: use check: 'fast' (typed columns, no quality report), or readCbsExport for a full check`);
  }
  const query = panelStatisticsQuery({ ...panel, anchors: anchors !== undefined, observationBounds: observationBounds !== undefined }, { dialect: 'duckdb' });
  const duckdb = await loadDuckdb();
  const instance = await duckdb.DuckDBInstance.create(':memory:', config(options));
  const con = await instance.connect();
  try {
    const quality = check === 'full' ? await createViews(con, inputs, read ?? {}) : (await createFastViews(con, inputs, read ?? {}), undefined);
    if (anchors !== undefined) await (typeof anchors === 'string' ? tableFromFiles(con, 'pe_anchors', anchors, 'anchors') : tableFromColumns(con, 'pe_anchors', anchors, 'anchors'));
    if (observationBounds !== undefined) {
      await (typeof observationBounds === 'string' ? tableFromFiles(con, 'pe_bounds', observationBounds, 'bounds') : tableFromColumns(con, 'pe_bounds', observationBounds, 'bounds'));
    }
    // Small parts used several times are tables; the rest views that DuckDB plans as one query.
    const tables = new Set(['ps_anchor_rows', 'ps_span', 'ps_days', 'ps_months', 'ps_observed', 'ps_bounds', 'ps_persons']);
    for (const p of query.parts) await con.run(`CREATE OR REPLACE TEMP ${tables.has(p.name) ? 'TABLE' : 'VIEW'} ${p.name} AS ${p.sql}`);
    const order = typeof anchors === 'object' ? anchors.groups : query.options.groups;
    const { persons, groups } = await readPersons(con, order, typeof anchors !== 'object');
    const cells = await readCells(con, persons.weight);
    const obs = (await con.runAndReadAll('SELECT obs_lo, obs_hi FROM ps_observed')).getRowObjects()[0];
    const observation = obs ? { startMonth: Number(obs['obs_lo']), endMonth: Number(obs['obs_hi']) } : undefined;
    return { kind: 'panel-statistics', persons, groups, ...cells, offsets: cellOffsets(cells.person, persons.length), binary: true, spec: statisticsSpec(query.options, observation), ...(quality ? { quality } : {}) };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
