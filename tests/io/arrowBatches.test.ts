// Arrow IPC read record batch by record batch from a stream of chunks: the cells of files written
// by Arrow C++ (pyarrow; scripts/write-arrow-fixture.py) equal the CSV they were written from,
// chunk boundaries anywhere give the same result, and damaged data is a DataError.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { table, toArrowIPC } from 'arquero';
import { gunzipSync } from 'fflate';
import { DataError, loadCbsExport } from '../../src/index.js';
import { arrowMessages } from '../../src/io/arrowMessages.js';
import { arrowRecordBatches } from '../../src/io/columnar.js';
import { sliceChunks } from '../../src/io/byteStream.js';
import { fixtureCsv, fixturePath } from './fixture.js';

type Cells = Record<string, unknown[]>;
const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(`arrowbatches/${name}`)));

/** The employment CSV the Arrow fixtures were written from: strings, empty cells null, dates as UTC midnight. */
function csvEmployment(rows: number): Cells {
  const [header, ...lines] = new TextDecoder().decode(gunzipSync(readFileSync(fixturePath('rowgroups/employment.csv.gz')))).trim().split('\n');
  const names = header!.split(';');
  const out: Cells = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines.slice(0, rows)) {
    line.split(';').forEach((v, j) => {
      const date = names[j] === 'AANVBUS' || names[j] === 'EINDBUS';
      out[names[j]!]!.push(v === '' ? null : date ? new Date(Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8))) : v);
    });
  }
  return out;
}

/** Every part of a read, and all its cells joined, for `toEqual`. */
async function readAll(bytes: Uint8Array, chunkSize: number, file = 'x.arrow') {
  const parts: { firstRow: number | undefined; length: number }[] = [];
  const cells: Cells = {};
  for await (const part of arrowRecordBatches(sliceChunks(bytes, chunkSize), file, '.')) {
    parts.push({ firstRow: part.firstRow, length: part.length });
    for (const name of part.columnNames) (cells[name] ??= []).push(...Array.from(part.column(name)));
  }
  return { parts, cells };
}

/** The same bytes as two chunks cut at `at`. */
async function* cutAt(bytes: Uint8Array, at: number): AsyncGenerator<Uint8Array> {
  yield bytes.subarray(0, at);
  yield bytes.subarray(at);
}

const small = { A: ['x', null, 'y', 'x', 'z', null, 'y'], N: [1.5, 2, null, 4, 5, 6, 7] };
const smallIPC = (format: 'stream' | 'file') => toArrowIPC(table(small), { format, maxBatchRows: 2 });

describe('Arrow IPC files written by Arrow C++ with several record batches', () => {
  const cases: [string, number, number][] = [
    ['employment.arrow', 6000, 1000], // file format, one dictionary per string column
    ['employment.arrows', 6000, 1000], // stream format, replacement dictionaries between batches
    ['delta.arrows', 1500, 500], // stream format, delta dictionaries
  ];
  for (const [name, rows, batch] of cases) {
    it(`${name}: one part per batch, cells equal to the CSV it was written from`, async () => {
      const { parts, cells } = await readAll(fixture(name), 7, name);
      const firstRows = Array.from({ length: rows / batch }, (_, k) => k * batch);
      expect(parts).toEqual(firstRows.map((firstRow) => ({ firstRow, length: batch })));
      expect(cells).toEqual(csvEmployment(rows));
    });
  }
  it('the stream fixtures really carry replacement and delta dictionary batches', async () => {
    const kinds = async (name: string) => {
      const out: string[] = [];
      for await (const m of arrowMessages(sliceChunks(fixture(name)), name)) out.push(m.type === 3 ? 'batch' : m.dictionary ? (m.dictionary.isDelta ? 'delta' : 'dictionary') : 'schema');
      return out;
    };
    // pyarrow: 16 messages, 9 dictionary batches of which 6 replace one; 10 messages, 2 deltas.
    const replaced = await kinds('employment.arrows');
    expect([replaced.length, replaced.filter((k) => k === 'dictionary').length, replaced.filter((k) => k === 'batch').length]).toEqual([16, 9, 6]);
    const delta = await kinds('delta.arrows');
    expect([delta.length, delta.filter((k) => k === 'delta').length, delta.filter((k) => k === 'batch').length]).toEqual([10, 2, 3]);
  });
  it('batches smaller than their dictionaries are decoded several at a time, so the dictionaries are decoded fewer times', async () => {
    // 400 distinct strings in one dictionary, 200 batches of 20 rows: a batch's keys are far smaller.
    const K = Array.from({ length: 4000 }, (_, i) => `key ${(i * 7919) % 400}`);
    const bytes = toArrowIPC(table({ K, I: K.map((_, i) => i) }), { maxBatchRows: 20, format: 'file' });
    const { parts, cells } = await readAll(bytes, 4096);
    expect(cells).toEqual({ K, I: K.map((_, i) => i) });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThan(200);
    expect(parts.map((p) => p.firstRow)).toEqual(parts.map((_, k) => parts.slice(0, k).reduce((n, p) => n + p.length, 0)));
  });
  it('1-byte chunks give the same cells as one chunk', async () => {
    const bytes = fixture('delta.arrows');
    expect(await readAll(bytes, 1)).toEqual(await readAll(bytes, bytes.length));
  });
});

