/**
 * Distinct (group, outcome, covariate values) rows with their counts, in typed arrays with an
 * open-addressing hash on the values' bits, so that millions of model rows cost no string keys
 * and no per-row objects. Once the rows turn out not to repeat (continuous covariates), it stops
 * looking them up and keeps every row.
 */

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const out = new (a.constructor as { new (n: number): T })(n);
  out.set(a);
  return out;
}

/**
 * Distinct rows of a frequency-weighted model.
 *
 * @example
 * const t = new PatternTable(1);
 * t.add(0, 1, [new Float64Array([1984])], 0);
 * t.add(0, 1, [new Float64Array([1984])], 0);
 * t.add(0, 0, [new Float64Array([1984])], 0);
 * [t.size, t.count[0], t.count[1]]; // [2, 2, 1]
 */
export class PatternTable {
  size = 0;
  group: Int32Array = new Int32Array(1024);
  y: Uint8Array = new Uint8Array(1024);
  count: Float64Array = new Float64Array(1024);
  /** Values per variable (first `size` entries). */
  values: Float64Array[];
  private rows = 0;
  private dedupe = true;
  private slots: Int32Array = new Int32Array(2048).fill(-1);

  constructor(private readonly nv: number) {
    this.values = Array.from({ length: nv }, () => new Float64Array(1024));
  }

  private hash(group: number, y: number, raw: readonly ArrayLike<number>[], row: number): number {
    let h = Math.imul(group + 1, 0x9e3779b1) ^ y;
    for (let v = 0; v < this.nv; v++) {
      bits[0] = raw[v][row] + 0; // −0 and 0 are one value
      h = Math.imul(h ^ words[0], 0x85ebca6b);
      h = Math.imul(h ^ words[1], 0xc2b2ae35);
      h ^= h >>> 15;
    }
    return h >>> 0;
  }

  private same(k: number, group: number, y: number, raw: readonly ArrayLike<number>[], row: number): boolean {
    if (this.group[k] !== group || this.y[k] !== y) return false;
    for (let v = 0; v < this.nv; v++) if (this.values[v][k] !== raw[v][row]) return false;
    return true;
  }

  private append(group: number, y: number, raw: readonly ArrayLike<number>[], row: number): number {
    const k = this.size++;
    if (k === this.group.length) {
      const n = 2 * k;
      this.group = grow(this.group, n);
      this.y = grow(this.y, n);
      this.count = grow(this.count, n);
      this.values = this.values.map((a) => grow(a, n));
    }
    this.group[k] = group;
    this.y[k] = y;
    for (let v = 0; v < this.nv; v++) this.values[v][k] = raw[v][row] + 0;
    return k;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap).fill(-1);
    for (let k = 0; k < this.size; k++) {
      let s = this.hash(this.group[k], this.y[k], this.values, k) & (cap - 1);
      while (this.slots[s] >= 0) s = (s + 1) & (cap - 1);
      this.slots[s] = k;
    }
  }

  /** Count row `row` of the columns `raw` in group `group` with outcome `y`. */
  add(group: number, y: number, raw: readonly ArrayLike<number>[], row: number): void {
    this.rows++;
    if (!this.dedupe) {
      this.count[this.append(group, y, raw, row)] = 1;
      return;
    }
    const mask = this.slots.length - 1;
    let s = this.hash(group, y, raw, row) & mask;
    for (;;) {
      const k = this.slots[s];
      if (k < 0) break;
      if (this.same(k, group, y, raw, row)) {
        this.count[k]++;
        return;
      }
      s = (s + 1) & mask;
    }
    const k = this.append(group, y, raw, row);
    this.count[k] = 1;
    this.slots[s] = k;
    // Continuous covariates: patterns do not repeat, so stop paying for the lookup table.
    if (this.size > 100_000 && this.size > this.rows / 2) {
      this.dedupe = false;
      this.slots = new Int32Array(0);
    } else if (2 * this.size > this.slots.length) this.rehash();
  }
}
