// Few clusters: notes and null standard errors where cluster-robust inference cannot work, and the
// wild cluster bootstrap-t holding its size at 6–12 clusters where the CR1 z interval does not
// (seeded simulation; the long version runs in the bench).
import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import { normalSource, panelFromRows, uniformSource, type Row } from '../compare/helpers.js';
import { simulateFewClusters } from './simulateFewClusters.js';

describe('few clusters', () => {
  it('two clusters nested in treatment: no standard error, and the reason', () => {
    const rows: Row[] = [];
    const u = uniformSource(4);
    for (let i = 0; i < 20; i++) {
      const group = i < 10 ? 'supported' : 'control';
      for (const k of [-2, -1, 1, 2]) rows.push({ id: `p${i}`, group, phase: k < 0 ? 'before' : 'after', k, y: u() < 0.4 ? 1 : 0 });
    }
    const cluster = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, i < 10 ? 1 : 2]));
    const did = diffInDiff(panelFromRows(rows, ['supported', 'control'], { cluster }));
    expect(did.spec.cluster).toBe('set');
    expect(did.effect.estimate).not.toBeNull();
    expect(did.effect.se).toBeNull();
    expect(did.effect.ci_low).toBeNull();
    expect(did.effect.note).toMatch(/fewer than two clusters in the treated \(1\) or control group \(1\)/);
  });

  it('fewer than 30 clusters, or clusters nested in treatment: a note', () => {
    const { rows, cluster } = simulateFewClusters(8, 0, normalSource(1), uniformSource(2));
    const did = diffInDiff(panelFromRows(rows, ['supported', 'control'], { cluster }));
    expect(did.notes.some((n) => n.startsWith('only 8 clusters'))).toBe(true);
    expect(did.notes.some((n) => n.includes('nested in treatment'))).toBe(true);
    const byPerson = diffInDiff(panelFromRows(rows, ['supported', 'control']), { cluster: 'person' });
    expect(byPerson.notes.some((n) => n.startsWith('only'))).toBe(false);
  });

  it('size at 5 %: wild cluster bootstrap-t (Rademacher at 8 clusters, Webb at 12) near 5 %, CR1 z above', () => {
    const reps = 300;
    for (const [G, weights] of [[8, 'rademacher'], [12, 'webb']] as const) {
      const z = normalSource(100 + G);
      const u = uniformSource(200 + G);
      let wild = 0;
      let cr1 = 0;
      for (let rep = 0; rep < reps; rep++) {
        const { rows, cluster } = simulateFewClusters(G, 0, z, u);
        const panel = panelFromRows(rows, ['supported', 'control'], { cluster });
        const did = diffInDiff(panel, { inference: 'wild-bootstrap', bootstrap: { replications: 399, seed: rep, weights } });
        if (did.tests[0].p_value! < 0.05) wild++;
        const plain = diffInDiff(panel).effect;
        if (plain.ci_low! > 0 || plain.ci_high! < 0) cr1++;
      }
      if (process.env.PRINT_RATES) console.log('few clusters', G, weights, wild / reps, cr1 / reps);
      expect(wild / reps).toBeGreaterThan(0.02);
      expect(wild / reps).toBeLessThan(0.085);
      expect(cr1 / reps).toBeGreaterThan(wild / reps);
    }
  }, 120_000);

  it('phase change with 6 clusters: the wild bootstrap test (Webb weights: Rademacher has only 32 distinct |t| at G = 6) holds its size', () => {
    const reps = 300;
    const z = normalSource(31);
    const u = uniformSource(32);
    let wild = 0;
    for (let rep = 0; rep < reps; rep++) {
      const { rows, cluster } = simulateFewClusters(6, 0, z, u, { oneGroup: true });
      const res = phaseAverages(panelFromRows(rows, ['supported'], { cluster }), { inference: 'wild-bootstrap', bootstrap: { seed: rep, replications: 399, weights: 'webb' } });
      if (res.tests[0].p_value! < 0.05) wild++;
    }
    if (process.env.PRINT_RATES) console.log('few clusters, change', wild / reps);
    expect(wild / reps).toBeGreaterThan(0.015);
    expect(wild / reps).toBeLessThan(0.085);
  }, 60_000);
});
