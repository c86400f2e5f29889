// allowUnbalanced: ATT(g,t) on an unbalanced panel by the repeated-cross-section estimators (R did's
// allow_unbalanced_panel = TRUE), checked against
// - closed forms: without covariates every cell is a difference of four cell means, and its
//   per-person influence function is n Σ_j s_j (y_j − ȳ_cell(j)) / m_cell(j) over the person's
//   observations in the cell (s = +1 treated in t, −1 treated in b, −1 comparison in t, +1 comparison in b);
// - finite differences of every estimate (ATT(g,t) and aggregates) in every person's weight;
// - the panel estimator on a balanced panel (for `reg` without covariates the two coincide).
import { describe, expect, it } from 'vitest';
import { aggregate, attGt, createRandom, staggeredPanel, SpecificationError, type StaggeredPanel } from '../../src/index.js';
import { simulatePanel, trueAtt, unbalance, withoutCovariates } from './simulate.js';

function tinyPanel(seed: number): StaggeredPanel {
  const rng = createRandom(seed);
  const n = 48;
  const periods = Float64Array.from([1, 2, 3, 4]);
  const T = periods.length;
  const cohorts = [2, 3, 4, Infinity];
  const cohort = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    cohort[i] = cohorts[i % 4];
    const a = rng.normal() + 0.5 * x[i];
    for (let s = 0; s < T; s++) {
      const treated = periods[s] >= cohort[i];
      y[i * T + s] = a + 0.3 * s * x[i] + (treated ? 1 + 0.5 * (periods[s] - cohort[i]) : 0) + rng.normal();
    }
  }
  return {
    n,
    ids: Array.from({ length: n }, (_, i) => `p${i}`),
    periods,
    outcome: unbalance({ outcome: y } as StaggeredPanel, 0.25, seed + 1).outcome,
    cohort,
    weight: new Float64Array(n).fill(1),
    cluster: Int32Array.from({ length: n }, (_, i) => i),
    clusters: n,
    covariateNames: ['x'],
    covariates: x,
    dropped: { unbalanced: 0, treatedAtStart: 0 },
    treatedAfterEnd: 0,
  };
}

/** Closed form of one cell without covariates: the estimate and the per-person influence function. */
function closedForm(panel: StaggeredPanel, g: number, t: number, b: number, control: 'never' | 'not-yet'): { att: number; psi: Float64Array } {
  const T = panel.periods.length;
  const bound = Math.max(panel.periods[t], panel.periods[b]);
  const cells = new Map<string, { sum: number; m: number }>();
  const obs: { i: number; key: string; y: number; s: number }[] = [];
  for (let i = 0; i < panel.n; i++) {
    const c = panel.cohort[i];
    const treated = c === g;
    if (!treated && !(c === Infinity || (control === 'not-yet' && c > bound))) continue;
    for (const [s, later] of [[t, 1], [b, 0]] as const) {
      const y = panel.outcome[i * T + s];
      if (Number.isNaN(y)) continue;
      const key = `${treated ? 1 : 0}${later}`;
      const cell = cells.get(key) ?? { sum: 0, m: 0 };
      cell.sum += y;
      cell.m++;
      cells.set(key, cell);
      obs.push({ i, key, y, s: (treated ? 1 : -1) * (later ? 1 : -1) });
    }
  }
  const mean = (k: string) => cells.get(k)!.sum / cells.get(k)!.m;
  const att = mean('11') - mean('10') - (mean('01') - mean('00'));
  const psi = new Float64Array(panel.n);
  for (const o of obs) psi[o.i] += (panel.n * o.s * (o.y - mean(o.key))) / cells.get(o.key)!.m;
  return { att, psi };
}

type Options = NonNullable<Parameters<typeof attGt>[1]>;

function estimates(panel: StaggeredPanel, options: Options): { est: number[]; se: (number | null)[] } {
  const att = attGt(panel, { ...options, allowUnbalanced: true });
  const est: number[] = [];
  const se: (number | null)[] = [];
  for (const r of att.rows) {
    est.push(r.estimate!);
    se.push(r.se);
  }
  for (const type of ['simple', 'dynamic', 'group', 'calendar'] as const) {
    for (const r of aggregate(att, { type }).rows) {
      est.push(r.estimate);
      se.push(r.se);
    }
  }
  return { est, se };
}

