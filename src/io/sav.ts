/**
 * SPSS system files (`.sav`, as written by SPSS, PSPP, R haven, pandas/pyreadstat) → {@link RawTable}s.
 * Reads the dictionary (variables, long names, value labels, character encoding) and the cases,
 * uncompressed, bytecode-compressed or zlib-compressed (`$FL3`). Layout: the PSPP manual,
 * "System File Format".
 */
import { unzlibSync } from 'fflate';
import type { Cell } from './cells.js';
import { DataError } from '../core/errors.js';
import type { RawTable } from './rawTable.js';

/** One variable of the file: its dictionary position, width and how its values read. */
interface SavVariable {
  name: string;
  /** 0 numeric, else the string width in bytes. */
  readonly width: number;
  /** Index of its first 8-byte segment in a case. */
  readonly segment: number;
  /** Number of 8-byte segments it spans. */
  readonly segments: number;
  /** SPSS print format type (20, 22, 23, … are dates). */
  readonly format: number;
  /** Value labels as read (value, label bytes), decoded once the file's encoding is known. */
  rawLabels?: [number | Uint8Array, Uint8Array][];
  /** Value labels keyed by the number, or by the string with trailing blanks removed. */
  labels?: Map<number | string, string>;
}

/** The dictionary of a system file and where its cases start. */
interface SavDictionary {
  readonly little: boolean;
  readonly compression: number;
  readonly caseSize: number;
  readonly cases: number;
  readonly bias: number;
  readonly variables: SavVariable[];
  readonly decoder: TextDecoder;
  readonly dataStart: number;
}

const SYSMIS = -Number.MAX_VALUE;
/** Print format types that hold dates or date-times (seconds since 14 October 1582). */
const DATE_FORMATS = new Set([20, 22, 23, 24, 28, 29, 30, 38, 39, 41]);
const SPSS_EPOCH_SECONDS = Date.UTC(1582, 9, 14) / 1000;

