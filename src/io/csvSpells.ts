/**
 * Spell rows straight from CSV bytes: person keys looked up in a byte hash index, dates parsed
 * from the bytes, categories dictionary-encoded per file and mapped to the shared dictionaries
 * when the file ends. Same checks, errors and quality entries as {@link addRawSpells}.
 */
import { ByteDictionary, type PersonKeyIndex } from './byteDictionary.js';
import { bytesEqual, dateBytes, isAscii, trimEnd, trimStart } from './csvFields.js';
import type { CsvRecord, CsvSink } from './csvTokenizer.js';
import { OPEN_END } from '../core/calendar.js';
import { DataError } from '../core/errors.js';
import { checkHeader } from './csvHeader.js';
import { personKey } from './persons.js';
import type { QualityLog } from './qualityLog.js';
import { decodeBytes } from './encoding.js';
import { digitKey } from './digitKeys.js';
import { implausible, plausibleText, type SpellChecks, type SpellColumnNames, type SpellTable } from './spells.js';
import { numericCell, presentNumbers } from './spellNumbers.js';
import type { SpellRows } from './spellRows.js';

/** How spell keys find their person. */
export interface PersonLookup {
  /** ASCII keys by bytes. */
  readonly bytes: PersonKeyIndex;
  /** Every key, by {@link personKey} text. */
  readonly map: ReadonlyMap<string, number>;
  /** Person of a key given as text (ASCII keys through the byte index, others through the map), or `undefined`. */
  personOf(source: string, number: string): number | undefined;
}

/** Reads the records of one spell CSV file into {@link SpellRows}. */
export class CsvSpellSink implements CsvSink {
  private cols = new Int32Array(0);
  private names: string[] = [];
  private dicts: ByteDictionary[] = [];
  /** Header position and name of each numeric column, or -1 when it is left out. */
  private numCols = new Int32Array(0);
  private numNames: string[] = [];
  private first = 0;
  private lastKey = new Uint8Array(64);
  private lastSource = -1;
  private lastLength = -1;
  private lastPerson = -1;
  private readonly sentinelBytes: Uint8Array[];
  private readonly sentinelList: string;
  /** Mapped names of the start and end columns as found in the file. */
  startColumn = '';
  endColumn = '';

  constructor(
    private readonly rows: SpellRows,
    private readonly file: string,
    private readonly table: SpellTable,
    private readonly columns: SpellColumnNames,
    private readonly persons: PersonLookup,
    private readonly checks: SpellChecks,
    private readonly log: QualityLog,
    /** Decimal separator of numeric columns; default `,` when the delimiter is `;`, else `.`. */
    private readonly decimal?: string,
  ) {
    this.sentinelBytes = [...checks.sentinels].map((s) => new TextEncoder().encode(s));
    this.sentinelList = [...checks.sentinels].map((x) => JSON.stringify(x)).join(', ');
  }

  header(names: readonly string[]): void {
    const c = this.columns;
    const found = checkHeader(this.file, names, [c.rinpersoons, c.rinpersoon, c.start, c.end, ...c.categories]);
    this.names = found.map((k) => names[k]!);
    this.cols = Int32Array.from(found);
    this.startColumn = this.names[2]!;
    this.endColumn = this.names[3]!;
    this.dicts = c.categories.map(() => new ByteDictionary());
    const numbers = presentNumbers(this.rows, this.file, names, c.numbers ?? []);
    const at = numbers.map((n) => (n === undefined ? -1 : checkHeader(this.file, names, [n])[0]!));
    this.numCols = Int32Array.from(at);
    this.numNames = at.map((k) => (k < 0 ? '' : names[k]!));
    this.first = this.rows.length;
    this.rows.beginFile(this.file);
  }

