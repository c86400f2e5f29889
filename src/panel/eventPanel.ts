import { toDayNumber } from '../io/dates.js';
import { firstDayOfMonth, firstFullMonth, lastFullMonth, monthOfDay, OPEN_END } from '../core/calendar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import type { CbsExport } from '../io/types.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { checkExport } from '../contracts/checkExport.js';
import { markParticipation, type ParticipationDefinition } from './participation.js';
import { supportAnchors, type TrajectoryChoice } from './supportAnchors.js';
import { PHASE_CODE, type EventPanel, type PanelAnchors } from './types.js';

/** Per-person observation bounds (e.g. up to emigration or death), as inclusive day numbers. */
export interface ObservationBounds {
  /** Row in the export's persons table. A person listed twice is observed in the intersection. */
  readonly person: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Options of {@link eventPanel}. */
export interface EventPanelOptions {
  /** When a month counts as participating: `any-day` (default), `reference-day`, or `{ minDays: N }`. */
  readonly participation?: ParticipationDefinition;
  /** Months before support start in phase `before` (k = -before … -1). Default 48. */
  readonly before?: number;
  /** Months after support end in phase `after` (k = 1 … after). Default 48. */
  readonly after?: number;
  /** Also produce phase `during`, k = 0 … E − S counted from S. Default false. */
  readonly during?: boolean;
  /** Which support trajectory anchors a person with several (default `first`). Ignored with `anchors`. */
  readonly trajectory?: TrajectoryChoice;
  /** Observation period override (day numbers or `YYYYMMDD` / `YYYY-MM-DD`); default the export's. */
  readonly observation?: { readonly start: number | string; readonly end: number | string };
  /** Per-person observation bounds, intersected with the observation period. */
  readonly observationBounds?: ObservationBounds;
  /** Explicit anchors and groups (e.g. treated persons plus matched controls with pseudo anchors). */
  readonly anchors?: PanelAnchors;
  /** Split supported persons by `scheme`, `employerType`, `sex` or a person covariate (default anchors only). */
  readonly group?: string;
  /** Keep only these groups, in this order (default anchors only). */
  readonly groups?: readonly string[];
}

const MAX_WINDOW = 32767;

const KEYS = {
  participation: { minDays: true },
  before: true,
  after: true,
  during: true,
  trajectory: true,
  observation: { start: true, end: true },
  observationBounds: { person: true, start: true, end: true },
  anchors: { person: true, start: true, end: true, group: true, groups: true, weight: true, cluster: true },
  group: true,
  groups: true,
} as const;

/** The export's shape (with hints for a synthetic export, a promise or a match result), the option names, and observation dates given as numbers. */
function checkEventPanelInput(exp: unknown, options: EventPanelOptions): void {
  if (exp instanceof Promise) throw new SpecificationError('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a Promise: await it first');
  if (isPlainObject(exp) && 'export' in exp && 'truth' in exp) {
    throw new SpecificationError('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a SyntheticExport: pass its `.export`, or call loadSynthetic');
  }
  if (isPlainObject(exp) && 'anchors' in exp && 'pairs' in exp) {
    throw new SpecificationError('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a match result: call eventPanel(exp, { anchors: match.anchors })');
  }
  checkExport('eventPanel', exp);
  checkOptions('eventPanel', options, KEYS);
  const obs = options.observation;
  if (obs !== undefined) {
    for (const key of ['start', 'end'] as const) {
      const v = obs[key];
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v) && v < 1_000_000)) {
        throw new SpecificationError(`eventPanel: observation.${key} must be a date string ('YYYYMMDD' or 'YYYY-MM-DD') or a day number, got ${describeValue(v)}${typeof v === 'number' ? ` (a number like 20150101 is read as a day number; write '${v}')` : ''}`);
      }
    }
  }
}

function checkWindow(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_WINDOW) {
    throw new SpecificationError(`${name} must be a whole number of months between 0 and ${MAX_WINDOW}, got ${value}`);
  }
  return value;
}

/** The participation definition as `markParticipation`'s minDays (0 any day, −1 reference day, N days) and its label. */
export function resolveDefinition(def: ParticipationDefinition): { minDays: number; label: string } {
  if (def === 'any-day') return { minDays: 0, label: 'any-day' };
  if (def === 'reference-day') return { minDays: -1, label: 'reference-day' };
  if (typeof def === 'object' && def !== null && 'minDays' in def) {
    const n = def.minDays;
    if (!Number.isInteger(n) || n < 1 || n > 31) throw new SpecificationError(`participation.minDays must be a whole number of days between 1 and 31, got ${n}`);
    return { minDays: n, label: `min-days:${n}` };
  }
  throw new SpecificationError(`participation must be 'any-day', 'reference-day' or { minDays: N }, got ${JSON.stringify(def)}`);
}

