import { describe, expect, it } from 'vitest';
import { cellText, dateCell, numberCell, personNumberText } from '../../src/io/cells.js';

describe('date cells', () => {
  it('agree with Date.UTC on every day from 1900 to 2100, as text, ISO text, 8-digit numbers and Dates', () => {
    for (let d = Date.UTC(1900, 0, 1) / 864e5; d <= Date.UTC(2100, 11, 31) / 864e5; d++) {
      const iso = new Date(d * 864e5).toISOString().slice(0, 10);
      const ymd = iso.replace(/-/g, '');
      if (dateCell(ymd) !== d || dateCell(iso) !== d || dateCell(Number(ymd)) !== d || dateCell(new Date(d * 864e5)) !== d) {
        throw new Error(`date ${iso} read wrongly`);
      }
    }
  });
  it('reject impossible dates and other layouts', () => {
    for (const bad of ['20190229', '19000229', '20200230', '20190431', '20191301', '20190001', '20190100', '2019ab01', '2019-02-29', '2019/01/01', '201901', '201901011', ' 2019-1-1', '+2019010', 20190132, 2019.5, true]) {
      expect(dateCell(bad as never), String(bad)).toBeUndefined();
    }
    expect(dateCell('20000229')).toBe(Date.UTC(2000, 1, 29) / 864e5);
    expect(dateCell(' 20190101 ')).toBe(Date.UTC(2019, 0, 1) / 864e5);
    for (const empty of ['', '  ', null, undefined, NaN, new Date(NaN)]) expect(dateCell(empty)).toBeNull();
  });
});

describe('text, person-number and number cells', () => {
  it('trim text and write integers without exponent', () => {
    expect([cellText(' a '), cellText('a'), cellText('\ta'), cellText(12), cellText(1.5), cellText(12n), cellText(null)]).toEqual(['a', 'a', 'a', '12', '1.5', '12', '']);
  });
  it('zero-pad numeric person numbers only', () => {
    expect([personNumberText(7), personNumberText(7n), personNumberText('7'), personNumberText(' 000000007')]).toEqual(['000000007', '000000007', '7', '000000007']);
  });
  it('read numbers with either decimal separator, no thousands separators', () => {
    expect([numberCell('1,5', ','), numberCell('-2,25e1', ','), numberCell('1.5', '.'), numberCell('1,5', '.'), numberCell('1.234,5', ','), numberCell('abc', '.'), numberCell('', ',')]).toEqual([1.5, -22.5, 1.5, undefined, undefined, undefined, null]);
  });
});