/** A bounds-checked little/big-endian reader over the file's bytes. */
class Cursor {
  readonly view: DataView;
  at = 0;
  constructor(readonly bytes: Uint8Array, readonly file: string, public little = true) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): void {
    if (n < 0 || this.at + n > this.bytes.length) throw new DataError({ file: this.file, value: `${this.bytes.length} bytes`, expected: 'a complete SPSS system file (this one ends inside its dictionary)' });
  }
  int(): number {
    this.need(4);
    const v = this.view.getInt32(this.at, this.little);
    this.at += 4;
    return v;
  }
  float(): number {
    this.need(8);
    const v = this.view.getFloat64(this.at, this.little);
    this.at += 8;
    return v;
  }
  take(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** The file header and dictionary records, up to the dictionary termination record. */
function readDictionary(bytes: Uint8Array, file: string): SavDictionary {
  const c = new Cursor(bytes, file);
  const magic = latin1(c.take(4));
  if (magic !== '$FL2' && magic !== '$FL3') throw new DataError({ file, value: magic, expected: 'an SPSS system file starting with $FL2 or $FL3' });
  c.take(60);
  const layout = c.view.getInt32(c.at, true);
  c.little = layout === 2 || layout === 3;
  c.int();
  const caseSize = c.int();
  const compression = c.int();
  c.int(); // weight index
  const cases = c.int();
  const bias = c.float();
  c.take(84); // creation date and time, file label, padding
  const variables: SavVariable[] = [];
  const bySegment = new Map<number, SavVariable>();
  let encoding = 'windows-1252';
  let segment = 0;
  let longNames: string | undefined;
  for (;;) {
    const type = c.int();
    if (type === 2) segment = readVariable(c, variables, bySegment, segment);
    else if (type === 3) readValueLabels(c, bySegment);
    else if (type === 6) c.take(80 * c.int());
    else if (type === 7) {
      const sub = c.int();
      const size = c.int();
      const count = c.int();
      const data = c.take(size * count);
      if (sub === 13) longNames = latin1(data);
      else if (sub === 20) encoding = latin1(data).trim();
      else if (sub === 14 && data.length > 0) throw new DataError({ file, value: 'a string variable longer than 255 bytes', expected: 'string variables of at most 255 bytes (shorten the variable, or export CSV)' });
    } else if (type === 999) {
      c.int();
      break;
    } else throw new DataError({ file, value: `record type ${type} at byte ${c.at - 4}`, expected: 'an SPSS system file dictionary record (2, 3, 4, 6, 7 or 999)' });
  }
  const decoder = textDecoder(encoding);
  finishNames(variables, longNames, decoder);
  for (const v of variables) {
    if (v.rawLabels) v.labels = new Map(v.rawLabels.map(([value, label]) => [typeof value === 'number' ? value : decoder.decode(value).replace(/[ \0]+$/, ''), decoder.decode(label)]));
  }
  return { little: c.little, compression, caseSize: caseSize > 0 ? caseSize : segment, cases, bias, variables, decoder, dataStart: c.at };
}

function textDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/** A variable record (type 2); continuation records of long strings only advance the segment. */
function readVariable(c: Cursor, variables: SavVariable[], bySegment: Map<number, SavVariable>, segment: number): number {
  const width = c.int();
  const hasLabel = c.int();
  const missing = c.int();
  const print = c.int();
  c.int(); // write format
  const name = latin1(c.take(8)).trimEnd();
  if (hasLabel === 1) c.take(Math.ceil(c.int() / 4) * 4);
  c.take(8 * Math.abs(missing));
  if (width === -1) return segment + 1;
  const v: SavVariable = { name, width, segment, segments: width === 0 ? 1 : Math.ceil(width / 8), format: (print >> 16) & 0xff };
  variables.push(v);
  bySegment.set(segment, v);
  return segment + 1;
}

/** A value label record (type 3) and the variable index record (type 4) that must follow it. */
function readValueLabels(c: Cursor, bySegment: Map<number, SavVariable>): void {
  const count = c.int();
  const pairs: [Uint8Array, Uint8Array][] = [];
  for (let k = 0; k < count; k++) {
    const value = c.take(8);
    const length = c.take(1)[0]!;
    pairs.push([value, c.take(length)]);
    c.take((8 - ((length + 1) % 8)) % 8);
  }
  if (c.int() !== 4) throw new DataError({ file: c.file, value: `byte ${c.at - 4}`, expected: 'a variable index record (type 4) after value labels' });
  const n = c.int();
  for (let k = 0; k < n; k++) {
    const v = bySegment.get(c.int() - 1);
    if (!v) continue;
    v.rawLabels ??= [];
    for (const [value, label] of pairs) {
      const number = new DataView(value.buffer, value.byteOffset, 8).getFloat64(0, c.little);
      v.rawLabels.push([v.width === 0 ? number : value, label]);
    }
  }
}

/** Long variable names (`SHORT=Long` pairs separated by tabs) replace the 8-byte names. */
function finishNames(variables: SavVariable[], longNames: string | undefined, decoder: TextDecoder): void {
  if (longNames === undefined) return;
  const bytes = Uint8Array.from(longNames, (ch) => ch.charCodeAt(0));
  const byShort = new Map(variables.map((v) => [v.name.toUpperCase(), v]));
  for (const pair of decoder.decode(bytes).split('\t')) {
    const eq = pair.indexOf('=');
    const v = byShort.get(pair.slice(0, eq).toUpperCase());
    if (v && eq > 0) v.name = pair.slice(eq + 1).replace(/\0+$/, '');
  }
}


/** Fills one case (its 8-byte segments) at a time into `out`; false at the end of the data. */
type CaseReader = (out: Uint8Array) => boolean;

/** Uncompressed cases: the segments as stored. */
function plainCases(bytes: Uint8Array, at: number): CaseReader {
  return (out) => {
    if (at + out.length > bytes.length) return false;
    out.set(bytes.subarray(at, at + out.length));
    at += out.length;
    return true;
  };
}

/**
 * Bytecode-compressed cases: blocks of 8 command bytes, each 1–251 a number (code − bias),
 * 253 an 8-byte segment stored after the block, 254 eight blanks, 255 system-missing, 0 padding,
 * 252 the end.
 */
function bytecodeCases(bytes: Uint8Array, at: number, bias: number, little: boolean, file: string): CaseReader {
  let commands: Uint8Array = new Uint8Array(0);
  let next = 8;
  let ended = false;
  const segment = new DataView(new ArrayBuffer(8));
  const number = (x: number, out: Uint8Array, k: number) => {
    segment.setFloat64(0, x, little);
    out.set(new Uint8Array(segment.buffer), k * 8);
  };
  return (out) => {
    const n = out.length / 8;
    for (let k = 0; k < n; k++) {
      let code = 0;
      do {
        if (ended) return false;
        if (next === 8) {
          if (at + 8 > bytes.length) return atCaseStart(k, file);
          commands = bytes.subarray(at, at + 8);
          at += 8;
          next = 0;
        }
        code = commands[next++]!;
      } while (code === 0);
      if (code === 252) {
        ended = true;
        return atCaseStart(k, file);
      }
      if (code === 253) {
        if (at + 8 > bytes.length) throw truncated(file);
        out.set(bytes.subarray(at, at + 8), k * 8);
        at += 8;
      } else if (code === 254) out.fill(0x20, k * 8, k * 8 + 8);
      else if (code === 255) number(SYSMIS, out, k);
      else number(code - bias, out, k);
    }
    return true;
  };
}

const truncated = (file: string) => new DataError({ file, expected: 'a complete SPSS system file (its data ends inside a case)' });
function atCaseStart(k: number, file: string): false {
  if (k > 0) throw truncated(file);
  return false;
}

/** zlib-compressed data (`$FL3`): the blocks listed in the trailer, inflated, are bytecode. */
function inflateBlocks(bytes: Uint8Array, at: number, little: boolean, file: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const int64 = (p: number) => Number(view.getBigInt64(p, little));
  try {
    const trailer = int64(at + 8);
    const blocks = view.getInt32(trailer + 20, little);
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let b = 0; b < blocks; b++) {
      const entry = trailer + 24 + b * 24;
      const offset = int64(entry + 8);
      const part = unzlibSync(bytes.subarray(offset, offset + view.getInt32(entry + 20, little)));
      parts.push(part);
      size += part.length;
    }
    const out = new Uint8Array(size);
    let p = 0;
    for (const part of parts) {
      out.set(part, p);
      p += part.length;
    }
    return out;
  } catch (err) {
    throw new DataError({ file, value: (err as Error).message, expected: 'a readable zlib-compressed SPSS system file' });
  }
}

