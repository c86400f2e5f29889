import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { civilFromDay, dayNumber } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result } from '../core/result.js';
import { checkExport } from './checkExport.js';
import { kaplanMeier, MEDIAN_COLUMNS, type ConfType, type KaplanMeierFit, type KaplanMeierRow } from './kaplanMeier.js';
import { levelOption } from './levelOption.js';
import { logRankTest, type LogRankResult } from './logRank.js';
import { activeSupportRow, GroupResolver, parseDateOption, type DateLike } from './population.js';
import { relationshipsOption, type EmploymentRelationships } from './relationships.js';
import { DAYS_PER_MONTH, DAYS_PER_YEAR } from './tenure.js';

/** Grouping of relationship survival: support attributes, the first contract type, or per-person labels / covariates. */
export type SurvivalGroupBy = 'scheme' | 'employer-type' | 'first-contract' | { readonly covariate: string } | { readonly labels: readonly (string | null)[] };

/** Options of {@link relationshipSurvival}. */
export interface RelationshipSurvivalOptions {
  /**
   * Which relationships: those starting within `windowMonths` after each person's first support
   * start (`support-start`, default), or those starting in a calendar window `{ from, to }`.
   */
  readonly start?: 'support-start' | { readonly from: DateLike; readonly to: DateLike };
  /** Window after support start, in months (default 12): starts in [S, S + windowMonths). */
  readonly windowMonths?: number;
  /** Calendar windows: persons with any support trajectory (`supported`, default) or everyone (`all`). */
  readonly persons?: 'supported' | 'all';
  /** Follow-up ends at the end of observation (default) or at the end of the support trajectory. */
  readonly censorAt?: 'observation-end' | 'support-end';
  readonly group?: SurvivalGroupBy;
  /**
   * Relationships running when the data begin whose start the source does not report (left-censored):
   * `exclude` (default; counted in `excluded.leftCensored`), or `observation-start`: take the
   * observation start as their start (durations become lower bounds; for sensitivity checks only).
   * Relationships with a reported earlier start always enter with delayed entry.
   */
  readonly leftCensored?: 'exclude' | 'observation-start';
  /** Unit of the durations (default `months` of 30.4375 days). */
  readonly unit?: 'days' | 'months' | 'years';
  readonly level?: number;
  readonly confType?: ConfType;
  /** G-rho parameter of the between-group test (default 0: log-rank). */
  readonly rho?: number;
  readonly relationships?: EmploymentRelationships;
  readonly gapDays?: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface RelationshipSurvivalSpec {
  readonly start: 'support-start' | { readonly from: string; readonly to: string };
  readonly windowMonths: number;
  readonly persons: 'supported' | 'all';
  readonly censorAt: 'observation-end' | 'support-end';
  readonly group: SurvivalGroupBy | null;
  readonly leftCensored: 'exclude' | 'observation-start';
  readonly unit: 'days' | 'months' | 'years';
  readonly level: number;
  readonly confType: ConfType;
  readonly rho: number;
  /** Gap tolerance of the relationships used. */
  readonly gapDays: number;
}

/** The durations analysed: entry (0 unless the relationship began before the data), exit, event, group. */
export interface RelationshipDurations {
  /** Duration already elapsed at the observation start (delayed entry), 0 for relationships starting inside the data. */
  readonly entry: Float64Array;
  readonly time: Float64Array;
  readonly event: Uint8Array;
  readonly group: readonly string[];
}

/**
 * Result of {@link relationshipSurvival}: the result protocol (rows = the Kaplan–Meier steps,
 * tests = the log-rank test when there are groups) plus the fit, the test and the durations.
 */
export interface RelationshipSurvivalResult extends Result<KaplanMeierRow, RelationshipSurvivalSpec> {
  /** Kaplan–Meier per group. */
  readonly fit: KaplanMeierFit;
  /** Test of equal survival between groups; null with fewer than two groups. */
  readonly logRank: LogRankResult | null;
  /** The durations analysed, ready for `kaplanMeier`/`logRankTest` or further modelling. */
  readonly data: RelationshipDurations;
  /** Index (into the relationships) of each duration. */
  readonly relationshipIndex: Int32Array;
  /** Relationships left out, by reason, and relationships entering late. */
  readonly excluded: { readonly leftCensored: number; readonly startsAfterCensoring: number };
  /** Relationships already running when the data begin, with a reported start: they enter with delayed entry. */
  readonly delayedEntry: number;
}

/** Add whole calendar months to a day number (clamped to the month's last day). */
function addMonths(day: number, months: number): number {
  const { year, month, day: dom } = civilFromDay(day);
  const m = year * 12 + month - 1 + months;
  const y = Math.floor(m / 12);
  const mo = m - y * 12 + 1;
  const last = dayNumber(y, mo + 1, 1) - dayNumber(y, mo, 1);
  return dayNumber(y, mo, Math.min(dom, last));
}

const OPTION_KEYS = {
  start: { from: true, to: true },
  windowMonths: true,
  persons: true,
  censorAt: true,
  group: { covariate: true, labels: true },
  leftCensored: true,
  unit: true,
  level: true,
  confType: true,
  rho: true,
  relationships: true,
  gapDays: true,
} as const;

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new SpecificationError(`relationshipSurvival: ${name} must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describeValue(value)}`);
  return value as T;
}

