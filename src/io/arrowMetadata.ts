/**
 * What the Arrow IPC framing needs from a message's flatbuffer metadata, every offset, vector and
 * length checked against the bytes, so damaged metadata is an error instead of a decoder building
 * arrays of billions of entries. Layout as in the Arrow format's Message.fbs and Schema.fbs.
 */
import type { DataError } from '../core/errors.js';

/** Message header types of the Arrow `Message` flatbuffer union. */
export const ARROW_SCHEMA = 1;
export const ARROW_DICTIONARY_BATCH = 2;
export const ARROW_RECORD_BATCH = 3;

/** The parts of a `Message` the framing uses. */
export interface MessageHeader {
  /** Header type: 1 schema, 2 dictionary batch, 3 record batch, 4 tensor, 5 sparse tensor. */
  readonly type: number;
  readonly bodyLength: number;
  /** The largest row count (batch length or field node length) a record or dictionary batch states; 0 otherwise. */
  readonly largestLength: number;
  /** For a dictionary batch: its id (decimal text of the int64) and whether it appends (delta) or replaces. */
  readonly dictionary?: { readonly id: string; readonly isDelta: boolean };
}

/**
 * The header type, body length and row counts of a `Message` flatbuffer (the metadata after the
 * length prefix), after checking its vectors fit in it; `fail` makes the error for damaged metadata.
 *
 * @example
 * import { table, toArrowIPC } from 'arquero';
 * import { DataError } from '../core/errors.js';
 * const bytes = toArrowIPC(table({ A: [1, 2, 3] }));
 * const length = new DataView(bytes.buffer, bytes.byteOffset).getInt32(4, true);
 * readMessageHeader(bytes.subarray(8, 8 + length), (what) => new DataError({ file: 'a', value: what, expected: 'Arrow' })).type; // 1
 */
