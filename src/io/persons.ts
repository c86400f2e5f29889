/** The persons input → {@link PersonTable} and the key index that spells are matched against. */
import { cellText, numberCell, personNumberText, type Cell } from './cells.js';
import type { PersonColumns } from './columns.js';
import { DictionaryBuilder, finishCategorical } from './dictionary.js';
import { DataError, SpecificationError } from '../core/errors.js';
import type { QualityLog } from './qualityLog.js';
import { findColumn, where, type RawTable } from './rawTable.js';
import type { Categorical, PersonTable } from './types.js';
import type { PersonKeys } from './personKeys.js';
import { madeOnFirstRead } from '../core/lazy.js';

/** How to type the extra person columns; unlisted columns are inferred. */
export type CovariateTypes = Readonly<Record<string, 'numeric' | 'categorical'>>;

/** Persons plus the lookup from person key to person index. */
export interface PersonsResult {
  readonly persons: PersonTable;
  /** Person by {@link personKey}; `undefined` when the keys were read from bytes (their byte index is `raw.keys.index`). */
  readonly index: Map<string, number> | undefined;
}

/** The kept rows of the persons input and their keys. */
interface KeptKeys {
  readonly keep: ArrayLike<number>;
  readonly rinpersoons: string[];
  /** The person numbers, or a function that makes them (read from bytes: on first use). */
  readonly rinpersoon: string[] | (() => string[]);
  readonly index: Map<string, number> | undefined;
}

function duplicateError(raw: RawTable, nCol: string, firstRow: number, i: number, number: string) {
  return () => {
    const was = where(raw, firstRow);
    const at = where(raw, i);
    return { ...at, column: nCol, value: number, expected: `a person key not already used on row ${was.row}${was.file === at.file ? '' : ` of ${was.file}`}` };
  };
}

/** Keys read as text: a repeated key is excluded (the first row is kept). */
function keysFromText(raw: RawTable, sCol: string, nCol: string, s: ArrayLike<Cell>, n: ArrayLike<Cell>, log: QualityLog): KeptKeys {
  const index = new Map<string, number>();
  const keep: number[] = [];
  const rinpersoons: string[] = [];
  const rinpersoon: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const [source, number] = readKey(raw, sCol, nCol, s, n, i);
    const key = personKey(source, number);
    const first = index.get(key);
    if (first !== undefined) {
      log.exclude('persons', 'duplicate-person', i + 1, duplicateError(raw, nCol, keep[first]!, i, number));
      continue;
    }
    index.set(key, keep.length);
    keep.push(i);
    rinpersoons.push(source);
    rinpersoon.push(number);
  }
  return { keep, rinpersoons, rinpersoon, index };
}

/** Keys already read from bytes: the same exclusions and errors, in the same row order. */
function keysFromBytes(raw: RawTable, keys: PersonKeys, sCol: string, nCol: string, log: QualityLog): KeptKeys {
  const end = keys.empty ? keys.empty.row : raw.length;
  for (let i = 0; i < end; i++) {
    const p = keys.duplicateOf[i]!;
    if (p >= 0) log.exclude('persons', 'duplicate-person', i + 1, duplicateError(raw, nCol, keys.keep[p]!, i, keys.numberOf(p)));
  }
  if (keys.empty) {
    const source = keys.empty.part === 'source';
    throw new DataError({ ...where(raw, keys.empty.row), column: source ? sCol : nCol, value: keys.empty.value, expected: source ? 'a non-empty RINPERSOONS (person source code)' : 'a non-empty RINPERSOON (person number)' });
  }
  return { keep: keys.keep, rinpersoons: keys.rinpersoons, rinpersoon: keys.numbers, index: undefined };
}

/** The lookup key of a person: source code and person number, unambiguous when joined. */
export function personKey(rinpersoons: string, rinpersoon: string): string {
  return `${rinpersoons}\u0001${rinpersoon}`;
}

/** Read the person key of row `i`, throwing a {@link DataError} when a part is empty. */
export function readKey(raw: RawTable, sCol: string, nCol: string, s: ArrayLike<Cell>, n: ArrayLike<Cell>, i: number): [string, string] {
  const source = cellText(s[i]);
  if (source === '') throw new DataError({ ...where(raw, i), column: sCol, value: s[i] ?? '', expected: 'a non-empty RINPERSOONS (person source code)' });
  const number = personNumberText(n[i]);
  if (number === '') throw new DataError({ ...where(raw, i), column: nCol, value: n[i] ?? '', expected: 'a non-empty RINPERSOON (person number)' });
  return [source, number];
}

/**
 * Build the persons table. Input order defines the person index; a repeated person key is
 * excluded (the first row is kept). Birth year must be a number or empty.
 */
