import { describe, expect, it } from 'vitest';
import { civilFromDay, dayNumber, lastDayOfMonth, monthNumber, monthOfDay, parseCbsDate, formatCbsDate, toDayNumber, SpecificationError } from '../../src/index.js';

describe('calendar arithmetic', () => {
  it('agrees with Date.UTC over a long range of days', () => {
    for (let d = -800000; d < 800000; d += 997) {
      const js = new Date(d * 86400000);
      expect(civilFromDay(d)).toEqual({ year: js.getUTCFullYear(), month: js.getUTCMonth() + 1, day: js.getUTCDate() });
      expect(dayNumber(js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate())).toBe(d);
    }
  });
  it('knows leap years and month ends', () => {
    expect(lastDayOfMonth(monthNumber(2020, 2))).toBe(dayNumber(2020, 2, 29));
    expect(lastDayOfMonth(monthNumber(1900, 2))).toBe(dayNumber(1900, 2, 28));
    expect(monthOfDay(dayNumber(2019, 12, 31))).toBe(monthNumber(2019, 12));
  });
  it('parses and formats CBS dates, rejecting impossible ones', () => {
    expect(parseCbsDate('20190131')).toBe(Date.UTC(2019, 0, 31) / 86400000);
    expect(parseCbsDate('20190229')).toBeUndefined();
    expect(parseCbsDate('2019013')).toBeUndefined();
    expect(parseCbsDate('2019-1-01')).toBeUndefined();
    expect(formatCbsDate(parseCbsDate('99991231')!)).toBe('99991231');
    expect(toDayNumber('2019-01-31')).toBe(toDayNumber('20190131'));
    expect(() => toDayNumber('31-01-2019')).toThrow(SpecificationError);
    expect(() => toDayNumber(20190131)).toThrow("write '20190131' in quotes");
  });
});
