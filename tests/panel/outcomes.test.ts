// Outcomes beyond participation, worked by hand on a two-person export (docs/methods/outcomes.md).
import { describe, expect, it } from 'vitest';
import { eventPanel, loadCbsExport, monthlyMinimumWage, participationProfile, phaseAverages, SpecificationError, staggeredPanelFromExport, type CbsExport, type EventPanel, type EventPanelOptions } from '../../src/index.js';

const persons = 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR;000000001;1980;1\nR;000000002;1985;2\n';
// Person 1: support 10 May – 20 June 2019 (S = May, E = June). Person 2: support from 1 March 2019, ongoing.
const support = 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000001;20190510;20190620;Participatiewet;regulier\nR;000000002;20190301;88888888;Participatiewet;Pantar\n';
const employment = [
  'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT;SBASISLOON;SBASISUREN',
  'R;000000001;E1;20190115;20190310;B;3100;120', // 17 days of January, all of February, 10 days of March
  'R;000000001;E2;20190201;20190228;B;560;40', // concurrent with E1 in February
  'R;000000001;E3;20190701;88888888;O;2000;100', // open-ended from July
  'R;000000001;E4;20190916;20190930;B;;20', // no wage: September earnings are missing
  'R;000000002;E5;20190101;20190131;O;1500;80',
].join('\n');
const benefits = [
  'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;SOORTUITKERING',
  'R;000000001;20180601;20190315;bijstand', // clipped to 1 January 2019
  'R;000000001;20190801;20190831;WW',
].join('\n');

let exp: CbsExport;
const load = async () => (exp ??= await loadCbsExport({ persons, support, employment, benefits }, { observation: { start: '20190101', end: '20191231' } }));
const build = async (options: EventPanelOptions): Promise<EventPanel> => eventPanel(await load(), { before: 4, after: 6, ...options });

