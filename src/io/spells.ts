/**
 * Spell inputs (support trajectories, employment spells) → sorted, deduplicated, clipped
 * columnar spells with CSR offsets by person. Shared by support and employment.
 */
import { cellText, dateCell, personNumberText, type Cell } from './cells.js';
import { OPEN_END } from '../core/calendar.js';
import { formatIsoDate } from './dates.js';
import { DictionaryBuilder, finishCategorical } from './dictionary.js';
import { finishDigitKeys } from './digitKeys.js';
import { DataError } from '../core/errors.js';
import { readKey } from './persons.js';
import type { QualityLog } from './qualityLog.js';
import { findColumn, type RawTable } from './rawTable.js';
import type { SpellRows } from './spellRows.js';
import { numericCell, presentNumbers, type NumericColumn } from './spellNumbers.js';
import type { Categorical, ObservationPeriod } from './types.js';

/** Mapped column names of a spell input. */
export interface SpellColumnNames {
  readonly rinpersoons: string;
  readonly rinpersoon: string;
  readonly start: string;
  readonly end: string;
  /** Categorical columns kept, in output order. */
  readonly categories: readonly string[];
  /** Numeric columns kept (wage, hours), in output order. */
  readonly numbers?: readonly NumericColumn[];
}

/** The spell inputs. */
export type SpellTable = 'support' | 'employment' | 'benefits';

/** What makes a spell date usable: open-end sentinels, and the window of plausible dates (day numbers). */
export interface SpellChecks {
  readonly sentinels: ReadonlySet<string>;
  readonly lo: number;
  readonly hi: number;
}

/** Whether a start/end pair has a date outside the plausible window (an open end is not a date). */
export function implausible(first: number, last: number, checks: SpellChecks): boolean {
  return first < checks.lo || first > checks.hi || (last !== OPEN_END && (last < checks.lo || last > checks.hi));
}

/** Spells after the row checks, before the observation period is applied. */
export interface ParsedSpells {
  readonly table: SpellTable;
  readonly rows: SpellRows;
  readonly startColumn: string;
  readonly endColumn: string;
  readonly person: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly categories: readonly Int32Array[];
  /** Numeric columns by input row; undefined for a column left out (absent from the input). */
  readonly numbers: readonly (Float64Array | undefined)[];
  readonly dictionaries: readonly DictionaryBuilder[];
  /** Valid input rows (0-based), sorted by person, start, end, categories, row (overwritten by {@link finishSpells}). */
  readonly order: Int32Array;
}

/** Columnar spells, final. */
export interface FinishedSpells {
  readonly length: number;
  readonly person: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly categories: readonly Categorical[];
  /** Numeric columns (NaN = missing); undefined for a column absent from the input. */
  readonly numbers: readonly (Float64Array | undefined)[];
  readonly offsets: Int32Array;
  readonly sourceRow: Int32Array;
  /** Start as read, before clipping to the observation period. */
  readonly reportedStart: Int32Array;
}

/**
 * Read and check every row of a table already in memory (Arrow, Parquet, arquero): person key
 * (must be non-empty, must be a known person), start date (must be a date), end date (a date, or
 * a sentinel meaning ongoing), end not before start. Unreadable values throw {@link DataError};
 * the rest is logged. The CSV reader does the same on bytes (csvSpells.ts).
 */
