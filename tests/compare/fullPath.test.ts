import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { matchControls } from '../../src/compare/matchControls.js';
import { eventPanel } from '../../src/panel/index.js';
import { loadSynthetic } from '../../src/synth/index.js';

// The generator's supported persons differ in birth year, education and origin; its comparable
// controls share their participation propensity, so matching on these recovers the effect.
const COVARIATES = ['birthYear', 'preParticipation', 'OPLNIVEAU', 'HERKOMST'];

describe('match → eventPanel(anchors) → diffInDiff on synthetic exports with known truth', () => {
  it('balance improves on data with selection into support', async () => {
    // 0.2: with a few hundred pairs the SMD of a weak propensity predictor (preParticipation) is ±0.08 noise.
    const exp = await loadSynthetic({ seed: 11, scale: 0.2 });
    const m = matchControls(exp, { covariates: COVARIATES, caliper: 0.2 });
    const smd = (name: string) => m.balance.find((b) => b.covariate === name)!;
    // supported persons differ (birth year, hence the propensity) before matching, not after
    for (const name of ['birthYear', 'propensity (logit)']) {
      expect(Math.abs(smd(name).smd_before!)).toBeGreaterThan(0.3);
      expect(Math.abs(smd(name).smd_after!)).toBeLessThan(0.05);
    }
    for (const b of m.balance) expect(Math.abs(b.smd_after!)).toBeLessThan(0.1);
    // every supported person is either matched or listed with a reason
    expect(m.n_matched_supported + m.unmatched.length).toBe(m.n_supported);
    // controls were never supported
    for (const p of m.pairs.control) expect(exp.support.offsets[p + 1] - exp.support.offsets[p]).toBe(0);
  }, 30_000);

  it('recovers the true effect, and zero when there is none', async () => {
    for (const effect of [0.14, 0]) {
      const exp = await loadSynthetic({ seed: 11, scale: 0.05, effect });
      const m = matchControls(exp, { covariates: COVARIATES, ratio: 2, caliper: 0.2 });
      const panel = eventPanel(exp, { anchors: m.anchors, before: 48, after: 48 });
      const did = diffInDiff(panel, { cluster: 'set' }).effect;
      const truth = exp.truth.phases.all.effectOnTreated!;
      expect(Math.abs(truth - effect)).toBeLessThan(0.01);
      expect(did.ci_low!).toBeLessThan(truth);
      expect(did.ci_high!).toBeGreaterThan(truth);
      expect(did.se!).toBeLessThan(0.05);
    }
  }, 60_000);
});
