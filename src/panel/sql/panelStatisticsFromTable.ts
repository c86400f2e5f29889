/**
 * `panelStatisticsFromTable`: the result of {@link panelStatisticsSql}, run on any engine, back as
 * {@link PanelStatistics} (docs/guides/scale.md). Runs in any JavaScript runtime.
 */
import { DataError, SpecificationError } from '../../core/errors.js';
import { describeValue, isPlainObject } from '../../core/options.js';
import type { PanelStatistics } from '../panelStatistics.js';
import { PHASE_CODE, type Phase } from '../types.js';
import { PANEL_STATISTICS_COLUMNS } from './panelStatisticsSql.js';
import { resolveSqlOptions, type PanelSqlOptions } from './panelSqlOptions.js';
import { cellOffsets, groupCodes, statisticsSpec } from './statisticsSpec.js';
import { observationMonths } from '../observationMonths.js';

/** Columns by name: plain arrays or typed arrays. */
export type StatisticsColumns = Readonly<Record<string, ArrayLike<unknown>>>;

/** An arquero table, an Apache Arrow (or flechette) table, or plain columns. */
export type StatisticsTableInput = StatisticsColumns | { columnNames(): string[]; array(name: string): ArrayLike<unknown> } | { readonly schema: { readonly fields: readonly { readonly name: string }[] }; getChild(name: string): unknown };

const FILE = 'panel statistics table';

interface ArrowColumn {
  readonly length: number;
  readonly nullCount?: number;
  toArray(): ArrayLike<unknown>;
  at?(i: number): unknown;
  get?(i: number): unknown;
}

/** The input's columns by name, as array-likes (Arrow columns with nulls read value by value). */
function columnsOf(table: StatisticsTableInput): Map<string, ArrayLike<unknown>> {
  const out = new Map<string, ArrayLike<unknown>>();
  const t = table as Record<string, unknown>;
  if (typeof t['columnNames'] === 'function' && typeof t['array'] === 'function') {
    const a = table as { columnNames(): string[]; array(name: string): ArrayLike<unknown> };
    for (const name of a.columnNames()) out.set(name, a.array(name));
  } else if (typeof t['getChild'] === 'function' && Array.isArray((t['schema'] as { fields?: unknown } | undefined)?.fields)) {
    const a = table as { schema: { fields: readonly { name: string }[] }; getChild(name: string): ArrowColumn };
    for (const { name } of a.schema.fields) {
      const col = a.getChild(name);
      if (!col.nullCount) out.set(name, col.toArray());
      else out.set(name, Array.from({ length: col.length }, (_, i) => (col.at ? col.at(i) : col.get!(i))));
    }
  } else if (isPlainObject(table)) {
    for (const [name, values] of Object.entries(table)) {
      if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<unknown>).length !== 'number') throw new SpecificationError(`panelStatisticsFromTable: column ${name} must be an array, got ${describeValue(values)}`);
      out.set(name, values as ArrayLike<unknown>);
    }
  } else throw new SpecificationError(`panelStatisticsFromTable expects an arquero table, an Arrow table or { column: values }, got ${describeValue(table)}`);
  const names = [...out.keys()];
  for (const name of PANEL_STATISTICS_COLUMNS) if (!out.has(name)) throw new DataError({ file: FILE, column: name, expected: `the columns ${PANEL_STATISTICS_COLUMNS.join(', ')} (got ${names.join(', ')})` });
  for (const name of names) if (!(PANEL_STATISTICS_COLUMNS as readonly string[]).includes(name)) throw new DataError({ file: FILE, column: name, expected: `only the columns ${PANEL_STATISTICS_COLUMNS.join(', ')}` });
  const length = out.get('rinpersoon')!.length;
  for (const [name, values] of out) if (values.length !== length) throw new DataError({ file: FILE, column: name, value: values.length, expected: `${length} values, as many as rinpersoon` });
  return out;
}

