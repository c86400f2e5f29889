/**
 * Hash tables keyed by byte ranges, so the CSV reader can dictionary-encode categories and look up
 * person keys without making a string per field.
 *
 * Each slot of the open-addressing table holds the entry's hash, number, offset and length side
 * by side, so a lookup touches one slot and the entry's bytes: two cache misses on tables with
 * hundreds of thousands of entries (employer numbers), not four.
 */
import { digitKey, digitKeyBytes } from './digitKeys.js';

/**
 * FNV-1a over `buf[from, to)`, continuing from `h`, then mixed (murmur3's finalizer) so that the
 * low bits, which pick the slot, depend on every byte: keys of digits differ in few bits.
 */
function hashBytes(h: number, buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
/** Ints per slot: hash, entry + 1 (0 = empty), offset, length. */
const SLOT = 4;

/** Grows a byte pool and an open-addressing slot table; entry `k` is `pool[offset[k], offset[k+1])`. */
class BytePool {
  pool = new Uint8Array(1 << 12);
  offsets = new Int32Array(1 << 8);
  size = 0;
  /** Entries in the slot table (entries added by {@link commitUnhashed} are not, until {@link hashAll}). */
  private hashed = 0;
  /** Slots of SLOT ints; the table has `slots.length / SLOT` slots, a power of two. */
  slots = new Int32Array(SLOT << 10);

  /** Size an empty table for `entries` entries of `bytes` bytes in all, so it need not grow. */
  expect(entries: number, bytes: number): void {
    if (this.size > 0) return;
    let slots = this.slots.length / SLOT;
    while (slots < entries * 2 + 2) slots *= 2;
    if (slots * SLOT > this.slots.length) this.slots = new Int32Array(slots * SLOT);
    if (entries + 2 > this.offsets.length) this.offsets = new Int32Array(entries + 2);
    if (bytes > this.pool.length) this.pool = new Uint8Array(bytes);
  }

  /** Make room for an entry of `extra` bytes. */
  protected room(extra: number): void {
    const need = this.offsets[this.size]! + extra;
    if (need > this.pool.length) {
      let n = this.pool.length * 2;
      while (n < need) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.pool);
      this.pool = next;
    }
    if (this.size + 2 > this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
  }

  /** Slot (index into `slots`) of the entry with these bytes and hash, or of the empty slot where it belongs. */
  protected find(h: number, buf: Uint8Array, from: number, len: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const pool = this.pool;
    for (let s = (h & mask) << 2; ; s = (s + SLOT) & (mask << 2)) {
      if (slots[s + 1] === 0) return s;
      if (slots[s] !== h || slots[s + 3] !== len) continue;
      const o = slots[s + 2]!;
      let i = 0;
      while (i < len && pool[o + i] === buf[from + i]) i++;
      if (i === len) return s;
    }
  }

  /** Register the entry whose bytes were written at the pool's end, `length` bytes long, in empty slot `slot`. */
  protected commit(slot: number, length: number, hash: number): number {
    const k = this.size++;
    const at = this.offsets[k]!;
    this.offsets[this.size] = at + length;
    this.slots[slot] = hash;
    this.slots[slot + 1] = k + 1;
    this.slots[slot + 2] = at;
    this.slots[slot + 3] = length;
    if (++this.hashed * 2 > this.slots.length / SLOT) this.rehash();
    return k;
  }

  /** Register the entry whose bytes were written at the pool's end without a slot (the table is built later by {@link hashAll}). */
  protected commitUnhashed(length: number): number {
    const k = this.size++;
    this.offsets[this.size] = this.offsets[k]! + length;
    return k;
  }

  /** Build the slot table for every entry (entries are distinct). */
  protected hashAll(): void {
    let slots = 1 << 10;
    while (slots < this.size * 2 + 2) slots *= 2;
    this.slots = new Int32Array(slots * SLOT);
    this.hashed = this.size;
    const pool = this.pool;
    for (let k = 0; k < this.size; k++) {
      const o = this.offsets[k]!;
      const len = this.offsets[k + 1]! - o;
      const h = hashBytes(FNV_OFFSET, pool, o, o + len);
      const slot = this.find(h, pool, o, len);
      this.slots[slot] = h;
      this.slots[slot + 1] = k + 1;
      this.slots[slot + 2] = o;
      this.slots[slot + 3] = len;
    }
  }

  /** Compare `buf[from, from + len)` with entry `k` byte by byte: negative, 0 or positive. */
  protected compareEntry(buf: Uint8Array, from: number, len: number, k: number): number {
    const o = this.offsets[k]!;
    const n = this.offsets[k + 1]! - o;
    const pool = this.pool;
    const m = Math.min(n, len);
    for (let i = 0; i < m; i++) {
      const d = buf[from + i]! - pool[o + i]!;
      if (d !== 0) return d;
    }
    return len - n;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let s = 0; s < old.length; s += SLOT) {
      if (old[s + 1] === 0) continue;
      let t = (old[s]! & mask) << 2;
      while (slots[t + 1] !== 0) t = (t + SLOT) & (mask << 2);
      slots[t] = old[s]!;
      slots[t + 1] = old[s + 1]!;
      slots[t + 2] = old[s + 2]!;
      slots[t + 3] = old[s + 3]!;
    }
    this.slots = slots;
  }

  /** Append `buf[from, to)` to the pool (room must have been made). */
  protected append(buf: Uint8Array, from: number, to: number, at: number): void {
    const pool = this.pool;
    for (let i = from; i < to; i++) pool[at++] = buf[i]!;
  }
}

