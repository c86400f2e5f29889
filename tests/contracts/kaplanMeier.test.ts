import { describe, expect, it } from 'vitest';
import { kaplanMeier, logRankTest } from '../../src/contracts/index.js';
import { DataError, SpecificationError } from '../../src/core/errors.js';
import { mulberry32 } from './build.js';

// R survival's `aml` data (acute myelogenous leukaemia), status 1 = relapse.
const amlTime = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45];
const amlEvent = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1];
const amlGroup = [...Array(11).fill('Maintained'), ...Array(12).fill('Nonmaintained')];
const Z = 1.959963984540054;

/** Product-limit and Greenwood written out naively: for each distinct time, count at risk and events from the raw data. */
function naiveKm(time: number[], event: number[]) {
  const times = [...new Set(time)].sort((a, b) => a - b);
  let s = 1;
  let v = 0;
  return times.map((t) => {
    const n = time.filter((x) => x >= t).length;
    const d = time.filter((x, i) => x === t && event[i] === 1).length;
    s = s * (1 - d / n);
    if (d > 0) v += d / (n * (n - d));
    return { t, n, d, s, se: Math.sqrt(v) };
  });
}

describe('kaplanMeier', () => {
  const fit = kaplanMeier({ time: amlTime, event: amlEvent, group: amlGroup });
  const m = fit.curves[0];

  it('matches the product-limit estimate and Greenwood variance computed naively', () => {
    let checked = 0;
    for (const c of fit.curves) {
      const idx = amlGroup.map((g, i) => (g === c.group ? i : -1)).filter((i) => i >= 0);
      const ref = naiveKm(idx.map((i) => amlTime[i]), idx.map((i) => amlEvent[i]));
      expect(c.time).toEqual(ref.map((r) => r.t));
      expect(c.n_risk).toEqual(ref.map((r) => r.n));
      expect(c.n_event).toEqual(ref.map((r) => r.d));
      ref.forEach((r, i) => {
        expect(c.surv[i]).toBeCloseTo(r.s, 12);
        if (r.s > 0) {
          checked++;
          expect(c.std_err[i]).toBeCloseTo(r.se, 12);
          expect(c.lower[i]).toBeCloseTo(r.s * Math.exp(-Z * r.se), 12);
          expect(c.upper[i]).toBeCloseTo(Math.min(1, r.s * Math.exp(Z * r.se)), 12);
        }
      });
    }
    // Every step but the last of the Nonmaintained curve (where S = 0) is checked.
    expect(checked).toBe(fit.curves[0].time.length + fit.curves[1].time.length - 1);
  });

  it("reproduces R's printed summary for aml (Maintained)", () => {
    // summary(survfit(Surv(time, status) ~ x, data = aml)), x = Maintained
    const printed = [
      [9, 11, 1, 0.909, 0.0867, 0.7541, 1.0],
      [13, 10, 1, 0.818, 0.1163, 0.6192, 1.0],
      [18, 8, 1, 0.716, 0.1397, 0.4884, 1.0],
      [23, 7, 1, 0.614, 0.1526, 0.3769, 0.999],
      [31, 5, 1, 0.491, 0.1642, 0.2549, 0.946],
      [34, 4, 1, 0.368, 0.1627, 0.1549, 0.875],
      [48, 2, 1, 0.184, 0.1535, 0.0359, 0.944],
    ];
    for (const [t, nr, d, s, se, lo, hi] of printed) {
      const i = m.time.indexOf(t);
      expect([m.n_risk[i], m.n_event[i]]).toEqual([nr, d]);
      expect(Math.abs(m.surv[i] - s)).toBeLessThan(5e-4);
      expect(Math.abs(m.se_surv[i] - se)).toBeLessThan(5e-5);
      expect(Math.abs(m.lower[i] - lo)).toBeLessThan(5e-5);
      expect(Math.abs(m.upper[i] - hi)).toBeLessThan(5e-4);
    }
    // events come before censorings at a tie: at 13 one relapse and one censoring, 10 at risk
    expect(m.n_censor[m.time.indexOf(13)]).toBe(1);
  });

  it("medians and their intervals as R's print.survfit", () => {
    expect(fit.medians.map((x) => [x.group, x.estimate, x.ci_low, x.ci_high])).toEqual([
      ['Maintained', 31, 18, null],
      ['Nonmaintained', 23, 8, null],
    ]);
    expect(fit.medians[0].note).toMatch(/upper limit not reached/);
    // a flat stretch exactly at 0.5 gives its midpoint; a curve ending at 0.5 the midpoint to the last time
    expect(kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 1, 1] }).curves[0].median.estimate).toBe(2.5);
    expect(kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 0, 0] }).curves[0].median.estimate).toBe(3);
    expect(kaplanMeier({ time: [1, 2, 3], event: [0, 1, 0] }).curves[0].median.estimate).toBe(2.5);
    const never = kaplanMeier({ time: [1, 2, 3, 4], event: [0, 1, 0, 0] }).curves[0].median;
    expect(never.estimate).toBeNull();
    expect(never.note).toMatch(/does not reach 0.5/);
  });

  it('log-log and plain intervals follow their formulas; S = 0 gives NaN with a note', () => {
    const ll = kaplanMeier({ time: amlTime.slice(11), event: amlEvent.slice(11) }, { confType: 'log-log' }).curves[0];
    const pl = kaplanMeier({ time: amlTime.slice(11), event: amlEvent.slice(11) }, { confType: 'plain', level: 0.9 }).curves[0];
    const z90 = 1.6448536269514722;
    const ref = naiveKm(amlTime.slice(11), amlEvent.slice(11));
    expect(ref.filter((r) => r.s > 0 && r.s < 1).length).toBe(ref.length - 1);
    ref.forEach((r, i) => {
      if (r.s > 0 && r.s < 1) {
        const c = Math.exp((Z * r.se) / Math.abs(Math.log(r.s)));
        expect(ll.lower[i]).toBeCloseTo(r.s ** c, 12);
        expect(ll.upper[i]).toBeCloseTo(r.s ** (1 / c), 12);
        expect(pl.lower[i]).toBeCloseTo(Math.max(0, r.s - z90 * r.s * r.se), 12);
        expect(pl.upper[i]).toBeCloseTo(Math.min(1, r.s + z90 * r.s * r.se), 12);
      }
    });
    const last = ll.time.length - 1;
    expect(ll.surv[last]).toBe(0);
    expect(ll.std_err[last]).toBe(Infinity);
    expect(Number.isNaN(ll.lower[last])).toBe(true);
    expect(ll.note).toMatch(/NaN where S = 0/);
    expect(kaplanMeier({ time: amlTime.slice(11), event: amlEvent.slice(11) }).rows.at(-1)!.ci_low).toBeNull();
  });

  it('summary at given times as summary(fit, times =)', () => {
    const rows = fit.at([30, 10, 200]).filter((r) => r.group === 'Maintained');
    expect(rows.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor])).toEqual([
      [10, 10, 1, 0],
      [30, 5, 3, 2],
    ]);
    expect(rows[1].surv).toBeCloseTo((10 / 11) * (9 / 10) * (7 / 8) * (6 / 7), 12);
    const ext = fit.at([5, 200], { extend: true }).filter((r) => r.group === 'Maintained');
    expect(ext.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor])).toEqual([
      [5, 11, 0, 0],
      [200, 0, 7, 4],
    ]);
    expect(ext[0]).toMatchObject({ surv: 1, ci_low: 1, ci_high: 1 });
    // at an observed time, n_risk counts those with exactly that time too
    expect(fit.at([13]).find((r) => r.group === 'Maintained')!.n_risk).toBe(10);
  });

  it('rejects malformed input with typed errors', () => {
    expect(() => kaplanMeier({ time: [1, NaN], event: [1, 1] })).toThrow(DataError);
    expect(() => kaplanMeier({ time: [1, NaN], event: [1, 1] })).toThrow('time, row 2, column "time": got NaN, expected a finite number');
    expect(() => kaplanMeier({ time: [1, Infinity], event: [1, 1] })).toThrow('got Infinity');
    expect(() => kaplanMeier({ time: [1, 2], event: [1, 2] })).toThrow(DataError);
    expect(() => kaplanMeier({ time: [1, 2], event: [1] })).toThrow(SpecificationError);
    expect(() => kaplanMeier({ time: [1], event: [1] }, { confType: 'logit' as 'log' })).toThrow(SpecificationError);
  });

  it('log-scale 95 % interval covers the true exponential survival in about 95 % of samples', () => {
    const rand = mulberry32(20240601);
    const reps = 2000;
    const n = 100;
    const t0 = 0.7;
    const truth = Math.exp(-t0);
    let covered = 0;
    const time = new Float64Array(n);
    const event = new Uint8Array(n);
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < n; i++) {
        const t = -Math.log(1 - rand());
        const c = 3 * rand();
        time[i] = Math.min(t, c);
        event[i] = t <= c ? 1 : 0;
      }
      const row = kaplanMeier({ time, event }).at([t0])[0];
      if (row.ci_low! <= truth && truth <= row.ci_high!) covered++;
    }
    const coverage = covered / reps;
    expect(coverage).toBeGreaterThan(0.93);
    expect(coverage).toBeLessThan(0.97);
  });
});

