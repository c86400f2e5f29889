import { DataError, SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';

/**
 * Durations with an event indicator (1 = the event happened, 0 = right-censored), optionally
 * grouped, optionally with a delayed entry time (left truncation, as R `Surv(entry, time, event)`):
 * a subject is at risk at time t when `entry < t ≤ time`.
 */
export interface SurvivalData {
  readonly time: ArrayLike<number>;
  readonly event: ArrayLike<number | boolean>;
  readonly group?: ArrayLike<string | number>;
  /** Time already elapsed when the subject came under observation (left truncation); absent = at risk from the start. */
  readonly entry?: ArrayLike<number>;
}

/** One group's sorted event, censoring and entry times. */
export interface GroupTimes {
  readonly events: Float64Array;
  readonly censors: Float64Array;
  /** Sorted entry times; `null` when every subject is at risk from the start. */
  readonly entries: Float64Array | null;
}

/** Per group: sorted event, censoring and (with delayed entry) entry times. */
export interface SortedGroups {
  readonly labels: string[];
  readonly groups: GroupTimes[];
  /** Whether entry times were given. */
  readonly delayedEntry: boolean;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return (Array.isArray(v) || ArrayBuffer.isView(v)) && !(v instanceof DataView);
}

/**
 * Check that `data` is survival data: an object with arrays `time` and `event` (and optionally
 * `group` and `entry`) of one length. Throws a {@link SpecificationError} that says what was
 * expected and what came instead (`fn` names the public function).
 */
export function checkSurvivalData(fn: string, data: unknown): asserts data is SurvivalData {
  const expected = `${fn} expects survival data { time, event, group?, entry? } (arrays of one length)`;
  if (!isPlainObject(data)) throw new SpecificationError(`${expected}; got ${describeValue(data)}`);
  if ('persons' in data && 'employment' in data) {
    throw new SpecificationError(`${expected}; got a CBS export (${describeValue(data)}): for employment relationships use relationshipSurvival(exp)`);
  }
  const extra = Object.keys(data).filter((k) => !['time', 'event', 'group', 'entry'].includes(k));
  if (extra.length > 0) throw new SpecificationError(`${expected}; got unknown field(s) ${extra.map((k) => `"${k}"`).join(', ')}`);
  for (const key of ['time', 'event'] as const) {
    if (!isArrayLike(data[key])) throw new SpecificationError(`${expected}; field "${key}" is ${describeValue(data[key])}`);
  }
  for (const key of ['group', 'entry'] as const) {
    if (data[key] !== undefined && !isArrayLike(data[key])) throw new SpecificationError(`${expected}; field "${key}" is ${describeValue(data[key])}`);
  }
}

/**
 * Group codes ordered like R factor levels: numerically when every label is a number, else as
 * strings. Missing labels are a {@link DataError}.
 */
function groupCodes(group: ArrayLike<string | number> | undefined, n: number): { labels: string[]; code: Int32Array } {
  const code = new Int32Array(n);
  if (group === undefined) return { labels: ['all'], code };
  const raw = new Map<string | number, number>();
  const values: (string | number)[] = [];
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g === null || g === undefined || (typeof g === 'number' && Number.isNaN(g))) {
      throw new DataError({ file: 'group', row: i + 1, column: 'group', value: g, expected: 'a group label (string or number)' });
    }
    if (!raw.has(g)) {
      raw.set(g, values.length);
      values.push(g);
    }
  }
  const numeric = values.every((v) => typeof v === 'number');
  const order = values
    .map((_, i) => i)
    .sort((a, b) => (numeric ? (values[a] as number) - (values[b] as number) : String(values[a]) < String(values[b]) ? -1 : String(values[a]) > String(values[b]) ? 1 : 0));
  const rank = new Int32Array(values.length);
  order.forEach((v, r) => (rank[v] = r));
  for (let i = 0; i < n; i++) code[i] = rank[raw.get(group[i])!];
  return { labels: order.map((i) => String(values[i])), code };
}

/** 1 for an event, 0 for a censoring; a {@link DataError} for anything else. */
function eventOf(e: unknown, row: number): 0 | 1 {
  if (e === 1 || e === true) return 1;
  if (e === 0 || e === false) return 0;
  throw new DataError({ file: 'event', row, column: 'event', value: e, expected: '0/1 or false/true' });
}

/**
 * Validate survival input and split it by group into sorted event, censoring and entry times
 * (typed-array sorts: only the times matter, so no index permutation is needed).
 * Group labels are ordered like R factor levels.
 */
export function sortedGroups(data: SurvivalData): SortedGroups {
  const n = data.time.length;
  if (data.event.length !== n) throw new SpecificationError(`time and event must have the same length, got ${n} and ${data.event.length}`);
  if (data.group !== undefined && data.group.length !== n) throw new SpecificationError(`group must have the same length as time (${n}), got ${data.group.length}`);
  if (data.entry !== undefined && data.entry.length !== n) throw new SpecificationError(`entry must have the same length as time (${n}), got ${data.entry.length}`);
  const { labels, code } = groupCodes(data.group, n);
  const g = labels.length;
  const nEvents = new Int32Array(g);
  const nCensor = new Int32Array(g);
  for (let i = 0; i < n; i++) {
    const t = data.time[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new DataError({ file: 'time', row: i + 1, column: 'time', value: t, expected: 'a finite number' });
    if (data.entry !== undefined) {
      const s = data.entry[i];
      if (typeof s !== 'number' || !Number.isFinite(s)) throw new DataError({ file: 'entry', row: i + 1, column: 'entry', value: s, expected: 'a finite number' });
      if (!(s < t)) throw new DataError({ file: 'entry', row: i + 1, column: 'entry', value: s, expected: `an entry time before the exit time ${t} (at risk on (entry, time])` });
    }
    if (eventOf(data.event[i], i + 1) === 1) nEvents[code[i]]++;
    else nCensor[code[i]]++;
  }
  const groups: GroupTimes[] = labels.map((_, k) => ({
    events: new Float64Array(nEvents[k]),
    censors: new Float64Array(nCensor[k]),
    entries: data.entry === undefined ? null : new Float64Array(nEvents[k] + nCensor[k]),
  }));
  const nEntry = new Int32Array(g);
  nEvents.fill(0);
  nCensor.fill(0);
  for (let i = 0; i < n; i++) {
    const grp = groups[code[i]];
    const k = code[i];
    if (eventOf(data.event[i], i + 1) === 1) grp.events[nEvents[k]++] = data.time[i];
    else grp.censors[nCensor[k]++] = data.time[i];
    if (grp.entries) grp.entries[nEntry[k]++] = data.entry![i];
  }
  for (const grp of groups) {
    grp.events.sort();
    grp.censors.sort();
    grp.entries?.sort();
  }
  return { labels, groups, delayedEntry: data.entry !== undefined };
}

/** Next distinct exit time of a group at or after the cursors (Infinity when none is left). */
export function nextExit(grp: GroupTimes, ei: number, ci: number): number {
  const a = ei < grp.events.length ? grp.events[ei] : Infinity;
  const b = ci < grp.censors.length ? grp.censors[ci] : Infinity;
  return a < b ? a : b;
}
