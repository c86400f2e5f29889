/**
 * The rows of a spell input (support or employment) as they are read, from one or several files
 * of any format: growing typed columns, shared category dictionaries, and where each row came
 * from (for errors and the quality report).
 */
import { DictionaryBuilder } from './dictionary.js';
import { digitKeyText } from './digitKeys.js';
import { formatCbsDate } from './dates.js';
import { OPEN_END } from '../core/calendar.js';

// Every column grows to exactly the size `reserve` chose, so all columns (and `valid`) keep one length.
function grow(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growNumbers(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n).fill(NaN);
  b.set(a);
  return b;
}

/** One input file's share of the rows. */
interface FilePart {
  readonly file: string;
  /** Index of the file's first row. */
  readonly first: number;
  /** Text of a start/end value of row `i`, as read (when the format keeps it). */
  readonly text?: (column: 'start' | 'end', i: number) => string;
}

/**
 * Accumulates spell rows. `person[i]` is -1 for rows that were excluded while reading
 * (unknown person, end before start); `valid` marks the others.
 *
 * @example
 * const rows = new SpellRows(1);
 * rows.beginFile('employment.csv');
 * rows.add(0, 17897, 17927, true);
 * rows.categories[0]![0] = rows.dictionaries[0]!.code('O');
 * [rows.length, rows.nValid, rows.locate(0).row]; // [1, 1, 1]
 */
export class SpellRows {
  length = 0;
  nValid = 0;
  person: Int32Array = new Int32Array(1024);
  start: Int32Array = new Int32Array(1024);
  end: Int32Array = new Int32Array(1024);
  valid: Uint8Array = new Uint8Array(1024);
  categories: Int32Array[];
  /** Numeric columns (e.g. wage, hours); NaN = missing. Set by the caller after {@link add}. */
  numbers: Float64Array[];
  /**
   * Whether each numeric column is read at all: decided by the first file (an optional column
   * absent there is left out for every file); undefined until then.
   */
  numberPresent: boolean[] | undefined;
  readonly dictionaries: DictionaryBuilder[];
  /**
   * Per category column: whether it holds digit keys (see `digitKey`: values of one to nine
   * digits, kept as numbers) rather than codes of `dictionaries`. Readers that can keep keys
   * ask for them with {@link keyDigits}; the first value that is not digits ends it ({@link unkey}).
   */
  readonly keyed: boolean[];
  private readonly parts: FilePart[] = [];

  constructor(readonly categoryCount: number, readonly numberCount = 0) {
    this.categories = Array.from({ length: categoryCount }, () => new Int32Array(1024));
    this.numbers = Array.from({ length: numberCount }, () => new Float64Array(1024).fill(NaN));
    this.dictionaries = Array.from({ length: categoryCount }, () => new DictionaryBuilder());
    this.keyed = Array.from({ length: categoryCount }, () => false);
  }

  /** Keep category columns as digit keys while their values are digits (only before any row is added). */
  keyDigits(): void {
    if (this.length === 0) this.keyed.fill(true);
  }

  /** Turn category column `c` from digit keys into codes of its dictionary, for rows before `upTo`. */
  unkey(c: number, upTo = this.length): void {
    if (!this.keyed[c]) return;
    this.keyed[c] = false;
    const codes = this.categories[c]!;
    const dict = this.dictionaries[c]!;
    for (let i = 0; i < upTo; i++) if (codes[i]! >= 0) codes[i] = dict.code(digitKeyText(codes[i]!));
  }

  /** Start the rows of a new input file. */
  beginFile(file: string, text?: FilePart['text']): void {
    this.parts.push(text ? { file, first: this.length, text } : { file, first: this.length });
  }

  /** Make room for `n` more rows. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.person.length) return;
    // One large reservation (the expected rows of an input) is taken exactly; row-by-row growth doubles.
    const size = n > 1 ? need : Math.max(need, this.person.length * 2);
    this.person = grow(this.person, size);
    this.start = grow(this.start, size);
    this.end = grow(this.end, size);
    const v = new Uint8Array(size);
    v.set(this.valid);
    this.valid = v;
    this.categories = this.categories.map((c) => grow(c, size));
    // Numeric columns the first file left out stay empty (never written, never read).
    this.numbers = this.numbers.map((c, k) => (this.numberPresent?.[k] === false ? c : growNumbers(c, size)));
  }

  /** Append a row (person -1 when not valid); its category codes are set by the caller. */
  add(person: number, start: number, end: number, valid: boolean): number {
    if (this.length === this.person.length) this.reserve(1);
    const i = this.length++;
    this.person[i] = valid ? person : -1;
    this.start[i] = start;
    this.end[i] = end;
    this.valid[i] = valid ? 1 : 0;
    if (valid) this.nValid++;
    return i;
  }

  /** File and 1-based data row of row `i`. */
  locate(i: number): { file: string; row: number } {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.parts[mid]!.first <= i) lo = mid;
      else hi = mid - 1;
    }
    const part = this.parts[lo]!;
    return { file: part.file, row: i - part.first + 1 };
  }

  /** A start or end value of row `i` as text: as read when known, else `YYYYMMDD`. */
  dateText(column: 'start' | 'end', i: number): string {
    const part = this.parts[this.parts.length === 1 ? 0 : this.partIndex(i)]!;
    if (part.text) return part.text(column, i - part.first);
    const d = column === 'start' ? this.start[i]! : this.end[i]!;
    return d === OPEN_END ? '' : formatCbsDate(d);
  }

  private partIndex(i: number): number {
    let k = this.parts.length - 1;
    while (k > 0 && this.parts[k]!.first > i) k--;
    return k;
  }

  /** Trim the columns to the rows read. */
  trimmed(): { person: Int32Array; start: Int32Array; end: Int32Array; valid: Uint8Array; categories: Int32Array[]; numbers: Float64Array[] } {
    const n = this.length;
    return {
      person: this.person.subarray(0, n),
      start: this.start.subarray(0, n),
      end: this.end.subarray(0, n),
      valid: this.valid.subarray(0, n),
      categories: this.categories.map((c) => c.subarray(0, n)),
      numbers: this.numbers.map((c) => c.subarray(0, n)),
    };
  }
}
