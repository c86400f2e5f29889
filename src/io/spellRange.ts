/**
 * One byte range of a spell CSV file read into typed columns without the persons: person keys
 * are dictionary-encoded by their bytes (looked up later, when the persons are known), dates
 * parsed, plausibility decided, categories encoded per range. Ranges are what parallel readers
 * hand back; {@link mergeSpellRanges} turns them into the rows the one-thread reader would give.
 *
 * Anything unusual (an error, a quote character, a key that is not ASCII, bytes that are not
 * UTF-8) makes the range ask for a `fallback`: the caller then reads the whole file on one
 * thread, so errors and messages are exactly the one-thread ones.
 */
import { ByteDictionary } from './byteDictionary.js';
import { digitKey } from './digitKeys.js';
import { bytesEqual, dateBytes, isAscii, trimEnd, trimStart } from './csvFields.js';
import { checkHeader } from './csvHeader.js';
import { CsvTokenizer, type CsvRecord, type CsvSink } from './csvTokenizer.js';
import { OPEN_END } from '../core/calendar.js';
import { hasColumn } from './rawTable.js';
import { numericCell } from './spellNumbers.js';
import type { SpellColumnNames } from './spells.js';

/** Row status codes of {@link SpellRangeResult.status}. */
export const RANGE_OK = 0;
export const RANGE_IMPLAUSIBLE_START = 1;
export const RANGE_IMPLAUSIBLE_END = 2;
export const RANGE_END_BEFORE_START = 3;

/** Tag of the messages that carry range tasks and results between threads. */
export const SPELL_RANGE = 'participation-effects:spell-range';

/** Tag of the message a new worker sends once it listens: tasks posted before could be taken by a loader's listener and lost. */
export const SPELL_READY = 'participation-effects:spell-worker-ready';

/** What a range reader needs (plain data: it crosses to a worker thread). */
export interface SpellRangeTask {
  readonly file: string;
  readonly delimiter: string | undefined;
  /** Decimal separator of numeric columns (default from the delimiter, as the one-thread reader). */
  readonly decimal: string | undefined;
  readonly encoding: 'auto' | 'utf-8' | 'windows-1252';
  readonly columns: SpellColumnNames;
  readonly sentinels: readonly string[];
  /** Plausible dates (inclusive day numbers). */
  readonly lo: number;
  readonly hi: number;
}

/** Distinct byte strings: entry `k` is `pool[offsets[k], offsets[k + 1])`. */
export interface ByteEntries {
  readonly size: number;
  readonly pool: Uint8Array;
  readonly offsets: Int32Array;
}

/** The rows of one range as typed columns (plain data with transferable buffers). */
export interface SpellRangeResult {
  /** Why this range cannot be merged (the file is then read on one thread); absent when it can. */
  readonly fallback?: string;
  /** The header line's column names. */
  readonly header: readonly string[];
  readonly delimiter: string;
  /** The encoding the range was read with (category levels are decoded with it). */
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly length: number;
  /** Whether the range ends with empty lines (an error unless it is the file's last range). */
  readonly trailingBlank: boolean;
  /**
   * Person keys as `source 0x01 number` bytes (trimmed), one entry per run of rows with the same
   * key (exports sorted by person repeat a key row after row); `keyCode[i]` is row i's entry.
   */
  readonly keys: ByteEntries;
  readonly keyCode: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** One of the `RANGE_*` codes per row (unknown persons are decided at the merge). */
  readonly status: Uint8Array;
  /**
   * Per category column: codes into this range's levels (-1 = empty), and the levels' bytes; or,
   * when `keyed`, digit keys (every value of the column in the range is one to nine digits, see `digitKey`).
   */
  readonly categories: readonly { readonly codes: Int32Array; readonly levels: ByteEntries; readonly keyed: boolean }[];
  /** Per numeric column of the task: the values when the header has the column. */
  readonly numbers: readonly (Float64Array | undefined)[];
}

/** Thrown inside the sink to stop a range that must fall back. */
class Fallback extends Error {}