  record(rec: CsvRecord, row: number): void {
    const cols = this.cols;
    const sk = cols[0]!, nk = cols[1]!, ak = cols[2]!, bk = cols[3]!;
    const sb = rec.bufs[sk]!, nb = rec.bufs[nk]!, ab = rec.bufs[ak]!, bb = rec.bufs[bk]!;
    const s0 = trimStart(sb, rec.starts[sk]!, rec.ends[sk]!), s1 = trimEnd(sb, s0, rec.ends[sk]!);
    if (s0 === s1) throw new DataError({ file: this.file, row, column: this.names[0], value: rec.text(sk), expected: 'a non-empty RINPERSOONS (person source code)' });
    const n0 = trimStart(nb, rec.starts[nk]!, rec.ends[nk]!), n1 = trimEnd(nb, n0, rec.ends[nk]!);
    if (n0 === n1) throw new DataError({ file: this.file, row, column: this.names[1], value: rec.text(nk), expected: 'a non-empty RINPERSOON (person number)' });
    let p: number;
    if (this.sameKey(sb, s0, s1, nb, n0, n1)) p = this.lastPerson;
    else if (isAscii(sb, s0, s1) && isAscii(nb, n0, n1)) p = this.remember(sb, s0, s1, nb, n0, n1, this.persons.bytes.get(sb, s0, s1, nb, n0, n1));
    else p = this.persons.map.get(personKey(rec.text(sk).trim(), rec.text(nk).trim())) ?? -1;

    const a0 = trimStart(ab, rec.starts[ak]!, rec.ends[ak]!), a1 = trimEnd(ab, a0, rec.ends[ak]!);
    const first = dateBytes(ab, a0, a1);
    if (first !== first) throw new DataError({ file: this.file, row, column: this.names[2], value: rec.text(ak), expected: 'a start date YYYYMMDD (or YYYY-MM-DD)' });
    const b0 = trimStart(bb, rec.starts[bk]!, rec.ends[bk]!), b1 = trimEnd(bb, b0, rec.ends[bk]!);
    let last = NaN;
    for (const sentinel of this.sentinelBytes) if (bytesEqual(bb, b0, b1, sentinel)) last = OPEN_END;
    if (last !== last) last = dateBytes(bb, b0, b1);
    if (last !== last) throw new DataError({ file: this.file, row, column: this.names[3], value: rec.text(bk), expected: `an end date YYYYMMDD (or YYYY-MM-DD), or an open-end sentinel (${this.sentinelList})` });

    const index = this.rows.length;
    let ok = true;
    if (p < 0) {
      const number = decodeBytes(nb, n0, n1, rec.encoding);
      const source = decodeBytes(sb, s0, s1, rec.encoding);
      this.log.exclude(this.table, 'unknown-person', index + 1, () => ({ file: this.file, row, column: this.names[1], value: number, expected: `a person key (${source}, ${number}) present in the persons input` }));
      ok = false;
    } else if (implausible(first, last, this.checks)) {
      const bad = first < this.checks.lo || first > this.checks.hi ? ak : bk;
      this.log.exclude(this.table, 'implausible-date', index + 1, () => ({ file: this.file, row, column: this.names[bad === ak ? 2 : 3], value: rec.text(bad).trim(), expected: plausibleText(this.checks) }));
      ok = false;
    } else if (last < first) {
      this.log.exclude(this.table, 'end-before-start', index + 1, () => ({ file: this.file, row, column: this.names[3], value: rec.text(bk), expected: `an end date not before the start date ${decodeBytes(ab, a0, a1, rec.encoding)}` }));
      ok = false;
    }
    const k = this.rows.add(p, first, last, ok);
    for (let c = 0; c < this.dicts.length; c++) {
      const col = cols[4 + c]!;
      const buf = rec.bufs[col]!;
      const c0 = trimStart(buf, rec.starts[col]!, rec.ends[col]!), c1 = trimEnd(buf, c0, rec.ends[col]!);
      if (c0 === c1) this.rows.categories[c]![k] = -1;
      else {
        const key = this.rows.keyed[c] ? digitKey(buf, c0, c1) : -1;
        if (key >= 0) this.rows.categories[c]![k] = key;
        else {
          if (this.rows.keyed[c]) this.unkey(c, k);
          const dict = this.dicts[c]!;
          if (!dict.onNew) dict.onNew = (b, x, y) => rec.checkEncoding(b, x, y);
          this.rows.categories[c]![k] = dict.code(buf, c0, c1);
        }
      }
    }
    for (let c = 0; c < this.numCols.length; c++) {
      const col = this.numCols[c]!;
      if (col < 0) continue;
      const decimal = this.decimal ?? (rec.delimiter === ';' ? ',' : '.');
      this.rows.numbers[c]![k] = numericCell(rec.text(col).trim(), decimal, this.file, row, this.numNames[c]!);
    }
  }