export function addRawSpells(
  rows: SpellRows,
  raw: RawTable,
  table: SpellTable,
  names: SpellColumnNames,
  personOf: (source: string, number: string) => number | undefined,
  checks: SpellChecks,
  log: QualityLog,
): void {
  const openEndSentinels = checks.sentinels;
  const sCol = findColumn(raw, names.rinpersoons);
  const nCol = findColumn(raw, names.rinpersoon);
  const startCol = findColumn(raw, names.start);
  const endCol = findColumn(raw, names.end);
  const catCols = names.categories.map((c) => findColumn(raw, c));
  const s = raw.column(sCol);
  const n = raw.column(nCol);
  const a = raw.column(startCol);
  const b = raw.column(endCol);
  const catValues = catCols.map((c) => raw.column(c));
  const numCols = presentNumbers(rows, raw.file, raw.columnNames, names.numbers ?? []).map((c) => (c === undefined ? undefined : findColumn(raw, c)));
  const numValues = numCols.map((c) => (c === undefined ? undefined : raw.column(c)));
  const length = raw.length;
  const base = raw.firstRow ?? 0;
  // A part of a file read in parts (a Parquet row group) keeps no reference to its cells once read.
  if (raw.firstRow === undefined) rows.beginFile(raw.file, (column, i) => cellText((column === 'start' ? a : b)[i]));
  else if (raw.firstRow === 0) rows.beginFile(raw.file);
  // Parts of one file arrive one after another: room for the whole file at its first part when its
  // size is known, else geometric growth so the copies stay linear in the rows.
  if (raw.firstRow === 0 && raw.fileLength !== undefined) rows.reserve(raw.fileLength);
  else if (raw.firstRow === undefined) rows.reserve(length);
  else if (rows.length + length > rows.person.length) rows.reserve(Math.max(length, rows.length));
  const dictionaries = rows.dictionaries;
  for (let c = 0; c < catCols.length; c++) rows.unkey(c); // these cells are text: dictionary codes from here on
  // Exports are usually sorted by person: reuse the lookup while the key cells repeat.
  let lastS: Cell = undefined;
  let lastN: Cell = undefined;
  let lastPerson: number | undefined = undefined;

  for (let i = 0; i < length; i++) {
    const si = s[i];
    const ni = n[i];
    let p: number | undefined;
    if (i > 0 && si === lastS && ni === lastN && typeof si === 'string' && typeof ni === 'string') {
      p = lastPerson;
    } else {
      const [source, number] = readKey(raw, sCol, nCol, s, n, i);
      p = personOf(source, number);
      lastS = si;
      lastN = ni;
      lastPerson = p;
    }
    const first = dateCell(a[i]);
    if (first === null || first === undefined) throw new DataError({ file: raw.file, row: base + i + 1, column: startCol, value: a[i] ?? '', expected: 'a start date YYYYMMDD (or YYYY-MM-DD)' });
    const last = readEnd(b[i], openEndSentinels);
    if (last === undefined) {
      throw new DataError({ file: raw.file, row: base + i + 1, column: endCol, value: b[i] ?? '', expected: `an end date YYYYMMDD (or YYYY-MM-DD), or an open-end sentinel (${[...openEndSentinels].map((x) => JSON.stringify(x)).join(', ')})` });
    }
    let ok = true;
    if (p === undefined) {
      const number = personNumberText(ni);
      log.exclude(table, 'unknown-person', rows.length + 1, () => ({ file: raw.file, row: base + i + 1, column: nCol, value: number, expected: `a person key (${cellText(si)}, ${number}) present in the persons input` }));
      ok = false;
    } else if (implausible(first, last, checks)) {
      const bad = first < checks.lo || first > checks.hi ? 'start' : 'end';
      log.exclude(table, 'implausible-date', rows.length + 1, () => ({ file: raw.file, row: base + i + 1, column: bad === 'start' ? startCol : endCol, value: cellText((bad === 'start' ? a : b)[i]), expected: plausibleText(checks) }));
      ok = false;
    } else if (last < first) {
      log.exclude(table, 'end-before-start', rows.length + 1, () => ({ file: raw.file, row: base + i + 1, column: endCol, value: b[i], expected: `an end date not before the start date ${cellText(a[i])}` }));
      ok = false;
    }
    const k = rows.add(p ?? -1, first, last, ok);
    for (let c = 0; c < catCols.length; c++) rows.categories[c]![k] = dictionaries[c]!.code(cellText(catValues[c]![i]));
    for (let c = 0; c < numCols.length; c++) {
      const values = numValues[c];
      if (values) rows.numbers[c]![k] = numericCell(values[i], raw.decimal, raw.file, base + i + 1, numCols[c]!);
    }
  }
}

/** What a plausible date is, for messages. */
export function plausibleText(checks: SpellChecks): string {
  return `a date from ${formatIsoDate(checks.lo)} through ${formatIsoDate(checks.hi)} (options.plausibleDates), or an open-end sentinel`;
}

/**
 * Sort the valid rows and drop exact duplicates (logged). `personNumber` gives the person number
 * of a person index, for messages.
 */
export function parsedSpells(rows: SpellRows, table: SpellTable, columns: { start: string; end: string }, log: QualityLog, personNumber: (p: number) => string): ParsedSpells {
  const { person, start, end, valid, categories, numbers: all } = rows.trimmed();
  const numbers = all.map((c, k) => (rows.numberPresent?.[k] ? c : undefined));
  const order = sortSpells(person, start, end, categories, valid, rows.nValid);
  const deduplicated = dropDuplicates(order, start, end, person, categories, numbers, (i, earlier) => {
    const at = rows.locate(i);
    const was = rows.locate(earlier);
    log.exclude(table, 'duplicate-row', i + 1, () => ({ ...at, value: personNumber(person[i]!), expected: `a row that is not an exact duplicate of row ${was.row}${was.file === at.file ? '' : ` of ${was.file}`}` }));
  });
  return { table, rows, startColumn: columns.start, endColumn: columns.end, person, start, end, categories, numbers, dictionaries: rows.dictionaries, order: deduplicated };
}

