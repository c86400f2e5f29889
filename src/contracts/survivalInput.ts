import { DataError, SpecificationError } from '../core/errors.js';

/** Durations with an event indicator (1 = the event happened, 0 = right-censored), optionally grouped. */
export interface SurvivalData {
  readonly time: ArrayLike<number>;
  readonly event: ArrayLike<number | boolean>;
  readonly group?: ArrayLike<string | number>;
}

/** Per group: sorted event times and sorted censoring times. */
export interface SortedGroups {
  readonly labels: string[];
  readonly eventTimes: Float64Array[];
  readonly censorTimes: Float64Array[];
}

/**
 * Validate survival input and split it by group into sorted event and censoring times
 * (typed-array sorts: no index permutation needed because only the times matter).
 * Group labels are ordered like R factor levels: numerically when all are numbers, else as strings.
 */
export function sortedGroups(data: SurvivalData): SortedGroups {
  const n = data.time.length;
  if (data.event.length !== n) throw new SpecificationError(`time and event must have the same length, got ${n} and ${data.event.length}`);
  if (data.group !== undefined && data.group.length !== n) throw new SpecificationError(`group must have the same length as time (${n}), got ${data.group.length}`);
  const code = new Int32Array(n);
  let labels: string[] = ['all'];
  if (data.group !== undefined) {
    const raw = new Map<string | number, number>();
    const values: (string | number)[] = [];
    for (let i = 0; i < n; i++) {
      const g = data.group[i];
      if (g === null || g === undefined || (typeof g === 'number' && Number.isNaN(g))) {
        throw new DataError({ file: 'group', row: i + 1, column: 'group', value: g, expected: 'a group label (string or number)' });
      }
      if (!raw.has(g)) {
        raw.set(g, values.length);
        values.push(g);
      }
    }
    const numeric = values.every((v) => typeof v === 'number');
    const order = values.map((_, i) => i).sort((a, b) => (numeric ? (values[a] as number) - (values[b] as number) : String(values[a]) < String(values[b]) ? -1 : String(values[a]) > String(values[b]) ? 1 : 0));
    const rank = new Int32Array(values.length);
    order.forEach((v, r) => (rank[v] = r));
    labels = order.map((i) => String(values[i]));
    for (let i = 0; i < n; i++) code[i] = rank[raw.get(data.group[i])!];
  }
  const g = labels.length;
  const nEvents = new Int32Array(g);
  const nCensor = new Int32Array(g);
  for (let i = 0; i < n; i++) {
    const t = data.time[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new DataError({ file: 'time', row: i + 1, column: 'time', value: t, expected: 'a finite number' });
    const e = data.event[i];
    if (e === 1 || e === true) nEvents[code[i]]++;
    else if (e === 0 || e === false) nCensor[code[i]]++;
    else throw new DataError({ file: 'event', row: i + 1, column: 'event', value: e, expected: '0/1 or false/true' });
  }
  const eventTimes = labels.map((_, k) => new Float64Array(nEvents[k]));
  const censorTimes = labels.map((_, k) => new Float64Array(nCensor[k]));
  nEvents.fill(0);
  nCensor.fill(0);
  for (let i = 0; i < n; i++) {
    const k = code[i];
    const e = data.event[i];
    if (e === 1 || e === true) eventTimes[k][nEvents[k]++] = data.time[i];
    else censorTimes[k][nCensor[k]++] = data.time[i];
  }
  for (let k = 0; k < g; k++) {
    eventTimes[k].sort();
    censorTimes[k].sort();
  }
  return { labels, eventTimes, censorTimes };
}
