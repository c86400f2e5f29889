import { OPEN_END, civilFromDay, dayNumber } from '../core/calendar.js';
import { formatIsoDate } from '../io/dates.js';
import type { SyntheticTruth } from './types.js';

/** Reference dates for tenure truth: 1 January of every observed year from 2016, 31 December 2023 (the report's dates). */
function tenureReferenceDates(obsStart: number, obsEnd: number): number[] {
  const out = new Set<number>();
  for (let y = 2016; y <= 2025; y++) out.add(dayNumber(y, 1, 1));
  out.add(dayNumber(2023, 12, 31));
  return [...out].filter((d) => d >= obsStart && d <= obsEnd).sort((a, b) => a - b);
}

/** The relationship segments of one person (one employer each), as the employment generator leaves them. */
export interface Segments {
  readonly segCount: number;
  readonly segStart: Int32Array;
  readonly segEnd: Int32Array;
}

/**
 * Tenure truth: on each reference date, how many Participatiewet persons are in support, how
 * many of them have an employment relationship, and how many of those relationships (the
 * longest, if several) began more than two years before.
 */
export class TenureTruth {
  private readonly dates: number[];
  private readonly cut: number[];
  private readonly inSupport: Float64Array;
  private readonly withRelationship: Float64Array;
  private readonly overTwoYears: Float64Array;

  constructor(obsStart: number, obsEnd: number) {
    this.dates = tenureReferenceDates(obsStart, obsEnd);
    this.inSupport = new Float64Array(this.dates.length);
    this.withRelationship = new Float64Array(this.dates.length);
    this.overTwoYears = new Float64Array(this.dates.length);
    this.cut = this.dates.map((d) => {
      const c = civilFromDay(d);
      return dayNumber(c.year - 2, c.month, c.day);
    });
  }

  /** Count one person in support from `sDay` to `eDay` (OPEN_END when ongoing) with these relationship segments. */
  add(sDay: number, eDay: number, seg: Segments): void {
    for (let t = 0; t < this.dates.length; t++) {
      const d = this.dates[t];
      if (sDay > d || (eDay !== OPEN_END && eDay < d)) continue;
      this.inSupport[t]++;
      let earliest = OPEN_END;
      for (let k = 0; k < seg.segCount; k++) {
        if (seg.segStart[k] <= d && seg.segEnd[k] >= d && seg.segStart[k] < earliest) earliest = seg.segStart[k];
      }
      if (earliest === OPEN_END) continue;
      this.withRelationship[t]++;
      if (earliest < this.cut[t]) this.overTwoYears[t]++;
    }
  }

  result(): SyntheticTruth['tenure'] {
    const { inSupport, withRelationship, overTwoYears } = this;
    return this.dates.map((d, t) => ({
      date: formatIsoDate(d),
      inSupport: inSupport[t],
      withRelationship: withRelationship[t],
      overTwoYears: overTwoYears[t],
      share: withRelationship[t] > 0 ? overTwoYears[t] / withRelationship[t] : null,
      shareOfAll: inSupport[t] > 0 ? overTwoYears[t] / inSupport[t] : null,
    }));
  }
}
