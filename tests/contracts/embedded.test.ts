// The report's durability figures on the embedded default dataset (data/), within ±2 percentage points.
import { beforeAll, describe, expect, it } from 'vitest';
import { employerTypeShares, employmentRelationships, supportCountsOnJanuaryFirst, tenureShareSeries, type EmploymentRelationships } from '../../src/contracts/index.js';
import type { CbsExport } from '../../src/io/types.js';
import { readEmbeddedExport } from '../../src/node/embedded.js';

let exp: CbsExport;
let rel: EmploymentRelationships;

beforeAll(async () => {
  exp = await readEmbeddedExport();
  rel = employmentRelationships(exp);
}, 300_000);

describe('embedded dataset reproduces the report', () => {
  it('share of Participatiewet workers in a relationship of more than two years: 27 % (Jan 2019) → 52 % (Dec 2023)', () => {
    const s = tenureShareSeries(exp, { from: '2019-01', to: '2023-12', scheme: 'Participatiewet', relationships: rel });
    expect(s.rows).toHaveLength(60);
    const jan2019 = s.rows[0];
    const dec2023 = s.rows[59];
    expect(Math.abs(jan2019.share! - 0.27)).toBeLessThan(0.02);
    expect(Math.abs(dec2023.share! - 0.52)).toBeLessThan(0.02);
    // measured on the first day of the month, January 2019 is 1 January 2019
    const first = tenureShareSeries(exp, { from: '2019-01', to: '2019-01', scheme: 'Participatiewet', relationships: rel, day: 'first' });
    expect(Math.abs(first.rows[0].share! - 0.27)).toBeLessThan(0.02);
    expect(jan2019.ci_low! < jan2019.share! && jan2019.share! < jan2019.ci_high!).toBe(true);
  });

  it('employer types of Participatiewet workers: regular 57 % → 63 %, social firm 16 % → 10 %, Pantar 27 % → 27 %', () => {
    const res = employerTypeShares(exp, { at: ['2021-12-31', '2024-12-31'], scheme: 'Participatiewet' });
    const share = (date: string, type: string) => res.rows.find((r) => r.date === date && r.employer_type === type)!.share!;
    expect(Math.abs(share('2021-12-31', 'regulier') - 0.57)).toBeLessThan(0.02);
    expect(Math.abs(share('2024-12-31', 'regulier') - 0.63)).toBeLessThan(0.02);
    expect(Math.abs(share('2021-12-31', 'sociale firma') - 0.16)).toBeLessThan(0.02);
    expect(Math.abs(share('2024-12-31', 'sociale firma') - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(share('2024-12-31', 'Pantar') - 0.27)).toBeLessThan(0.02);
  });

  it('persons in social work on 1 January: 4,082 (2016) → 4,253 (2025), Participatiewet 2,189 in 2025', () => {
    const res = supportCountsOnJanuaryFirst(exp, { years: [2016, 2025] });
    const [t2016, t2025] = res.totals.map((t) => t.count);
    expect(Math.abs(t2016 - 4082) / 4082).toBeLessThan(0.02);
    expect(Math.abs(t2025 - 4253) / 4253).toBeLessThan(0.02);
    const pw = res.rows.find((r) => r.year === 2025 && r.scheme === 'Participatiewet')!.count;
    expect(Math.abs(pw - 2189) / 2189).toBeLessThan(0.02);
  });
});