describe('framings other writers use', () => {
  /** The messages of a valid stream, each with its 8-byte prefix (continuation marker, length). */
  const messagesOf = async (bytes: Uint8Array) => {
    const out: Uint8Array[] = [];
    for await (const m of arrowMessages(sliceChunks(bytes), 'x')) out.push(m.bytes);
    return out;
  };
  const cells = async (bytes: Uint8Array) => (await readAll(bytes, 5)).cells;
  it('a file without the end-of-stream marker before its footer', async () => {
    const bytes = smallIPC('file');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // <footer> <int32 footer length> ARROW1: the 8-byte end-of-stream marker sits just before the footer.
    const footerStart = bytes.length - 10 - view.getInt32(bytes.length - 10, true);
    expect([...bytes.subarray(footerStart - 8, footerStart)]).toEqual([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    expect(await cells(concat([bytes.subarray(0, footerStart - 8), bytes.subarray(footerStart)]))).toEqual(small);
  });
  it('pre-0.15 framing without continuation markers, as a stream and inside a file', async () => {
    // Each message as <int32 length> <metadata, padded so the body stays 8-byte aligned> <body>.
    const legacy = (await messagesOf(smallIPC('stream'))).map((m) => {
      const length = new DataView(m.buffer, m.byteOffset).getInt32(4, true);
      const out = new Uint8Array(m.length);
      new DataView(out.buffer).setInt32(0, length + 4, true);
      out.set(m.subarray(8, 8 + length), 4);
      out.set(m.subarray(8 + length), 8 + length);
      return out;
    });
    expect(await cells(concat(legacy))).toEqual(small);
    const file = smallIPC('file');
    const footerLength = new DataView(file.buffer, file.byteOffset, file.byteLength).getInt32(file.length - 10, true);
    const footer = file.subarray(file.length - 10 - footerLength);
    expect(await cells(concat([file.subarray(0, 8), ...legacy, new Uint8Array(4), footer]))).toEqual(small);
  });
});

describe('chunk boundaries', () => {
  for (const format of ['stream', 'file'] as const) {
    it(`${format} format: the same parts for 1-byte, 7-byte and two chunks cut at every byte`, async () => {
      const bytes = smallIPC(format);
      const whole = await readAll(bytes, bytes.length);
      // 7 rows in batches of 2: 4 parts; dictionary-encoded strings with nulls.
      expect(whole.parts.map((p) => [p.firstRow, p.length])).toEqual([[0, 2], [2, 2], [4, 2], [6, 1]]);
      expect(whole.cells).toEqual(small);
      expect(await readAll(bytes, 1)).toEqual(whole);
      expect(await readAll(bytes, 7)).toEqual(whole);
      const differing: number[] = [];
      for (let at = 1; at < bytes.length; at++) {
        const cells: Cells = {};
        for await (const part of arrowRecordBatches(cutAt(bytes, at), 'x.arrow', '.')) for (const name of part.columnNames) (cells[name] ??= []).push(...Array.from(part.column(name)));
        if (JSON.stringify(cells) !== JSON.stringify(small)) differing.push(at);
      }
      expect(differing).toEqual([]);
    });
  }
  it('the source is closed at the end-of-stream marker, on an error and when the reader stops early', async () => {
    const closed: string[] = [];
    async function* source(label: string, bytes: Uint8Array): AsyncGenerator<Uint8Array> {
      try {
        yield* sliceChunks(bytes, 64);
        yield new TextEncoder().encode('never read: after the end-of-stream marker');
      } finally {
        closed.push(label);
      }
    }
    const stream = smallIPC('stream');
    expect(await outcome(source('end', stream))).toEqual({ rows: 7 });
    expect(await outcome(source('error', stream.subarray(0, 500)))).toEqual({ error: 'DataError', file: 'x.arrow' });
    for await (const part of arrowRecordBatches(source('early', stream), 'x.arrow', '.')) if (part.length > 0) break;
    expect(closed).toEqual(['end', 'error', 'early']);
  });
  it('data without record batches gives one empty part with the column names', async () => {
    for (const format of ['stream', 'file'] as const) {
      const parts = [];
      for await (const part of arrowRecordBatches(sliceChunks(toArrowIPC(table({ A: [], B: [] }), { format })), 'x.arrow', '.')) parts.push(part);
      expect(parts.map((p) => [p.columnNames, p.length])).toEqual([[['A', 'B'], 0]]);
    }
    // A dictionary-encoded column: the schema and the dictionary batch, no record batch.
    const messages: Uint8Array[] = [];
    for await (const m of arrowMessages(sliceChunks(smallIPC('stream')), 'x')) messages.push(m.bytes);
    const parts = [];
    for await (const part of arrowRecordBatches(sliceChunks(concat(messages.slice(0, 2))), 'x.arrow', '.')) parts.push(part);
    expect(parts.map((p) => [p.columnNames, p.length])).toEqual([[['A', 'N'], 0]]);
  });
});

/** What reading gives: the rows read, or the error's class and file. */
async function outcome(chunks: AsyncIterable<Uint8Array>, file = 'x.arrow'): Promise<{ rows: number } | { error: string; file?: string }> {
  try {
    let rows = 0;
    for await (const part of arrowRecordBatches(chunks, file, '.')) rows += part.length;
    return { rows };
  } catch (err) {
    return { error: (err as Error).name, file: (err as DataError).file };
  }
}

describe('damaged Arrow data is a DataError naming the file', () => {
  it('file format cut anywhere (the footer is required)', async () => {
    const bytes = smallIPC('file');
    const outcomes = new Set<string>();
    for (let at = 0; at < bytes.length; at++) outcomes.add(JSON.stringify(await outcome(sliceChunks(bytes.subarray(0, at), 5))));
    expect([...outcomes]).toEqual([JSON.stringify({ error: 'DataError', file: 'x.arrow' })]);
  });
  it('stream format cut inside a message; cut between messages it is a shorter stream (the end marker is optional)', async () => {
    const bytes = smallIPC('stream');
    const outcomes = new Set<string>();
    for (let at = 0; at < bytes.length; at++) outcomes.add(JSON.stringify(await outcome(sliceChunks(bytes.subarray(0, at), 5))));
    // Cuts between messages leave 0 to 7 rows in whole batches of 2; every other cut is an error.
    expect([...outcomes].sort()).toEqual([{ error: 'DataError', file: 'x.arrow' }, { rows: 0 }, { rows: 2 }, { rows: 4 }, { rows: 6 }, { rows: 7 }].map((o) => JSON.stringify(o)).sort());
  });
  it('any one byte changed: a DataError or a read, never another exception or an out-of-memory crash', async () => {
    // Damaged lengths in the metadata (vector sizes, row counts) used to make the decoder build arrays of billions of entries.
    const seen = new Set<string>();
    for (const format of ['stream', 'file'] as const) {
      const bytes = smallIPC(format);
      for (let at = 0; at < bytes.length; at++) {
        for (const flip of [0xff, 0x01]) {
          const damaged = bytes.slice();
          damaged[at]! ^= flip;
          const o = await outcome(sliceChunks(damaged, 64));
          seen.add('rows' in o ? 'read' : `${o.error} ${o.file}`);
        }
      }
    }
    expect([...seen].sort()).toEqual(['DataError x.arrow', 'read']);
  });
  it('a record batch before the schema', async () => {
    const messages: Uint8Array[] = [];
    for await (const m of arrowMessages(sliceChunks(smallIPC('stream')), 'x')) messages.push(m.bytes);
    const err = await collect(sliceChunks(concat(messages.slice(1))), 'no-schema.arrows');
    expect(err).toBeInstanceOf(DataError);
    expect(err).toMatchObject({ file: 'no-schema.arrows', expected: expect.stringMatching(/starts with its schema/) });
  });
  it('garbage after an Arrow magic number, and CSV read as Arrow', async () => {
    const garbage = new Uint8Array(64).map((_, i) => (i < 4 ? 0xff : (i * 37) % 251));
    expect(await outcome(sliceChunks(garbage), 'g.arrows')).toEqual({ error: 'DataError', file: 'g.arrows' });
    const magic = new Uint8Array([...new TextEncoder().encode('ARROW1\0\0'), ...garbage]);
    expect(await outcome(sliceChunks(magic), 'g.arrow')).toEqual({ error: 'DataError', file: 'g.arrow' });
    const csv = fixtureCsv('employment');
    const err = await loadCbsExport({ persons: fixtureCsv('persons'), support: fixtureCsv('support'), employment: new TextEncoder().encode(csv) }, { format: { employment: 'arrow' } }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).file).toBe('employment');
  });
});

async function collect(chunks: AsyncIterable<Uint8Array>, file: string): Promise<unknown> {
  try {
    for await (const part of arrowRecordBatches(chunks, file, '.')) void part;
    return undefined;
  } catch (err) {
    return err;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
