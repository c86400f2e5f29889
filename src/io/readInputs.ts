/**
 * Reading the inputs of one table (one or several files of any format) into persons or spell
 * rows, streaming CSV through the byte tokenizer.
 */
import { PersonKeyIndex } from './byteDictionary.js';
import type { CsvOptions } from './csv.js';
import { CsvPersonsSink } from './csvPersons.js';
import { CsvSpellSink, type PersonLookup } from './csvSpells.js';
import { CsvTokenizer } from './csvTokenizer.js';
import { utf16ToUtf8, type TextEncodingName } from './encoding.js';
import { DataError } from '../core/errors.js';
import type { SourceFormat } from './magic.js';
import type { PersonTable } from './types.js';
import type { QualityLog, TableName } from './qualityLog.js';
import type { RawTable } from './rawTable.js';
import { openSource, sourceSize, type CbsSource, type OpenedSource } from './source.js';
import { addRawSpells, type SpellChecks, type SpellColumnNames, type SpellTable } from './spells.js';
import { personKey } from './persons.js';
import { SpellRows } from './spellRows.js';
import { canMerge, mergeSpellRanges } from './spellMerge.js';
import type { SpellRangeResult } from './spellRange.js';

/** What `onProgress` is told while an input is read. */
export interface ReadProgress {
  /** Which input: `persons`, `support`, `employment` or `benefits`. */
  readonly input: TableName;
  /** Name of the file being read (its path in the Node reader). */
  readonly file: string;
  /** Bytes read so far from this input's sources (compressed bytes for gzip). */
  readonly bytesRead: number;
  /** Total bytes of this input's sources, when known. */
  readonly bytesTotal: number | undefined;
  /** Data rows read so far from this input. */
  readonly rows: number;
}

/** How one table is read. */
export interface ReadContext {
  readonly table: TableName;
  readonly sources: readonly CbsSource[];
  readonly names: readonly string[];
  readonly format: SourceFormat;
  readonly csv: CsvOptions;
  readonly encoding: 'auto' | TextEncodingName | undefined;
  readonly log: QualityLog;
  readonly onProgress: ((p: ReadProgress) => void) | undefined;
  /** Spell files being read ahead in ranges (on other threads), when a parallel reader was given. */
  readonly ahead?: SpellReadAhead | undefined;
}

/** A spell input to read ahead: its context, columns and row checks. */
export interface SpellReadPlan extends ReadContext {
  readonly table: SpellTable;
  readonly columns: SpellColumnNames;
  readonly checks: SpellChecks;
}

/** Spell files read ahead in byte ranges (by the Node reader, on worker threads). */
export interface SpellReadAhead {
  /** The ranges of file `k` of a spell input, when that file is read ahead; `undefined` otherwise. */
  take(table: SpellTable, k: number): Promise<readonly SpellRangeResult[]> | undefined;
  /** Told whether the ranges of a file were merged (else the file was read again on one thread). */
  merged?(file: string, merged: boolean, why: string | undefined): void;
  /** Stop what is still running (called when loading ends, also after an error). */
  close(): void;
}

/** Starts reading spell files ahead; called once, before the persons are read. */
export interface ParallelSpellReader {
  start(plans: readonly SpellReadPlan[]): SpellReadAhead;
}

/** Tokenize an opened CSV source into `sink`, reporting progress. Returns the tokenizer (for its delimiter and row count). */
async function tokenize(ctx: ReadContext, opened: Extract<OpenedSource, { kind: 'csv' }>, file: string, sink: ConstructorParameters<typeof CsvTokenizer>[2], progress: () => void, rowsBefore: number, state: { rows: number }): Promise<CsvTokenizer> {
  let encoding = opened.encoding;
  let chunks = opened.chunks;
  if (encoding === 'auto' && ctx.encoding && ctx.encoding !== 'auto') encoding = ctx.encoding;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    chunks = utf16ToUtf8(chunks, encoding);
    encoding = 'utf-8';
  }
  const tokenizer = new CsvTokenizer(file, {
    delimiter: ctx.csv.delimiter,
    encoding,
    onWindows1252: (row) => ctx.log.flag(ctx.table, 'encoding-windows-1252', row),
  }, sink);
  for await (const chunk of chunks) {
    tokenizer.push(chunk);
    state.rows = rowsBefore + tokenizer.rows;
    progress();
  }
  tokenizer.end();
  state.rows = rowsBefore + tokenizer.rows;
  progress();
  if (tokenizer.rows === 0) throw headerOnly(file, ctx.sources.length > 1);
  return tokenizer;
}

