/**
 * The hot loop of the two-point multiplier bootstrap (see `multiplierDraws`) as a tiny WebAssembly
 * module with 128-bit SIMD: two f64 additions per instruction and no bounds checks. The module is
 * assembled below from its instructions (no binary blob); each f64 lane does exactly the additions
 * of the plain JavaScript loop in the same order, so both give bit-identical draws. Where
 * WebAssembly SIMD is missing (old browsers) the caller falls back to JavaScript.
 */

/** Unsigned LEB128 of a non-negative integer. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const name = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions used (WebAssembly core + SIMD opcodes).
const I32 = 0x7f;
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const ADD = 0x6a;
const MUL = 0x6c;
const AND = 0x71;
const XOR = 0x73;
const SUB = 0x6b;
const SHL = 0x74;
const CTZ = 0x68;
const GE_U = 0x4f;
const LOAD32 = [0x28, 0x02, 0x00];
const load32At = (offset: number): number[] => [0x28, 0x02, offset];
const V_LOAD = [0xfd, 0x00, 0x03, 0x00];
const V_STORE = [0xfd, 0x0b, 0x03, 0x00];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const LOOP_START = [0x02, 0x40, 0x03, 0x40]; // block { loop {
const LOOP_END = [0x0c, 0x00, 0x0b, 0x0b]; // br 0 (continue) } }
const breakIfGe = (a: number, b: number): number[] => [...get(a), ...get(b), GE_U, 0x0d, 0x01];

/** for (j = 0; j < bytes; j += 16) mem[dst + j] = mem[a + j] + mem[b + j] (two f64 per step). */
function rowAdd(dst: number, a: number, b: number, bytes: number, j: number): number[] {
  return [
    0x41, 0x00, ...set(j),
    ...LOOP_START,
    ...breakIfGe(j, bytes),
    ...get(dst), ...get(j), ADD,
    ...get(a), ...get(j), ADD, ...V_LOAD,
    ...get(b), ...get(j), ADD, ...V_LOAD,
    ...F64X2_ADD, ...V_STORE,
    ...get(j), 0x41, 0x10, ADD, ...set(j),
    ...LOOP_END,
  ];
}

/**
 * build(table, rows, size, bytes): table row `mask` = table row `mask` without its lowest bit +
 * input row (index of that bit), for mask = 1 … size − 1; row 0 stays zero.
 * Locals: 4 mask, 5 dst, 6 src, 7 row, 8 j, 9 low.
 */
const buildBody = [
  ...vec([[6, I32]]),
  0x41, 0x01, ...set(4),
  ...LOOP_START,
  ...breakIfGe(4, 2),
  ...get(4), 0x41, 0x00, ...get(4), SUB, AND, ...set(9),
  ...get(0), ...get(4), ...get(3), MUL, ADD, ...set(5),
  ...get(0), ...get(4), ...get(9), XOR, ...get(3), MUL, ADD, ...set(6),
  ...get(1), ...get(4), CTZ, ...get(3), MUL, ADD, ...set(7),
  ...rowAdd(5, 6, 7, 3, 8),
  ...get(4), 0x41, 0x01, ADD, ...set(4),
  ...LOOP_END,
  0x0b,
];

/**
 * draws(acc, offsets, count, bytes): acc row r += the row at byte address offsets[r] (an i32
 * array), for r = 0 … count − 1. Locals: 4 r, 5 o, 6 t, 7 j.
 */
const drawsBody = [
  ...vec([[4, I32]]),
  0x41, 0x00, ...set(4),
  ...LOOP_START,
  ...breakIfGe(4, 2),
  ...get(0), ...get(4), ...get(3), MUL, ADD, ...set(5),
  ...get(1), ...get(4), 0x41, 0x02, SHL, ADD, ...LOAD32, ...set(6),
  ...rowAdd(5, 5, 6, 3, 7),
  ...get(4), 0x41, 0x01, ADD, ...set(4),
  ...LOOP_END,
  0x0b,
];

