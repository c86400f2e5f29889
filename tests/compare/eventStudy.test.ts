import { describe, expect, it } from 'vitest';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { eventStudy } from '../../src/compare/eventStudy.js';
import { normalSource, panelFromRows, uniformSource, type Row } from './helpers.js';

/** Brute-force ATT(k) from rows and weights, straight from the definition. */
function bruteAtt(rows: Row[], w: Record<string, number>, k: number, phase: 'before' | 'after', ref: [number, number]): number {
  const groupMean = (g: string): number => {
    const at = rows.filter((r) => r.group === g && r.phase === phase && r.k === k);
    const num = at.reduce((s, r) => s + (w[r.id] ?? 1) * r.y, 0);
    const den = at.reduce((s, r) => s + (w[r.id] ?? 1), 0);
    const ids = [...new Set(rows.filter((r) => r.group === g).map((r) => r.id))];
    let rn = 0;
    let rd = 0;
    for (const id of ids) {
      const refRows = rows.filter((r) => r.id === id && r.phase === 'before' && r.k >= ref[0] && r.k <= ref[1]);
      if (refRows.length === 0) continue;
      const own = refRows.reduce((s, r) => s + r.y, 0) / refRows.length;
      rn += (w[id] ?? 1) * own;
      rd += w[id] ?? 1;
    }
    return num / den - rn / rd;
  };
  return groupMean('supported') - groupMean('control');
}