/** Two-group log-rank written out: O1 − E1 and V = Σ d (n − d) n1 n2 / (n² (n − 1)), from the raw data. */
function naiveLogRank(time: number[], event: number[], inGroup1: boolean[], rho = 0) {
  const times = [...new Set(time.filter((_, i) => event[i] === 1))].sort((a, b) => a - b);
  let o = 0;
  let e = 0;
  let v = 0;
  let km = 1;
  for (const t of times) {
    const n = time.filter((x) => x >= t).length;
    const n1 = time.filter((x, i) => x >= t && inGroup1[i]).length;
    const d = time.filter((x, i) => x === t && event[i] === 1).length;
    const d1 = time.filter((x, i) => x === t && event[i] === 1 && inGroup1[i]).length;
    const w = km ** rho;
    o += w * d1;
    e += (w * d * n1) / n;
    if (n > 1) v += (w * w * d * (n - d) * n1 * (n - n1)) / (n * n * (n - 1));
    km *= 1 - d / n;
  }
  return { o, e, v, chisq: (o - e) ** 2 / v };
}

describe('logRankTest', () => {
  it('aml: matches the two-group formula written out and R survdiff', () => {
    const res = logRankTest({ time: amlTime, event: amlEvent, group: amlGroup });
    const ref = naiveLogRank(amlTime, amlEvent, amlGroup.map((g) => g === 'Maintained'));
    expect(res.rows[0].observed).toBe(7);
    expect(res.rows[0].expected).toBeCloseTo(ref.e, 12);
    expect(res.variance[0][0]).toBeCloseTo(ref.v, 12);
    expect(res.variance[0][1]).toBeCloseTo(-ref.v, 12);
    expect(res.test.statistic!).toBeCloseTo(ref.chisq, 12);
    expect(res.test.df).toBe(1);
    // R: Expected 10.69 / 7.31, Chisq = 3.4 on 1 df, p = 0.07
    expect(res.rows.map((g) => Math.round(g.expected * 100) / 100)).toEqual([10.69, 7.31]);
    expect(Math.round(res.test.statistic! * 10) / 10).toBe(3.4);
    expect(res.test.p_value!).toBeCloseTo(Math.exp(-res.test.statistic! / 2) > 0 ? 1 - erfChi1(res.test.statistic!) : 0, 9);
    expect(res.rows[0].oe2_over_v).toBeCloseTo(ref.chisq, 12);
  });

  it('rho = 1 (Peto) weights by the pooled left-continuous KM', () => {
    const res = logRankTest({ time: amlTime, event: amlEvent, group: amlGroup }, { rho: 1 });
    const ref = naiveLogRank(amlTime, amlEvent, amlGroup.map((g) => g === 'Maintained'), 1);
    expect(res.rows[0].observed).toBeCloseTo(ref.o, 12);
    expect(res.rows[0].expected).toBeCloseTo(ref.e, 12);
    expect(res.test.statistic!).toBeCloseTo(ref.chisq, 12);
  });

  it('three groups: the statistic does not depend on which group is left out', () => {
    const rand = mulberry32(7);
    const time: number[] = [];
    const event: number[] = [];
    const group: string[] = [];
    for (let i = 0; i < 60; i++) {
      const g = ['a', 'b', 'c'][i % 3];
      time.push(Math.ceil(-Math.log(1 - rand()) * (g === 'c' ? 12 : 8)));
      event.push(rand() < 0.8 ? 1 : 0);
      group.push(g);
    }
    const res = logRankTest({ time, event, group });
    expect(res.test.df).toBe(2);
    // O − E sums to zero and V's rows sum to zero
    expect(res.rows.reduce((s, g) => s + g.observed - g.expected, 0)).toBeCloseTo(0, 10);
    for (const row of res.variance) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    // leaving out the last group instead of the first (2×2 inverse by hand)
    const oe = res.rows.map((g) => g.observed - g.expected);
    const [a, b, c, d] = [res.variance[0][0], res.variance[0][1], res.variance[1][0], res.variance[1][1]];
    const det = a * d - b * c;
    const chi = (oe[0] * (d * oe[0] - b * oe[1]) + oe[1] * (-c * oe[0] + a * oe[1])) / det;
    expect(res.test.statistic!).toBeCloseTo(chi, 9);
  });

  it('orders numeric group labels numerically, as R factor levels', () => {
    const res = logRankTest({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 1], group: [10, 10, 9, 9, 2, 2] });
    expect(res.rows.map((g) => g.group)).toEqual(['2', '9', '10']);
    expect(res.rows.map((g) => g.observed)).toEqual([2, 2, 2]);
  });

  it('holds its size: under equal survival it rejects at the 5 % level in about 5 % of samples', () => {
    const rand = mulberry32(31337);
    const reps = 2000;
    const n = 80;
    const time = new Float64Array(n);
    const event = new Uint8Array(n);
    const group = Array.from({ length: n }, (_, i) => (i < n / 2 ? 'a' : 'b'));
    let rejected = 0;
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < n; i++) {
        // monthly durations (many ties) with uniform censoring
        const t = Math.ceil(-Math.log(1 - rand()) * 12);
        const c = Math.ceil(rand() * 30);
        time[i] = Math.min(t, c);
        event[i] = t <= c ? 1 : 0;
      }
      if (logRankTest({ time, event, group }).test.p_value! < 0.05) rejected++;
    }
    expect(rejected / reps).toBeGreaterThan(0.035);
    expect(rejected / reps).toBeLessThan(0.065);
  });

  it('no test with a single group', () => {
    const res = logRankTest({ time: [1, 2], event: [1, 1], group: ['a', 'a'] });
    expect(res.test.statistic).toBeNull();
    expect(res.test.note).toMatch(/fewer than two groups/);
  });
});

