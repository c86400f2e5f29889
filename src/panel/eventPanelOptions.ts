/** The options of `eventPanel`, and the checks run on them and on its input before any work. */
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { checkExport } from '../io/checkExport.js';
import type { ParticipationDefinition } from './participation.js';
import type { TrajectoryChoice } from './supportAnchors.js';
import type { PanelAnchors } from './types.js';
import { OUTCOME_KEYS, type PanelOutcome } from './outcome.js';

/** Per-person observation bounds (e.g. up to emigration or death), as inclusive day numbers. */
export interface ObservationBounds {
  /** Row in the export's persons table. A person listed twice is observed in the intersection. */
  readonly person: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Options of `eventPanel`. */
export interface EventPanelOptions {
  /**
   * What each person-month measures (docs/methods/outcomes.md): `'participation'` (default),
   * `{ earnings: { basis, deflate? } }`, `{ hours: { basis } }`, `{ daysWorked: true }`,
   * `{ earningsAbove: 'minimum-wage' | euros }` or `{ benefit: 'bijstand' }`.
   */
  readonly outcome?: PanelOutcome;
  /** When a month counts as participating (and as receiving a benefit): `any-day` (default), `reference-day`, or `{ minDays: N }`. */
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

/** Longest window an Int16Array event time can hold. */
const MAX_WINDOW = 32767;

/** The option names `eventPanel` accepts (the SQL panel takes the same, see panelSqlOptions.ts). */
export const EVENT_PANEL_KEYS = {
  outcome: OUTCOME_KEYS,
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

/**
 * The export's shape (with hints for a synthetic export, a promise or a match result), the option
 * names, and observation dates given as numbers.
 *
 * @example
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkEventPanelInput(Promise.resolve(1), {})).startsWith('eventPanel expects a CbsExport'); // true
 */
export function checkEventPanelInput(exp: unknown, options: EventPanelOptions): void {
  if (exp instanceof Promise) throw new SpecificationError('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a Promise: await it first');
  if (isPlainObject(exp) && 'export' in exp && 'truth' in exp) {
    throw new SpecificationError('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a SyntheticExport: pass its `.export`, or call loadSynthetic');
  }
  if (isPlainObject(exp) && 'anchors' in exp && 'pairs' in exp) {
    throw new SpecificationError('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a match result: call eventPanel(exp, { anchors: match.anchors })');
  }
  checkExport('eventPanel', exp);
  checkOptions('eventPanel', options, EVENT_PANEL_KEYS);
  const obs = options.observation;
  if (obs !== undefined) {
    for (const key of ['start', 'end'] as const) {
      const v = obs[key];
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v) && v < 1_000_000)) {
        throw new SpecificationError(`eventPanel: observation.${key} must be a date string ('YYYYMMDD' or 'YYYY-MM-DD') or a day number, got ${describeValue(v)}${typeof v === 'number' ? ` (a number like 20150101 is read as a day number; write '${v}')` : ''}`);
      }
    }
  }
  if (options.anchors && (options.group !== undefined || options.groups !== undefined)) {
    throw new SpecificationError('group/groups split the default anchors; with explicit anchors, set the groups in the anchors');
  }
}

/**
 * A window length in months, checked to fit the panel's event-time column.
 *
 * @example
 * checkWindow('before', 48); // 48
 */
export function checkWindow(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_WINDOW) {
    throw new SpecificationError(`${name} must be a whole number of months between 0 and ${MAX_WINDOW}, got ${value}`);
  }
  return value;
}