/**
 * draws4(acc, offsets, count, bytes): acc row r += the rows at byte addresses offsets[4r … 4r+3],
 * added one after the other (((acc + t0) + t1) + t2) + t3, so exactly as four calls of `draws`,
 * with one load and store of acc instead of four. Locals: 4 r, 5 o, 6–9 t0–t3, 10 j, 11 base.
 */
const draws4Body = [
  ...vec([[8, I32]]),
  0x41, 0x00, ...set(4),
  ...LOOP_START,
  ...breakIfGe(4, 2),
  ...get(0), ...get(4), ...get(3), MUL, ADD, ...set(5),
  ...get(1), ...get(4), 0x41, 0x04, SHL, ADD, ...set(11),
  ...get(11), ...load32At(0), ...set(6),
  ...get(11), ...load32At(4), ...set(7),
  ...get(11), ...load32At(8), ...set(8),
  ...get(11), ...load32At(12), ...set(9),
  0x41, 0x00, ...set(10),
  ...LOOP_START,
  ...breakIfGe(10, 3),
  ...get(5), ...get(10), ADD,
  ...get(5), ...get(10), ADD, ...V_LOAD,
  ...get(6), ...get(10), ADD, ...V_LOAD, ...F64X2_ADD,
  ...get(7), ...get(10), ADD, ...V_LOAD, ...F64X2_ADD,
  ...get(8), ...get(10), ADD, ...V_LOAD, ...F64X2_ADD,
  ...get(9), ...get(10), ADD, ...V_LOAD, ...F64X2_ADD,
  ...V_STORE,
  ...get(10), 0x41, 0x10, ADD, ...set(10),
  ...LOOP_END,
  ...get(4), 0x41, 0x01, ADD, ...set(4),
  ...LOOP_END,
  0x0b,
];

const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32]]), 0x00]])),
  ...section(3, vec([[0], [0], [0]])),
  ...section(5, vec([[0x00, 0x01]])),
  ...section(7, vec([[...name('mem'), 0x02, 0x00], [...name('build'), 0x00, 0x00], [...name('draws'), 0x00, 0x01], [...name('draws4'), 0x00, 0x02]])),
  ...section(10, vec([[...leb(buildBody.length), ...buildBody], [...leb(drawsBody.length), ...drawsBody], [...leb(draws4Body.length), ...draws4Body]])),
]);

/** The instantiated kernel: its memory and the two loops. */
export interface SubsetSumKernel {
  readonly memory: WebAssembly.Memory;
  build(table: number, rows: number, size: number, bytes: number): void;
  draws(acc: number, offsets: number, count: number, bytes: number): void;
  draws4(acc: number, offsets: number, count: number, bytes: number): void;
}

let cached: SubsetSumKernel | null | undefined;
let enabled = true;

/** Switch the kernel off (`false`) or back on, so tests can compare it with the JavaScript loop. Internal. */
export function useSubsetSumKernel(on: boolean): void {
  enabled = on;
}

/**
 * The WebAssembly subset-sum kernel, or `null` where WebAssembly SIMD is unavailable (compiled
 * once, synchronously: the module is a few hundred bytes). Internal to the inference layer.
 */
export function subsetSumKernel(): SubsetSumKernel | null {
  if (!enabled) return null;
  if (cached !== undefined) return cached;
  cached = null;
  try {
    if (typeof WebAssembly === 'object' && WebAssembly.validate(MODULE)) {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE));
      const e = instance.exports as unknown as { mem: WebAssembly.Memory; build: SubsetSumKernel['build']; draws: SubsetSumKernel['draws']; draws4: SubsetSumKernel['draws4'] };
      cached = { memory: e.mem, build: e.build, draws: e.draws, draws4: e.draws4 };
    }
  } catch {
    cached = null;
  }
  return cached;
}