/** End date: a sentinel → OPEN_END; `undefined` when unreadable. */
export function readEnd(value: Cell, sentinels: ReadonlySet<string>): number | undefined {
  if (sentinels.has(cellText(value))) return OPEN_END;
  const d = dateCell(value);
  return d === null ? undefined : d;
}

/**
 * Valid rows sorted by person, then start, end, categories and source row: a counting sort by
 * person (linear), then a small sort within each person.
 */
function sortSpells(person: Int32Array, start: Int32Array, end: Int32Array, categories: readonly Int32Array[], valid: Uint8Array, nValid: number): Int32Array {
  const compare = (i: number, j: number): number => {
    if (start[i] !== start[j]) return start[i]! - start[j]!;
    if (end[i] !== end[j]) return end[i]! < end[j]! ? -1 : 1;
    for (const codes of categories) if (codes[i] !== codes[j]) return codes[i]! - codes[j]!;
    return i - j;
  };
  // Exports sorted by person, start and end (the usual case) are in order as read: one pass shows it.
  const inFileOrder = new Int32Array(nValid);
  let previous = -1;
  let k = 0;
  for (let i = 0; i < person.length; i++) {
    if (!valid[i]) continue;
    if (previous >= 0 && (person[previous]! > person[i]! || (person[previous] === person[i] && compare(previous, i) > 0))) break;
    inFileOrder[k++] = i;
    previous = i;
  }
  if (k === nValid) return inFileOrder;
  let maxPerson = -1;
  for (let i = 0; i < person.length; i++) if (valid[i] && person[i]! > maxPerson) maxPerson = person[i]!;
  const offsets = new Int32Array(maxPerson + 2);
  for (let i = 0; i < person.length; i++) if (valid[i]) offsets[person[i]! + 1]!++;
  for (let p = 0; p <= maxPerson; p++) offsets[p + 1]! += offsets[p]!;
  const cursor = offsets.slice(0, maxPerson + 1);
  const order = inFileOrder;
  for (let i = 0; i < person.length; i++) if (valid[i]) order[cursor[person[i]!]!++] = i;
  for (let p = 0; p <= maxPerson; p++) {
    const lo = offsets[p]!;
    const hi = offsets[p + 1]!;
    if (hi - lo < 2) continue;
    if (hi - lo <= 16) {
      for (let k = lo + 1; k < hi; k++) {
        const row = order[k]!;
        let m = k - 1;
        while (m >= lo && compare(order[m]!, row) > 0) {
          order[m + 1] = order[m]!;
          m--;
        }
        order[m + 1] = row;
      }
    } else {
      order.subarray(lo, hi).sort(compare);
    }
  }
  return order;
}

/** Drop rows equal to the previous one in every kept field (the later source row goes). */
function dropDuplicates(order: Int32Array, start: Int32Array, end: Int32Array, person: Int32Array, categories: readonly Int32Array[], numbers: readonly (Float64Array | undefined)[], onDuplicate: (row: number, earlier: number) => void): Int32Array {
  // The rows kept are written over `order` (never ahead of the row being read).
  let k = 0;
  let previous = -1;
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    if (previous >= 0 && person[i] === person[previous] && start[i] === start[previous] && end[i] === end[previous] && sameCategories(categories, i, previous) && sameNumbers(numbers, i, previous)) {
      onDuplicate(i, previous);
      continue;
    }
    order[k++] = i;
    previous = i;
  }
  return order.subarray(0, k);
}

function sameNumbers(numbers: readonly (Float64Array | undefined)[], i: number, j: number): boolean {
  for (const c of numbers) if (c && !Object.is(c[i], c[j])) return false;
  return true;
}

function sameCategories(categories: readonly Int32Array[], i: number, j: number): boolean {
  for (let c = 0; c < categories.length; c++) if (categories[c]![i] !== categories[c]![j]) return false;
  return true;
}

/**
 * Earliest start and latest finite end-or-start date over the valid spells of several inputs;
 * `undefined` when there are none.
 */
export function spellDateRange(spells: readonly ParsedSpells[]): ObservationPeriod | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const sp of spells) {
    for (const i of sp.order) {
      const a = sp.start[i]!;
      const b = sp.end[i]!;
      if (a < lo) lo = a;
      if (a > hi) hi = a;
      if (b !== OPEN_END && b > hi) hi = b;
    }
  }
  return lo === Infinity ? undefined : { start: lo, end: hi };
}