/**
 * The event-time panel of observed person-months (docs/methods/README.md), built straight from employment
 * spells and support anchors with typed arrays.
 *
 * - Phase `before`: k = −W…−1 months relative to the support start month S; phase `after`:
 *   k = 1…W relative to the support end month E; `during` (optional): k = 0…E−S from S.
 * - A month is observed only when it lies entirely inside the observation period and the
 *   person's own bounds; unobserved months have no row (missing, never zero). Ongoing support
 *   (end {@link OPEN_END}, or ending after the observation period) therefore gives no `after` rows.
 * - Every anchor row is a panel person, even when none of its months is observed.
 *
 * @example
 * import { eventPanel, loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.01 }); // or loadCbsExport(...)
 * const panel = eventPanel(exp, { before: 48, after: 48, participation: 'any-day' });
 * panel.groups; // ['supported']
 * panel.spec.definition; // 'any-day'
 * panel.eventTime.every((k, r) => (panel.phase[r] === 0 ? k >= -48 && k <= -1 : k >= 1 && k <= 48)); // true
 */
export function eventPanel(exp: CbsExport, options: EventPanelOptions = {}): EventPanel {
  checkEventPanelInput(exp, options);
  const W0 = checkWindow('before', options.before ?? 48);
  const W1 = checkWindow('after', options.after ?? 48);
  const during = options.during ?? false;
  const { minDays, label } = resolveDefinition(options.participation ?? 'any-day');

  if (options.anchors && (options.group !== undefined || options.groups !== undefined)) {
    throw new SpecificationError('group/groups split the default anchors; with explicit anchors, set the groups in the anchors');
  }
  const anchors = options.anchors ?? supportAnchors(exp, { trajectory: options.trajectory, group: options.group, groups: options.groups });
  const nP = anchors.person.length;
  for (const [name, arr] of [['start', anchors.start], ['end', anchors.end], ['group', anchors.group]] as const) {
    if (arr.length !== nP) throw new SpecificationError(`anchors.${name} has ${arr.length} rows, anchors.person has ${nP}`);
  }

  // Observation period as whole months.
  const obsStartDay = options.observation ? toDayNumber(options.observation.start) : exp.observation.start;
  const obsEndDay = options.observation ? toDayNumber(options.observation.end) : exp.observation.end;
  const obsStart = firstFullMonth(obsStartDay);
  const obsEnd = lastFullMonth(obsEndDay);
  if (obsEnd < obsStart) throw new SpecificationError(`observation period ${obsStartDay}…${obsEndDay} contains no whole month`);
  const L = obsEnd - obsStart + 1;
  const monthFirstDay = new Int32Array(L + 1);
  for (let i = 0; i <= L; i++) monthFirstDay[i] = firstDayOfMonth(obsStart + i);

  // Per export person: observed month index range [lo, hi] within the period.
  const nX = exp.persons.length;
  let boundLo: Int32Array | undefined;
  let boundHi: Int32Array | undefined;
  if (options.observationBounds) {
    const ob = options.observationBounds;
    boundLo = new Int32Array(nX);
    boundHi = new Int32Array(nX).fill(L - 1);
    for (let r = 0; r < ob.person.length; r++) {
      const p = ob.person[r];
      if (p < 0 || p >= nX) throw new DataError({ file: 'observationBounds', row: r + 1, column: 'person', value: p, expected: `a person index 0…${nX - 1}` });
      if (ob.end[r] < ob.start[r]) throw new DataError({ file: 'observationBounds', row: r + 1, column: 'end', value: ob.end[r], expected: 'an end on or after the start' });
      const lo = firstFullMonth(ob.start[r]) - obsStart;
      const hi = ob.end[r] >= OPEN_END ? L - 1 : lastFullMonth(ob.end[r]) - obsStart;
      if (lo > boundLo[p]) boundLo[p] = lo;
      if (hi < boundHi[p]) boundHi[p] = hi;
    }
  }

  // Pass 1: anchor months, observed ranges and exact row counts.
  const anchorStart = new Int32Array(nP);
  const anchorEnd = new Int32Array(nP);
  const lo = new Int32Array(nP);
  const hi = new Int32Array(nP);
  const offsets = new Int32Array(nP + 1);
  const weight = new Float64Array(nP).fill(1);
  const clusterIn = anchors.cluster;
  const cluster = new Int32Array(nP).fill(-1);
  const seen = new Uint8Array(nX);
  let repeated = false;
  for (let i = 0; i < nP; i++) {
    const p = anchors.person[i];
    if (p < 0 || p >= nX) throw new DataError({ file: 'anchors', row: i + 1, column: 'person', value: p, expected: `a person index 0…${nX - 1}` });
    if (seen[p]) repeated = true;
    seen[p] = 1;
    const s = anchors.start[i];
    const e = anchors.end[i];
    if (e < s) throw new DataError({ file: 'anchors', row: i + 1, column: 'end', value: e, expected: `an end on or after the start (${s})` });
    const g = anchors.group[i];
    if (g < 0 || g >= anchors.groups.length) throw new DataError({ file: 'anchors', row: i + 1, column: 'group', value: g, expected: `a group code 0…${anchors.groups.length - 1}` });
    if (anchors.weight) {
      const w = anchors.weight[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new DataError({ file: 'anchors', row: i + 1, column: 'weight', value: w, expected: 'a finite weight ≥ 0' });
      weight[i] = w;
    }
    if (clusterIn) cluster[i] = clusterIn[i];

    const S = monthOfDay(s);
    const E = e >= OPEN_END ? -1 : monthOfDay(e);
    anchorStart[i] = S;
    anchorEnd[i] = E;
    const pl = boundLo ? boundLo[p] : 0;
    const ph = boundHi ? boundHi[p] : L - 1;
    lo[i] = pl;
    hi[i] = ph;
    const Srel = S - obsStart;
    let rows = overlap(Srel - W0, Srel - 1, pl, ph);
    if (during) rows += overlap(Srel, E < 0 ? L : E - obsStart, pl, ph);
    if (E >= 0) rows += overlap(E - obsStart + 1, E - obsStart + W1, pl, ph);
    offsets[i + 1] = offsets[i] + rows;
  }
  // Without explicit clusters, a person anchored more than once is still one cluster.
  if (!clusterIn && repeated) for (let i = 0; i < nP; i++) cluster[i] = anchors.person[i];

  // Pass 2: fill the rows.
  const n = offsets[nP];
  const person = new Int32Array(n);
  const phase = new Uint8Array(n);
  const eventTime = new Int16Array(n);
  const outcome = new Float64Array(n);
  const month = new Int32Array(n);
  const flags = new Uint8Array(L);
  const days = new Int32Array(minDays > 0 ? L : 0);
  const { start: spStart, end: spEnd, offsets: spOff } = exp.employment;
  const put = (i: number, row: number, ph: number, from: number, to: number, k0: number): number => {
    // Months from..to (indices into the period), event time k0 at `from`.
    for (let m = from; m <= to; m++, row++) {
      person[row] = i;
      phase[row] = ph;
      eventTime[row] = k0 + (m - from);
      outcome[row] = flags[m];
      month[row] = obsStart + m;
    }
    return row;
  };
  for (let i = 0; i < nP; i++) {
    if (offsets[i + 1] === offsets[i]) continue;
    const p = anchors.person[i];
    const pl = lo[i];
    const ph = hi[i];
    markParticipation(spStart, spEnd, spOff[p], spOff[p + 1], pl, ph, monthFirstDay, minDays, flags, days);
    const Srel = anchorStart[i] - obsStart;
    const E = anchorEnd[i];
    let row = offsets[i];
    let from = Math.max(Srel - W0, pl);
    let to = Math.min(Srel - 1, ph);
    if (to >= from) row = put(i, row, PHASE_CODE.before, from, to, from - Srel);
    if (during) {
      from = Math.max(Srel, pl);
      to = Math.min(E < 0 ? L : E - obsStart, ph);
      if (to >= from) row = put(i, row, PHASE_CODE.during, from, to, from - Srel);
    }
    if (E >= 0) {
      const Erel = E - obsStart;
      from = Math.max(Erel + 1, pl);
      to = Math.min(Erel + W1, ph);
      if (to >= from) row = put(i, row, PHASE_CODE.after, from, to, from - Erel);
    }
  }

  let binary = true;
  for (let r = 0; r < n; r++) if (outcome[r] !== 0 && outcome[r] !== 1) binary = false;

  const ids = new Array<string>(nP);
  for (let i = 0; i < nP; i++) {
    const p = anchors.person[i];
    ids[i] = exp.persons.rinpersoons[p] + exp.persons.rinpersoon[p];
  }
  return {
    persons: { length: nP, id: ids, exportIndex: Int32Array.from(anchors.person), group: Int32Array.from(anchors.group), weight, cluster, anchorStart, anchorEnd },
    groups: [...anchors.groups],
    length: n,
    person,
    phase,
    eventTime,
    outcome,
    month,
    offsets,
    binary,
    spec: { before: W0, after: W1, during, definition: label, observation: { startMonth: obsStart, endMonth: obsEnd } },
  };
}

function overlap(a: number, b: number, lo: number, hi: number): number {
  const x = a > lo ? a : lo;
  const y = b < hi ? b : hi;
  return y >= x ? y - x + 1 : 0;
}
