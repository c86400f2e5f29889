import { firstDayOfMonth } from '../core/calendar.js';
import { curveAt, yearOfMonth, type ResolvedSynthOptions } from './options.js';

/** The observed months of a synthetic export, with what the generator needs per month. */
export interface MonthGrid {
  readonly months: number;
  /** First day of each observed month, plus the day after observation ends (length months + 1). */
  readonly monthFirst: Int32Array;
  /** Calendar year of each month (for ages). */
  readonly monthYear: Int16Array;
  /** The calendar trend shared by everyone. */
  readonly trend: Float64Array;
  /** The controls' shift: the calendar trend plus their extra drift (`controlTrendSlope` per year from 2016). */
  readonly controlTrend: Float64Array;
}

/** The month grid of the observation period of `opts`. */
export function monthGrid(opts: ResolvedSynthOptions): MonthGrid {
  const { startMonth, endMonth } = opts.observation;
  const months = endMonth - startMonth + 1;
  const monthFirst = new Int32Array(months + 1);
  const monthYear = new Int16Array(months);
  for (let m = 0; m <= months; m++) monthFirst[m] = firstDayOfMonth(startMonth + m);
  for (let m = 0; m < months; m++) monthYear[m] = Math.floor((startMonth + m) / 12);
  const trend = new Float64Array(months);
  const controlTrend = new Float64Array(months);
  for (let m = 0; m < months; m++) {
    const y = yearOfMonth(startMonth + m);
    trend[m] = curveAt(opts.calendarTrend, y);
    controlTrend[m] = trend[m] + opts.controlTrendSlope * (y - 2016);
  }
  return { months, monthFirst, monthYear, trend, controlTrend };
}