/**
 * Rows whose dates alone make the first or last year of a derived observation period: when at
 * most 5 rows fall in such a year and they are either under 0.1 % of all dates or at least three
 * years away from every other date, the period is stretched by outliers and those rows are
 * returned, per input, to be flagged.
 */
export function stretchingRows(spells: readonly ParsedSpells[], period: ObservationPeriod): { table: SpellTable; row: number }[] {
  if (period.end - period.start < 3 * 365) return [];
  const early: { table: SpellTable; row: number }[] = [];
  const late: { table: SpellTable; row: number }[] = [];
  let dates = 0;
  // The latest date among the early rows and the earliest among the others; likewise at the end.
  let earlyLast = -Infinity;
  let restFirst = Infinity;
  let lateFirst = Infinity;
  let restLast = -Infinity;
  for (const sp of spells) {
    for (const i of sp.order) {
      const a = sp.start[i]!;
      const b = sp.end[i]!;
      dates += b === OPEN_END ? 1 : 2;
      if (a < period.start + 365) {
        if (early.length <= 5) early.push({ table: sp.table, row: i + 1 });
        earlyLast = Math.max(earlyLast, a);
      } else restFirst = Math.min(restFirst, a);
      const last = b === OPEN_END ? a : b;
      if (last > period.end - 365) {
        if (late.length <= 5) late.push({ table: sp.table, row: i + 1 });
        lateFirst = Math.min(lateFirst, last);
      } else restLast = Math.max(restLast, last);
    }
  }
  const ISOLATED = 3 * 365;
  const few = (rows: readonly unknown[], gap: number) => rows.length <= 5 && (rows.length < dates * 0.001 || gap >= ISOLATED);
  return [...(few(early, restFirst - earlyLast) ? early : []), ...(few(late, lateFirst - restLast) ? late : [])];
}

/**
 * Apply the observation period and build the final columns: spells entirely outside are
 * excluded; a start before the period is clipped to its first day (left-censored); an end after
 * the period becomes {@link OPEN_END} (not ended within the period). Both are logged as repairs.
 */
export function finishSpells(parsed: ParsedSpells, observation: ObservationPeriod, personCount: number, log: QualityLog): FinishedSpells {
  const { table, rows: input, person, start, end } = parsed;
  const obsStart = observation.start;
  const obsEnd = observation.end;
  // Kept rows, still grouped by person in increasing order (as `parsed.order` is), written over
  // `parsed.order` (which is read only up to the row being written).
  const sorted = parsed.order;
  let length = 0;
  let clipped = false;
  let startClipped = false;
  for (let k = 0; k < parsed.order.length; k++) {
    const i = parsed.order[k]!;
    const a = start[i]!;
    const b = end[i]!;
    if (b < obsStart || a > obsEnd) {
      log.exclude(table, 'outside-observation', i + 1, () => ({
        ...input.locate(i),
        column: b < obsStart ? parsed.endColumn : parsed.startColumn,
        value: input.dateText(b < obsStart ? 'end' : 'start', i),
        expected: 'a spell overlapping the observation period',
      }));
      continue;
    }
    if (a < obsStart) (log.repair(table, 'clipped-start', i + 1), (clipped = startClipped = true));
    if (b !== OPEN_END && b > obsEnd) (log.repair(table, 'clipped-end', i + 1), (clipped = true));
    sorted[length++] = i;
  }
  const clipStart = (i: number) => (start[i]! < obsStart ? obsStart : start[i]!);
  const clipEnd = (i: number) => (end[i]! !== OPEN_END && end[i]! > obsEnd ? OPEN_END : end[i]!);
  // Final order: person, clipped start, clipped end, source row (categories only mattered for
  // finding duplicates, and clipping creates ties).
  reorderPersons(sorted.subarray(0, length), person, clipStart, clipEnd);
  const rows = sorted.subarray(0, length);
  const offsets = new Int32Array(personCount + 1);
  const sourceRow = new Int32Array(length);
  let identity = length === start.length && !clipped;
  let increasing = true;
  for (let k = 0; k < length; k++) {
    const i = rows[k]!;
    if (i !== k) identity = false;
    if (k > 0 && i <= rows[k - 1]!) increasing = false;
    sourceRow[k] = i + 1;
    offsets[person[i]! + 1]!++;
  }
  for (let p = 0; p < personCount; p++) offsets[p + 1]! += offsets[p]!;
  // Rows already in final order and nothing clipped (a sorted export): the columns as read are
  // final. Rows in file order with some left out: the columns are compacted where they are.
  const inPlace = identity || increasing;
  const categories = parsed.categories.map((codes, c) => {
    const kept = identity ? codes : increasing ? compact(codes, rows) : gather(codes, rows);
    return input.keyed[c] ? finishDigitKeys(kept, true) : finishCategorical(kept, parsed.dictionaries[c]!, true);
  });
  const numbers = parsed.numbers.map((c) => (c === undefined ? undefined : identity ? c : increasing ? compact(c, rows) : gatherNumbers(c, rows)));
  // The columns are views of the growing buffers: copy those that would keep much unused room.
  const fit = <T extends Int32Array | Float64Array>(a: T): T => (inPlace && a.buffer.byteLength > a.byteLength * 1.1 ? (a.slice() as T) : a);
  const dates = finalDates(rows, { person, start, end }, identity ? 'identity' : increasing ? 'compact' : 'gather', startClipped ? obsStart : undefined, clipEnd);
  const reportedStart = fit(dates.reportedStart);
  const outStart = dates.start === dates.reportedStart ? reportedStart : fit(dates.start);
  return { length, person: fit(dates.person), start: outStart, end: fit(dates.end), categories: categories.map((c) => ({ codes: fit(c.codes), levels: c.levels })), numbers: numbers.map((c) => c && fit(c)), offsets, sourceRow, reportedStart };
}