export function readMessageHeader(meta: Uint8Array, fail: (what: string) => DataError): MessageHeader {
  const fb = new FlatTable(meta, fail);
  const message = fb.root();
  const type = fb.uint8(message, 1);
  if (type < 1 || type > 5) throw fail(`header type ${type}`);
  const body = fb.int64(message, 3);
  if (body < 0n || body > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(`body length ${body}`);
  const bodyLength = Number(body);
  if (type === ARROW_SCHEMA) {
    const schema = fb.table(message, 2);
    checkFields(fb, schema, 1, 0);
    fb.vector(schema, 2, 4);
    fb.vector(schema, 3, 8);
    return { type, bodyLength, largestLength: 0 };
  }
  if (type === ARROW_RECORD_BATCH) return { type, bodyLength, largestLength: checkRecordBatch(fb, fb.table(message, 2), bodyLength) };
  if (type !== ARROW_DICTIONARY_BATCH) return { type, bodyLength, largestLength: 0 };
  const batch = fb.table(message, 2);
  const largestLength = checkRecordBatch(fb, fb.table(batch, 1), bodyLength);
  return { type, bodyLength, largestLength, dictionary: { id: String(fb.int64(batch, 0)), isDelta: fb.uint8(batch, 2) !== 0 } };
}

/** A `Field` vector (field `id` of `table`): names, children and metadata in bounds, nesting at most 64 deep. */
function checkFields(fb: FlatTable, table: number, id: number, depth: number): void {
  if (depth > 64) throw fb.fail('fields nested more than 64 deep');
  const { start, n } = fb.vector(table, id, 4);
  for (let k = 0; k < n; k++) {
    const field = fb.indirect(start + 4 * k);
    fb.vector(field, 0, 1); // name
    // Union types list their type ids.
    if (fb.uint8(field, 2) === 14 && fb.has(field, 3)) fb.vector(fb.table(field, 3), 1, 4);
    checkFields(fb, field, 5, depth + 1);
    fb.vector(field, 6, 4);
  }
}

/** A `RecordBatch`: its field nodes and buffers in bounds, buffers inside the body; returns the largest row count it states. */
function checkRecordBatch(fb: FlatTable, batch: number, bodyLength: number): number {
  let largest = fb.int64(batch, 0);
  const nodes = fb.vector(batch, 1, 16);
  for (let k = 0; k < nodes.n; k++) {
    const length = fb.int64At(nodes.start + 16 * k);
    const nulls = fb.int64At(nodes.start + 16 * k + 8);
    if (length < 0n || nulls < 0n || nulls > length) throw fb.fail(`a field node of ${length} rows with ${nulls} nulls`);
    if (length > largest) largest = length;
  }
  const buffers = fb.vector(batch, 2, 16);
  for (let k = 0; k < buffers.n; k++) {
    const offset = fb.int64At(buffers.start + 16 * k);
    const length = fb.int64At(buffers.start + 16 * k + 8);
    if (offset < 0n || length < 0n || offset + length > BigInt(bodyLength)) throw fb.fail(`a buffer of ${length} bytes at ${offset} in a body of ${bodyLength} bytes`);
  }
  fb.vector(batch, 4, 8);
  if (largest < 0n || largest > BigInt(Number.MAX_SAFE_INTEGER)) throw fb.fail(`a batch of ${largest} rows`);
  return Number(largest);
}

/**
 * Just enough of a flatbuffer reader for scalars, sub-tables and vectors, every position checked
 * against the buffer. Offsets and sizes are read signed and a vtable entry counts when it starts
 * inside the vtable, as the decoder (flechette) reads them, so what is checked is what it will read.
 */
class FlatTable {
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    readonly fail: (what: string) => DataError,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private at(pos: number, size: number): number {
    if (!Number.isSafeInteger(pos) || pos < 0 || size < 0 || pos + size > this.bytes.length) throw this.fail(`${size} bytes at offset ${pos}, outside its ${this.bytes.length} bytes of metadata`);
    return pos;
  }
  root(): number {
    return this.indirect(0);
  }
  /** The table an offset at `pos` points to. */
  indirect(pos: number): number {
    return this.at(pos + this.view.getInt32(this.at(pos, 4), true), 4);
  }
  /** Position of field `id` of the table at `table`, or -1 when the field is absent (its default applies). */
  private field(table: number, id: number): number {
    const vtable = this.at(table - this.view.getInt32(this.at(table, 4), true), 4);
    const vtableSize = this.view.getInt16(this.at(vtable, 2), true);
    if (4 + 2 * id >= vtableSize) return -1;
    const offset = this.view.getInt16(this.at(vtable + 4 + 2 * id, 2), true);
    return offset === 0 ? -1 : this.at(table + offset, 1);
  }
  has(table: number, id: number): boolean {
    return this.field(table, id) >= 0;
  }
  uint8(table: number, id: number): number {
    const pos = this.field(table, id);
    return pos < 0 ? 0 : this.view.getUint8(this.at(pos, 1));
  }
  int64(table: number, id: number): bigint {
    const pos = this.field(table, id);
    return pos < 0 ? 0n : this.int64At(pos);
  }
  int64At(pos: number): bigint {
    return this.view.getBigInt64(this.at(pos, 8), true);
  }
  table(table: number, id: number): number {
    const pos = this.field(table, id);
    if (pos < 0) throw this.fail(`no table in field ${id}`);
    return this.indirect(pos);
  }
  /** Start and count of the vector in field `id` (none: empty), its `n × size` bytes checked to lie in the metadata. */
  vector(table: number, id: number, size: number): { start: number; n: number } {
    const pos = this.field(table, id);
    if (pos < 0) return { start: 0, n: 0 };
    const vec = this.at(pos + this.view.getInt32(this.at(pos, 4), true), 4);
    const n = this.view.getInt32(vec, true);
    this.at(vec + 4, n * size);
    return { start: vec + 4, n };
  }
}