/** Rows of panel person i as [event time, outcome]. */
const rowsOf = (panel: EventPanel, i: number): [number, number][] => {
  const out: [number, number][] = [];
  for (let r = panel.offsets[i]; r < panel.offsets[i + 1]; r++) out.push([panel.eventTime[r], panel.outcome[r]]);
  return out;
};
const close = (actual: [number, number][], expected: [number, number][]) => {
  expect(actual.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
  actual.forEach((r, k) => expect(r[1]).toBeCloseTo(expected[k][1], 9));
};

describe('earnings', () => {
  it('basis month: pro-rated by days in the month, summed over concurrent spells, missing wage = missing month', async () => {
    const panel = await build({ outcome: { earnings: { basis: 'month' } } });
    expect(panel.spec.definition).toBe('earnings:month');
    expect(panel.binary).toBe(false);
    // Person 1: Jan 3100·17/31 = 1700, Feb 3100 + 560, Mar 3100·10/31 = 1000, Apr 0; after: 2000 a month, September missing.
    close(rowsOf(panel, 0), [[-4, 1700], [-3, 3660], [-2, 1000], [-1, 0], [1, 2000], [2, 2000], [4, 2000], [5, 2000], [6, 2000]]);
    // Person 2 (S = March, ongoing support: no after phase): Jan 1500, Feb 0.
    close(rowsOf(panel, 1), [[-2, 1500], [-1, 0]]);
    expect(panel.missingOutcome).toBe(1);
  });

  it('basis day: wage per calendar day', async () => {
    const panel = await build({ outcome: { earnings: { basis: 'day' } } });
    close(rowsOf(panel, 0).slice(0, 5), [[-4, 3100 * 17], [-3, 3100 * 28 + 560 * 28], [-2, 3100 * 10], [-1, 0], [1, 2000 * 31]]);
  });

  it('basis spell: the total spread over the spell’s days; an open-ended spell leaves its months missing', async () => {
    const panel = await build({ outcome: { earnings: { basis: 'spell' } } });
    // E1 lasts 17 + 28 + 10 = 55 days; E2 28 days; E3 is open-ended, so July–December are missing.
    close(rowsOf(panel, 0), [[-4, (3100 * 17) / 55], [-3, (3100 * 28) / 55 + 560], [-2, (3100 * 10) / 55], [-1, 0]]);
    expect(panel.missingOutcome).toBe(6);
  });

  it('deflated to base-year prices with a yearly index', async () => {
    const panel = await build({ outcome: { earnings: { deflate: { byYear: { 2015: 100, 2019: 110 }, baseYear: 2015 } } } });
    expect(panel.spec.definition).toBe('earnings:month:prices-2015');
    close(rowsOf(panel, 1), [[-2, (1500 * 100) / 110], [-1, 0]]);
  });
});

describe('hours and days worked', () => {
  it('hours are pro-rated like earnings; a spell without a wage still has hours', async () => {
    const panel = await build({ outcome: { hours: { basis: 'month' } } });
    // September: E3 100 + E4 20 · 15/30.
    close(rowsOf(panel, 0), [[-4, (120 * 17) / 31], [-3, 160], [-2, (120 * 10) / 31], [-1, 0], [1, 100], [2, 100], [3, 110], [4, 100], [5, 100], [6, 100]]);
    expect(panel.missingOutcome).toBe(0);
  });

  it('days worked count each calendar day once, however many jobs cover it', async () => {
    const panel = await build({ outcome: { daysWorked: true } });
    close(rowsOf(panel, 0), [[-4, 17], [-3, 28], [-2, 10], [-1, 0], [1, 31], [2, 31], [3, 30], [4, 31], [5, 30], [6, 31]]);
    close(rowsOf(panel, 1), [[-2, 31], [-1, 0]]);
  });
});

describe('earnings above a threshold', () => {
  it('the statutory minimum wage of the month (2019: 1615.80 to June, 1635.60 from July)', async () => {
    expect([monthlyMinimumWage(2019, 6), monthlyMinimumWage(2019, 7)]).toEqual([1615.8, 1635.6]);
    const panel = await build({ outcome: { earningsAbove: 'minimum-wage' } });
    expect(panel.binary).toBe(true);
    close(rowsOf(panel, 0), [[-4, 1], [-3, 1], [-2, 0], [-1, 0], [1, 1], [2, 1], [4, 1], [5, 1], [6, 1]]);
    close(rowsOf(panel, 1), [[-2, 0], [-1, 0]]); // 1500 < 1615.80
  });

  it('from 2024 the hourly wage × hours per week × 52 / 12; your own table works too', async () => {
    expect(monthlyMinimumWage(2025, 7)).toBe(2246.4); // 14.40 × 36 × 52 / 12
    expect(monthlyMinimumWage(2025, 7, { hoursPerWeek: 40 })).toBe(2496);
    expect(Number.isNaN(monthlyMinimumWage(2005, 12))).toBe(true);
    const own = await build({ outcome: { earningsAbove: [{ from: '2019-01', monthly: 1000 }, { from: '2019-03', monthly: 1001 }] } });
    expect(own.spec.definition).toBe('earnings-above:table');
    close(rowsOf(own, 0).slice(0, 4), [[-4, 1], [-3, 1], [-2, 0], [-1, 0]]); // March: 1000 < 1001
  });

  it('a fixed amount', async () => {
    const panel = await build({ outcome: { earningsAbove: 1800 } });
    close(rowsOf(panel, 0).slice(0, 4), [[-4, 0], [-3, 1], [-2, 0], [-1, 0]]);
  });
});

describe('benefit receipt', () => {
  it('a month with a benefit spell of the type counts, by the participation month rule', async () => {
    const any = await build({ outcome: { benefit: 'bijstand' } });
    expect(any.spec.definition).toBe('benefit:bijstand');
    close(rowsOf(any, 0), [[-4, 1], [-3, 1], [-2, 1], [-1, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [6, 0]]);
    const ref = await build({ outcome: { benefit: 'bijstand' }, participation: 'reference-day' });
    expect(ref.spec.definition).toBe('benefit:bijstand:reference-day');
    close(rowsOf(ref, 0).slice(0, 4), [[-4, 1], [-3, 1], [-2, 0], [-1, 0]]); // ends 15 March
    const both = await build({ outcome: { benefit: ['bijstand', 'WW'] } });
    close(rowsOf(both, 0).slice(4, 6), [[1, 0], [2, 1]]); // WW in August
  });
});

describe('participation stays the default', () => {
  it('outcome participation equals no outcome option', async () => {
    const a = await build({});
    const b = await build({ outcome: 'participation' });
    expect(b).toEqual(a);
    close(rowsOf(a, 0), [[-4, 1], [-3, 1], [-2, 1], [-1, 0], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1]]);
    expect(a.missingOutcome).toBeUndefined();
  });
});

describe('bad outcome options', () => {
  it('are SpecificationErrors that say what is wrong', async () => {
    await load();
    const noWage = await loadCbsExport({ persons, support, employment: 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\nR;000000001;E1;20190101;20190131;O\n' });
    expect(() => eventPanel(noWage, { outcome: { earnings: {} } })).toThrow(/SBASISLOON/);
    expect(() => eventPanel(noWage, { outcome: { benefit: 'bijstand' } })).toThrow(/benefits input/);
    expect(() => eventPanel(exp, { outcome: { benefit: 'AOW' } })).toThrow(/"AOW".*"WW", "bijstand"/);
    expect(() => eventPanel(exp, { outcome: { earnings: { basis: 'week' as 'day' } } })).toThrow(SpecificationError);
    expect(() => eventPanel(exp, { outcome: { earnings: { deflate: { byYear: { 2015: 100 }, baseYear: 2015 } } } })).toThrow(/2019/);
    expect(() => eventPanel(exp, { outcome: { earning: {} } as never })).toThrow(/earnings/);
  });
});

describe('estimators on an earnings panel', () => {
  it('profile: mean with a person-clustered (CR1) interval instead of Wilson', async () => {
    const panel = await build({ outcome: { earnings: { basis: 'month' } } });
    const row = participationProfile(panel).rows.find((r) => r.phase === 'before' && r.event_time === -2)!;
    // k = -2: person 1 in March (1000), person 2 in January (1500): mean 1250; residuals ±250,
    // CR1 variance = (G/(G−1)) Σe² / n² = 2 · 125000 / 4 = 62500.
    expect(row.n).toBe(2);
    expect(row.count).toBeNull();
    expect(row.estimate).toBeCloseTo(1250, 9);
    expect(row.se).toBeCloseTo(250, 9);
    expect(row.ci_low).toBeCloseTo(1250 - 1.959963984540054 * 250, 9);
  });

  it('phase averages: pooled person-month means, clustered by person', async () => {
    const panel = await build({ outcome: { earnings: { basis: 'month' } } });
    const result = phaseAverages(panel);
    const before = result.rows.find((r) => r.quantity === 'before')!;
    // Before: person 1 [1700, 3660, 1000, 0], person 2 [1500, 0]; N = 6, G = 2.
    const y = [[1700, 3660, 1000, 0], [1500, 0]];
    const N = 6;
    const mean = (1700 + 3660 + 1000 + 1500) / N;
    const scores = y.map((ys) => ys.reduce((s, v) => s + v - mean, 0));
    const se = Math.sqrt((2 / 1) * scores.reduce((s, v) => s + v * v, 0) / (N * N));
    expect(before.estimate).toBeCloseTo(mean, 9);
    expect(before.se).toBeCloseTo(se, 9);
    const after = result.rows.find((r) => r.quantity === 'after')!;
    expect(after.estimate).toBeCloseTo(2000, 9);
  });
});

describe('staggered panels on other outcomes', () => {
  it('a period is the mean of its months with a value; a person with a period without any is left out', async () => {
    await load();
    const panel = staggeredPanelFromExport(exp, { period: 'quarter', outcome: { earnings: { basis: 'month' } } });
    // Person 1 has a value in every quarter (September is missing, July and August are not):
    // Q1 (1700 + 3660 + 1000) / 3, Q2 0, Q3 (2000 + 2000) / 2, Q4 2000. Person 2: Q1 1500 / 3, then 0.
    // Both start support within the data (2019Q2, 2019Q1): person 2 is treated in the first period.
    expect(panel.dropped.treatedAtStart).toBe(1);
    expect(panel.n).toBe(1);
    const y = [...panel.outcome];
    [(1700 + 3660 + 1000) / 3, 0, 2000, 2000].forEach((v, s) => expect(y[s]).toBeCloseTo(v, 9));
    const monthly = staggeredPanelFromExport(exp, { period: 'month', outcome: { earnings: { basis: 'month' } } });
    expect(monthly.dropped.unbalanced).toBe(1); // person 1: September has no value
    expect(monthly.ids).toEqual(['R000000002']); // starts in March, so not treated in the first month
    expect([...monthly.outcome.slice(0, 3)]).toEqual([1500, 0, 0]);
  });
});