const entries = (d: ByteDictionary): ByteEntries => ({ size: d.size, pool: d.pool.slice(0, d.offsets[d.size]!), offsets: d.offsets.slice(0, d.size + 1) });

/** Collects the columns of a range (see {@link SpellRangeResult}). */
class SpellRangeSink implements CsvSink {
  names: readonly string[] = [];
  length = 0;
  private cols = new Int32Array(0);
  private numCols = new Int32Array(0);
  private capacity = 1 << 14;
  keyCode = new Int32Array(this.capacity);
  start = new Int32Array(this.capacity);
  end = new Int32Array(this.capacity);
  status = new Uint8Array(this.capacity);
  codes: Int32Array[] = [];
  numbers: (Float64Array | undefined)[] = [];
  /** Key runs: bytes in `keyPool`, entry k ends at `keyEnds[k + 1]`. */
  keyPool = new Uint8Array(1 << 16);
  keyEnds = new Int32Array(1 << 12);
  keyRuns = 0;
  readonly dicts: ByteDictionary[];
  /** Per category column: whether its values so far were all digits, kept as digit keys. */
  readonly keyed: boolean[];
  private readonly sentinels: Uint8Array[];

  constructor(private readonly task: SpellRangeTask) {
    this.sentinels = task.sentinels.map((s) => new TextEncoder().encode(s));
    this.dicts = task.columns.categories.map(() => new ByteDictionary());
    this.keyed = task.columns.categories.map(() => true);
  }

  header(names: readonly string[]): void {
    const c = this.task.columns;
    this.names = names;
    this.cols = Int32Array.from(checkHeader(this.task.file, names, [c.rinpersoons, c.rinpersoon, c.start, c.end, ...c.categories]));
    this.numCols = Int32Array.from((c.numbers ?? []).map((n) => (hasColumn(names, n.name) ? checkHeader(this.task.file, names, [n.name])[0]! : -1)));
    this.codes = c.categories.map(() => new Int32Array(this.capacity));
    this.numbers = Array.from(this.numCols, (k) => (k < 0 ? undefined : new Float64Array(this.capacity)));
  }