/** Check and resolve the options (defaults filled in); the calendar window as day numbers. */
function resolveOptions(options: RelationshipSurvivalOptions): { spec: RelationshipSurvivalSpec; calendar?: { from: number; to: number } } {
  checkOptions('relationshipSurvival', options, OPTION_KEYS);
  const windowMonths = options.windowMonths ?? 12;
  if (typeof windowMonths !== 'number' || !Number.isInteger(windowMonths) || windowMonths <= 0) throw new SpecificationError(`relationshipSurvival: windowMonths must be a positive whole number, got ${describeValue(windowMonths)}`);
  if (options.rho !== undefined && !(typeof options.rho === 'number' && Number.isFinite(options.rho))) throw new SpecificationError(`relationshipSurvival: rho must be a finite number, got ${describeValue(options.rho)}`);
  if (options.confType !== undefined && !['log', 'log-log', 'plain'].includes(options.confType)) throw new SpecificationError(`relationshipSurvival: confType must be 'log', 'log-log' or 'plain', got ${describeValue(options.confType)}`);
  const start = options.start ?? 'support-start';
  let calendar: { from: number; to: number } | undefined;
  if (start !== 'support-start') {
    if (!isPlainObject(start)) throw new SpecificationError(`relationshipSurvival: start must be 'support-start' or { from, to }, got ${describeValue(start)}`);
    calendar = { from: parseDateOption(start.from, 'start.from'), to: parseDateOption(start.to, 'start.to') };
    if (calendar.to < calendar.from) throw new SpecificationError('relationshipSurvival: start.to is before start.from');
  }
  const spec: RelationshipSurvivalSpec = {
    start: calendar ? { from: formatIsoDate(calendar.from), to: formatIsoDate(calendar.to) } : 'support-start',
    windowMonths,
    persons: oneOf('persons', options.persons ?? 'supported', ['supported', 'all']),
    censorAt: oneOf('censorAt', options.censorAt ?? 'observation-end', ['observation-end', 'support-end']),
    group: options.group ?? null,
    leftCensored: oneOf('leftCensored', options.leftCensored ?? 'exclude', ['exclude', 'observation-start']),
    unit: oneOf('unit', options.unit ?? 'months', ['days', 'months', 'years']),
    level: levelOption('relationshipSurvival', options.level),
    confType: options.confType ?? 'log',
    rho: options.rho ?? 0,
    gapDays: options.relationships?.gapDays ?? options.gapDays ?? 0,
  };
  return { spec, calendar };
}