/**
 * Codes for the distinct byte strings of one column of one file, in order of first appearance.
 * Callers trim the range and treat empty ranges as missing themselves.
 *
 * @example
 * const d = new ByteDictionary();
 * const b = new TextEncoder().encode('Wsw;Pantar;Wsw');
 * [d.code(b, 0, 3), d.code(b, 4, 10), d.code(b, 11, 14)]; // [0, 1, 0]
 */
export class ByteDictionary extends BytePool {
  /** Called with the bytes of each new entry before it is added (to check their encoding). */
  onNew: ((buf: Uint8Array, from: number, to: number) => void) | undefined;
  /**
   * Entries of one to nine digits (employer and other register numbers) in a table of their own,
   * keyed by `value + 10^length` (distinct for "7" and "007", and below 2^31): pairs of that key
   * and entry + 1, eight bytes a slot, compared without reading the entry's bytes.
   */
  private digitSlots = new Int32Array(2 << 10);
  private readonly keyText = new Uint8Array(9);
  private digitCount = 0;

  code(buf: Uint8Array, from: number, to: number): number {
    const len = to - from;
    const key = digitKey(buf, from, to);
    if (key >= 0) return this.digitCode(key, buf, from, to);
    const h = hashBytes(FNV_OFFSET, buf, from, to);
    const slot = this.find(h, buf, from, len);
    if (this.slots[slot + 1] !== 0) return this.slots[slot + 1]! - 1;
    this.onNew?.(buf, from, to);
    this.room(len);
    this.append(buf, from, to, this.offsets[this.size]!);
    return this.commit(slot, len, h);
  }

  /** Code of the text of digit key `key` (a value first kept as a digit key, see `digitKey`). */
  codeKey(key: number): number {
    return this.code(this.keyText, 0, digitKeyBytes(key, this.keyText));
  }

  /** The bytes of entry `k`. */
  bytes(k: number): Uint8Array {
    return this.pool.subarray(this.offsets[k]!, this.offsets[k + 1]!);
  }

  /** Code of the digit entry `buf[from, to)` whose key is `key`. */
  private digitCode(key: number, buf: Uint8Array, from: number, to: number): number {
    const slots = this.digitSlots;
    const mask = slots.length - 2;
    let s = (mixInt(key) << 1) & mask;
    while (slots[s + 1] !== 0) {
      if (slots[s] === key) return slots[s + 1]! - 1;
      s = (s + 2) & mask;
    }
    this.onNew?.(buf, from, to);
    this.room(to - from);
    this.append(buf, from, to, this.offsets[this.size]!);
    const k = this.commitUnhashed(to - from);
    slots[s] = key;
    slots[s + 1] = k + 1;
    if (++this.digitCount * 4 > slots.length) this.growDigits();
    return k;
  }

  private growDigits(): void {
    const old = this.digitSlots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 2;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o + 1] === 0) continue;
      let s = (mixInt(old[o]!) << 1) & mask;
      while (slots[s + 1] !== 0) s = (s + 2) & mask;
      slots[s] = old[o]!;
      slots[s + 1] = old[o + 1]!;
    }
    this.digitSlots = slots;
  }
}


