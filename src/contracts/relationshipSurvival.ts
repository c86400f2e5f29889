import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { civilFromDay, dayNumber } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { kaplanMeier, type ConfType, type KaplanMeierFit } from './kaplanMeier.js';
import { logRankTest, type LogRankResult } from './logRank.js';
import { activeSupportRow, GroupResolver, parseDateOption, type DateLike } from './population.js';
import { employmentRelationships, type EmploymentRelationships } from './relationships.js';
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
  /** Keep left-censored relationships (start unknown; default false: excluded and counted in notes). */
  readonly includeLeftCensored?: boolean;
  /** Unit of the durations (default `months` of 30.4375 days). */
  readonly unit?: 'days' | 'months' | 'years';
  readonly level?: number;
  readonly confType?: ConfType;
  /** G-rho parameter of the between-group test (default 0: log-rank). */
  readonly rho?: number;
  readonly relationships?: EmploymentRelationships;
  readonly gapDays?: number;
}

/** Result of {@link relationshipSurvival}. */
export interface RelationshipSurvivalResult {
  /** Kaplan–Meier per group. */
  readonly fit: KaplanMeierFit;
  /** Test of equal survival between groups; null with fewer than two groups. */
  readonly test: LogRankResult | null;
  /** The durations analysed (for further modelling). */
  readonly data: { readonly relationship: Int32Array; readonly time: Float64Array; readonly event: Uint8Array; readonly group: readonly string[] };
  readonly unit: 'days' | 'months' | 'years';
  /** Relationships left out, by reason. */
  readonly excluded: { readonly leftCensored: number; readonly startsAfterCensoring: number };
  readonly notes: readonly string[];
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

/**
 * How long employment relationships last: Kaplan–Meier per group and a log-rank test, from
 * relationship start to end. A relationship still running at the censoring date (end of
 * observation, or end of the support trajectory with `censorAt: 'support-end'`) is right-censored
 * there. Durations count days employed (end − start + 1). Left-censored relationships are left out
 * by default, since their start is unknown.
 *
 * @example
 * import { relationshipSurvival } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const res = relationshipSurvival(exp, { windowMonths: 12, group: 'employer-type' });
 * res.fit.medians; // median duration in months per employer type
 * res.test?.p_value;
 */
export function relationshipSurvival(cbsExport: CbsExport, options: RelationshipSurvivalOptions = {}): RelationshipSurvivalResult {
  const unit = options.unit ?? 'months';
  const scale = unit === 'days' ? 1 : unit === 'months' ? DAYS_PER_MONTH : unit === 'years' ? DAYS_PER_YEAR : NaN;
  if (Number.isNaN(scale)) throw new SpecificationError(`unit must be 'days', 'months' or 'years', got ${JSON.stringify(unit)}`);
  const censorAt = options.censorAt ?? 'observation-end';
  if (censorAt !== 'observation-end' && censorAt !== 'support-end') throw new SpecificationError(`censorAt must be 'observation-end' or 'support-end', got ${JSON.stringify(censorAt)}`);
  const windowMonths = options.windowMonths ?? 12;
  if (!Number.isInteger(windowMonths) || windowMonths <= 0) throw new SpecificationError(`windowMonths must be a positive whole number, got ${windowMonths}`);
  const rel = options.relationships ?? employmentRelationships(cbsExport, { gapDays: options.gapDays });
  const support = cbsExport.support;
  const obsEnd = cbsExport.observation.end;
  const nPersons = cbsExport.persons.length;
  const start = options.start ?? 'support-start';
  const calendar = start !== 'support-start' ? { from: parseDateOption(start.from, 'start.from'), to: parseDateOption(start.to, 'start.to') } : undefined;
  if (calendar && calendar.to < calendar.from) throw new SpecificationError('start.to is before start.from');
  const everyone = (options.persons ?? 'supported') === 'all';

  let resolver: GroupResolver | undefined;
  const g = options.group;
  if (g !== undefined && g !== 'first-contract') resolver = new GroupResolver(cbsExport, g);

  const chosen: number[] = [];
  const times: number[] = [];
  const events: number[] = [];
  const labels: string[] = [];
  let leftCensored = 0;
  let afterCensoring = 0;
  for (let p = 0; p < nPersons; p++) {
    const firstSupport = support.offsets[p + 1] > support.offsets[p] ? support.offsets[p] : -1;
    if (!calendar && firstSupport < 0) continue;
    if (calendar && !everyone && firstSupport < 0) continue;
    const lo = calendar ? calendar.from : support.start[firstSupport];
    const hi = calendar ? calendar.to : addMonths(support.start[firstSupport], windowMonths) - 1;
    for (let r = rel.offsets[p]; r < rel.offsets[p + 1]; r++) {
      const s = rel.start[r];
      if (s > hi) break;
      if (s < lo) continue;
      if (rel.leftCensored[r] && !options.includeLeftCensored) {
        leftCensored++;
        continue;
      }
      // The trajectory the relationship belongs to: the anchor for support-start, the one in force at its start otherwise.
      const sRow = calendar ? activeSupportRow(support, p, s) : firstSupport;
      let censorDay = obsEnd;
      if (censorAt === 'support-end') {
        if (sRow < 0) {
          afterCensoring++;
          continue;
        }
        censorDay = Math.min(obsEnd, support.end[sRow]);
      }
      if (s > censorDay) {
        afterCensoring++;
        continue;
      }
      const e = rel.end[r];
      // An end on the last observed day may be the data's edge, so only earlier ends are events.
      const event = e <= censorDay && e < obsEnd ? 1 : 0;
      const last = Math.min(e, censorDay);
      chosen.push(r);
      times.push((last - s + 1) / scale);
      events.push(event);
      if (g === 'first-contract') {
        const c = rel.firstContract[r];
        labels.push(c < 0 ? '(missing)' : rel.contractLevels[c]);
      } else labels.push(resolver ? resolver.labels[resolver.groupOf(p, sRow)] : 'all');
    }
  }
  const data = { time: times, event: events, group: labels };
  const fit = kaplanMeier(data, { level: options.level, confType: options.confType });
  const test = fit.curves.length >= 2 ? logRankTest(data, { rho: options.rho }) : null;
  const notes = [
    `Duration = days employed in the relationship (end − start + 1), in ${unit}; right-censored at ${censorAt === 'support-end' ? 'the end of the support trajectory (or of observation, if earlier)' : 'the end of observation'}; an end on the last observed day counts as censored.`,
    calendar
      ? `Relationships starting from ${formatIsoDate(calendar.from)} to ${formatIsoDate(calendar.to)}${everyone ? '' : ', of persons with a support trajectory'}.`
      : `Relationships starting in the ${windowMonths} months from each person's first support start.`,
  ];
  if (leftCensored > 0) notes.push(`${leftCensored} left-censored relationship(s) (running when the data begin, start unknown) excluded.`);
  if (afterCensoring > 0) notes.push(`${afterCensoring} relationship(s) starting after their censoring date (or with no support trajectory in force) excluded.`);
  return {
    fit,
    test,
    data: { relationship: Int32Array.from(chosen), time: Float64Array.from(times), event: Uint8Array.from(events), group: labels },
    unit,
    excluded: { leftCensored, startsAfterCensoring: afterCensoring },
    notes,
  };
}
