/**
 * A byte-level CSV tokenizer fed chunk by chunk: records are cut into fields without decoding
 * them to strings (consumers parse dates and look up keys in the bytes; only text that is kept
 * is decoded). Quotes as in RFC 4180 (a quote opens a quoted field only at the start of a field,
 * `""` inside is a quote), LF, CRLF and CR line ends, every record checked against the header's
 * field count; blank lines at the end are ignored.
 */
import { detectDelimiter } from './csv.js';
import { decodeBytes, invalidUtf8 } from './encoding.js';
import { DataError } from '../core/errors.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The fields of one record: field `k` is `bufs[k][starts[k], ends[k])`. Valid only during the callback. */
export class CsvRecord {
  bufs: Uint8Array[] = [];
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;
  constructor(private readonly tokenizer: CsvTokenizer) {}

  /** The delimiter of the file (known once the header line has been read). */
  get delimiter(): string {
    return this.tokenizer.delimiter;
  }

  /** The encoding text is decoded with. */
  get encoding(): 'utf-8' | 'windows-1252' {
    return this.tokenizer.encoding;
  }

  /** Text of field `k` as stored (untrimmed), decoded with the file's encoding. */
  text(k: number): string {
    return this.tokenizer.decode(this.bufs[k]!, this.starts[k]!, this.ends[k]!);
  }

  /** Check bytes that will be decoded later (new dictionary entries) against the encoding. */
  checkEncoding(buf: Uint8Array, from: number, to: number): void {
    this.tokenizer.checkEncoding(buf, from, to);
  }
}

/** What a tokenizer reports to. */
export interface CsvSink {
  header(names: readonly string[]): void;
  /** One data record; `row` is its 1-based data row in the file (the header is row 0). */
  record(record: CsvRecord, row: number): void;
}

/** Options of a {@link CsvTokenizer}. */
export interface CsvTokenizerOptions {
  readonly delimiter?: string | undefined;
  /** `'utf-8'` strictly (invalid bytes are an error), `'windows-1252'`, or `'auto'` (UTF-8 until proven otherwise). */
  readonly encoding: 'auto' | 'utf-8' | 'windows-1252';
  /** Called once when `'auto'` meets bytes that are not UTF-8, with the row they are on. */
  readonly onWindows1252?: (row: number) => void;
}

/**
 * Tokenizes one file. `push` chunks, then `end()`; records go to the sink as they complete.
 *
 * @example
 * const rows: string[][] = [];
 * const t = new CsvTokenizer('x.csv', { encoding: 'auto' }, {
 *   header: (names) => rows.push([...names]),
 *   record: (r) => rows.push(Array.from({ length: r.count }, (_, k) => r.text(k))),
 * });
 * const bytes = new TextEncoder().encode('a;b\r\n1;"x;""y"""\r2;\n');
 * t.push(bytes.subarray(0, 7));
 * t.push(bytes.subarray(7));
 * t.end();
 * rows; // [['a', 'b'], ['1', 'x;"y"'], ['2', '']]
 */
export class CsvTokenizer {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  private minNext = 0;
  private delim = -1;
  private expected = -1;
  private row = 0;
  private skipLF = false;
  private blankRow = -1;
  private scratch = new Uint8Array(256);
  private readonly rec: CsvRecord;
  /** The encoding text is decoded with; switches from UTF-8 to Windows-1252 under `'auto'`. */
  encoding: 'utf-8' | 'windows-1252';
  /** The delimiter in use (known once the header line has been read). */
  delimiter = '';

  constructor(
    readonly file: string,
    private readonly options: CsvTokenizerOptions,
    private readonly sink: CsvSink,
  ) {
    this.encoding = options.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
    this.rec = new CsvRecord(this);
  }

  /** Data records read so far (blank lines excluded). */
  rows = 0;

  /** 1-based data row of the record being handed to the sink (0 while reading the header). */
  private current = 0;

  /** Whether the data read so far ends with empty lines (ignored at the end of a file, an error before a record). */
  get pendingBlank(): boolean {
    return this.blankRow >= 0;
  }

  /** Whether a header line has been read. */
  get hasHeader(): boolean {
    return this.expected >= 0;
  }

  decode(buf: Uint8Array, from: number, to: number): string {
    this.checkEncoding(buf, from, to);
    return decodeBytes(buf, from, to, this.encoding);
  }

