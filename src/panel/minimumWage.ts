/**
 * The Dutch statutory minimum wage (wettelijk minimumloon), 2006 – 2026, for monthly
 * earnings-above-minimum-wage outcomes.
 *
 * Which amount: the gross minimum wage of an adult employee — the full ("volwassen") minimum
 * wage, which applies at age 23 and over throughout 2006 – 2026 (since 1 July 2017 also at 22,
 * since 1 July 2019 at 21 and over). Youth minimum wages (lower percentages) are not included.
 *
 * Amounts change on 1 January and 1 July. Through 1 July 2023 the law set a gross amount per
 * month (full-time); from 1 January 2024 it sets only an hourly amount, and the monthly amount
 * here is that hourly wage × 36 hours × 52 / 12 (a 36-hour week: the hourly minimum of 2024 was
 * derived from the monthly amount that way, so the series continues without a jump). A different
 * working week can be chosen with `hoursPerWeek`.
 *
 * Source: Rijksoverheid, "Bedragen minimumloon" (rijksoverheid.nl, onderwerp Minimumloon; the
 * tables of earlier years are in the same place), as known on 2026-12-01. The figures were
 * compiled without network access and must be verified against that page before use in
 * publications; see docs/methods/outcomes.md.
 */

/** One amount of the table, valid from the first day of `from` until the next entry. */
export interface MinimumWageEntry {
  /** First month of validity, `YYYY-MM` (January or July). */
  readonly from: string;
  /** Gross monthly minimum wage in euros (full-time; before 2024 as set by law). */
  readonly monthly?: number;
  /** Gross hourly minimum wage in euros (set by law from 2024). */
  readonly hourly?: number;
}

/**
 * Gross adult (23 and over) statutory minimum wage, per half-year, 2006 – 2026 (to be verified,
 * see the file comment for the source).
 *
 * @example
 * DUTCH_MINIMUM_WAGE.find((e) => e.from === '2023-01')?.monthly; // 1934.4
 * DUTCH_MINIMUM_WAGE.find((e) => e.from === '2024-01')?.hourly; // 13.27
 */
export const DUTCH_MINIMUM_WAGE: readonly MinimumWageEntry[] = [
  { from: '2006-01', monthly: 1272.6 },
  { from: '2006-07', monthly: 1284.6 },
  { from: '2007-01', monthly: 1300.8 },
  { from: '2007-07', monthly: 1317.0 },
  { from: '2008-01', monthly: 1335.0 },
  { from: '2008-07', monthly: 1356.6 },
  { from: '2009-01', monthly: 1381.2 },
  { from: '2009-07', monthly: 1398.6 },
  { from: '2010-01', monthly: 1407.6 },
  { from: '2010-07', monthly: 1416.0 },
  { from: '2011-01', monthly: 1424.4 },
  { from: '2011-07', monthly: 1435.2 },
  { from: '2012-01', monthly: 1446.6 },
  { from: '2012-07', monthly: 1456.2 },
  { from: '2013-01', monthly: 1469.4 },
  { from: '2013-07', monthly: 1477.8 },
  { from: '2014-01', monthly: 1485.6 },
  { from: '2014-07', monthly: 1495.2 },
  { from: '2015-01', monthly: 1501.8 },
  { from: '2015-07', monthly: 1507.8 },
  { from: '2016-01', monthly: 1524.6 },
  { from: '2016-07', monthly: 1537.2 },
  { from: '2017-01', monthly: 1551.6 },
  { from: '2017-07', monthly: 1565.4 },
  { from: '2018-01', monthly: 1578.0 },
  { from: '2018-07', monthly: 1594.2 },
  { from: '2019-01', monthly: 1615.8 },
  { from: '2019-07', monthly: 1635.6 },
  { from: '2020-01', monthly: 1653.6 },
  { from: '2020-07', monthly: 1680.0 },
  { from: '2021-01', monthly: 1684.8 },
  { from: '2021-07', monthly: 1701.0 },
  { from: '2022-01', monthly: 1725.0 },
  { from: '2022-07', monthly: 1756.2 },
  { from: '2023-01', monthly: 1934.4 },
  { from: '2023-07', monthly: 1995.0 },
  { from: '2024-01', hourly: 13.27 },
  { from: '2024-07', hourly: 13.68 },
  { from: '2025-01', hourly: 14.06 },
  { from: '2025-07', hourly: 14.4 },
  { from: '2026-01', hourly: 14.71 },
];

/**
 * Last month (`YYYY-MM`) the shipped table covers: the half-year of its last entry.
 *
 * @example
 * MINIMUM_WAGE_LAST_MONTH; // '2026-06'
 */
export const MINIMUM_WAGE_LAST_MONTH = '2026-06';

/**
 * Monthly gross minimum wage for calendar month `year`-`month` (1-based), from `table` (default
 * {@link DUTCH_MINIMUM_WAGE}); hourly entries become monthly as hourly × hoursPerWeek × 52 / 12.
 * NaN before the first entry or after `lastMonth` (default the shipped table's last half-year).
 *
 * @example
 * monthlyMinimumWage(2019, 12); // 1635.6
 * monthlyMinimumWage(2024, 1); // 2070.12 (13.27 × 36 × 52 / 12)
 * Number.isNaN(monthlyMinimumWage(2026, 7)); // true
 */
export function monthlyMinimumWage(year: number, month: number, options: { hoursPerWeek?: number; table?: readonly MinimumWageEntry[]; lastMonth?: string } = {}): number {
  const table = options.table ?? DUTCH_MINIMUM_WAGE;
  const last = options.lastMonth ?? (options.table ? '9999-12' : MINIMUM_WAGE_LAST_MONTH);
  const key = `${year}-${String(month).padStart(2, '0')}`;
  if (key > last) return NaN;
  let found: MinimumWageEntry | undefined;
  for (const e of table) if (e.from <= key) found = e;
  if (!found) return NaN;
  if (found.monthly !== undefined) return found.monthly;
  const hours = options.hoursPerWeek ?? 36;
  return Math.round(found.hourly! * hours * 52 / 12 * 100) / 100;
}