/** P(chi-square with 1 df ≤ x) = erf(sqrt(x / 2)), with erf from Abramowitz–Stegun 7.1.26 refined by series. */
function erfChi1(x: number): number {
  // erf by its Maclaurin series (converges fast for the small arguments used here)
  const y = Math.sqrt(x / 2);
  let term = y;
  let sum = y;
  for (let k = 1; k < 60; k++) {
    term *= (-y * y) / k;
    sum += term / (2 * k + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('kaplanMeier and logRankTest with delayed entry (left truncation)', () => {
  it('risk sets hold subjects with entry < t ≤ time, computed naively from the raw data', () => {
    const rand = mulberry32(99);
    const n = 60;
    const entry = Array.from({ length: n }, () => Math.floor(rand() * 6));
    const time = entry.map((e) => e + 1 + Math.floor(rand() * 10));
    const event = time.map(() => (rand() < 0.7 ? 1 : 0));
    const c = kaplanMeier({ time, event, entry }).curves[0];
    let s = 1;
    c.time.forEach((t, i) => {
      const nRisk = time.filter((x, j) => entry[j] < t && x >= t).length;
      const d = time.filter((x, j) => x === t && event[j] === 1).length;
      s *= 1 - d / nRisk;
      expect(c.n_risk[i]).toBe(nRisk);
      expect(c.n_event[i]).toBe(d);
      expect(c.surv[i]).toBeCloseTo(s, 12);
    });
  });

  it('a group nobody enters at time 0 gets a note: its curve is conditional on reaching the first entry', () => {
    const fit = kaplanMeier({ time: [5, 6, 7], event: [1, 0, 1], entry: [2, 3, 4] });
    expect(fit.notes.join(' ')).toMatch(/all: nobody is at risk before time 2, so the curve is survival conditional on reaching that time/);
  });

  it('refuses an entry at or after the exit time, and a non-numeric entry', () => {
    expect(() => kaplanMeier({ time: [3, 4], event: [1, 1], entry: [3, 0] })).toThrow(DataError);
    expect(() => kaplanMeier({ time: [3, 4], event: [1, 1], entry: [0, NaN] })).toThrow(DataError);
    expect(() => kaplanMeier({ time: [3, 4], event: [1, 1], entry: [0] })).toThrow(SpecificationError);
  });

  // Relationships start uniformly over 10 years before and 5 years after the data begin; durations
  // are Weibull (falling hazard: long jobs are likely to last). Only those still running when the data
  // begin, or starting later, are seen (left truncation); follow-up ends with the data (right censoring).
  function truncatedSample(rand: () => number, n: number) {
    const shape = 0.8;
    const scale = 30;
    const entry: number[] = [];
    const time: number[] = [];
    const event: number[] = [];
    while (time.length < n) {
      const start = -120 + 180 * rand();
      const t = scale * Math.pow(-Math.log(1 - rand()), 1 / shape);
      if (start + t <= 0) continue; // ended before the data: never seen
      const followUp = 60 - start;
      entry.push(Math.max(0, -start));
      time.push(Math.min(t, followUp));
      event.push(t <= followUp ? 1 : 0);
    }
    return { entry, time, event, truth: (x: number) => Math.exp(-Math.pow(x / scale, shape)) };
  }

  it('delayed entry recovers the duration distribution; ignoring the entry times is biased upward (length bias)', () => {
    const rand = mulberry32(20251201);
    const reps = 300;
    const t0 = 24;
    let covered = 0;
    let errDelayed = 0;
    let errNaive = 0;
    let sq = 0;
    let truth = 0;
    for (let r = 0; r < reps; r++) {
      const s = truncatedSample(rand, 300);
      truth = s.truth(t0);
      const row = kaplanMeier({ time: s.time, event: s.event, entry: s.entry }).at([t0])[0];
      if (row.ci_low! <= truth && truth <= row.ci_high!) covered++;
      errDelayed += row.surv - truth;
      sq += (row.surv - truth) ** 2;
      errNaive += kaplanMeier({ time: s.time, event: s.event }).at([t0])[0].surv - truth;
    }
    const bias = errDelayed / reps;
    const mcse = Math.sqrt((sq / reps - bias * bias) / reps);
    expect(Math.abs(bias)).toBeLessThan(3 * mcse);
    expect(covered / reps).toBeGreaterThan(0.91);
    expect(covered / reps).toBeLessThan(0.985);
    // Treating running relationships as if they started when the data begin oversamples long ones.
    expect(errNaive / reps).toBeGreaterThan(0.05);
  });

  it('log-rank with delayed entry holds its size under equal survival', () => {
    const rand = mulberry32(4242);
    const reps = 600;
    let rejected = 0;
    for (let r = 0; r < reps; r++) {
      const s = truncatedSample(rand, 120);
      const group = s.time.map(() => (rand() < 0.5 ? 'a' : 'b'));
      if (logRankTest({ time: s.time, event: s.event, entry: s.entry, group }).test.p_value! < 0.05) rejected++;
    }
    // 600 replicates: the MCSE of a 5 % rejection rate is 0.9 points (4,000 replicates gave 4.8 %).
    expect(rejected / reps).toBeGreaterThan(0.025);
    expect(rejected / reps).toBeLessThan(0.08);
  });
});

describe('kaplanMeier and logRankTest: result protocol and input checks', () => {
  const fit = kaplanMeier({ time: amlTime, event: amlEvent, group: amlGroup });

  it('kaplanMeier returns the protocol: every column in toTable, spec, a printed summary like print.survfit', () => {
    expect(fit.kind).toBe('kaplanMeier');
    expect(fit.toTable().columnNames()).toEqual(['group', 'time', 'n_risk', 'n_event', 'n_censor', 'surv', 'std_err', 'estimate', 'se', 'ci_low', 'ci_high', 'level', 'method', 'note']);
    // The first rows have no note; the column is still there.
    expect(fit.toTable().get('note', 0)).toBeNull();
    expect(fit.spec).toEqual({ level: 0.95, confType: 'log', delayedEntry: false });
    expect(fit.tests).toEqual([]);
    expect(fit.summary().split('\n').slice(0, 4)).toEqual([
      'Kaplan–Meier (95% intervals, log scale)',
      'group           n  events  median  lower  upper',
      'Maintained     11       7   31.00  18.00      —',
      'Nonmaintained  12      11   23.00   8.00      —',
    ]);
  });

  it('logRankTest returns the protocol with the test in the HypothesisTest shape', () => {
    const res = logRankTest({ time: amlTime, event: amlEvent, group: amlGroup });
    expect(res.test).toBe(res.tests[0]);
    expect(Object.keys(res.test).sort()).toEqual(['df', 'df2', 'distribution', 'name', 'null_hypothesis', 'p_value', 'statistic']);
    expect(res.toTable().columnNames()).toEqual(['group', 'n', 'observed', 'expected', 'oe2_over_e', 'oe2_over_v']);
    expect(res.summary()).toMatch(/log-rank: chi2\(1\) = 3\.396, p = 0\.0653 \(H0: equal survival in every group\)/);
    expect(res.spec).toEqual({ rho: 0, delayedEntry: false });
  });

  it('refuses misspelt options with a suggestion and wrong shapes with what was expected', () => {
    const data = { time: [1, 2], event: [1, 0] };
    expect(() => kaplanMeier(data, { conftype: 'log-log' } as never)).toThrow('kaplanMeier: unknown option "conftype"; did you mean "confType"?');
    expect(() => kaplanMeier(data, { level: '0.9' } as never)).toThrow(SpecificationError);
    expect(() => logRankTest({ ...data, group: ['a', 'b'] }, { roh: 1 } as never)).toThrow('logRankTest: unknown option "roh"; did you mean "rho"?');
    expect(() => kaplanMeier(null as never)).toThrow('kaplanMeier expects survival data { time, event, group?, entry? } (arrays of one length); got null');
    expect(() => kaplanMeier({ persons: {}, employment: {} } as never)).toThrow(/got a CBS export .*: for employment relationships use relationshipSurvival\(exp\)/);
    expect(() => kaplanMeier({ time: [1], event: [1], entyr: [0] } as never)).toThrow('kaplanMeier expects survival data { time, event, group?, entry? } (arrays of one length); got unknown field(s) "entyr"');
    expect(() => kaplanMeier({ time: 3, event: [1] } as never)).toThrow('field "time" is the number 3');
    expect(() => logRankTest(data as never)).toThrow('logRankTest expects survival data with a group field');
    expect(() => fit.at(['5'] as never)).toThrow(SpecificationError);
    expect(() => fit.at([5], { extnd: true } as never)).toThrow('did you mean "extend"?');
  });
});
