/**
 * Hash tables keyed by byte ranges, so the CSV reader can dictionary-encode categories and look up
 * person keys without making a string per field.
 */

/** FNV-1a over `buf[from, to)`, continuing from `h`. */
function hashBytes(h: number, buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 16777619);
  return h;
}

const FNV_OFFSET = 0x811c9dc5 | 0;

/** Grows a byte pool and an open-addressing slot table; entry `k` is `pool[offset[k], offset[k+1])`. */
class BytePool {
  pool = new Uint8Array(1 << 12);
  offsets = new Int32Array(1 << 8);
  hashes = new Int32Array(1 << 8);
  size = 0;
  slots = new Int32Array(1 << 10).fill(-1);

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
      const h = new Int32Array(this.hashes.length * 2);
      h.set(this.hashes);
      this.hashes = h;
    }
  }

  /** Register the entry whose bytes were written at the pool's end, `length` bytes long. */
  protected commit(length: number, hash: number): number {
    const k = this.size++;
    this.offsets[this.size] = this.offsets[k]! + length;
    this.hashes[k] = hash;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(k, hash);
    return k;
  }

  private place(k: number, hash: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while (this.slots[s] !== -1) s = (s + 1) & mask;
    this.slots[s] = k;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let k = 0; k < this.size; k++) this.place(k, this.hashes[k]!);
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

  code(buf: Uint8Array, from: number, to: number): number {
    const h = hashBytes(FNV_OFFSET, buf, from, to);
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s]!;
      if (k === -1) break;
      if (this.hashes[k] !== h) continue;
      const o = this.offsets[k]!;
      if (this.offsets[k + 1]! - o !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.pool[o + i] !== buf[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    this.onNew?.(buf, from, to);
    this.room(len);
    const at = this.offsets[this.size]!;
    for (let i = 0; i < len; i++) this.pool[at + i] = buf[from + i]!;
    return this.commit(len, h);
  }

  /** The bytes of entry `k`. */
  bytes(k: number): Uint8Array {
    return this.pool.subarray(this.offsets[k]!, this.offsets[k + 1]!);
  }
}

const SEP = new Uint8Array([1]);

/**
 * Person index by the bytes of `RINPERSOONS` and `RINPERSOON` (ASCII keys only; callers fall back
 * to the string index for others).
 *
 * @example
 * const idx = new PersonKeyIndex();
 * idx.add('R', '000000001', 0);
 * const b = new TextEncoder().encode('R;000000001');
 * idx.get(b, 0, 1, b, 2, 11); // 0
 */
export class PersonKeyIndex extends BytePool {
  private values = new Int32Array(1 << 8);

  /** Add an ASCII key; returns false (and adds nothing) when either part is not ASCII. */
  add(source: string, number: string, person: number): boolean {
    const total = source.length + 1 + number.length;
    this.room(total);
    const at = this.offsets[this.size]!;
    const pool = this.pool;
    let h = FNV_OFFSET;
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c >= 0x80) return false;
      pool[at + i] = c;
      h = Math.imul(h ^ c, 16777619);
    }
    pool[at + source.length] = 1;
    h = Math.imul(h ^ 1, 16777619);
    for (let i = 0; i < number.length; i++) {
      const c = number.charCodeAt(i);
      if (c >= 0x80) return false;
      pool[at + source.length + 1 + i] = c;
      h = Math.imul(h ^ c, 16777619);
    }
    const k = this.commit(total, h);
    if (k >= this.values.length) {
      const v = new Int32Array(this.values.length * 2);
      v.set(this.values);
      this.values = v;
    }
    this.values[k] = person;
    return true;
  }

  /** Person of the key `s[sa, sb)` + `n[na, nb)`, or -1. */
  get(s: Uint8Array, sa: number, sb: number, n: Uint8Array, na: number, nb: number): number {
    const h = hashBytes(hashBytes(hashBytes(FNV_OFFSET, s, sa, sb), SEP, 0, 1), n, na, nb);
    const mask = this.slots.length - 1;
    const ls = sb - sa;
    const len = ls + 1 + nb - na;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot]!;
      if (k === -1) return -1;
      if (this.hashes[k] !== h) continue;
      const o = this.offsets[k]!;
      if (this.offsets[k + 1]! - o !== len || this.pool[o + ls] !== 1) continue;
      let same = true;
      for (let i = 0; i < ls && same; i++) same = this.pool[o + i] === s[sa + i];
      for (let i = 0; i < nb - na && same; i++) same = this.pool[o + ls + 1 + i] === n[na + i];
      if (same) return this.values[k]!;
    }
  }
}