/** Re-sort, by {@link finalOrder}, the rows of each person (runs of `rows`) that are out of that order. */
function reorderPersons(rows: Int32Array, person: Int32Array, clipStart: (i: number) => number, clipEnd: (i: number) => number): void {
  for (let lo = 0; lo < rows.length; ) {
    const p = person[rows[lo]!]!;
    let hi = lo + 1;
    let inOrder = true;
    for (; hi < rows.length && person[rows[hi]!] === p; hi++) if (inOrder && finalOrder(rows[hi - 1]!, rows[hi]!, clipStart, clipEnd) > 0) inOrder = false;
    if (!inOrder) rows.subarray(lo, hi).sort((i, j) => finalOrder(i, j, clipStart, clipEnd));
    lo = hi;
  }
}

/**
 * Person, start (clipped at `clipAt` when given: some start lies before it), end (through
 * `clipEnd`) and reported start of `rows`: the columns as read (`identity`), compacted where they
 * are (`compact`: `rows` increasing), or gathered into new arrays.
 */
function finalDates(rows: Int32Array, read: { person: Int32Array; start: Int32Array; end: Int32Array }, how: 'identity' | 'compact' | 'gather', clipAt: number | undefined, clipEnd: (i: number) => number): { person: Int32Array; start: Int32Array; end: Int32Array; reportedStart: Int32Array } {
  const { person, start, end } = read;
  const n = rows.length;
  if (how === 'identity') return { person, start, end, reportedStart: start };
  const clipped = clipAt === undefined ? undefined : new Int32Array(n);
  const out = how === 'compact' ? read : { person: new Int32Array(n), start: new Int32Array(n), end: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    const a = start[i]!;
    if (clipped) clipped[k] = a < clipAt! ? clipAt! : a;
    const e = clipEnd(i);
    out.person[k] = person[i]!;
    out.start[k] = a;
    out.end[k] = e;
  }
  const cut = (a: Int32Array) => (a.length === n ? a : a.subarray(0, n));
  const reportedStart = cut(out.start);
  return { person: cut(out.person), start: clipped ?? reportedStart, end: cut(out.end), reportedStart };
}

/** Order of two rows of one person by clipped start, clipped end, then source row. */
function finalOrder(i: number, j: number, clipStart: (i: number) => number, clipEnd: (i: number) => number): number {
  const a = clipStart(i) - clipStart(j);
  if (a !== 0) return a;
  const ei = clipEnd(i);
  const ej = clipEnd(j);
  if (ei !== ej) return ei < ej ? -1 : 1;
  return i - j;
}

/** `values[rows[k]]` for every k. */
function gatherNumbers(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  return out;
}

/** `values[rows[k]]` for every k, written over `values` (`rows` increasing); returns the first `rows.length` values. */
function compact<T extends Int32Array | Float64Array>(values: T, rows: Int32Array): T {
  for (let k = 0; k < rows.length; k++) values[k] = values[rows[k]!]!;
  return values.subarray(0, rows.length) as T;
}

/** `codes[rows[k]]` for every k. */
function gather(codes: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = codes[rows[k]!]!;
  return out;
}
