/** Truths counted from the generated support rows: the stock on 1 January and the employer-type shares. */
import { civilFromDay, dayNumber } from '../core/calendar.js';
import { formatIsoDate } from '../io/dates.js';
import type { SyntheticSupport, SyntheticTruth } from './types.js';

/** Persons in support on 1 January of each observed year, per scheme. */
export function stockTruth({ start, end, scheme }: SyntheticSupport, obsStart: number, obsEnd: number): SyntheticTruth['stock'] {
  const out = [];
  for (let y = civilFromDay(obsStart).year; y <= civilFromDay(obsEnd).year; y++) {
    const d = dayNumber(y, 1, 1);
    if (d < obsStart) continue;
    const c = [0, 0];
    for (let r = 0; r < start.length; r++) if (start[r] <= d && end[r] >= d) c[scheme[r]]++;
    out.push({ date: formatIsoDate(d), Participatiewet: c[0], Wsw: c[1], total: c[0] + c[1] });
  }
  return out;
}

/** Employer-type shares among Participatiewet persons in support on 31 December of each observed year from 2015. */
export function employerTypeShareTruth({ start, end, scheme, employerType: type }: SyntheticSupport, obsStart: number, obsEnd: number): SyntheticTruth['employerTypeShares'] {
  const out = [];
  for (let y = Math.max(2015, civilFromDay(obsStart).year); y <= civilFromDay(obsEnd).year; y++) {
    const d = dayNumber(y, 12, 31);
    const c = [0, 0, 0];
    for (let r = 0; r < start.length; r++) if (scheme[r] === 0 && start[r] <= d && end[r] >= d) c[type[r]]++;
    const n = c[0] + c[1] + c[2];
    out.push({ date: formatIsoDate(d), n, regulier: n ? c[0] / n : NaN, 'sociale firma': n ? c[1] / n : NaN, Pantar: n ? c[2] / n : NaN });
  }
  return out;
}