/** What {@link collectDurations} found. */
interface Collected {
  readonly chosen: number[];
  readonly entry: number[];
  readonly time: number[];
  readonly event: number[];
  readonly labels: string[];
  leftCensored: number;
  /** Left-censored relationships kept with the observation start as start (`leftCensored: 'observation-start'`). */
  unknownKept: number;
  afterCensoring: number;
  delayed: number;
}

/**
 * Durations (days employed, end − start + 1, in `unit`) of the selected relationships, right-censored
 * at the censoring date; relationships that began before the observation start enter at the duration
 * they had reached then (delayed entry).
 */
function collectDurations(cbsExport: CbsExport, rel: EmploymentRelationships, spec: RelationshipSurvivalSpec, calendar: { from: number; to: number } | undefined): Collected {
  const { support, observation } = cbsExport;
  const scale = spec.unit === 'days' ? 1 : spec.unit === 'months' ? DAYS_PER_MONTH : DAYS_PER_YEAR;
  const everyone = spec.persons === 'all';
  const g = spec.group;
  const resolver = g !== null && g !== 'first-contract' ? new GroupResolver(cbsExport, g) : undefined;
  const out: Collected = { chosen: [], entry: [], time: [], event: [], labels: [], leftCensored: 0, unknownKept: 0, afterCensoring: 0, delayed: 0 };
  for (let p = 0; p < cbsExport.persons.length; p++) {
    const firstSupport = support.offsets[p + 1] > support.offsets[p] ? support.offsets[p] : -1;
    if (firstSupport < 0 && !(calendar && everyone)) continue;
    const lo = calendar ? calendar.from : support.start[firstSupport];
    const hi = calendar ? calendar.to : addMonths(support.start[firstSupport], spec.windowMonths) - 1;
    for (let r = rel.offsets[p]; r < rel.offsets[p + 1]; r++) {
      const s = rel.start[r];
      if (s > hi) break;
      if (s < lo) continue;
      if (rel.leftCensored[r] && spec.leftCensored === 'exclude') {
        out.leftCensored++;
        continue;
      }
      // The trajectory the relationship belongs to: the anchor for support-start, the one in force at its start otherwise.
      const sRow = calendar ? activeSupportRow(support, p, Math.max(s, observation.start)) : firstSupport;
      let censorDay = observation.end;
      if (spec.censorAt === 'support-end') {
        if (sRow < 0) {
          out.afterCensoring++;
          continue;
        }
        censorDay = Math.min(observation.end, support.end[sRow]);
      }
      if (Math.max(s, observation.start) > censorDay) {
        out.afterCensoring++;
        continue;
      }
      const e = rel.end[r];
      // An end on the last observed day may be the data's edge, so only earlier ends are events.
      out.event.push(e <= censorDay && e < observation.end ? 1 : 0);
      out.time.push((Math.min(e, censorDay) - s + 1) / scale);
      out.entry.push(s < observation.start ? (observation.start - s) / scale : 0);
      if (s < observation.start) out.delayed++;
      if (rel.leftCensored[r]) out.unknownKept++;
      out.chosen.push(r);
      if (g === 'first-contract') {
        const c = rel.firstContract[r];
        out.labels.push(c < 0 ? '(missing)' : rel.contractLevels[c]);
      } else out.labels.push(resolver ? resolver.labels[resolver.groupOf(p, sRow)] : 'all');
    }
  }
  return out;
}