/** Readers of one row's values, each checked (a DataError names row, column and value). */
function readers(columns: Map<string, ArrayLike<unknown>>) {
  const at = (name: string, i: number) => {
    const v = columns.get(name)![i];
    return typeof v === 'bigint' ? Number(v) : v;
  };
  const bad = (name: string, i: number, expected: string) => new DataError({ file: FILE, row: i + 1, column: name, value: columns.get(name)![i], expected });
  const isNull = (v: unknown) => v === null || v === undefined;
  return {
    text(name: string, i: number): string {
      const v = at(name, i);
      if (typeof v !== 'string' || v === '') throw bad(name, i, 'a non-empty text');
      return v;
    },
    number(name: string, i: number, integer: boolean, nullable = false): number {
      const v = at(name, i);
      if (nullable && isNull(v)) return -1;
      if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) throw bad(name, i, integer ? 'a whole number' : 'a finite number');
      return v;
    },
    phase(i: number): number | undefined {
      const v = at('phase', i);
      if (isNull(v)) return undefined;
      if (typeof v === 'string' && v in PHASE_CODE) return PHASE_CODE[v as Phase];
      if (v === 0 || v === 1 || v === 2) return v;
      throw bad('phase', i, "'before', 'during' or 'after' (or 0, 1, 2)");
    },
  };
}

/** Panel persons found in the rows, and each row's person. */
function personsOf(rows: number, read: ReturnType<typeof readers>) {
  const index = new Map<string, number>();
  const rowPerson = new Int32Array(rows);
  const list: { s: string; n: string; group: string; weight: number; cluster: number; start: number; end: number }[] = [];
  for (let i = 0; i < rows; i++) {
    const p = {
      s: read.text('rinpersoons', i),
      n: read.text('rinpersoon', i),
      group: read.text('group', i),
      weight: read.number('weight', i, false),
      cluster: read.number('cluster', i, true, true),
      start: read.number('anchor_start_month', i, true),
      end: read.number('anchor_end_month', i, true, true),
    };
    if (p.weight < 0) throw new DataError({ file: FILE, row: i + 1, column: 'weight', value: p.weight, expected: 'a weight ≥ 0' });
    const key = `${p.s}\u0001${p.n}\u0001${p.group}\u0001${p.weight}\u0001${p.cluster}\u0001${p.start}\u0001${p.end}`;
    let k = index.get(key);
    if (k === undefined) index.set(key, (k = list.push(p) - 1));
    rowPerson[i] = k;
  }
  // Panel person order: person key, anchor months, group, cluster, weight (as the SQL numbers them).
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = list.map((_, k) => k).sort((a, b) => {
    const x = list[a]!;
    const y = list[b]!;
    return cmp(x.s, y.s) || cmp(x.n, y.n) || x.start - y.start || (x.end < 0 ? Infinity : x.end) - (y.end < 0 ? Infinity : y.end) || cmp(x.group, y.group) || x.cluster - y.cluster || x.weight - y.weight;
  });
  const rank = new Int32Array(list.length);
  order.forEach((k, r) => (rank[k] = r));
  for (let i = 0; i < rows; i++) rowPerson[i] = rank[rowPerson[i]!]!;
  return { persons: order.map((k) => list[k]!), rowPerson };
}

/**
 * The table that {@link panelStatisticsSql}'s query returns (from Spark, Trino, DuckDB, …) as
 * {@link PanelStatistics}: an arquero table, an Apache Arrow table or plain columns with exactly the
 * columns `rinpersoons, rinpersoon, group, weight, cluster, anchor_start_month, anchor_end_month,
 * phase, event_time, n, sum_y, sum_w, sum_wy`, in any row order. Pass the options the query was
 * written with (windows, participation, `groups` for the group order, `observation` to record it).
 * Rows with equal person, phase and event time are added; a row with n = 0 only declares a person.
 *
 * @example
 * const s = panelStatisticsFromTable({
 *   rinpersoons: ['R', 'R', 'R'], rinpersoon: ['000000002', '000000001', '000000001'], group: ['supported', 'supported', 'supported'],
 *   weight: [1, 1, 1], cluster: [null, null, null], anchor_start_month: [24240, 24240, 24240], anchor_end_month: [null, 24250, 24250],
 *   phase: [null, 'after', 'before'], event_time: [null, 1, -1], n: [0, 1, 1], sum_y: [0, 1, 0], sum_w: [0, 1, 1], sum_wy: [0, 1, 0],
 * }, { before: 1, after: 1 });
 * [s.persons.length, s.length, [...s.phase], [...s.offsets]]; // [2, 2, [0, 2], [0, 2, 2]]
 * s.persons.id; // ['R000000001', 'R000000002']
 */
