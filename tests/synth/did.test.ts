import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { matchControls } from '../../src/compare/matchControls.js';
import type { CbsExport } from '../../src/io/types.js';
import { readEmbeddedExport, readEmbeddedTruth } from '../../src/node/embedded.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { loadSynthetic } from '../../src/synth/index.js';

/** The design's pipeline with default options: exact strata + nearest neighbour on the propensity, pseudo anchors, DiD. */
function matchedDid(exp: CbsExport, options: Parameters<typeof matchControls>[1] = {}) {
  const m = matchControls(exp, options);
  const did = diffInDiff(eventPanel(exp, { anchors: m.anchors })).effect;
  const { estimate, ci_low, ci_high } = did;
  if (estimate === null || ci_low === null || ci_high === null) throw new Error(`no DiD estimate: ${did.note ?? ''}`);
  return { estimate, ci_low, ci_high };
}

describe('matched difference-in-differences recovers the generator truth', () => {
  it('embedded data: the default matched DiD is within 0.015 of the ATT on the supported and its 95 % interval covers it', async () => {
    const [exp, truth] = await Promise.all([readEmbeddedExport(), readEmbeddedTruth()]);
    const all = truth.phases.all;
    // The DiD estimand: the true after − before change minus the change had support had no effect.
    const att = all.change! - all.changeWithoutEffect!;
    expect(att).toBeCloseTo(all.effectOnTreated!, 12);
    expect(att).toBeGreaterThan(0.14);
    // Default pipeline: exact strata (sex, birth-year band, start year) + propensity incl. pre-support participation.
    const did = matchedDid(exp);
    expect(did.ci_low).toBeLessThanOrEqual(att);
    expect(did.ci_high).toBeGreaterThanOrEqual(att);
    expect(Math.abs(did.estimate - att)).toBeLessThan(0.015);
    // By default every never-supported person is drawn like the supported ones.
    expect(truth.counts.comparableControls).toBe(truth.counts.controls);
  }, 60_000);

  it('null effect: over 10 seeded small exports the interval covers 0 in most, and the estimates average ≈ 0', async () => {
    const estimates: number[] = [];
    let covers = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const did = matchedDid(await loadSynthetic({ seed, scale: 0.1, effect: 0 }));
      estimates.push(did.estimate);
      if (did.ci_low <= 0 && did.ci_high >= 0) covers++;
    }
    const n = estimates.length;
    const mean = estimates.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    // Binomial(10, 0.95): P(≤ 7 covering) ≈ 1 %.
    expect(covers).toBeGreaterThanOrEqual(8);
    expect(Math.abs(mean)).toBeLessThan(3 * (sd / Math.sqrt(n)));
    expect(Math.abs(mean)).toBeLessThan(0.02);
  }, 60_000);

  it('without comparable persons among the never-supported, the same DiD is biased downwards (the pitfall the default avoids)', async () => {
    const did = matchedDid(await loadSynthetic({ seed: 1, scale: 0.1, effect: 0, comparableControlShare: 0 }));
    expect(did.ci_high).toBeLessThan(0);
    expect(did.estimate).toBeLessThan(-0.1);
  }, 30_000);
});