/** The notes that say how the durations were made and what was left out. */
function survivalNotes(spec: RelationshipSurvivalSpec, c: Collected): string[] {
  const notes = [
    `Duration = days employed in the relationship (end − start + 1), in ${spec.unit}; right-censored at ${spec.censorAt === 'support-end' ? 'the end of the support trajectory (or of observation, if earlier)' : 'the end of observation'}; an end on the last observed day counts as censored.`,
    typeof spec.start === 'object'
      ? `Relationships starting from ${spec.start.from} to ${spec.start.to}${spec.persons === 'all' ? '' : ', of persons with a support trajectory'}.`
      : `Relationships starting in the ${spec.windowMonths} months from each person's first support start.`,
  ];
  if (c.delayed > 0)
    notes.push(`${c.delayed} relationship(s) already running when the data begin, with the start the source reports, enter with delayed entry (left truncation): at risk only from the duration they had reached when observation began.`);
  if (c.leftCensored > 0 && spec.leftCensored === 'exclude')
    notes.push(`${c.leftCensored} left-censored relationship(s) (running when the data begin, no start reported) excluded: their duration when observation began is unknown, so they cannot be placed on the duration scale; the curves describe relationships whose start is known.`);
  if (c.unknownKept > 0)
    notes.push(`${c.unknownKept} left-censored relationship(s) (start unknown) taken to start on the observation start: their durations are lower bounds and the curves are biased (in a direction that depends on how the hazard changes with tenure); use for sensitivity checks only.`);
  if (c.afterCensoring > 0) notes.push(`${c.afterCensoring} relationship(s) starting after their censoring date (or with no support trajectory in force) excluded.`);
  return notes;
}

/**
 * How long employment relationships last: Kaplan–Meier per group and a log-rank test, from
 * relationship start to end. A relationship still running at the censoring date (end of
 * observation, or end of the support trajectory with `censorAt: 'support-end'`) is right-censored
 * there. Durations count days employed (end − start + 1). A relationship that began before the
 * data, with the start the source reports, enters with delayed entry (at risk only from the
 * duration it had reached when observation began, as R `Surv(entry, time, event)`); one whose
 * start is unknown (left-censored) is left out by default and counted.
 *
 * @example
 * import { relationshipSurvival } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or loadSynthetic
 * const res = relationshipSurvival(exp, { start: { from: '2016-01-01', to: '2018-12-31' }, group: 'employer-type' });
 * res.fit.medians.map((m) => [m.group, m.n_persons, m.estimate]); // [['regulier', 6, null], ['sociale firma', 1, null]]
 * res.tests[0].statistic; // null
 * res.tests[0].note; // 'fewer than two groups with expected events: no log-rank test'
 */
export function relationshipSurvival(cbsExport: CbsExport, options: RelationshipSurvivalOptions = {}): RelationshipSurvivalResult {
  checkExport('relationshipSurvival', cbsExport);
  const { spec, calendar } = resolveOptions(options);
  const rel = relationshipsOption('relationshipSurvival', options.relationships, cbsExport, options.gapDays);
  const c = collectDurations(cbsExport, rel, spec, calendar);
  const entry = Float64Array.from(c.entry);
  const data = { time: Float64Array.from(c.time), event: Uint8Array.from(c.event), group: c.labels };
  const withEntry = c.delayed > 0 ? { ...data, entry } : data;
  const fit = kaplanMeier(withEntry, { level: spec.level, confType: spec.confType });
  const logRank = fit.curves.length >= 2 ? logRankTest(withEntry, { rho: spec.rho }) : null;
  const notes = [...survivalNotes(spec, c), ...fit.notes.filter((n) => !n.startsWith('Delayed entry'))];
  const tests = logRank ? [logRank.test] : [];
  const title = `Survival of employment relationships (Kaplan–Meier, durations in ${spec.unit})`;
  const protocol = createResult({ kind: 'relationshipSurvival', title, rows: fit.rows, spec, columns: [], tests, notes });
  const printed = createResult({ kind: 'relationshipSurvival', title, rows: fit.medians, spec, columns: MEDIAN_COLUMNS, tests, notes });
  return {
    ...protocol,
    toTable: fit.toTable,
    summary: printed.summary,
    fit,
    logRank,
    data: { ...data, entry },
    relationshipIndex: Int32Array.from(c.chosen),
    excluded: { leftCensored: c.leftCensored, startsAfterCensoring: c.afterCensoring },
    delayedEntry: c.delayed,
  };
}