  checkEncoding(buf: Uint8Array, from: number, to: number): void {
    if (this.encoding !== 'utf-8') return;
    let high = false;
    for (let i = from; i < to; i++) if (buf[i]! >= 0x80) high = true;
    if (!high) return;
    const bad = invalidUtf8(buf, from, to);
    if (bad < 0) return;
    if (this.options.encoding === 'utf-8') {
      const hex = Array.from(buf.subarray(bad, Math.min(to, bad + 4)), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new DataError({ file: this.file, row: this.current, value: `bytes ${hex}`, expected: 'valid UTF-8 (options.encoding is "utf-8"; pass "windows-1252" for exports from Windows programs)' });
    }
    this.encoding = 'windows-1252';
    this.options.onWindows1252?.(this.current);
  }

  push(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.buf.length) {
      let size = this.buf.length;
      while (size < this.len + chunk.length) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    // A record longer than what is buffered is re-scanned only once the buffer has doubled.
    if (this.len >= this.minNext) this.process(false);
  }

  end(): void {
    this.process(true);
    if (this.expected < 0) throw new DataError({ file: this.file, expected: 'a header line with column names (the file is empty)' });
  }

  private process(final: boolean): void {
    let start = 0;
    if (this.skipLF && this.len > 0) {
      if (this.buf[0] === LF) start = 1;
      this.skipLF = false;
    }
    if (this.delim < 0 && !this.findDelimiter(start, final)) {
      this.keep(start);
      return;
    }
    const consumed = this.records(start, final);
    this.keep(consumed);
  }

  /** Leftover bytes from `from` move to the front of the buffer. */
  private keep(from: number): void {
    this.buf.copyWithin(0, from, this.len);
    this.len -= from;
    this.minNext = this.len * 2;
  }

  private findDelimiter(start: number, final: boolean): boolean {
    let end = start;
    while (end < this.len && this.buf[end] !== LF && this.buf[end] !== CR) end++;
    if (end === this.len && !final) return false;
    if (end === start && this.len === start) return false; // nothing at all
    const line = this.decode(this.buf, start, end);
    this.delimiter = this.options.delimiter ?? detectDelimiter(line);
    this.delim = this.delimiter.charCodeAt(0);
    return true;
  }

  /** Tokenize complete records from `start`; returns where the first incomplete record begins. */
  private records(start: number, final: boolean): number {
    const buf = this.buf;
    const len = this.len;
    const delim = this.delim;
    const rec = this.rec;
    let i = start;
    while (i < len) {
      const recStart = i;
      let nf = 0;
      let sw = 0; // scratch write position, per record
      let done = false;
      for (;;) {
        if (nf === rec.starts.length) this.growFields();
        let j: number;
        if (i < len && buf[i] === QUOTE) {
          // Quoted field: copy its unescaped content to the scratch buffer.
          const at = sw;
          j = i + 1;
          let closed = false;
          while (j < len) {
            const c = buf[j]!;
            if (c === QUOTE) {
              if (j + 1 < len && buf[j + 1] === QUOTE) {
                sw = this.put(sw, QUOTE);
                j += 2;
                continue;
              }
              if (j + 1 >= len && !final) break; // cannot tell `"` from `""` yet
              closed = true;
              j++;
              break;
            }
            sw = this.put(sw, c);
            j++;
          }
          if (!closed) {
            if (!final) return recStart;
            throw new DataError({ file: this.file, row: this.row, expected: 'a closing quote (") before the end of the file' });
          }
          while (j < len) {
            const c = buf[j]!;
            if (c === delim || c === LF || c === CR) break;
            sw = this.put(sw, c);
            j++;
          }
          rec.bufs[nf] = this.scratch;
          rec.starts[nf] = at;
          rec.ends[nf] = sw;
        } else {
          j = i;
          while (j < len) {
            const c = buf[j]!;
            if (c === delim || c === LF || c === CR) break;
            j++;
          }
          rec.bufs[nf] = buf;
          rec.starts[nf] = i;
          rec.ends[nf] = j;
        }
        if (j >= len && !final) return recStart;
        nf++;
        if (j < len && buf[j] === delim) {
          i = j + 1;
          continue;
        }
        // End of the record: j is at CR, LF or the end of the data.
        if (j >= len) i = len;
        else if (buf[j] === CR) {
          if (j + 1 < len) i = buf[j + 1] === LF ? j + 2 : j + 1;
          else {
            i = j + 1;
            this.skipLF = !final;
          }
        } else i = j + 1;
        rec.count = nf;
        this.emit(recStart, nf === 1 && rec.bufs[0] === buf && rec.ends[0] === recStart);
        done = true;
        break;
      }
      if (!done) return recStart;
    }
    return i;
  }

  private put(at: number, byte: number): number {
    if (at === this.scratch.length) {
      const next = new Uint8Array(this.scratch.length * 2);
      next.set(this.scratch);
      this.scratch = next; // earlier fields of this record keep pointing at the old copy
    }
    this.scratch[at] = byte;
    return at + 1;
  }

  private growFields(): void {
    const n = this.rec.starts.length * 2;
    const s = new Int32Array(n);
    const e = new Int32Array(n);
    s.set(this.rec.starts);
    e.set(this.rec.ends);
    this.rec.starts = s;
    this.rec.ends = e;
  }

  private emit(recStart: number, blank: boolean): void {
    const rec = this.rec;
    if (this.expected < 0) {
      if (blank) throw new DataError({ file: this.file, row: 0, expected: 'a header line with column names; the file starts with an empty line' });
      this.expected = rec.count;
      const names: string[] = [];
      for (let k = 0; k < rec.count; k++) names.push(rec.text(k));
      this.row = 1;
      this.sink.header(names);
      return;
    }
    const row = this.row++;
    this.current = row;
    if (blank) {
      // An empty line is an error unless only empty lines follow it.
      if (this.blankRow < 0) this.blankRow = row;
      return;
    }
    if (this.blankRow >= 0) this.countError(this.blankRow, '', 1);
    if (rec.count !== this.expected) {
      const last = rec.count - 1;
      const lineEnd = rec.bufs[last] === this.buf ? rec.ends[last]! : this.lineEnd(recStart);
      this.countError(row, this.decode(this.buf, recStart, lineEnd), rec.count);
    }
    this.rows++;
    this.sink.record(rec, row);
  }

  /** End of the record starting at `from` in the raw buffer (for messages only; honours quotes). */
  private lineEnd(from: number): number {
    let quoted = false;
    let i = from;
    for (; i < this.len; i++) {
      const c = this.buf[i]!;
      if (c === QUOTE) quoted = !quoted;
      else if (!quoted && (c === LF || c === CR)) break;
    }
    return i;
  }

  private countError(row: number, line: string, fields: number): never {
    throw new DataError({
      file: this.file,
      row,
      value: line.length > 200 ? `${line.slice(0, 200)}…` : line,
      expected: `${this.expected} fields separated by ${JSON.stringify(this.delimiter)}, as in the header line; got ${line === '' ? 'an empty line' : `${fields} field${fields === 1 ? '' : 's'}`}`,
    });
  }
}
