import { from, type ColumnTable } from 'arquero';
import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { statisticsMethod } from './statisticsFromPanel.js';
import { PHASE_CODE, PHASES, type EventPanel, type Phase } from './types.js';

/** Column names of a long panel for {@link panelFromLong}. */
export interface LongPanelColumns {
  /** Person identifier (any value; compared as text). */
  readonly id: string;
  /** Group label per person (default: one group `all`). */
  readonly group?: string;
  /** Phase `before` / `during` / `after` (default: from the sign of the event time; k = 0 is then an error). */
  readonly phase?: string;
  /** Event time k in months (whole number). */
  readonly eventTime: string;
  /** Outcome: 0/1 participation or any finite number (booleans count as 0/1). */
  readonly outcome: string;
  /** Analysis weight per person (constant within a person; default 1). */
  readonly weight?: string;
  /** Cluster per person (constant within a person; default: the person). */
  readonly cluster?: string;
}

const FILE = 'long panel';

const COLUMN_KEYS = { id: true, group: true, phase: true, eventTime: true, outcome: true, weight: true, cluster: true } as const;

/** The table must be an arquero table or an array of row objects; the column map names id, eventTime and outcome as strings. */
function checkLongInput(input: unknown, columns: unknown): void {
  const isTable = typeof input === 'object' && input !== null && typeof (input as { columnNames?: unknown }).columnNames === 'function';
  if (!isTable && !Array.isArray(input)) {
    throw new SpecificationError(`panelFromLong expects a long table (an arquero table or an array of row objects); got ${describeValue(input)}`);
  }
  if (!isPlainObject(columns)) throw new SpecificationError(`panelFromLong expects column names { id, eventTime, outcome, … } as its second argument; got ${describeValue(columns)}`);
  checkOptions('panelFromLong', columns, COLUMN_KEYS);
  for (const [key, value] of Object.entries(columns)) {
    if (value !== undefined && typeof value !== 'string') throw new SpecificationError(`panelFromLong: column name ${key} must be a string, got ${describeValue(value)}`);
  }
  for (const key of ['id', 'eventTime', 'outcome'] as const) {
    if (columns[key] === undefined) throw new SpecificationError(`panelFromLong: the column name ${key} is required`);
  }
}

/**
 * An {@link EventPanel} from a long table built elsewhere: one row per person and event time.
 * Persons appear in order of first appearance; groups are sorted.
 *
 * @example
 * import { table } from 'arquero';
 * import { panelFromLong } from 'participation-effects';
 * const long = table({ id: ['a', 'a', 'b'], k: [-1, 1, -1], y: [0, 1, 1] });
 * const panel = panelFromLong(long, { id: 'id', eventTime: 'k', outcome: 'y' });
 * panel.length; // 3
 */
export function panelFromLong(input: ColumnTable | readonly Record<string, unknown>[], columns: LongPanelColumns): EventPanel {
  checkLongInput(input, columns);
  const cols = longColumns(input, columns);
  const { ids, rowPerson, phase, eventTime, outcome, personGroup, personWeight, personCluster } = readLongRows(cols, columns);
  const { out, offsets, before, after, during, binary } = sortLongRows(rowPerson, phase, eventTime, outcome, ids, columns);
  const n = cols.n;
  const nP = ids.length;
  const groups = [...new Set(personGroup)].sort();
  const cluster = clusterCodes(personCluster, cols.cCol !== undefined);
  return {
    persons: {
      length: nP,
      id: ids,
      exportIndex: new Int32Array(nP).fill(-1),
      group: Int32Array.from(personGroup, (g) => groups.indexOf(g)),
      weight: Float64Array.from(personWeight),
      cluster,
      anchorStart: new Int32Array(nP).fill(-1),
      anchorEnd: new Int32Array(nP).fill(-1),
    },
    groups,
    length: n,
    ...out,
    month: new Int32Array(n).fill(-1),
    offsets,
    binary,
    spec: { before, after, during, definition: 'long' },
    statistics: statisticsMethod,
  };
}

