import type { ColumnTable } from 'arquero';
import type { CbsExport } from '../io/types.js';
import type { PanelAnchors } from '../panel/types.js';
import { firstDayOfMonth, lastDayOfMonth, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { resolveBins, type TenureBins } from './bins.js';
import { checkLevel } from './contractLengths.js';
import { classifyTenure, isEmployedOn, refDay, tenureContext, TenureTally, type RefDay } from './engine.js';
import { activeSupportRow, GroupResolver, type GroupBy } from './population.js';
import { employmentRelationships, type EmploymentRelationships } from './relationships.js';
import { rowsToTable, tallyRows, type ContractLengthSummary, type EventTimeTenureRow } from './rows.js';
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

/** Result of {@link tenureByEventTime}. */
export interface TenureByEventTimeResult {
  readonly rows: readonly EventTimeTenureRow[];
  readonly summaries: readonly ContractLengthSummary[];
  readonly bins: TenureBins;
  readonly level: number;
  readonly notes: readonly string[];
  toTable(): ColumnTable;
}

/**
 * Tenure distribution over event time: for k months after each person's support start month S,
 * the current relationship's tenure on the last day of month S + k, binned as in
 * `contractLengths`. A person counts at k only when that day lies inside the observation period.
 *
 * @example
 * import { tenureByEventTime } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const res = tenureByEventTime(exp, { months: 36, group: 'scheme' });
 * res.rows.filter((r) => r.event_time === 24 && r.bin === '> 2 years');
 */
export function tenureByEventTime(cbsExport: CbsExport, options: TenureByEventTimeOptions = {}): TenureByEventTimeResult {
  const ks = resolveEventTimes(options.months ?? 48);
  const level = checkLevel(options.level ?? 0.95);
  const bins = resolveBins(options.bins);
  const population = options.population ?? 'all';
  if (population !== 'all' && population !== 'in-support' && population !== 'employed') {
    throw new SpecificationError(`population must be 'all', 'in-support' or 'employed', got ${JSON.stringify(population)}`);
  }
  const which = options.day ?? 'last';
  if (which !== 'first' && which !== 'last') throw new SpecificationError(`day must be 'first' or 'last', got ${JSON.stringify(which)}`);
  const rel = options.relationships ?? employmentRelationships(cbsExport, { gapDays: options.gapDays });
  const ctx = tenureContext(rel, bins.edges, options.pick ?? 'longest');
  const support = cbsExport.support;
  const nPersons = cbsExport.persons.length;

  // Anchor rows: person, anchor month, anchor support row (for support-attribute groups), group label.
  let anchorPerson: Int32Array;
  let anchorMonth: Int32Array;
  let anchorRow: Int32Array;
  let groupCode: Int32Array;
  let labels: readonly string[];
  if (options.anchors) {
    const a = options.anchors;
    anchorPerson = a.person;
    anchorMonth = Int32Array.from(a.start, (d) => monthOfDay(d));
    anchorRow = Int32Array.from(a.person, (p, i) => activeSupportRow(support, p, a.start[i]));
  } else {
    const persons: number[] = [];
    for (let p = 0; p < nPersons; p++) if (support.offsets[p + 1] > support.offsets[p]) persons.push(p);
    anchorPerson = Int32Array.from(persons);
    anchorRow = Int32Array.from(persons, (p) => support.offsets[p]);
    anchorMonth = Int32Array.from(anchorRow, (r) => monthOfDay(support.start[r]));
  }
  if (options.group === undefined && options.anchors) {
    groupCode = options.anchors.group;
    labels = options.anchors.groups;
  } else {
    const resolver = new GroupResolver(cbsExport, options.group);
    groupCode = Int32Array.from(anchorPerson, (p, i) => resolver.groupOf(p, anchorRow[i]));
    labels = resolver.labels;
  }

  const obs = cbsExport.observation;
  const tally = new TenureTally(bins.labels.length, ks.length);
  // Reference days depend only on the calendar month: compute each once.
  const refs0 = new Map<number, RefDay>();
  const refOf = (m: number): RefDay => {
    let r = refs0.get(m);
    if (!r) {
      r = refDay(which === 'last' ? lastDayOfMonth(m) : firstDayOfMonth(m));
      refs0.set(m, r);
    }
    return r;
  };
  ks.forEach((k, ki) => {
    for (let i = 0; i < anchorPerson.length; i++) {
      const ref = refOf(anchorMonth[i] + k);
      const day = ref.day;
      if (day < obs.start || day > obs.end) continue; // unobserved is missing, never "no relationship"
      const p = anchorPerson[i];
      if (population === 'in-support' && activeSupportRow(support, p, day) < 0) continue;
      if (population === 'employed' && !isEmployedOn(rel, p, day)) continue;
      tally.add(ki, groupCode[i], classifyTenure(ctx, p, ref));
    }
  });
  const refs = ks.map((k) => ({ event_time: k }));
  const { rows, summaries } = tallyRows(tally, refs, labels, bins, level, options.includeNoRelationship ?? false);
  const notes = [
    `Event time k: tenure on the ${which} day of calendar month S + k, S the support start month (first trajectory unless anchors are given); persons count only where that day is observed.`,
    'Left-censored relationships: binned only when the lower bound reaches the top bin, otherwise row "unknown".',
  ];
  return { rows, summaries, bins, level, notes, toTable: () => rowsToTable(rows) };
}

function resolveEventTimes(months: number | readonly number[]): number[] {
  const list = typeof months === 'number' ? Array.from({ length: Math.max(0, months) + 1 }, (_, k) => k) : [...months];
  if (typeof months === 'number' && (!Number.isInteger(months) || months < 0)) throw new SpecificationError(`months must be a non-negative whole number K (for 0..K) or a list, got ${months}`);
  if (list.length === 0 || list.some((k) => !Number.isInteger(k))) throw new SpecificationError(`months must be whole numbers, got [${list.join(', ')}]`);
  return list;
}