/** murmur3's finalizer: every bit of `x` moves the low bits (which pick the slot). */
function mixInt(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Person index by the bytes of `RINPERSOONS` and `RINPERSOON` (ASCII keys only; callers fall back
 * to the string index for others). A key is stored as its source code, a 0x01 byte and its number.
 *
 * @example
 * const idx = new PersonKeyIndex();
 * idx.add('R', '000000001', 0);
 * const b = new TextEncoder().encode('R;000000001');
 * idx.get(b, 0, 1, b, 2, 11); // 0
 * idx.insert(b, 0, 1, b, 2, 11, 5); // 0 (already there: the earlier person)
 * idx.lookup(new Uint8Array([82, 1, ...b.subarray(2, 11)]), 0, 11); // 0
 * [idx.getText('R', '000000001'), idx.getText('R', '000000002'), idx.getText('R', 'é')]; // [0, -1, undefined]
 */
export class PersonKeyIndex extends BytePool {
  private values = new Int32Array(1 << 8);
  private key = new Uint8Array(64);
  /**
   * While keys come in increasing byte order (persons files sorted by key), they are kept in that
   * order without a hash table: they are distinct by construction and found by binary search.
   * The first key out of order (or too many searches) builds the table.
   */
  private ordered = true;
  /** The entry after the last one found: spell files sorted like the persons ask for it next. */
  private next = 0;
  private searches = 0;

  override expect(entries: number, bytes: number): void {
    if (this.size > 0) return;
    if (entries + 2 > this.offsets.length) this.offsets = new Int32Array(entries + 2);
    if (bytes > this.pool.length) this.pool = new Uint8Array(bytes);
    if (entries > this.values.length) this.values = new Int32Array(entries);
  }

  /** Add an ASCII key; returns false (and adds nothing) when either part is not ASCII. */
  add(source: string, number: string, person: number): boolean {
    const total = this.joinText(source, number);
    if (total < 0) return false;
    this.put(this.key, total, person);
    return true;
  }

  /** Person of a key given as text, or -1; `undefined` when a part is not ASCII (such keys are never here). */
  getText(source: string, number: string): number | undefined {
    const total = this.joinText(source, number);
    if (total < 0) return undefined;
    const k = this.entryOf(this.key, 0, total);
    return k < 0 ? -1 : this.values[k]!;
  }

  /** Text key into the scratch key; returns its length, or -1 when a part is not ASCII. */
  private joinText(source: string, number: string): number {
    const total = source.length + 1 + number.length;
    if (total > this.key.length) this.key = new Uint8Array(total * 2);
    const key = this.key;
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c >= 0x80) return -1;
      key[i] = c;
    }
    key[source.length] = 1;
    for (let i = 0; i < number.length; i++) {
      const c = number.charCodeAt(i);
      if (c >= 0x80) return -1;
      key[source.length + 1 + i] = c;
    }
    return total;
  }

  /**
   * Person of the key `s[sa, sb)` + `n[na, nb)` when it is already present; otherwise adds it
   * for `person` and returns -1.
   */
  insert(s: Uint8Array, sa: number, sb: number, n: Uint8Array, na: number, nb: number, person: number): number {
    const total = this.join(s, sa, sb, n, na, nb);
    return this.put(this.key, total, person);
  }

  /** Person of the key `s[sa, sb)` + `n[na, nb)`, or -1. */
  get(s: Uint8Array, sa: number, sb: number, n: Uint8Array, na: number, nb: number): number {
    const total = this.join(s, sa, sb, n, na, nb);
    const k = this.entryOf(this.key, 0, total);
    return k < 0 ? -1 : this.values[k]!;
  }

  /** Person of the key already joined as `source 0x01 number` in `key[from, to)`, or -1. */
  lookup(key: Uint8Array, from: number, to: number): number {
    const k = this.entryOf(key, from, to - from);
    return k < 0 ? -1 : this.values[k]!;
  }

  /** Entry of the key `key[from, from + len)`, or -1. */
  private entryOf(key: Uint8Array, from: number, len: number): number {
    const end = Math.min(this.size, this.next + 4);
    for (let k = this.next; k < end; k++) {
      if (this.compareEntry(key, from, len, k) === 0) {
        this.next = k + 1;
        return k;
      }
    }
    let k: number;
    if (this.ordered) {
      k = this.search(key, from, len);
      // Keys asked for out of order: hashing is faster than searching from here on.
      if (++this.searches > 4096 && this.searches > this.size >> 3) this.unorder();
    } else {
      k = this.slots[this.find(hashBytes(FNV_OFFSET, key, from, from + len), key, from, len) + 1]! - 1;
    }
    if (k >= 0) this.next = k + 1;
    return k;
  }

  /** Binary search of the ordered entries. */
  private search(key: Uint8Array, from: number, len: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareEntry(key, from, len, mid);
      if (c === 0) return mid;
      if (c > 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private unorder(): void {
    this.ordered = false;
    this.hashAll();
  }

  /** Key bytes into the scratch key; returns their length. */
  private join(s: Uint8Array, sa: number, sb: number, n: Uint8Array, na: number, nb: number): number {
    const total = sb - sa + 1 + nb - na;
    if (total > this.key.length) this.key = new Uint8Array(total * 2);
    const key = this.key;
    let at = 0;
    for (let i = sa; i < sb; i++) key[at++] = s[i]!;
    key[at++] = 1;
    for (let i = na; i < nb; i++) key[at++] = n[i]!;
    return total;
  }

  private put(key: Uint8Array, total: number, person: number): number {
    if (this.ordered && this.size > 0 && this.compareEntry(key, 0, total, this.size - 1) <= 0) this.unorder();
    let added: number;
    if (this.ordered) {
      this.room(total);
      this.append(key, 0, total, this.offsets[this.size]!);
      added = this.commitUnhashed(total);
    } else {
      const h = hashBytes(FNV_OFFSET, key, 0, total);
      const slot = this.find(h, key, 0, total);
      const k = this.slots[slot + 1]!;
      if (k !== 0) return this.values[k - 1]!;
      this.room(total);
      this.append(key, 0, total, this.offsets[this.size]!);
      added = this.commit(slot, total, h);
    }
    if (added >= this.values.length) {
      const v = new Int32Array(this.values.length * 2);
      v.set(this.values);
      this.values = v;
    }
    this.values[added] = person;
    return -1;
  }
}