/** The columns of a long table named by `columns` (undefined when not named), and its row count. */
interface LongColumnValues {
  readonly idCol: ArrayLike<unknown>;
  readonly kCol: ArrayLike<unknown>;
  readonly yCol: ArrayLike<unknown>;
  readonly gCol: ArrayLike<unknown> | undefined;
  readonly phCol: ArrayLike<unknown> | undefined;
  readonly wCol: ArrayLike<unknown> | undefined;
  readonly cCol: ArrayLike<unknown> | undefined;
  readonly n: number;
}

/** The named columns of the input; a name that is not a column of the table is a DataError. */
function longColumns(input: ColumnTable | readonly Record<string, unknown>[], columns: LongPanelColumns): LongColumnValues {
  const table = Array.isArray(input) ? from(input as Record<string, unknown>[]) : (input as ColumnTable);
  const names = table.columnNames();
  const get = (col: string | undefined): ArrayLike<unknown> | undefined => {
    if (col === undefined) return undefined;
    if (!names.includes(col)) throw new DataError({ file: FILE, column: col, expected: `a column of the table (${names.join(', ')})` });
    return table.array(col) as ArrayLike<unknown>;
  };
  const idCol = get(columns.id)!;
  const kCol = get(columns.eventTime)!;
  const yCol = get(columns.outcome)!;
  const gCol = get(columns.group);
  const phCol = get(columns.phase);
  const wCol = get(columns.weight);
  const cCol = get(columns.cluster);
  const n = table.numRows();
  return { idCol, kCol, yCol, gCol, phCol, wCol, cCol, n };
}

/** The rows in input order (person index, phase code, event time, outcome) and per person, in order of first appearance, id, group, weight and cluster. */
function readLongRows({ idCol, kCol, yCol, gCol, phCol, wCol, cCol, n }: LongColumnValues, columns: LongPanelColumns) {
  const personOf = new Map<string, number>();
  const ids: string[] = [];
  const rowPerson = new Int32Array(n);
  const phase = new Uint8Array(n);
  const eventTime = new Int16Array(n);
  const outcome = new Float64Array(n);
  const personGroup: string[] = [];
  const personWeight: number[] = [];
  const personCluster: string[] = [];

  for (let r = 0; r < n; r++) {
    const idv = idCol[r];
    if (idv === null || idv === undefined || idv === '') throw new DataError({ file: FILE, row: r + 1, column: columns.id, value: idv, expected: 'a person identifier' });
    const id = String(idv);
    let p = personOf.get(id);
    const g = gCol ? String(gCol[r]) : 'all';
    const w = wCol ? wCol[r] : 1;
    const c = cCol ? String(cCol[r]) : id;
    if (wCol && (typeof w !== 'number' || !Number.isFinite(w) || w < 0)) throw new DataError({ file: FILE, row: r + 1, column: columns.weight, value: w, expected: 'a finite weight ≥ 0' });
    if (p === undefined) {
      p = ids.length;
      personOf.set(id, p);
      ids.push(id);
      personGroup.push(g);
      personWeight.push(w as number);
      personCluster.push(c);
    } else {
      if (personGroup[p] !== g) throw new DataError({ file: FILE, row: r + 1, column: columns.group, value: gCol![r], expected: `the same group for every row of person ${id} (${personGroup[p]})` });
      if (personWeight[p] !== w) throw new DataError({ file: FILE, row: r + 1, column: columns.weight, value: w, expected: `the same weight for every row of person ${id} (${personWeight[p]})` });
      if (personCluster[p] !== c) throw new DataError({ file: FILE, row: r + 1, column: columns.cluster, value: cCol![r], expected: `the same cluster for every row of person ${id} (${personCluster[p]})` });
    }
    rowPerson[r] = p;
    eventTime[r] = rowEventTime(kCol[r], r, columns);
    phase[r] = rowPhase(phCol, kCol[r] as number, r, columns);
    outcome[r] = rowOutcome(yCol[r], r, columns);
  }
  return { ids, rowPerson, phase, eventTime, outcome, personGroup, personWeight, personCluster };
}

/** The event time of row r: a whole number of months that fits an Int16. */
function rowEventTime(kv: unknown, r: number, columns: LongPanelColumns): number {
  if (typeof kv !== 'number' || !Number.isInteger(kv) || kv < -32768 || kv > 32767) {
    throw new DataError({ file: FILE, row: r + 1, column: columns.eventTime, value: kv, expected: 'a whole number of months' });
  }
  return kv;
}