/**
 * An input file without data rows (a header line only, or a table of zero rows) is a
 * {@link DataError} naming the file, like an empty file: the export would silently lack a table.
 */
function headerOnly(file: string, inList: boolean): DataError {
  return new DataError({ file, expected: `data rows below the header line (this file has only a header${inList ? '; leave it out of the list' : ''})` });
}

function progressOf(ctx: ReadContext): { onBytes: (n: number) => void; report: (file: string) => void; state: { rows: number }; bytes: () => number; total: number | undefined; reserved?: boolean } {
  const sizes = ctx.sources.map(sourceSize);
  const total = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a! + b!, 0) : undefined;
  let bytes = 0;
  let current = ctx.names[0] ?? ctx.table;
  const state = { rows: 0 };
  const report = (file: string) => {
    current = file;
    ctx.onProgress?.({ input: ctx.table, file: current, bytesRead: bytes, bytesTotal: total, rows: state.rows });
  };
  return { onBytes: (n) => (bytes += n), report, state, bytes: () => bytes, total };
}

/**
 * The persons input as one raw table (several files are joined; they must have the same columns).
 */
export async function readPersonsInput(ctx: ReadContext, keyColumns: { readonly rinpersoons: string; readonly rinpersoon: string }): Promise<RawTable> {
  const parts: RawTable[] = [];
  const p = progressOf(ctx);
  for (let k = 0; k < ctx.sources.length; k++) {
    const file = ctx.names[k]!;
    const opened = await openSource(ctx.sources[k]!, file, ctx.format, ctx.csv.decimal ?? '.', p.onBytes);
    if (opened.kind === 'raw' || opened.kind === 'parts') {
      const raw = opened.kind === 'raw' ? opened.raw : await joinParts(opened.parts, file);
      if (raw.length === 0) throw headerOnly(file, ctx.sources.length > 1);
      parts.push(raw);
      continue;
    }
    const sink = new CsvPersonsSink(file, keyColumns);
    const t = await tokenize(ctx, opened, file, sink, () => p.report(file), p.state.rows, p.state);
    parts.push(sink.table(ctx.csv.decimal ?? (t.delimiter === ';' ? ',' : '.'), t.encoding));
  }
  return joinRaw(parts);
}

/** The parts of one file (Parquet row groups) as one raw table. */
async function joinParts(source: AsyncIterable<RawTable>, file: string): Promise<RawTable> {
  const parts: RawTable[] = [];
  for await (const part of source) parts.push(part);
  if (parts.length === 1) return { ...parts[0]!, firstRow: undefined };
  const joined = joinRaw(parts.map((part) => ({ ...part, file })));
  return { ...joined, locate: undefined };
}

/** Several raw tables with the same columns as one. */
function joinRaw(parts: readonly RawTable[]): RawTable {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const key = [...first.columnNames].sort().join('\u0000');
  for (const part of parts.slice(1)) {
    if ([...part.columnNames].sort().join('\u0000') !== key) {
      throw new DataError({ file: part.file, value: part.columnNames.join(', '), expected: `the same columns as ${first.file} (${first.columnNames.join(', ')})` });
    }
    if (part.decimal !== first.decimal) throw new DataError({ file: part.file, value: part.decimal, expected: `the decimal separator of ${first.file} (${JSON.stringify(first.decimal)})` });
  }
  const starts: number[] = [];
  let length = 0;
  for (const part of parts) {
    starts.push(length);
    length += part.length;
  }
  const columns = new Map<string, unknown[]>();
  const column = (name: string) => {
    let c = columns.get(name);
    if (!c) columns.set(name, (c = parts.flatMap((part) => Array.from(part.column(name)))));
    return c as ReturnType<RawTable['column']>;
  };
  const locate = (i: number) => {
    let k = starts.length - 1;
    while (starts[k]! > i) k--;
    return { file: parts[k]!.file, row: i - starts[k]! + 1 };
  };
  return { file: first.file, columnNames: first.columnNames, length, decimal: first.decimal, column, locate };
}

