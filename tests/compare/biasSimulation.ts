/**
 * Seeded Monte-Carlo of the default matched difference-in-differences on synthetic exports:
 * per replicate, the estimate's error against the generator's true effect on the treated of the
 * population the matching can use, and the after-matching gap in pre-support participation.
 * Shared by the CI bias test and the long bench version (tests/bench/bias.ts).
 */
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { matchControls, type MatchControlsOptions } from '../../src/compare/matchControls.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import type { SynthOptions } from '../../src/synth/options.js';
import { loadSynthetic } from '../../src/synth/index.js';

export interface BiasDesign {
  /** Matching options (library defaults when empty). */
  readonly match: MatchControlsOptions;
  /**
   * Which truth is the estimand: `observedBefore` (supported persons with a pre-support month:
   * the matched population when matching on pre-support participation) or `all` (every supported
   * person: the matched population when every supported person can be matched).
   */
  readonly truth: 'observedBefore' | 'all';
}

export interface BiasReplicates {
  /** DiD estimate − true effect on the treated, per replicate and design. */
  readonly error: number[][];
  /** The same with the bias correction (`biasCorrection: m.matchedValues`). */
  readonly errorCorrected: number[][];
  /** Mean pre-support participation of matched supported − weighted mean of matched controls (NaN without that covariate). */
  readonly preGap: number[][];
}

/** Runs `reps` seeded replicates (seeds firstSeed …) of every design on the same exports. */
export async function simulateMatchedDid(designs: readonly BiasDesign[], reps: number, firstSeed: number, synth: SynthOptions): Promise<BiasReplicates> {
  const error = designs.map(() => [] as number[]);
  const preGap = designs.map(() => [] as number[]);
  const errorCorrected = designs.map(() => [] as number[]);
  for (let seed = firstSeed; seed < firstSeed + reps; seed++) {
    const exp = await loadSynthetic({ ...synth, seed });
    designs.forEach((d, i) => {
      const m = matchControls(exp, d.match);
      const panel = eventPanel(exp, { anchors: m.anchors });
      const did = diffInDiff(panel);
      const corrected = diffInDiff(panel, { biasCorrection: m.matchedValues });
      const truth = (d.truth === 'all' ? exp.truth.phases : exp.truth.phasesObservedBefore).all.effectOnTreated;
      if (did.effect.estimate === null || truth === null) throw new Error(`seed ${seed}: no estimate or no truth (${did.effect.note ?? ''})`);
      error[i].push(did.effect.estimate - truth);
      errorCorrected[i].push(corrected.effect.estimate! - truth);
      const row = m.balance.find((b) => b.covariate === 'preParticipation');
      preGap[i].push(row && row.mean_supported_after !== null && row.mean_control_after !== null ? row.mean_supported_after - row.mean_control_after : NaN);
    });
  }
  return { error, errorCorrected, preGap };
}

/** Mean and Monte-Carlo standard error (sd / √n). */
export function meanMcse(x: readonly number[]): { mean: number; mcse: number; n: number } {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, mcse: sd / Math.sqrt(n), n };
}
