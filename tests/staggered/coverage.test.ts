// Seeded simulations with staggered cohorts and heterogeneous, dynamic effects: intervals cover
// the true ATT(g,t) and dynamic effects at their level; the simultaneous band covers the whole
// profile; with parallel trends only given a covariate, `reg` without it is biased and `dr` with
// it is not. (Longer runs: tests/bench/staggered.ts.)
import { describe, expect, it } from 'vitest';
import { aggregate, attGt } from '../../src/index.js';
import { simulatePanel, trueAtt, withoutCovariates } from './simulate.js';

const design = { n: 300, T: 5, cohorts: [3, 4, 5], share: 0.6 };

/** True dynamic effect at e: cohorts weighted by their (equal) population shares among those with ATT(g, g+e) in the panel. */
function trueDynamic(e: number): number {
  const gs = design.cohorts.filter((g) => g + e >= 1 && g + e <= design.T);
  return gs.reduce((s, g) => s + trueAtt(g, g + e), 0) / gs.length;
}

describe('coverage (seeded)', () => {
  it('pointwise intervals of ATT(g,t) and of the dynamic effects cover 93–97 %', () => {
    let cells = 0;
    let cellHits = 0;
    let dyn = 0;
    let dynHits = 0;
    for (let rep = 0; rep < 300; rep++) {
      const att = attGt(withoutCovariates(simulatePanel(1000 + rep, design)));
      for (const r of att.rows) {
        const truth = trueAtt(r.group, r.time);
        cells++;
        if (r.ci_low! <= truth && truth <= r.ci_high!) cellHits++;
      }
      for (const r of aggregate(att, { type: 'dynamic' }).rows) {
        if (r.term !== 'event_time') continue;
        const truth = trueDynamic(r.event_time!);
        dyn++;
        if (r.ci_low! <= truth && truth <= r.ci_high!) dynHits++;
      }
    }
    expect(cells).toBe(300 * 12);
    expect(cellHits / cells).toBeGreaterThan(0.93);
    expect(cellHits / cells).toBeLessThan(0.97);
    expect(dynHits / dyn).toBeGreaterThan(0.93);
    expect(dynHits / dyn).toBeLessThan(0.97);
  }, 60_000);

  it('the simultaneous band covers the whole dynamic profile about 95 % of the time', () => {
    const reps = 300;
    let hits = 0;
    let wider = 0;
    for (let rep = 0; rep < reps; rep++) {
      const att = attGt(withoutCovariates(simulatePanel(5000 + rep, design)));
      const res = aggregate(att, { type: 'dynamic', bootstrap: { replications: 499, seed: rep } });
      const terms = res.rows.filter((r) => r.term === 'event_time');
      if (terms.every((r) => r.band_low! <= trueDynamic(r.event_time!) && trueDynamic(r.event_time!) <= r.band_high!)) hits++;
      if (res.spec.critical! > 1.96) wider++;
    }
    expect(wider).toBe(reps);
    // 300 replications: binomial SE 1.3 points, so 0.91–0.99 here; tests/bench/staggered.ts runs 2000 for 93–97 %.
    expect(hits / reps).toBeGreaterThan(0.91);
    expect(hits / reps).toBeLessThan(0.99);
  }, 60_000);
});

describe('conditional parallel trends', () => {
  it('reg without the covariate is biased; dr and reg with it are not', () => {
    const reps = 60;
    const bias = { regNoX: 0, dr: 0, reg: 0 };
    let se = 0;
    for (let rep = 0; rep < reps; rep++) {
      const panel = simulatePanel(9000 + rep, { ...design, n: 600, trendX: 0.3 });
      const truth = (r: { group: number; time: number }) => trueAtt(r.group, r.time);
      const post = (res: ReturnType<typeof attGt>) => res.rows.filter((r) => r.time >= r.group);
      const mean = (res: ReturnType<typeof attGt>) => post(res).reduce((s, r) => s + (r.estimate! - truth(r)), 0) / post(res).length;
      bias.regNoX += mean(attGt(withoutCovariates(panel))) / reps;
      const dr = attGt(panel, { method: 'dr' });
      bias.dr += mean(dr) / reps;
      bias.reg += mean(attGt(panel, { method: 'reg' })) / reps;
      se += post(dr).reduce((s, r) => s + r.se!, 0) / post(dr).length / reps;
    }
    // Monte Carlo SE of the mean bias ≈ se / sqrt(reps) / … ; the unadjusted bias is many times larger.
    const mcse = se / Math.sqrt(reps);
    expect(Math.abs(bias.regNoX)).toBeGreaterThan(10 * mcse);
    expect(Math.abs(bias.dr)).toBeLessThan(3 * mcse);
    expect(Math.abs(bias.reg)).toBeLessThan(3 * mcse);
  }, 60_000);
});