/**
 * The byte and text indexes of the person keys: the byte index read with the persons when there
 * is one, else built from the keys; the text index only when first needed (non-ASCII keys, or a
 * spell input that is not CSV).
 */
export function personLookup(persons: PersonTable, index: Map<string, number> | undefined, bytes: PersonKeyIndex | undefined): PersonLookup {
  if (!bytes) {
    bytes = new PersonKeyIndex();
    bytes.expect(persons.length, 0);
    for (let p = 0; p < persons.length; p++) bytes.add(persons.rinpersoons[p]!, persons.rinpersoon[p]!, p);
  }
  let map = index;
  const byteIndex = bytes;
  return {
    bytes,
    get map() {
      if (!map) {
        map = new Map();
        for (let p = 0; p < persons.length; p++) map.set(personKey(persons.rinpersoons[p]!, persons.rinpersoon[p]!), p);
      }
      return map;
    },
    personOf(source: string, number: string): number | undefined {
      // Every ASCII key is in the byte index, so the text index is built only for other keys.
      const p = byteIndex.getText(source, number);
      if (p !== undefined) return p < 0 ? undefined : p;
      return this.map.get(personKey(source, number));
    },
  };
}

/** A spell input (one or several files) into {@link SpellRows}; returns the rows and the date column names as found. */
export async function readSpellInput(ctx: ReadContext & { table: SpellTable }, columns: SpellColumnNames, persons: PersonLookup, checks: SpellChecks): Promise<{ rows: SpellRows; start: string; end: string }> {
  const rows = new SpellRows(columns.categories.length, columns.numbers?.length ?? 0);
  rows.keyDigits();
  const p = progressOf(ctx);
  let start = columns.start;
  let end = columns.end;
  for (let k = 0; k < ctx.sources.length; k++) {
    const file = ctx.names[k]!;
    const ranges = await ctx.ahead?.take(ctx.table, k);
    if (ranges) ctx.ahead?.merged?.(file, canMerge(ranges), ranges.find((r) => 'fallback' in r)?.fallback);
    if (ranges && canMerge(ranges)) {
      const found = mergeSpellRanges(rows, file, ctx.table, columns, persons, ctx.log, ranges, ranges[0]!.encoding);
      if (k === 0) ({ start, end } = found);
      p.onBytes(sourceSize(ctx.sources[k]!) ?? 0);
      p.state.rows = rows.length;
      p.report(file);
      continue;
    }
    const opened = await openSource(ctx.sources[k]!, file, ctx.format, ctx.csv.decimal ?? '.', p.onBytes);
    if (opened.kind === 'raw') {
      if (opened.raw.length === 0) throw headerOnly(file, ctx.sources.length > 1);
      addRawSpells(rows, opened.raw, ctx.table, columns, (s, n) => persons.personOf(s, n), checks, ctx.log);
      p.state.rows = rows.length;
      p.report(file);
      continue;
    }
    if (opened.kind === 'parts') {
      // One part (Parquet row group) at a time: its cells are dropped once its rows are in.
      const before = rows.length;
      for await (const part of opened.parts) {
        addRawSpells(rows, part, ctx.table, columns, (s, n) => persons.personOf(s, n), checks, ctx.log);
        p.state.rows = rows.length;
        p.report(file);
      }
      if (rows.length === before) throw headerOnly(file, ctx.sources.length > 1);
      continue;
    }
    const sink = new CsvSpellSink(rows, file, ctx.table, columns, persons, checks, ctx.log, ctx.csv.decimal);
    const tokenizer = await tokenize(ctx, opened, file, sink, () => (reserveAhead(rows, p), p.report(file)), p.state.rows, p.state);
    sink.finish(tokenizer.encoding);
    if (k === 0) {
      start = sink.startColumn;
      end = sink.endColumn;
    }
  }
  return { rows, start, end };
}

/**
 * Once some rows are in, make room for the rows the input's size suggests (2 % extra), so the
 * columns are allocated once instead of being doubled and copied as they grow. Done once per input.
 */
function reserveAhead(rows: SpellRows, p: { bytes: () => number; total: number | undefined; reserved?: boolean }): void {
  const read = p.bytes();
  if (p.reserved || p.total === undefined || rows.length < 4096 || read <= 0) return;
  p.reserved = true;
  const expected = Math.ceil((rows.length * p.total * 1.02) / read);
  if (expected > rows.person.length) rows.reserve(expected - rows.length);
}