/** SEs from n × d(estimate)/d(weight_i), by central differences with one Richardson step. */
function bruteForceSe(panel: StaggeredPanel, options: Options, h: number): number[] {
  const { est } = estimates(panel, options);
  const ss = new Float64Array(est.length);
  const at = (i: number, delta: number) => {
    const weight = Float64Array.from(panel.weight, (w, j) => (j === i ? w + delta : w));
    return estimates({ ...panel, weight }, options).est;
  };
  for (let i = 0; i < panel.n; i++) {
    const [u1, d1, u2, d2] = [at(i, h), at(i, -h), at(i, h / 2), at(i, -h / 2)];
    for (let k = 0; k < est.length; k++) {
      const dh = (u1[k] - d1[k]) / (2 * h);
      const dh2 = (u2[k] - d2[k]) / h;
      ss[k] += (panel.n * ((4 * dh2 - dh) / 3)) ** 2;
    }
  }
  return Array.from(ss, (s) => Math.sqrt(s) / panel.n);
}

describe('allowUnbalanced: closed forms without covariates', () => {
  for (const control of ['never', 'not-yet'] as const) {
    for (const basePeriod of ['varying', 'universal'] as const) {
      it(`${control}, ${basePeriod} base: every ATT(g,t) and SE is the four-cell-means DiD (1e-12)`, () => {
        const panel = withoutCovariates(tinyPanel(3));
        const att = attGt(panel, { control, basePeriod, allowUnbalanced: true });
        let checked = 0;
        att.rows.forEach((r) => {
          if (r.note === 'base period: normalised to 0') return;
          const t = panel.periods.indexOf(r.time);
          const b = panel.periods.indexOf(r.base_period);
          const cf = closedForm(panel, r.group, t, b, control);
          expect(Math.abs(r.estimate! - cf.att), `ATT(${r.group},${r.time})`).toBeLessThan(1e-12);
          const se = Math.sqrt(cf.psi.reduce((s, v) => s + v * v, 0)) / panel.n;
          expect(Math.abs(r.se! - se), `SE(${r.group},${r.time})`).toBeLessThan(1e-12);
          checked++;
        });
        expect(checked).toBe(9);
        expect(att.spec.allowUnbalanced).toBe(true);
        expect(att.spec.engine).toBe('person');
        expect(att.notes.some((n) => n.startsWith('allowUnbalanced'))).toBe(true);
      });
    }
  }

  it('ipw and dr without covariates equal reg (all are the four-cell-means DiD)', () => {
    const panel = withoutCovariates(tinyPanel(4));
    const reg = attGt(panel, { allowUnbalanced: true, method: 'reg' });
    for (const method of ['ipw', 'dr'] as const) {
      const other = attGt(panel, { allowUnbalanced: true, method });
      other.rows.forEach((r, k) => {
        expect(Math.abs(r.estimate! - reg.rows[k].estimate!)).toBeLessThan(1e-12);
        expect(Math.abs(r.se! - reg.rows[k].se!)).toBeLessThan(1e-10);
      });
    }
  });

  it('on a balanced panel: reg without covariates gives the panel estimates and SEs (and the direct RC formula)', () => {
    const panel = withoutCovariates(simulatePanel(12, { n: 80, T: 4, cohorts: [2, 3, 4], share: 0.6 }));
    const rc = attGt(panel, { control: 'not-yet', allowUnbalanced: true });
    const pn = attGt(panel, { control: 'not-yet' });
    expect(pn.spec.engine).toBe('cohort');
    rc.rows.forEach((r, k) => {
      const t = panel.periods.indexOf(r.time);
      const b = panel.periods.indexOf(r.base_period);
      const cf = closedForm(panel, r.group, t, b, 'not-yet');
      expect(Math.abs(r.estimate! - cf.att)).toBeLessThan(1e-12);
      expect(Math.abs(r.se! - Math.sqrt(cf.psi.reduce((s, v) => s + v * v, 0)) / panel.n)).toBeLessThan(1e-12);
      expect(Math.abs(r.estimate! - pn.rows[k].estimate!)).toBeLessThan(1e-12);
      expect(Math.abs(r.se! - pn.rows[k].se!)).toBeLessThan(1e-12);
    });
    const a = aggregate(rc, { type: 'dynamic' });
    const b = aggregate(pn, { type: 'dynamic' });
    a.rows.forEach((r, k) => expect(Math.abs(r.se! - b.rows[k].se!)).toBeLessThan(1e-12));
  });
});