  /**
   * The first value of column `c` that is not digits, at row `k`: this file's digit keys so far
   * become codes of its dictionary, and the earlier files' codes of the shared one.
   */
  private unkey(c: number, k: number): void {
    const codes = this.rows.categories[c]!;
    const dict = this.dicts[c]!;
    for (let i = this.first; i < k; i++) if (codes[i]! >= 0) codes[i] = dict.codeKey(codes[i]!);
    this.rows.unkey(c, this.first);
  }

  /** Whether the (ASCII) key equals the previous row's: exports sorted by person repeat it row after row. */
  private sameKey(sb: Uint8Array, s0: number, s1: number, nb: Uint8Array, n0: number, n1: number): boolean {
    const last = this.lastKey;
    if (this.lastSource !== s1 - s0 || this.lastLength !== this.lastSource + n1 - n0) return false;
    let at = 0;
    for (let i = s0; i < s1; i++) if (last[at++] !== sb[i]) return false;
    for (let i = n0; i < n1; i++) if (last[at++] !== nb[i]) return false;
    return true;
  }

  /** Keep an ASCII key and its person for {@link sameKey}; returns the person. */
  private remember(sb: Uint8Array, s0: number, s1: number, nb: Uint8Array, n0: number, n1: number, person: number): number {
    const length = s1 - s0 + n1 - n0;
    if (length > this.lastKey.length) this.lastKey = new Uint8Array(length * 2);
    const last = this.lastKey;
    let at = 0;
    for (let i = s0; i < s1; i++) last[at++] = sb[i]!;
    for (let i = n0; i < n1; i++) last[at++] = nb[i]!;
    this.lastSource = s1 - s0;
    this.lastLength = length;
    this.lastPerson = person;
    return person;
  }

  /** Map this file's category codes to the shared dictionaries (decoding each level once). */
  finish(encoding: 'utf-8' | 'windows-1252'): void {
    shareFileLevels(this.rows, this.first, this.dicts, encoding);
  }
}

/**
 * Map the category codes of one file's rows (from row `first` on), which index `dicts` (levels in
 * order of first appearance in the file), to the shared dictionaries of `rows`, decoding each level once.
 */
export function shareFileLevels(rows: SpellRows, first: number, dicts: readonly ByteDictionary[], encoding: 'utf-8' | 'windows-1252'): void {
  for (let c = 0; c < dicts.length; c++) {
    if (rows.keyed[c]) continue; // digit keys: nothing to map
    const dict = dicts[c]!;
    const shared = rows.dictionaries[c]!;
    const levels = new Array<string>(dict.size);
    for (let k = 0; k < dict.size; k++) {
      const b = dict.bytes(k);
      levels[k] = decodeBytes(b, 0, b.length, encoding);
    }
    // The first file's levels become the shared codes as they are: they are non-empty and
    // distinct (distinct bytes decode to distinct text in UTF-8, checked valid, and in Windows-1252).
    if (shared.adopt(levels)) continue;
    const remap = new Int32Array(dict.size);
    for (let k = 0; k < dict.size; k++) remap[k] = shared.code(levels[k]!);
    const codes = rows.categories[c]!;
    for (let i = first; i < rows.length; i++) if (codes[i]! >= 0) codes[i] = remap[codes[i]!]!;
  }
}