  record(rec: CsvRecord, row: number): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    const cols = this.cols;
    const sk = cols[0]!, nk = cols[1]!, ak = cols[2]!, bk = cols[3]!;
    const sb = rec.bufs[sk]!, nb = rec.bufs[nk]!, ab = rec.bufs[ak]!, bb = rec.bufs[bk]!;
    const s0 = trimStart(sb, rec.starts[sk]!, rec.ends[sk]!), s1 = trimEnd(sb, s0, rec.ends[sk]!);
    const n0 = trimStart(nb, rec.starts[nk]!, rec.ends[nk]!), n1 = trimEnd(nb, n0, rec.ends[nk]!);
    if (s0 === s1 || n0 === n1 || !isAscii(sb, s0, s1) || !isAscii(nb, n0, n1)) throw new Fallback('an empty key or one that is not ASCII');
    this.keyCode[i] = this.keyOf(sb, s0, s1, nb, n0, n1);
    const a0 = trimStart(ab, rec.starts[ak]!, rec.ends[ak]!), a1 = trimEnd(ab, a0, rec.ends[ak]!);
    const first = dateBytes(ab, a0, a1);
    const b0 = trimStart(bb, rec.starts[bk]!, rec.ends[bk]!), b1 = trimEnd(bb, b0, rec.ends[bk]!);
    let last = NaN;
    for (const sentinel of this.sentinels) if (bytesEqual(bb, b0, b1, sentinel)) last = OPEN_END;
    if (last !== last) last = dateBytes(bb, b0, b1);
    if (first !== first || last !== last) throw new Fallback('a date that is not a date');
    this.start[i] = first;
    this.end[i] = last;
    const { lo, hi } = this.task;
    this.status[i] = first < lo || first > hi ? RANGE_IMPLAUSIBLE_START : last !== OPEN_END && (last < lo || last > hi) ? RANGE_IMPLAUSIBLE_END : last < first ? RANGE_END_BEFORE_START : RANGE_OK;
    for (let c = 0; c < this.dicts.length; c++) {
      const col = cols[4 + c]!;
      const buf = rec.bufs[col]!;
      const c0 = trimStart(buf, rec.starts[col]!, rec.ends[col]!), c1 = trimEnd(buf, c0, rec.ends[col]!);
      if (c0 === c1) {
        this.codes[c]![i] = -1;
        continue;
      }
      const key = this.keyed[c] ? digitKey(buf, c0, c1) : -1;
      if (key >= 0) {
        this.codes[c]![i] = key;
        continue;
      }
      if (this.keyed[c]) this.unkey(c, i);
      const dict = this.dicts[c]!;
      // New levels are checked against the encoding (bytes that are not UTF-8 make the range fall back).
      if (!dict.onNew) dict.onNew = (b, x, y) => rec.checkEncoding(b, x, y);
      this.codes[c]![i] = dict.code(buf, c0, c1);
    }
    for (let c = 0; c < this.numCols.length; c++) {
      const col = this.numCols[c]!;
      if (col < 0) continue;
      const decimal = this.task.decimal ?? (rec.delimiter === ';' ? ',' : '.');
      this.numbers[c]![i] = numericCell(rec.text(col).trim(), decimal, this.task.file, row, '');
    }
  }

  /** The first value of column `c` that is not digits, at row `i`: the digit keys before it become dictionary codes. */
  private unkey(c: number, i: number): void {
    this.keyed[c] = false;
    const codes = this.codes[c]!;
    const dict = this.dicts[c]!;
    for (let k = 0; k < i; k++) if (codes[k]! >= 0) codes[k] = dict.codeKey(codes[k]!);
  }

  /** Entry of the key `source 0x01 number`: the previous row's when equal, else a new run. */
  private keyOf(sb: Uint8Array, s0: number, s1: number, nb: Uint8Array, n0: number, n1: number): number {
    const total = s1 - s0 + 1 + n1 - n0;
    const runs = this.keyRuns;
    const from = this.keyEnds[runs]!;
    let pool = this.keyPool;
    if (runs > 0 && total === from - this.keyEnds[runs - 1]!) {
      let at = from - total;
      let same = true;
      for (let j = s0; j < s1 && same; j++) same = pool[at++] === sb[j];
      at++;
      for (let j = n0; j < n1 && same; j++) same = pool[at++] === nb[j];
      if (same) return runs - 1;
    }
    if (from + total > pool.length) {
      this.keyPool = new Uint8Array(Math.max(pool.length * 2, from + total));
      this.keyPool.set(pool.subarray(0, from));
      pool = this.keyPool;
    }
    if (runs + 2 > this.keyEnds.length) {
      const ends = new Int32Array(this.keyEnds.length * 2);
      ends.set(this.keyEnds);
      this.keyEnds = ends;
    }
    let at = from;
    for (let j = s0; j < s1; j++) pool[at++] = sb[j]!;
    pool[at++] = 1;
    for (let j = n0; j < n1; j++) pool[at++] = nb[j]!;
    this.keyEnds[runs + 1] = at;
    this.keyRuns = runs + 1;
    return runs;
  }

  /** Room for `rows` rows in all (one allocation when the range's row count can be estimated). */
  reserve(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  private grow(to = this.capacity * 2): void {
    const n = to;
    const int = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.keyCode = int(this.keyCode);
    this.start = int(this.start);
    this.end = int(this.end);
    const s = new Uint8Array(n);
    s.set(this.status);
    this.status = s;
    this.codes = this.codes.map(int);
    this.numbers = this.numbers.map((a) => {
      if (!a) return a;
      const b = new Float64Array(n);
      b.set(a);
      return b;
    });
    this.capacity = n;
  }
}

const EMPTY: ByteEntries = { size: 0, pool: new Uint8Array(0), offsets: new Int32Array(1) };