export function panelStatisticsFromTable(table: StatisticsTableInput, options: PanelSqlOptions = {}): PanelStatistics {
  const o = resolveSqlOptions(options);
  const columns = columnsOf(table);
  const rows = columns.get('rinpersoon')!.length;
  const read = readers(columns);
  const { persons: list, rowPerson } = personsOf(rows, read);
  // Cell rows sorted by person, phase, event time.
  const cellRows: number[] = [];
  const phaseOf = new Int8Array(rows).fill(-1);
  const kOf = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const n = read.number('n', i, true);
    if (n < 0) throw new DataError({ file: FILE, row: i + 1, column: 'n', value: n, expected: 'a count ≥ 0' });
    if (n === 0) continue;
    const ph = read.phase(i);
    if (ph === undefined) throw new DataError({ file: FILE, row: i + 1, column: 'phase', value: null, expected: "a phase for a row with n > 0" });
    phaseOf[i] = ph;
    kOf[i] = read.number('event_time', i, true);
    if (kOf[i]! < -32768 || kOf[i]! > 32767) throw new DataError({ file: FILE, row: i + 1, column: 'event_time', value: kOf[i], expected: 'an event time between -32768 and 32767' });
    cellRows.push(i);
  }
  cellRows.sort((a, b) => rowPerson[a]! - rowPerson[b]! || phaseOf[a]! - phaseOf[b]! || kOf[a]! - kOf[b]! || a - b);
  const person: number[] = [];
  const phase: number[] = [];
  const eventTime: number[] = [];
  const n: number[] = [];
  const sums: [number[], number[], number[]] = [[], [], []];
  let binary = true;
  for (const i of cellRows) {
    const last = person.length - 1;
    const same = last >= 0 && person[last] === rowPerson[i] && phase[last] === phaseOf[i] && eventTime[last] === kOf[i];
    const values = [read.number('sum_y', i, false), read.number('sum_w', i, false), read.number('sum_wy', i, false)] as const;
    if (same) {
      n[last]! += read.number('n', i, true);
      for (let c = 0; c < 3; c++) sums[c]![last]! += values[c];
    } else {
      person.push(rowPerson[i]!);
      phase.push(phaseOf[i]!);
      eventTime.push(kOf[i]!);
      n.push(read.number('n', i, true));
      for (let c = 0; c < 3; c++) sums[c]!.push(values[c]);
    }
  }
  for (let r = 0; r < n.length && binary; r++) if (!(Number.isInteger(sums[0][r]) && sums[0][r]! >= 0 && sums[0][r]! <= n[r]!)) binary = false;
  if (!binary) throw new DataError({ file: FILE, column: 'sum_y', expected: `participation counts: whole numbers from 0 to n (the outcome is ${o.label})` });
  const codes = groupCodes(list.map((p) => p.group), o.groups);
  const P = list.length;
  const personCol = Int32Array.from(person);
  const observation = o.observation ? observationMonths(o.observation) : undefined;
  return {
    kind: 'panel-statistics',
    persons: {
      length: P,
      id: list.map((p) => p.s + p.n),
      exportIndex: new Int32Array(P).fill(-1),
      group: Int32Array.from(list, (p) => {
        const g = codes.code.get(p.group);
        if (g === undefined) throw new DataError({ file: FILE, column: 'group', value: p.group, expected: `one of the groups asked for (${codes.groups.join(', ')})` });
        return g;
      }),
      weight: Float64Array.from(list, (p) => p.weight),
      cluster: Int32Array.from(list, (p) => p.cluster),
      anchorStart: Int32Array.from(list, (p) => p.start),
      anchorEnd: Int32Array.from(list, (p) => p.end),
    },
    groups: codes.groups,
    length: person.length,
    person: personCol,
    phase: Uint8Array.from(phase),
    eventTime: Int16Array.from(eventTime),
    n: Int32Array.from(n),
    sumY: Float64Array.from(sums[0]),
    sumW: Float64Array.from(sums[1]),
    sumWY: Float64Array.from(sums[2]),
    offsets: cellOffsets(personCol, P),
    binary,
    spec: statisticsSpec(o, observation ? { startMonth: observation.start, endMonth: observation.end } : undefined),
  };
}
