/** The persons CSV → a {@link RawTable} of text columns (persons are few next to spells; their keys are kept as text anyway). */
import type { CsvRecord, CsvSink } from './csvTokenizer.js';
import { checkHeader } from './csvHeader.js';
import type { RawTable } from './rawTable.js';

/** Collects the fields of a persons file as strings, exactly as stored (trimming happens later). */
export class CsvPersonsSink implements CsvSink {
  names: readonly string[] = [];
  columns: string[][] = [];

  constructor(private readonly file: string) {}

  header(names: readonly string[]): void {
    checkHeader(this.file, names, []);
    this.names = names;
    this.columns = names.map(() => []);
  }

  record(rec: CsvRecord): void {
    for (let k = 0; k < rec.count; k++) this.columns[k]!.push(rec.text(k));
  }

  /** The file as a raw table; `decimal` is the decimal separator of its numbers. */
  table(decimal: string): RawTable {
    const byName = new Map(this.names.map((n, k) => [n, this.columns[k]!]));
    return { file: this.file, columnNames: this.names, length: this.columns[0]?.length ?? 0, decimal, column: (name) => byName.get(name) ?? [] };
  }
}
