import type { CbsExport } from '../io/types.js';
import type { PanelAnchors } from '../panel/types.js';
import { firstDayOfMonth, lastDayOfMonth, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result } from '../core/result.js';
import { resolveBins, type TenureBins } from './bins.js';
import { checkExport } from './checkExport.js';
import { booleanOption } from './contractLengths.js';
import { classifyTenure, isEmployedOn, refDay, tenureContext, TenureTally, type RefDay, type TenureContext } from './engine.js';
import { levelOption } from './levelOption.js';
import { activeSupportRow, GroupResolver, type GroupBy } from './population.js';
import { relationshipsOption, type EmploymentRelationships } from './relationships.js';
import { binColumns, tallyRows, type ContractLengthSummary, type EventTimeTenureRow } from './rows.js';
import type { RelationshipPick } from './tenure.js';

/** Options of {@link tenureByEventTime}. */
export interface TenureByEventTimeOptions {
  /** Event times k (months after the support start month S): K for 0..K, or a list (default 0..48). */
  readonly months?: number | readonly number[];
  /**
   * Who counts at k: every anchored person observed then (`all`, default), only those still in a
   * support trajectory (`in-support`), or only those with a relationship (`employed`).
   */
  readonly population?: 'all' | 'in-support' | 'employed';
  /** Anchors (e.g. from matching); default: each person's first support trajectory. */
  readonly anchors?: PanelAnchors;
  /**
   * Split by the anchor trajectory's scheme / employer type, a person covariate or labels.
   * Default: the anchors' groups when `anchors` are given, else no split.
   */
  readonly group?: GroupBy;
  /** Reference day within month S + k: `last` (default) or `first`. */
  readonly day?: 'first' | 'last';
  readonly bins?: readonly number[] | TenureBins;
  readonly pick?: RelationshipPick;
  readonly includeNoRelationship?: boolean;
  readonly level?: number;
  readonly relationships?: EmploymentRelationships;
  readonly gapDays?: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface TenureByEventTimeSpec {
  readonly months: readonly number[];
  readonly population: 'all' | 'in-support' | 'employed';
  /** Whether anchors were given (else each person's first support trajectory). */
  readonly anchors: boolean;
  readonly group: GroupBy | null;
  readonly day: 'first' | 'last';
  readonly bins: TenureBins;
  readonly pick: RelationshipPick;
  readonly includeNoRelationship: boolean;
  readonly level: number;
  readonly gapDays: number;
}

/** Result of {@link tenureByEventTime}: the result protocol plus the head counts per event time and group. */
export interface TenureByEventTimeResult extends Result<EventTimeTenureRow, TenureByEventTimeSpec> {
  readonly summaries: readonly ContractLengthSummary[];
}

/** Anchored persons: person, anchor month S, anchor support row (for support-attribute groups) and group. */
interface Anchored {
  readonly person: Int32Array;
  readonly month: Int32Array;
  readonly group: Int32Array;
  readonly labels: readonly string[];
}

function checkAnchors(a: unknown, nPersons: number): asserts a is PanelAnchors {
  const ok = isPlainObject(a) && a.person instanceof Int32Array && a.start instanceof Int32Array && a.group instanceof Int32Array && Array.isArray(a.groups) && a.start.length === a.person.length;
  if (!ok) throw new SpecificationError(`tenureByEventTime: anchors must be PanelAnchors { person, start, end, group, groups } (e.g. matchControls(…).anchors), got ${describeValue(a)}`);
  for (const p of (a as unknown as PanelAnchors).person) if (p < 0 || p >= nPersons) throw new SpecificationError(`tenureByEventTime: anchors.person holds ${p}, outside the persons table (0..${nPersons - 1})`);
}

/** The anchored persons: the given anchors, or each supported person's first support trajectory. */
function anchoredPersons(cbsExport: CbsExport, anchors: PanelAnchors | undefined, group: GroupBy | undefined): Anchored {
  const support = cbsExport.support;
  let person: Int32Array;
  let month: Int32Array;
  let row: Int32Array;
  if (anchors) {
    person = anchors.person;
    month = Int32Array.from(anchors.start, (d) => monthOfDay(d));
    row = Int32Array.from(anchors.person, (p, i) => activeSupportRow(support, p, anchors.start[i]));
  } else {
    const persons: number[] = [];
    for (let p = 0; p < cbsExport.persons.length; p++) if (support.offsets[p + 1] > support.offsets[p]) persons.push(p);
    person = Int32Array.from(persons);
    row = Int32Array.from(persons, (p) => support.offsets[p]);
    month = Int32Array.from(row, (r) => monthOfDay(support.start[r]));
  }
  if (group === undefined && anchors) return { person, month, group: anchors.group, labels: anchors.groups };
  const resolver = new GroupResolver(cbsExport, group);
  return { person, month, group: Int32Array.from(person, (p, i) => resolver.groupOf(p, row[i])), labels: resolver.labels };
}

/** Tally each anchored person's tenure class at every event time where the reference day is observed. */
function tallyEventTimes(cbsExport: CbsExport, a: Anchored, ks: readonly number[], spec: TenureByEventTimeSpec, rel: EmploymentRelationships, ctx: TenureContext): TenureTally {
  const obs = cbsExport.observation;
  const tally = new TenureTally(spec.bins.labels.length, ks.length);
  // Reference days depend only on the calendar month: compute each once.
  const refs = new Map<number, RefDay>();
  const refOf = (m: number): RefDay => {
    let r = refs.get(m);
    if (!r) {
      r = refDay(spec.day === 'last' ? lastDayOfMonth(m) : firstDayOfMonth(m));
      refs.set(m, r);
    }
    return r;
  };
  ks.forEach((k, ki) => {
    for (let i = 0; i < a.person.length; i++) {
      const ref = refOf(a.month[i] + k);
      const day = ref.day;
      if (day < obs.start || day > obs.end) continue; // unobserved is missing, never "no relationship"
      const p = a.person[i];
      if (spec.population === 'in-support' && activeSupportRow(cbsExport.support, p, day) < 0) continue;
      if (spec.population === 'employed' && !isEmployedOn(rel, p, day)) continue;
      tally.add(ki, a.group[i], classifyTenure(ctx, p, ref));
    }
  });
  return tally;
}

const OPTION_KEYS = {
  months: true,
  population: true,
  anchors: true,
  group: { covariate: true, labels: true },
  day: true,
  bins: { edges: true, labels: true },
  pick: true,
  includeNoRelationship: true,
  level: true,
  relationships: true,
  gapDays: true,
} as const;

/** Resolve the options (names already checked; defaults filled in). */
function resolveOptions(options: TenureByEventTimeOptions, gapDays: number): TenureByEventTimeSpec {
  const population = options.population ?? 'all';
  if (population !== 'all' && population !== 'in-support' && population !== 'employed') throw new SpecificationError(`tenureByEventTime: population must be 'all', 'in-support' or 'employed', got ${describeValue(population)}`);
  const day = options.day ?? 'last';
  if (day !== 'first' && day !== 'last') throw new SpecificationError(`tenureByEventTime: day must be 'first' or 'last', got ${describeValue(day)}`);
  const pick = options.pick ?? 'longest';
  if (pick !== 'longest' && pick !== 'most-recent') throw new SpecificationError(`tenureByEventTime: pick must be 'longest' or 'most-recent', got ${describeValue(pick)}`);
  return {
    months: resolveEventTimes(options.months ?? 48),
    population,
    anchors: options.anchors !== undefined,
    group: options.group ?? null,
    day,
    bins: resolveBins(options.bins),
    pick,
    includeNoRelationship: booleanOption('tenureByEventTime', 'includeNoRelationship', options.includeNoRelationship),
    level: levelOption('tenureByEventTime', options.level),
    gapDays,
  };
}

/**
 * Tenure distribution over event time: for k months after each person's support start month S,
 * the current relationship's tenure on the last day of month S + k, binned as in
 * `contractLengths`. A person counts at k only when that day lies inside the observation period.
 *
 * @example
 * import { tenureByEventTime } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or loadSynthetic
 * const res = tenureByEventTime(exp, { months: 36, group: 'scheme' });
 * res.rows.filter((r) => r.event_time === 24 && r.bin === '> 2 years').map((r) => [r.group, r.count, r.n]); // [['Participatiewet', 2, 4], ['Wsw', 0, 0]]
 * res.spec.months.length; // 37
 */
export function tenureByEventTime(cbsExport: CbsExport, options: TenureByEventTimeOptions = {}): TenureByEventTimeResult {
  checkExport('tenureByEventTime', cbsExport);
  checkOptions('tenureByEventTime', options, OPTION_KEYS);
  const relationships = relationshipsOption('tenureByEventTime', options.relationships, cbsExport, options.gapDays);
  const spec = resolveOptions(options, relationships.gapDays);
  if (options.anchors !== undefined) checkAnchors(options.anchors, cbsExport.persons.length);
  const ctx = tenureContext(relationships, spec.bins.edges, spec.pick);
  const anchored = anchoredPersons(cbsExport, options.anchors, options.group);
  const tally = tallyEventTimes(cbsExport, anchored, spec.months, spec, relationships, ctx);
  const refs = spec.months.map((k) => ({ event_time: k }));
  const { rows, summaries } = tallyRows(tally, refs, anchored.labels, spec.bins, spec.level, spec.includeNoRelationship);
  const notes = [
    `Event time k: tenure on the ${spec.day} day of calendar month S + k, S the support start month (first trajectory unless anchors are given); persons count only where that day is observed.`,
    'Left-censored relationships (running when the data begin, no start reported): binned only when the lower bound reaches the top bin, otherwise row "unknown".',
  ];
  const result = createResult({ kind: 'tenureByEventTime', title: 'Tenure of the current relationship by months since support start', rows, spec, columns: binColumns([{ key: 'event_time', label: 'k' }]), notes });
  return { ...result, summaries };
}

function resolveEventTimes(months: unknown): number[] {
  if (typeof months === 'number') {
    if (!Number.isInteger(months) || months < 0) throw new SpecificationError(`tenureByEventTime: months must be a non-negative whole number K (for 0..K) or a list, got ${months}`);
    return Array.from({ length: months + 1 }, (_, k) => k);
  }
  if (!Array.isArray(months)) throw new SpecificationError(`tenureByEventTime: months must be a whole number K (for 0..K) or a list of whole numbers, got ${describeValue(months)}`);
  if (months.length === 0 || months.some((k) => typeof k !== 'number' || !Number.isInteger(k))) throw new SpecificationError(`tenureByEventTime: months must be whole numbers, got [${months.join(', ')}]`);
  return [...(months as number[])];
}