/** A result that asks for the one-thread read. */
function fallbackResult(reason: string): SpellRangeResult {
  return { fallback: reason, header: [], delimiter: '', encoding: 'utf-8', length: 0, trailingBlank: false, keys: EMPTY, keyCode: new Int32Array(0), start: new Int32Array(0), end: new Int32Array(0), status: new Uint8Array(0), categories: [], numbers: [] };
}

/**
 * Read one range: `header` is the file's header line (with its line end), `chunks` the range's
 * bytes, which start at a record boundary; `size`, when known, their length (to allocate the
 * columns once). Never throws for bad data: it returns a fallback result.
 *
 * @example
 * const enc = new TextEncoder();
 * const task = { file: 'e.csv', delimiter: undefined, decimal: undefined, encoding: 'auto' as const, lo: -7305, hi: 47846, sentinels: ['99991231'],
 *   columns: { rinpersoons: 'RINPERSOONS', rinpersoon: 'RINPERSOON', start: 'AANVBUS', end: 'EINDBUS', categories: ['SBEID'] } };
 * const r = await readSpellRange(task, enc.encode('RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS\n'), [enc.encode('R;000000001;E1;20190101;99991231\nR;000000001;E2;20200101;20191231\n')]);
 * [r.length, r.keys.size, Array.from(r.status), Array.from(r.categories[0]!.codes)]; // [2, 1, [0, 3], [0, 1]]
 */
export async function readSpellRange(task: SpellRangeTask, header: Uint8Array, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, size?: number): Promise<SpellRangeResult> {
  const sink = new SpellRangeSink(task);
  const tokenizer = new CsvTokenizer(task.file, { delimiter: task.delimiter, encoding: task.encoding, onWindows1252: () => { throw new Fallback('bytes that are not UTF-8'); } }, sink);
  try {
    if (header.indexOf(34) >= 0) return fallbackResult('a quote character');
    tokenizer.push(header);
    let read = 0;
    let reserved = size === undefined;
    for await (const chunk of chunks) {
      // A quote could hide a line end: a range boundary is a record boundary only without quotes.
      if (chunk.indexOf(34) >= 0) return fallbackResult('a quote character');
      tokenizer.push(chunk);
      read += chunk.length;
      // Once some rows are in, room for the rows the range's size suggests (2 % extra), allocated once.
      if (!reserved && sink.length >= 4096) {
        reserved = true;
        sink.reserve(Math.ceil((sink.length * size! * 1.02) / read));
      }
    }
    tokenizer.end();
  } catch (err) {
    return fallbackResult(err instanceof Error ? err.message : String(err));
  }
  const n = sink.length;
  // Columns filled to near their size are handed over as they are (their buffers transferred), not copied.
  const cut = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => (a.length <= n * 1.25 ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
  return {
    header: sink.names,
    delimiter: tokenizer.delimiter,
    encoding: tokenizer.encoding,
    length: n,
    trailingBlank: tokenizer.pendingBlank,
    keys: { size: sink.keyRuns, pool: sink.keyPool.slice(0, sink.keyEnds[sink.keyRuns]!), offsets: sink.keyEnds.slice(0, sink.keyRuns + 1) },
    keyCode: cut(sink.keyCode),
    start: cut(sink.start),
    end: cut(sink.end),
    status: cut(sink.status),
    categories: sink.dicts.map((d, c) => ({ codes: cut(sink.codes[c]!), levels: entries(d), keyed: sink.keyed[c]! })),
    numbers: sink.numbers.map((a) => a && cut(a)),
  };
}

/** The buffers of a result, to transfer instead of copying. */
export function rangeBuffers(r: SpellRangeResult): ArrayBuffer[] {
  const arrays: (ArrayBufferView | undefined)[] = [r.keys.pool, r.keys.offsets, r.keyCode, r.start, r.end, r.status, ...r.categories.flatMap((c) => [c.codes, c.levels.pool, c.levels.offsets]), ...r.numbers];
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) out.add(a.buffer);
  return [...out];
}