export function buildPersons(raw: RawTable, names: PersonColumns, log: QualityLog, covariateTypes: CovariateTypes = {}, birthYears: { readonly min: number; readonly max: number } = { min: -Infinity, max: Infinity }): PersonsResult {
  const sCol = findColumn(raw, names.rinpersoons);
  const nCol = findColumn(raw, names.rinpersoon);
  const yCol = findColumn(raw, names.birthYear);
  const xCol = findColumn(raw, names.sex);
  log.setRead('persons', raw.length);

  const { keep, rinpersoons, rinpersoon, index } = raw.keys ? keysFromBytes(raw, raw.keys, sCol, nCol, log) : keysFromText(raw, sCol, nCol, raw.column(sCol), raw.column(nCol), log);
  const length = keep.length;
  const birthYear = new Float64Array(length);
  const sexDict = new DictionaryBuilder();
  const sexCodes = new Int32Array(length);
  const sourceRow = new Int32Array(length);
  const y = byValue(raw, yCol, (v) => readNumber(v, raw.decimal));
  const x = byValue(raw, xCol, (v) => sexDict.code(cellText(v)));
  for (let p = 0; p < length; p++) {
    const i = keep[p]!;
    sourceRow[p] = i + 1;
    const year = y.at(i);
    if (year === undefined) throw new DataError({ ...where(raw, i), column: yCol, value: y.cell(i), expected: 'a birth year (a number) or an empty value' });
    if (year !== null && !(year >= birthYears.min && year <= birthYears.max && Number.isInteger(year))) {
      log.repair('persons', 'implausible-birth-year', i + 1);
      birthYear[p] = NaN;
    } else birthYear[p] = year ?? NaN;
    sexCodes[p] = x.at(i);
  }

  const used = new Set([sCol, nCol, yCol, xCol]);
  for (const name of Object.keys(covariateTypes)) {
    const type = covariateTypes[name];
    if (type !== 'numeric' && type !== 'categorical') throw new SpecificationError(`covariateTypes.${name}: expected 'numeric' or 'categorical', got ${JSON.stringify(type)}`);
    if (!raw.columnNames.includes(name) || used.has(name)) throw new SpecificationError(`covariateTypes names "${name}", which is not an extra column of ${raw.file}`);
  }
  const covariates: Record<string, Float64Array | Categorical> = {};
  for (const name of raw.columnNames) {
    if (used.has(name)) continue;
    covariates[name] = readCovariate(raw, name, keep, covariateTypes[name], log);
  }

  const persons: PersonTable = { length, rinpersoons, rinpersoon: typeof rinpersoon === 'function' ? [] : rinpersoon, birthYear, sex: finishCategorical(sexCodes, sexDict), covariates, sourceRow };
  if (typeof rinpersoon === 'function') madeOnFirstRead(persons, 'rinpersoon', rinpersoon);
  return { persons, index };
}

/** `f` of each row's cell, and the cell, by row: computed once per distinct value when the reader coded the column. */
interface ByValue<T> {
  at(i: number): T;
  cell(i: number): Cell;
}

function byValue<T>(raw: RawTable, name: string, f: (value: Cell) => T): ByValue<T> {
  const coded = raw.coded?.(name);
  if (coded) {
    const { codes, levels } = coded;
    const results = levels.map(f);
    return { at: (i) => results[codes[i]!]!, cell: (i) => levels[codes[i]!]! };
  }
  const values = raw.column(name);
  return { at: (i) => f(values[i]), cell: (i) => values[i] };
}

/** A covariate value as a number: like readNumber, but ±Infinity (from a columnar file) is not a usable number either. */
function covariateNumber(value: Cell, decimal: string): number | null | undefined {
  const v = readNumber(value, decimal);
  return v === Infinity || v === -Infinity ? undefined : v;
}

/** A covariate is numeric when every non-empty value is a number (unless its type is forced). */
function readCovariate(raw: RawTable, name: string, keep: ArrayLike<number>, type: 'numeric' | 'categorical' | undefined, log: QualityLog): Float64Array | Categorical {
  if (type !== 'categorical') {
    const values = byValue(raw, name, (v) => covariateNumber(v, raw.decimal));
    const numeric = new Float64Array(keep.length);
    for (let p = 0; p < keep.length; p++) {
      const v = values.at(keep[p]!);
      if (v === undefined) {
        if (type !== 'numeric') {
          flagNumericWithText(values, keep, log);
          return readCategorical(raw, name, keep);
        }
        throw new DataError({ ...where(raw, keep[p]!), column: name, value: values.cell(keep[p]!), expected: `a number (decimal separator "${raw.decimal}") or an empty value` });
      }
      numeric[p] = v ?? NaN;
    }
    return numeric;
  }
  return readCategorical(raw, name, keep);
}

/** A column whose values are mostly numbers but not all: flag the rows that are not. */
function flagNumericWithText(values: ByValue<number | null | undefined>, keep: ArrayLike<number>, log: QualityLog): void {
  let text = 0;
  let numbers = 0;
  for (let p = 0; p < keep.length; p++) {
    const v = values.at(keep[p]!);
    if (v === undefined) text++;
    else if (v !== null) numbers++;
  }
  if (numbers > text) for (let p = 0; p < keep.length; p++) if (values.at(keep[p]!) === undefined) log.flag('persons', 'numeric-with-text', keep[p]! + 1);
}

function readCategorical(raw: RawTable, name: string, keep: ArrayLike<number>): Categorical {
  const dict = new DictionaryBuilder();
  const values = byValue(raw, name, (v) => dict.code(cellText(v)));
  const codes = new Int32Array(keep.length);
  for (let p = 0; p < keep.length; p++) codes[p] = values.at(keep[p]!);
  return finishCategorical(codes, dict);
}

/** {@link numberCell}, remembered per text value: person columns repeat a few values a million times. */
const numberMemo = new Map<string, number | null | undefined>();
const numberMemoDecimal = { value: '' };
function readNumber(value: Cell, decimal: string): number | null | undefined {
  if (typeof value !== 'string') return numberCell(value, decimal);
  if (numberMemoDecimal.value !== decimal || numberMemo.size > 1 << 16) {
    numberMemo.clear();
    numberMemoDecimal.value = decimal;
  }
  let v = numberMemo.get(value);
  if (v === undefined && !numberMemo.has(value)) numberMemo.set(value, (v = numberCell(value, decimal)));
  return v;
}
