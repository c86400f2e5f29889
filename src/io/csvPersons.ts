/**
 * The persons CSV → a {@link RawTable} of text columns. Every column is dictionary-encoded as it
 * streams, so each distinct value is decoded to a string once and rows share it.
 */
import { ByteDictionary } from './byteDictionary.js';
import type { CsvRecord, CsvSink } from './csvTokenizer.js';
import { checkHeader } from './csvHeader.js';
import { decodeBytes } from './encoding.js';
import type { RawTable } from './rawTable.js';

/** Collects the fields of a persons file, exactly as stored (trimming happens later). */
export class CsvPersonsSink implements CsvSink {
  names: readonly string[] = [];
  private dicts: ByteDictionary[] = [];
  private codes: Int32Array[] = [];
  private length = 0;

  constructor(private readonly file: string) {}

  header(names: readonly string[]): void {
    checkHeader(this.file, names, []);
    this.names = names;
    this.dicts = names.map(() => new ByteDictionary());
    this.codes = names.map(() => new Int32Array(1024));
  }

  record(rec: CsvRecord): void {
    const i = this.length++;
    if (i === this.codes[0]!.length) {
      this.codes = this.codes.map((c) => {
        const next = new Int32Array(c.length * 2);
        next.set(c);
        return next;
      });
    }
    for (let k = 0; k < rec.count; k++) {
      const dict = this.dicts[k]!;
      if (!dict.onNew) dict.onNew = (b, x, y) => rec.checkEncoding(b, x, y);
      this.codes[k]![i] = dict.code(rec.bufs[k]!, rec.starts[k]!, rec.ends[k]!);
    }
  }

  /** The file as a raw table; `decimal` is the decimal separator of its numbers. */
  table(decimal: string, encoding: 'utf-8' | 'windows-1252'): RawTable {
    const n = this.length;
    const columns = new Map<string, string[]>();
    this.names.forEach((name, k) => {
      const dict = this.dicts[k]!;
      const levels: string[] = [];
      for (let c = 0; c < dict.size; c++) {
        const b = dict.bytes(c);
        levels.push(decodeBytes(b, 0, b.length, encoding));
      }
      const codes = this.codes[k]!;
      const values = new Array<string>(n);
      for (let i = 0; i < n; i++) values[i] = levels[codes[i]!]!;
      columns.set(name, values);
    });
    this.codes = [];
    this.dicts = [];
    return { file: this.file, columnNames: this.names, length: n, decimal, column: (name) => columns.get(name) ?? [] };
  }
}
