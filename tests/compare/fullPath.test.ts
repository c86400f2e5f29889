import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { matchControls } from '../../src/compare/matchControls.js';
import { eventPanel } from '../../src/panel/index.js';
import { loadSynthetic } from '../../src/synth/index.js';

describe('match → eventPanel(anchors) → diffInDiff on synthetic exports with known truth', () => {
  it('balance improves on data with selection into support', async () => {
    const exp = await loadSynthetic({ seed: 11, scale: 0.05 });
    const m = matchControls(exp, { covariates: ['birthYear', 'preParticipation'], caliper: 0.2 });
    // supported persons differ from the never-supported population before matching …
    expect(Math.max(...m.balance.map((b) => Math.abs(b.smd_before!)))).toBeGreaterThan(0.3);
    // … and every covariate is closer after matching
    for (const b of m.balance) {
      expect(Math.abs(b.smd_after!)).toBeLessThan(Math.abs(b.smd_before!));
      expect(Math.abs(b.smd_after!)).toBeLessThan(0.05);
    }
    // every supported person is either matched or listed with a reason
    expect(m.n_matched_supported + m.unmatched.length).toBe(m.n_supported);
    // controls were never supported
    for (const p of m.pairs.control) expect(exp.support.offsets[p + 1] - exp.support.offsets[p]).toBe(0);
  }, 30_000);

  it('recovers the true effect, and zero when there is none', async () => {
    for (const effect of [0.14, 0]) {
      const exp = await loadSynthetic({ seed: 11, scale: 0.05, effect });
      // DiD needs groups that move in parallel, not equal levels: match on sex, birth-year band,
      // start year and birth year.
      const m = matchControls(exp, { covariates: ['birthYear'], ratio: 2, caliper: 0.2 });
      const panel = eventPanel(exp, { anchors: m.anchors, before: 48, after: 48 });
      const did = diffInDiff(panel, { cluster: 'set' });
      const truth = exp.truth.phases.all.effectOnTreated!;
      expect(Math.abs(truth - effect)).toBeLessThan(0.01);
      expect(did.ci_low!).toBeLessThan(truth);
      expect(did.ci_high!).toBeGreaterThan(truth);
      expect(did.se!).toBeLessThan(0.05);
    }
  }, 60_000);
});
