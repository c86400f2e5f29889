/** The options of the panel statistics query, checked and resolved before any SQL is written. */
import { OPEN_END } from '../../core/calendar.js';
import { SpecificationError } from '../../core/errors.js';
import { checkOptions, describeValue } from '../../core/options.js';
import { toDayNumber } from '../../io/dates.js';
import { checkWindow, EVENT_PANEL_KEYS, type EventPanelOptions } from '../eventPanelOptions.js';
import { observationMonths } from '../observationMonths.js';
import { resolveDefinition } from '../participation.js';
import type { TrajectoryChoice } from '../supportAnchors.js';

/**
 * Options of {@link panelStatisticsSql}: those of `eventPanel`, with the explicit anchors and the
 * per-person observation bounds read from tables instead of typed arrays.
 */
export interface PanelSqlOptions extends Omit<EventPanelOptions, 'anchors' | 'observationBounds'> {
  /**
   * Read explicit anchors from the table `pe_anchors(rinpersoons, rinpersoon, start_day, end_day,
   * grp, weight, cluster, anchor_row)` (e.g. a matched set from `matchControls`) instead of the
   * support trajectories. A NULL weight is 1, a NULL cluster the person itself. Only participation
   * is computed in SQL so far (`outcome` other than `'participation'` is refused).
   */
  readonly anchors?: boolean;
  /** Narrow each person's observed months by the table `pe_bounds(rinpersoons, rinpersoon, start_day, end_day)`. */
  readonly observationBounds?: boolean;
}

/** The options with every default filled in. */
export interface ResolvedSqlOptions {
  readonly before: number;
  readonly after: number;
  readonly during: boolean;
  readonly trajectory: TrajectoryChoice;
  /** 0 any day, -1 reference day, N at least N days. */
  readonly minDays: number;
  /** The participation definition's label (`PanelSpec.definition`). */
  readonly label: string;
  /** Observation override as day numbers, or undefined for `pe_observation`. */
  readonly observation?: { readonly start: number; readonly end: number };
  readonly anchors: boolean;
  readonly bounds: boolean;
  /** Group label expression source: undefined (one group `supported`), `scheme`, `employerType`, `sex` or a person column. */
  readonly group?: string;
  readonly groups?: readonly string[];
}

/**
 * The outcomes the SQL path computes.
 *
 * @example
 * SQL_OUTCOMES; // ['participation']
 */
export const SQL_OUTCOMES: readonly string[] = ['participation'];

// The panel's option names; outcome, anchors and bounds are checked as a whole by the SQL path.
const KEYS = { ...EVENT_PANEL_KEYS, outcome: true, anchors: true, observationBounds: true } as const;

/** A text that goes into an SQL string literal: no quotes or backslashes (their escaping differs between engines). */
function literalText(what: string, value: unknown): string {
  if (typeof value !== 'string' || /['\\]/.test(value)) throw new SpecificationError(`panelStatisticsSql: ${what} must be a text without quotes or backslashes, got ${describeValue(value)}`);
  return value;
}

/**
 * The options checked and resolved: unknown names, windows, participation, trajectory, observation.
 *
 * @example
 * resolveSqlOptions({ participation: { minDays: 10 } }).label; // 'min-days:10'
 * resolveSqlOptions({}).before; // 48
 */
export function resolveSqlOptions(options: PanelSqlOptions): ResolvedSqlOptions {
  checkOptions('panelStatisticsSql', options, KEYS);
  const outcome = options.outcome ?? 'participation';
  if (outcome !== 'participation') {
    throw new SpecificationError(`panelStatisticsSql: outcome ${describeValue(outcome)} is not computed in SQL yet; supported outcomes: ${SQL_OUTCOMES.map((o) => `'${o}'`).join(', ')} (use eventPanel in memory for earnings, hours, days worked and benefits)`);
  }
  const trajectory = options.trajectory ?? 'first';
  if (trajectory !== 'first' && trajectory !== 'last' && trajectory !== 'longest') throw new SpecificationError(`trajectory must be 'first', 'last' or 'longest', got ${JSON.stringify(trajectory)}`);
  const { minDays, label } = resolveDefinition(options.participation ?? 'any-day');
  for (const key of ['during', 'anchors', 'observationBounds'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') throw new SpecificationError(`panelStatisticsSql: ${key} must be true or false, got ${describeValue(options[key])}`);
  }
  if (options.anchors && (options.group !== undefined || options.groups !== undefined)) {
    throw new SpecificationError('group/groups split the default anchors; with explicit anchors, set the groups in the anchors (column grp of pe_anchors)');
  }
  if (options.group !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.group)) {
    throw new SpecificationError(`panelStatisticsSql: group must be scheme, employerType, sex or a person column named with letters, digits and _, got ${describeValue(options.group)}`);
  }
  if (options.groups !== undefined && (!Array.isArray(options.groups) || options.groups.length === 0)) throw new SpecificationError(`groups must be a non-empty list of group labels, got ${describeValue(options.groups)}`);
  const groups = options.groups?.map((g, i) => literalText(`groups[${i}]`, g));
  return {
    before: checkWindow('before', options.before ?? 48),
    after: checkWindow('after', options.after ?? 48),
    during: options.during ?? false,
    trajectory,
    minDays,
    label,
    ...(options.observation === undefined ? {} : { observation: observationDays(options.observation) }),
    anchors: options.anchors ?? false,
    bounds: options.observationBounds ?? false,
    ...(options.group === undefined ? {} : { group: options.group }),
    ...(groups === undefined ? {} : { groups }),
  };
}

/** The observation override as day numbers, refused when it holds no whole month (as eventPanel does). */
function observationDays(obs: { readonly start: number | string; readonly end: number | string }): { start: number; end: number } {
  for (const key of ['start', 'end'] as const) {
    const v = obs[key];
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v) && v < 1_000_000)) {
      throw new SpecificationError(`panelStatisticsSql: observation.${key} must be a date string ('YYYYMMDD' or 'YYYY-MM-DD') or a day number, got ${describeValue(v)}`);
    }
  }
  const start = toDayNumber(obs.start);
  const end = toDayNumber(obs.end);
  if (end >= OPEN_END) throw new SpecificationError('panelStatisticsSql: observation.end must be a date');
  observationMonths({ start, end });
  return { start, end };
}