/** The phase code of row r: from the phase column, or from the sign of the event time (k = 0 is then an error). */
function rowPhase(phCol: ArrayLike<unknown> | undefined, kv: number, r: number, columns: LongPanelColumns): number {
  if (phCol) {
    const pv = phCol[r];
    if (!PHASES.includes(pv as Phase)) throw new DataError({ file: FILE, row: r + 1, column: columns.phase, value: pv, expected: `a phase: ${PHASES.join(', ')}` });
    return PHASE_CODE[pv as Phase];
  } else if (kv === 0) {
    throw new DataError({ file: FILE, row: r + 1, column: columns.eventTime, value: kv, expected: 'a non-zero event time (k = 0 is ambiguous without a phase column)' });
  } else return kv < 0 ? PHASE_CODE.before : PHASE_CODE.after;
}

/** The outcome of row r: a finite number (a boolean counts as 0/1). */
function rowOutcome(yv: unknown, r: number, columns: LongPanelColumns): number {
  const y = typeof yv === 'boolean' ? Number(yv) : yv;
  if (typeof y !== 'number' || !Number.isFinite(y)) throw new DataError({ file: FILE, row: r + 1, column: columns.outcome, value: yv, expected: 'a finite number (drop unobserved rows instead of leaving them empty)' });
  return y;
}

/**
 * The rows sorted by person, phase and event time (a repeated person, phase and event time is a
 * DataError), CSR offsets per person, the longest before and after windows, whether any row is
 * during support and whether every outcome is 0/1.
 */
function sortLongRows(rowPerson: Int32Array, phase: Uint8Array, eventTime: Int16Array, outcome: Float64Array, ids: readonly string[], columns: LongPanelColumns) {
  const n = rowPerson.length;
  // Sort rows by person, phase, event time.
  const order = new Uint32Array(n);
  for (let r = 0; r < n; r++) order[r] = r;
  order.sort((a, b) => rowPerson[a] - rowPerson[b] || phase[a] - phase[b] || eventTime[a] - eventTime[b]);
  const nP = ids.length;
  const out = { person: new Int32Array(n), phase: new Uint8Array(n), eventTime: new Int16Array(n), outcome: new Float64Array(n) };
  const offsets = new Int32Array(nP + 1);
  let before = 0;
  let after = 0;
  let during = false;
  let binary = true;
  for (let j = 0; j < n; j++) {
    const r = order[j];
    if (j > 0) {
      const q = order[j - 1];
      if (rowPerson[q] === rowPerson[r] && phase[q] === phase[r] && eventTime[q] === eventTime[r]) {
        throw new DataError({
          file: FILE,
          row: Math.max(q, r) + 1,
          column: columns.eventTime,
          value: eventTime[r],
          expected: `one row per person, phase and event time (person ${ids[rowPerson[r]]}, phase ${PHASES[phase[r]]} repeats rows ${Math.min(q, r) + 1} and ${Math.max(q, r) + 1})`,
        });
      }
    }
    out.person[j] = rowPerson[r];
    out.phase[j] = phase[r];
    out.eventTime[j] = eventTime[r];
    out.outcome[j] = outcome[r];
    offsets[rowPerson[r] + 1]++;
    if (phase[r] === PHASE_CODE.before && -eventTime[r] > before) before = -eventTime[r];
    if (phase[r] === PHASE_CODE.after && eventTime[r] > after) after = eventTime[r];
    if (phase[r] === PHASE_CODE.during) during = true;
    if (outcome[r] !== 0 && outcome[r] !== 1) binary = false;
  }
  for (let i = 0; i < nP; i++) offsets[i + 1] += offsets[i];
  return { out, offsets, before, after, during, binary };
}

/** Cluster codes per person in order of first appearance, or −1 for every person without a cluster column (each person its own cluster). */
function clusterCodes(personCluster: readonly string[], given: boolean): Int32Array {
  const nP = personCluster.length;
  const clusterCode = new Map<string, number>();
  const cluster = new Int32Array(nP).fill(-1);
  if (given) for (let i = 0; i < nP; i++) {
    let c = clusterCode.get(personCluster[i]);
    if (c === undefined) clusterCode.set(personCluster[i], (c = clusterCode.size));
    cluster[i] = c;
  }
  return cluster;
}
