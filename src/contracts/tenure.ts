import { civilFromDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import type { EmploymentRelationships } from './relationships.js';

/** A whole day number, or a {@link SpecificationError} naming the function and argument. */
function dayArgument(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new SpecificationError(`${fn}: ${name} must be a whole day number (e.g. from toDayNumber), got ${describeValue(value)}`);
  return value;
}

/** A finite number of days, or a {@link SpecificationError}. */
function daysArgument(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SpecificationError(`${fn}: days must be a finite number, got ${describeValue(value)}`);
  return value;
}

/**
 * Average days per year, used to express durations in years.
 *
 * @example
 * DAYS_PER_YEAR; // 365.25
 */
export const DAYS_PER_YEAR = 365.25;
/**
 * Average days per month (365.25 / 12), used to express durations in months.
 *
 * @example
 * DAYS_PER_MONTH; // 30.4375
 */
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/**
 * Completed calendar months from `startDay` to `day` (anniversary rule: a month is complete
 * on the same day-of-month; a start on the 31st completes a month only on the next 31st or
 * later month's start). Negative when `day` precedes `startDay`.
 *
 * @example
 * import { completedMonths, dayNumber } from 'participation-effects';
 * completedMonths(dayNumber(2019, 1, 15), dayNumber(2019, 7, 14)); // 5
 * completedMonths(dayNumber(2019, 1, 15), dayNumber(2019, 7, 15)); // 6
 */
export function completedMonths(startDay: number, day: number): number {
  dayArgument('completedMonths', 'startDay', startDay);
  dayArgument('completedMonths', 'day', day);
  const a = civilFromDay(startDay);
  const b = civilFromDay(day);
  return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
}

/**
 * Tenure in days on `day` of a relationship that started on `startDay`: `day - startDay`.
 *
 * @example
 * tenureDays(100, 130); // 30
 */
export function tenureDays(startDay: number, day: number): number {
  return dayArgument('tenureDays', 'day', day) - dayArgument('tenureDays', 'startDay', startDay);
}

/**
 * Convert a duration in days to years (365.25 days a year).
 *
 * @example
 * daysToYears(730.5); // 2
 */
export function daysToYears(days: number): number {
  return daysArgument('daysToYears', days) / DAYS_PER_YEAR;
}

/**
 * Convert a duration in days to average months (30.4375 days a month).
 *
 * @example
 * daysToMonths(30.4375); // 1
 */
export function daysToMonths(days: number): number {
  return daysArgument('daysToMonths', days) / DAYS_PER_MONTH;
}

/** Which active relationship stands for a person who has several on the same date. */
export type RelationshipPick = 'longest' | 'most-recent';

/** Per-person tenure on one date (index = person). */
export interface TenureOnDate {
  readonly day: number;
  /** Relationship picked (index into the relationships), -1 when none is active on `day`. */
  readonly relationship: Int32Array;
  /** Tenure in days (lower bound when left-censored), -1 when none is active. */
  readonly days: Int32Array;
  /** Completed months (lower bound when left-censored), -1 when none is active. */
  readonly months: Int32Array;
  /** 1 when the picked relationship is left-censored: days and months are lower bounds. */
  readonly leftCensored: Uint8Array;
}

/** Start calendar fields per relationship, cached so a monthly series converts starts once. */
const startCache = new WeakMap<EmploymentRelationships, { month: Int32Array; dom: Uint8Array }>();

/** Month number and day of month of each relationship start. */
export function relationshipStartCalendar(rel: EmploymentRelationships): { month: Int32Array; dom: Uint8Array } {
  let c = startCache.get(rel);
  if (!c) {
    const month = new Int32Array(rel.length);
    const dom = new Uint8Array(rel.length);
    for (let r = 0; r < rel.length; r++) {
      const { year, month: mo, day } = civilFromDay(rel.start[r]);
      month[r] = year * 12 + mo - 1;
      dom[r] = day;
    }
    c = { month, dom };
    startCache.set(rel, c);
  }
  return c;
}

/**
 * The relationship active on `day` (start ≤ day ≤ end) that stands for person `p`, or -1.
 * `longest` takes the earliest start (a left-censored one, if any is active, since its start is
 * the earliest possible), `most-recent` the latest start.
 */
export function pickActiveRelationship(rel: EmploymentRelationships, p: number, day: number, pick: RelationshipPick): number {
  let best = -1;
  const hi = rel.offsets[p + 1];
  // Relationships are sorted by start, so the first active one has the earliest start.
  for (let r = rel.offsets[p]; r < hi; r++) {
    if (rel.start[r] > day) break;
    if (rel.end[r] >= day) {
      best = r;
      if (pick === 'longest') break;
    }
  }
  return best;
}

/**
 * Tenure of every person's current relationship on `day` (`day - start`, in days and completed
 * months). Persons without an active relationship get -1. Left-censored tenures are lower bounds
 * and flagged.
 *
 * @example
 * import { employmentRelationships, tenureOnDate, toDayNumber } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const t = tenureOnDate(employmentRelationships(exp), toDayNumber('2023-12-31'));
 * t.months.length === exp.persons.length; // true (completed months per person, -1 without a relationship)
 */
export function tenureOnDate(rel: EmploymentRelationships, day: number, options: { readonly pick?: RelationshipPick } = {}): TenureOnDate {
  if (!isPlainObject(rel) || !(rel.offsets instanceof Int32Array) || !(rel.start instanceof Int32Array) || !(rel.leftCensored instanceof Uint8Array))
    throw new SpecificationError(`tenureOnDate expects employment relationships (from employmentRelationships(exp)); got ${describeValue(rel)}`);
  dayArgument('tenureOnDate', 'day', day);
  checkOptions('tenureOnDate', options, { pick: true });
  const pick = options.pick ?? 'longest';
  if (pick !== 'longest' && pick !== 'most-recent') throw new SpecificationError(`tenureOnDate: pick must be 'longest' or 'most-recent', got ${describeValue(pick)}`);
  const nPersons = rel.offsets.length - 1;
  const relationship = new Int32Array(nPersons).fill(-1);
  const days = new Int32Array(nPersons).fill(-1);
  const months = new Int32Array(nPersons).fill(-1);
  const leftCensored = new Uint8Array(nPersons);
  const cal = relationshipStartCalendar(rel);
  const { year, month, day: dom } = civilFromDay(day);
  const dayMonth = year * 12 + month - 1;
  for (let p = 0; p < nPersons; p++) {
    const r = pickActiveRelationship(rel, p, day, pick);
    if (r < 0) continue;
    relationship[p] = r;
    days[p] = day - rel.start[r];
    months[p] = dayMonth - cal.month[r] - (dom < cal.dom[r] ? 1 : 0);
    leftCensored[p] = rel.leftCensored[r];
  }
  return { day, relationship, days, months, leftCensored };
}