describe('allowUnbalanced: analytic SEs equal finite-difference influence functions', () => {
  const cases: [string, Options, number][] = [
    ['reg with covariate', { method: 'reg' }, 1e-9],
    ['reg with covariate, not-yet, universal base', { method: 'reg', control: 'not-yet', basePeriod: 'universal' }, 1e-9],
    ['ipw with covariate', { method: 'ipw' }, 1e-9],
    ['dr with covariate, not-yet', { method: 'dr', control: 'not-yet' }, 1e-9],
  ];
  for (const [name, options, tol] of cases) {
    it(`${name} (relative ${tol})`, () => {
      const panel = tinyPanel(7);
      const { se } = estimates(panel, options);
      const bf = bruteForceSe(panel, options, 1e-3);
      expect(se.length).toBeGreaterThan(15);
      let nulls = 0;
      let compared = 0;
      se.forEach((s, k) => {
        if (s === null) {
          expect(bf[k], `estimate ${k}`).toBeLessThan(1e-8);
          nulls++;
        } else {
          expect(Math.abs(s - bf[k]) / bf[k], `estimate ${k}: analytic ${s}, brute force ${bf[k]}`).toBeLessThan(tol);
          compared++;
        }
      });
      // A universal base period: its estimates normalised to 0 (one per cohort) have no SE.
      expect(nulls).toBe(name.includes('universal') ? 4 : 0);
      expect(compared).toBe(se.length - nulls);
    }, 30_000);
  }
});

describe('allowUnbalanced: input handling', () => {
  const rows: { id: string; t: number; g: number; y: number }[] = [];
  const rng = createRandom(5);
  for (let i = 0; i < 40; i++) {
    for (let t = 1; t <= 3; t++) if (!(i % 5 === 0 && t === 2)) rows.push({ id: `p${i}`, t, g: [2, 3, 0, 0][i % 4], y: rng.normal() });
  }
  const columns = { id: 'id', period: 't', cohort: 'g', outcome: 'y' };

  it('without the flag, persons missing a period are left out and counted in a note that names the option', () => {
    const att = attGt(rows, { columns });
    expect(att.spec.persons).toBe(32);
    expect(att.notes.some((n) => n.startsWith('8 persons not observed in every period were left out') && n.includes('allowUnbalanced: true'))).toBe(true);
  });

  it('with the flag they are kept; a panel with missing outcomes needs the flag; the cohort engine cannot take it', () => {
    const att = attGt(rows, { columns, allowUnbalanced: true });
    expect(att.spec.persons).toBe(40);
    expect(att.notes.some((n) => n.includes('8 of 40 persons not observed in every period'))).toBe(true);
    const panel = staggeredPanel(rows, columns, 0, { allowUnbalanced: true });
    expect(panel.incomplete).toBe(8);
    expect(() => attGt(panel)).toThrow(SpecificationError);
    expect(() => attGt(panel)).toThrow(/allowUnbalanced: true/);
    expect(() => attGt(panel, { allowUnbalanced: true, engine: 'cohort' })).toThrow(/engine 'cohort' needs a balanced panel/);
    expect(attGt(panel, { allowUnbalanced: true }).rows.map((r) => r.estimate)).toEqual(att.rows.map((r) => r.estimate));
  });

  it('a cell without observations of a group in a period is missing, with a note', () => {
    const panel = withoutCovariates(tinyPanel(3));
    const T = panel.periods.length;
    const outcome = Float64Array.from(panel.outcome);
    for (let i = 0; i < panel.n; i++) if (panel.cohort[i] === 3) outcome[i * T + 3] = NaN;
    const att = attGt({ ...panel, outcome }, { allowUnbalanced: true });
    const row = att.rows.find((r) => r.group === 3 && r.time === 4)!;
    expect(row.estimate).toBeNull();
    expect(row.note).toBe('no treated persons observed in period 4');
  });
});

describe('allowUnbalanced: coverage on unbalanced panels (seeded)', () => {
  it('pointwise ATT(g,t) intervals cover the truth 93–97 % (20 % of person-periods missing; tests/bench/staggeredUnbalancedCoverage.ts runs longer)', () => {
    const design = { n: 300, T: 5, cohorts: [3, 4, 5], share: 0.6 };
    let cells = 0;
    let hits = 0;
    for (let rep = 0; rep < 200; rep++) {
      const panel = unbalance(simulatePanel(20_000 + rep, design), 0.2, rep);
      const att = attGt(panel, { allowUnbalanced: true, method: rep % 2 === 0 ? 'reg' : 'dr' });
      for (const r of att.rows) {
        cells++;
        const truth = trueAtt(r.group, r.time);
        if (r.ci_low! <= truth && truth <= r.ci_high!) hits++;
      }
    }
    expect(cells).toBe(200 * 12);
    expect(hits / cells).toBeGreaterThan(0.93);
    expect(hits / cells).toBeLessThan(0.97);
  }, 60_000);
});