const rows: Row[] = [];
{
  const u = uniformSource(3);
  const ids = ['t1', 't2', 't3', 't4', 't5', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  for (const id of ids) {
    for (const k of [-4, -3, -2, -1]) if (u() > 0.2) rows.push({ id, group: id[0] === 't' ? 'supported' : 'control', phase: 'before', k, y: u() < 0.4 ? 1 : 0 });
    for (const k of [1, 2]) if (u() > 0.2) rows.push({ id, group: id[0] === 't' ? 'supported' : 'control', phase: 'after', k, y: u() < 0.6 ? 1 : 0 });
  }
}
const weight = { c1: 0.5, c2: 1.5, c3: 2, c4: 0.7, c5: 1, c6: 1.3 };

describe('eventStudy', () => {
  it('ATT(k) equals the definition computed by brute force (unbalanced, weighted, reference window of person means)', () => {
    const es = eventStudy(panelFromRows(rows, ['supported', 'control'], { weight }), { reference: [-2, -1], bootstrap: false });
    expect(es.rows.map((e) => `${e.phase}${e.event_time}`)).toEqual(['before-4', 'before-3', 'before-2', 'before-1', 'after1', 'after2']);
    for (const e of es.rows) {
      expect(e.estimate!).toBeCloseTo(bruteAtt(rows, weight, e.event_time, e.phase as 'before' | 'after', [-2, -1]), 12);
    }
  });

  it('influence-function SEs equal the empirical influence computed by numerically differentiating ATT in each weight', () => {
    const clusters: Record<string, number> = { t1: 1, c1: 1, c2: 1, t2: 2, c3: 2, t3: 3, c4: 3, t4: 4, c5: 4, t5: 5, c6: 5 };
    for (const by of ['person', 'set'] as const) {
      const es = eventStudy(panelFromRows(rows, ['supported', 'control'], { weight, cluster: clusters }), { reference: [-2, -1], bootstrap: false, cluster: by });
      const ids = [...new Set(rows.map((r) => r.id))];
      for (const e of es.rows) {
        const ph = e.phase as 'before' | 'after';
        const psi = new Map<string, number>();
        for (const id of ids) {
          const w0 = (weight as Record<string, number>)[id] ?? 1;
          const h = 1e-6;
          const up = bruteAtt(rows, { ...weight, [id]: w0 * (1 + h) }, e.event_time, ph, [-2, -1]);
          const dn = bruteAtt(rows, { ...weight, [id]: w0 * (1 - h) }, e.event_time, ph, [-2, -1]);
          const key = by === 'person' ? id : String(clusters[id]);
          psi.set(key, (psi.get(key) ?? 0) + (up - dn) / (2 * h));
        }
        // CR1: times G/(G−1), G the clusters (persons or sets) in the comparison.
        const G = psi.size;
        const se = Math.sqrt(([...psi.values()].reduce((s, v) => s + v * v, 0) * G) / (G - 1));
        expect(e.se!).toBeCloseTo(se, 7);
      }
    }
  });

  it('pre-trend Wald statistic equals θ′Σ⁻¹θ for a single pre period (= (ATT/se)²): chi-square on request, F(1, G − 1) by default', () => {
    const panel = panelFromRows(rows, ['supported', 'control'], { weight });
    const es = eventStudy(panel, { reference: [-4, -2], bootstrap: false, preTrendTest: 'chi2' });
    const pre = es.rows.filter((e) => e.phase === 'before' && e.event_time === -1)[0];
    const joint = es.tests[0];
    expect(joint.df).toBe(1);
    expect(joint.distribution).toBe('chi2');
    expect(joint.statistic!).toBeCloseTo((pre.estimate! / pre.se!) ** 2, 10);
    expect(joint.p_value!).toBeCloseTo(1 - chisquareCdf((pre.estimate! / pre.se!) ** 2, 1), 10);
    const f = eventStudy(panel, { reference: [-4, -2], bootstrap: false }).tests[0];
    // One restriction: the Hotelling factor (G − 1)/(1 · (G − 1)) is 1, only the reference changes (11 persons).
    expect(f).toMatchObject({ distribution: 'F', df: 1, df2: 10 });
    expect(f.statistic!).toBeCloseTo(joint.statistic!, 12);
    expect(f.p_value!).toBeGreaterThan(joint.p_value!);
  });

  it('the bootstrap is reproducible with a seed, and the sup-t critical value lies between the pointwise and Bonferroni values', () => {
    const panel = panelFromRows(rows, ['supported', 'control'], { weight });
    const a = eventStudy(panel, { reference: [-2, -1], bootstrap: { replications: 999, seed: 5 } });
    const b = eventStudy(panel, { reference: [-2, -1], bootstrap: { replications: 999, seed: 5 } });
    expect(a.uniform_critical).toBe(b.uniform_critical);
    expect(a.uniform_critical!).toBeGreaterThan(1.96);
    expect(a.uniform_critical!).toBeLessThan(3.5);
    const e = a.rows[4];
    expect(e.band_high! - e.estimate!).toBeCloseTo(a.uniform_critical! * e.se!, 12);
    const m = eventStudy(panel, { reference: [-2, -1], bootstrap: { replications: 199, seed: 5, weights: 'mammen' } });
    expect(m.uniform_critical!).toBeGreaterThan(1.5);
    expect(a.toTable().numRows()).toBe(6);
    expect(a.summary()).toMatch(/pre-trend \(joint Wald, F\): F\(2, 9\)/);
  });

  it('counts a control used in two matched sets once', () => {
    const dup: Row[] = [...rows, ...rows.filter((r) => r.id === 'c1').map((r) => ({ ...r, slot: 'b' }))];
    const es = eventStudy(panelFromRows(dup, ['supported', 'control']), { reference: [-2, -1], bootstrap: false });
    const plain = eventStudy(panelFromRows(rows, ['supported', 'control']), { reference: [-2, -1], bootstrap: false });
    expect(es.rows.map((e) => e.n_control)).toEqual(plain.rows.map((e) => e.n_control));
    expect(es.n_clusters).toBe(plain.n_clusters);
  });

  it('Gaussian multipliers by the covariance route give the sup-t value of Rademacher draws on a panel of some size', () => {
    const z = normalSource(77);
    const u = uniformSource(78);
    const rs: Row[] = [];
    for (let i = 0; i < 400; i++) {
      const base = 0.4 + 0.15 * z();
      for (const k of [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4]) {
        rs.push({ id: `p${i}`, group: i < 150 ? 'supported' : 'control', phase: k < 0 ? 'before' : 'after', k, y: u() < base ? 1 : 0 });
      }
    }
    const panel = panelFromRows(rs, ['supported', 'control']);
    const g = eventStudy(panel, { reference: [-2, -1], bootstrap: { replications: 20000, seed: 5, weights: 'gaussian' } });
    const r = eventStudy(panel, { reference: [-2, -1], bootstrap: { replications: 20000, seed: 5 } });
    expect(Math.abs(g.uniform_critical! - r.uniform_critical!) / r.uniform_critical!).toBeLessThan(0.02);
    expect(g.rows[0].se).toBe(r.rows[0].se);
  });

  it('rejects a reference window after support and unknown phases', () => {
    const panel = panelFromRows(rows, ['supported', 'control']);
    expect(() => eventStudy(panel, { reference: [-1, 2] })).toThrow(/reference/);
    expect(() => eventStudy(panel, { phases: ['later' as 'after'] })).toThrow(/unknown phase/);
  });

  it('simulation under parallel trends: pointwise coverage ≈ 95 %, pre-trend test rejects ≈ 5 %, sup-t band covers the whole path ≈ 95 %', () => {
    const z = normalSource(2024);
    const u = uniformSource(2025);
    const reps = 500;
    const ks = [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4];
    const effect = (k: number) => (k > 0 ? 0.05 * k : 0);
    let pointCover = 0;
    let pointTotal = 0;
    let reject = 0;
    let rejectLinear = 0;
    let bandCover = 0;
    let gaussianCover = 0;
    for (let rep = 0; rep < reps; rep++) {
      const rs: Row[] = [];
      for (let i = 0; i < 240; i++) {
        const treated = i < 100;
        const base = 0.35 + 0.12 * z() + (treated ? -0.05 : 0); // level differences are allowed
        for (const k of ks) {
          if (u() < 0.05) continue;
          const trend = 0.01 * k; // common trend
          const p = Math.min(0.98, Math.max(0.02, base + trend + (treated ? effect(k) : 0)));
          rs.push({ id: `p${i}`, group: treated ? 'supported' : 'control', phase: k < 0 ? 'before' : 'after', k, y: u() < p ? 1 : 0 });
        }
      }
      const es = eventStudy(panelFromRows(rs, ['supported', 'control']), { reference: [-2, -1], bootstrap: { replications: 199, seed: rep } });
      let all = true;
      for (const e of es.rows) {
        // truth: the effect relative to the reference window (clipping of p is negligible here)
        const truth = effect(e.event_time);
        if (e.ci_low! <= truth && truth <= e.ci_high!) pointCover++;
        pointTotal++;
        if (!(e.band_low! <= truth && truth <= e.band_high!)) all = false;
      }
      if (all) bandCover++;
      // Gaussian multipliers drawn from the IF covariance: the same band, by the fast route.
      const g = eventStudy(panelFromRows(rs, ['supported', 'control']), { reference: [-2, -1], bootstrap: { replications: 199, seed: rep, weights: 'gaussian' } });
      if (g.rows.every((e) => e.band_low! <= effect(e.event_time) && effect(e.event_time) <= e.band_high!)) gaussianCover++;
      if (es.tests[0].p_value! < 0.05) reject++;
      if (es.tests[1].p_value! < 0.05) rejectLinear++;
    }
    if (process.env.PRINT_RATES) console.log('es', pointCover / pointTotal, reject / reps, rejectLinear / reps, bandCover / reps);
    expect(pointCover / pointTotal).toBeGreaterThan(0.93);
    expect(pointCover / pointTotal).toBeLessThan(0.97);
    expect(reject / reps).toBeGreaterThan(0.03);
    expect(reject / reps).toBeLessThan(0.08);
    expect(rejectLinear / reps).toBeGreaterThan(0.03);
    expect(rejectLinear / reps).toBeLessThan(0.08);
    expect(bandCover / reps).toBeGreaterThan(0.925);
    expect(bandCover / reps).toBeLessThan(0.975);
    if (process.env.PRINT_RATES) console.log('gaussian band', gaussianCover / reps);
    expect(gaussianCover / reps).toBeGreaterThan(0.925);
    expect(gaussianCover / reps).toBeLessThan(0.975);
  }, 60_000);
});
