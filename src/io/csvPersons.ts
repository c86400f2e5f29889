/**
 * The persons CSV → a {@link RawTable} of text columns. Every column but the person number is
 * dictionary-encoded as it streams, so each distinct value is decoded to a string once and rows
 * share it; person numbers (unique per row) are kept as bytes and become the byte-level
 * {@link PersonKeys} when every key is ASCII.
 */
import { ByteDictionary } from './byteDictionary.js';
import type { CsvRecord, CsvSink } from './csvTokenizer.js';
import { checkHeader } from './csvHeader.js';
import { decodeBytes } from './encoding.js';
import { personKeysFromBytes } from './personKeys.js';
import { findColumn, type RawTable } from './rawTable.js';

/** Collects the fields of a persons file, exactly as stored (trimming happens later). */
export class CsvPersonsSink implements CsvSink {
  names: readonly string[] = [];
  private dicts: ByteDictionary[] = [];
  private codes: Int32Array[] = [];
  private length = 0;
  /** Columns of the source code and person number (-1 when missing: the loader reports that). */
  private sourceCol = -1;
  private numberCol = -1;
  private numberPool = new Uint8Array(1 << 16);
  private numberEnds = new Int32Array(1024);

  constructor(
    private readonly file: string,
    private readonly keyColumns: { readonly rinpersoons: string; readonly rinpersoon: string },
  ) {}

  header(names: readonly string[]): void {
    checkHeader(this.file, names, []);
    this.names = names;
    const position = (name: string) => {
      try {
        return names.indexOf(findColumn({ file: this.file, columnNames: names }, name));
      } catch {
        return -1;
      }
    };
    this.sourceCol = position(this.keyColumns.rinpersoons);
    this.numberCol = this.sourceCol < 0 ? -1 : position(this.keyColumns.rinpersoon);
    this.dicts = names.map(() => new ByteDictionary());
    this.codes = names.map(() => new Int32Array(1024));
  }

  record(rec: CsvRecord): void {
    const i = this.length++;
    if (i === this.numberEnds.length) this.grow();
    for (let k = 0; k < rec.count; k++) {
      const buf = rec.bufs[k]!;
      const from = rec.starts[k]!;
      const to = rec.ends[k]!;
      if (k === this.numberCol) {
        this.keepNumber(i, buf, from, to, rec);
        continue;
      }
      const dict = this.dicts[k]!;
      if (!dict.onNew) dict.onNew = (b, x, y) => rec.checkEncoding(b, x, y);
      this.codes[k]![i] = dict.code(buf, from, to);
    }
  }

  private keepNumber(i: number, buf: Uint8Array, from: number, to: number, rec: CsvRecord): void {
    const at = i === 0 ? 0 : this.numberEnds[i - 1]!;
    if (at + to - from > this.numberPool.length) {
      let n = this.numberPool.length * 2;
      while (n < at + to - from) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.numberPool.subarray(0, at));
      this.numberPool = next;
    }
    const pool = this.numberPool;
    let high = 0;
    for (let j = from, o = at; j < to; j++, o++) high |= pool[o] = buf[j]!;
    if (high >= 0x80) rec.checkEncoding(buf, from, to);
    this.numberEnds[i] = at + to - from;
  }

  private grow(): void {
    const size = this.numberEnds.length * 2;
    this.codes = this.codes.map((c) => {
      const next = new Int32Array(size);
      next.set(c);
      return next;
    });
    const ends = new Int32Array(size);
    ends.set(this.numberEnds);
    this.numberEnds = ends;
  }

  /** The file as a raw table; `decimal` is the decimal separator of its numbers. */
  table(decimal: string, encoding: 'utf-8' | 'windows-1252'): RawTable {
    const n = this.length;
    const pool = this.numberPool;
    const ends = this.numberEnds;
    const keys =
      this.numberCol < 0
        ? undefined
        : personKeysFromBytes({ codes: this.codes[this.sourceCol]!, bytes: (c) => this.dicts[this.sourceCol]!.bytes(c) }, { pool, ends }, n, encoding);
    // Every column but the person number as codes into its distinct values, decoded once each.
    const coded = new Map<string, { codes: Int32Array; levels: string[] }>();
    this.names.forEach((name, k) => {
      if (k === this.numberCol) return;
      const dict = this.dicts[k]!;
      const levels: string[] = [];
      for (let c = 0; c < dict.size; c++) {
        const b = dict.bytes(c);
        levels.push(decodeBytes(b, 0, b.length, encoding));
      }
      coded.set(name, { codes: this.codes[k]!.subarray(0, n), levels });
    });
    const numberName = this.numberCol < 0 ? undefined : this.names[this.numberCol]!;
    // Text columns only when asked for (the loader reads coded columns; several persons files, or
    // keys that are not ASCII, need text).
    const columns = new Map<string, string[]>();
    const column = (name: string): string[] => {
      let values = columns.get(name);
      if (values) return values;
      values = new Array<string>(n);
      const c = coded.get(name);
      if (c) for (let i = 0; i < n; i++) values[i] = c.levels[c.codes[i]!]!;
      else if (name === numberName) for (let i = 0; i < n; i++) values[i] = decodeBytes(pool, i === 0 ? 0 : ends[i - 1]!, ends[i]!, encoding);
      else return [];
      columns.set(name, values);
      return values;
    };
    this.codes = [];
    this.dicts = [];
    return {
      file: this.file,
      columnNames: this.names,
      length: n,
      decimal,
      column,
      coded: (name) => coded.get(name),
      ...(keys ? { keys } : {}),
    };
  }
}