/** The value of variable `v` in a decoded case: number, Date, string, its value label, or null. */
function cellOf(v: SavVariable, data: Uint8Array, view: DataView, d: SavDictionary): Cell {
  if (v.width === 0) {
    const x = view.getFloat64(v.segment * 8, d.little);
    if (x === SYSMIS || Number.isNaN(x)) return null;
    const label = v.labels?.get(x);
    if (label !== undefined) return label;
    return DATE_FORMATS.has(v.format) ? new Date((x + SPSS_EPOCH_SECONDS) * 1000) : x;
  }
  const start = v.segment * 8;
  let end = start + v.width;
  while (end > start && (data[end - 1] === 0x20 || data[end - 1] === 0)) end--;
  if (end === start) return null;
  const text = d.decoder.decode(data.subarray(start, end));
  return v.labels?.get(text) ?? text;
}

/**
 * The cases of an SPSS system file, `partRows` at a time, as raw tables (each part's `firstRow`
 * its first case in the file). Columns are named by the long variable names; numbers stay numbers,
 * variables with a date format become `Date`s, system-missing and blank strings are empty cells,
 * and a value with a value label reads as its label (labels are the categories' names).
 *
 * @example
 * // Only the dictionary is needed to refuse a file that is not an SPSS system file:
 * try { [...savParts(new TextEncoder().encode('RINPERSOON\n1\n'), 'x.sav', '.')]; } catch (e) { e.name; } // 'DataError'
 */
export function* savParts(bytes: Uint8Array, file: string, decimal: string, partRows = 1 << 16): Generator<RawTable> {
  const d = readDictionary(bytes, file);
  const cases = d.compression === 0 ? plainCases(bytes, d.dataStart)
    : d.compression === 1 ? bytecodeCases(bytes, d.dataStart, d.bias, d.little, file)
    : bytecodeCases(inflateBlocks(bytes, d.dataStart, d.little, file), 0, d.bias, d.little, file);
  const columnNames = d.variables.map((v) => v.name);
  const data = new Uint8Array(d.caseSize * 8);
  const view = new DataView(data.buffer);
  let firstRow = 0;
  for (let more = true; more; ) {
    const columns = d.variables.map((): Cell[] => []);
    let length = 0;
    while (length < partRows && (more = cases(data))) {
      for (let j = 0; j < d.variables.length; j++) columns[j]!.push(cellOf(d.variables[j]!, data, view, d));
      length++;
    }
    if (length > 0 || firstRow === 0) {
      const byName = new Map(columnNames.map((n, j) => [n, columns[j]!]));
      yield { file, columnNames, length, decimal, column: (name) => byName.get(name) ?? [], firstRow };
    }
    firstRow += length;
  }
  if (d.cases >= 0 && firstRow !== d.cases) throw new DataError({ file, value: `${firstRow} cases`, expected: `the ${d.cases} cases its header announces (the file is truncated)` });
}
