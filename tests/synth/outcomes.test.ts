// Generated wages, hours and bijstand spells: nothing else changes, and the estimators recover the truth.
import { describe, expect, it } from 'vitest';
import { diffInDiff, eventPanel, eventStudy, loadSynthetic, matchControls, phaseAverages, synthesizeCbsExport, type CbsExport, type EventPanel, type EventPanelOptions } from '../../src/index.js';

const SEED = 11;

describe('generated outcomes are behind an option', () => {
  it('turning them on leaves persons, support and employment spells exactly as they were', () => {
    const off = synthesizeCbsExport({ seed: SEED, scale: 0.01 });
    const on = synthesizeCbsExport({ seed: SEED, scale: 0.01, outcomes: true });
    expect(off.employment.wage).toBeUndefined();
    expect(off.benefits).toBeUndefined();
    expect(off.truth.outcomes).toBeUndefined();
    expect(on.persons).toEqual(off.persons);
    expect(on.support).toEqual(off.support);
    const { wage, hours, ...jobs } = on.employment;
    expect(jobs).toEqual(off.employment);
    expect(wage!.length).toBe(on.employment.length);
    expect(hours!.every((h) => h >= 52 && h <= 38 * 52 / 12 + 0.01)).toBe(true);
    const { outcomes, parameters, ...truth } = on.truth;
    const { parameters: p0, ...truth0 } = off.truth;
    expect(truth).toEqual(truth0);
    expect(outcomes!.parameters.earningsEffect).toBe(150);
  });
});

describe('jobs without a recorded wage', () => {
  it('are flagged by the loader and make their months missing, not zero', async () => {
    const exp = await loadSynthetic({ seed: SEED, scale: 0.01, outcomes: { missingWageShare: 0.1 } });
    const generated = synthesizeCbsExport({ seed: SEED, scale: 0.01, outcomes: { missingWageShare: 0.1 } });
    const nan = generated.employment.wage!.filter((w) => Number.isNaN(w)).length;
    expect(nan / generated.employment.length).toBeGreaterThan(0.07);
    expect(nan / generated.employment.length).toBeLessThan(0.13);
    expect(exp.quality.entries.find((e) => e.issue === 'missing-wage')!.count).toBe(nan);
    const earnings = eventPanel(exp, { outcome: { earnings: { basis: 'month' } } });
    const participation = eventPanel(exp);
    expect(earnings.missingOutcome!).toBeGreaterThan(0);
    expect(earnings.length + earnings.missingOutcome!).toBe(participation.length);
    expect(earnings.outcome.every((y) => Number.isFinite(y) && y >= 0)).toBe(true);
  });
});

describe('the earnings effect', () => {
  it('is exactly the realised wage addition: after-phase earnings with the effect minus without it', async () => {
    const options = (earningsEffect: number) => ({ seed: SEED, scale: 0.02, outcomes: { earningsEffect } });
    const [withEffect, without] = await Promise.all([loadSynthetic(options(150)), loadSynthetic(options(0))]);
    const after = (exp: CbsExport) => phaseAverages(eventPanel(exp, { outcome: { earnings: { basis: 'month' } } })).rows.find((r) => r.quantity === 'after')!.estimate!;
    const truth = withEffect.truth.outcomes!.earningsEffectOnTreated.all!;
    expect(truth).toBeGreaterThan(20);
    expect(after(withEffect) - after(without)).toBeCloseTo(truth, 9);
  });

  it('a matched DiD on earnings (no participation effect) finds the realised effect', async () => {
    const exp = await loadSynthetic({ seed: SEED, scale: 0.1, effect: 0, outcomes: { earningsEffect: 800, benefitEffect: 0, wageGrowth: 0 } });
    const m = matchControls(exp);
    const did = diffInDiff(eventPanel(exp, { anchors: m.anchors, outcome: { earnings: { basis: 'month' } } })).effect;
    const truth = exp.truth.outcomes!.earningsEffectOnTreated.observedBefore!;
    expect(truth).toBeGreaterThan(150);
    // Within 3 standard errors (a 99.7 % check, so one seed is a fair test), and clearly positive.
    expect(Math.abs(did.estimate! - truth)).toBeLessThan(3 * did.se!);
    expect(did.ci_low!).toBeGreaterThan(0);
    // The benefit effect is 0 here: its DiD is within 3 SEs of 0.
    const benefit = diffInDiff(eventPanel(exp, { anchors: m.anchors, outcome: { benefit: 'bijstand' } })).effect;
    expect(Math.abs(benefit.estimate!)).toBeLessThan(3 * benefit.se!);
  }, 60_000);
});

describe('the benefit-exit effect', () => {
  it('phase averages of bijstand receipt match the expected shares, and a matched DiD finds the effect', async () => {
    const exp = await loadSynthetic({ seed: SEED, scale: 0.1, outcomes: { benefitEffect: -0.15 } });
    const truth = exp.truth.outcomes!.benefit;
    const phases = phaseAverages(eventPanel(exp, { outcome: { benefit: 'bijstand' } })).rows;
    // Within 3 standard errors of the expected shares (a 99.7 % check per quantity).
    for (const [quantity, expected] of [['before', truth.all.before], ['after', truth.all.after], ['change', truth.all.change]] as const) {
      const row = phases.find((r) => r.quantity === quantity)!;
      expect(Math.abs(row.estimate! - expected!), quantity).toBeLessThan(3 * row.se!);
    }
    const m = matchControls(exp);
    const did = diffInDiff(eventPanel(exp, { anchors: m.anchors, outcome: { benefit: 'bijstand' } })).effect;
    const att = truth.observedBefore.effectOnTreated!;
    expect(att).toBeLessThan(-0.1);
    expect(Math.abs(did.estimate! - att)).toBeLessThan(3 * did.se!);
    expect(did.ci_high!).toBeLessThan(0);
  }, 60_000);
});

/** A copy of a panel with every outcome multiplied by `a` and marked non-binary. */
function scaled(panel: EventPanel, a: number): EventPanel {
  return { ...panel, outcome: panel.outcome.map((y) => a * y), binary: false };
}

describe('DiD and event study treat any numeric outcome alike', () => {
  it('DiD is the weighted difference of cell means; both scale exactly with the outcome (nothing assumes 0/1)', async () => {
    const exp = await loadSynthetic({ seed: SEED, scale: 0.02, outcomes: true });
    const m = matchControls(exp);
    const options: EventPanelOptions = { anchors: m.anchors, outcome: { earnings: { basis: 'month' } } };
    const panel = eventPanel(exp, options);
    // Cell means by hand from the rows: Σ w y / Σ w per group × phase.
    const sums = new Float64Array(8);
    const treated = panel.groups.indexOf('supported');
    for (let r = 0; r < panel.length; r++) {
      const p = panel.person[r];
      const w = panel.persons.weight[p];
      if (panel.phase[r] === 1) continue;
      const c = (panel.persons.group[p] === treated ? 0 : 2) + (panel.phase[r] === 2 ? 1 : 0);
      sums[2 * c] += w * panel.outcome[r];
      sums[2 * c + 1] += w;
    }
    const mean = (c: number) => sums[2 * c] / sums[2 * c + 1];
    const did = diffInDiff(panel).effect;
    expect(did.estimate!).toBeCloseTo(mean(1) - mean(0) - (mean(3) - mean(2)), 9);
    const did2 = diffInDiff(scaled(panel, 0.001)).effect;
    expect(did2.estimate!).toBeCloseTo(did.estimate! * 0.001, 9);
    expect(did2.se!).toBeCloseTo(did.se! * 0.001, 9);

    const es = eventStudy(panel, { bootstrap: false });
    const es2 = eventStudy(scaled(panel, 0.001), { bootstrap: false });
    es.rows.forEach((row, k) => {
      if (row.estimate === null) return;
      expect(es2.rows[k].estimate!).toBeCloseTo(row.estimate * 0.001, 9);
      expect(es2.rows[k].se!).toBeCloseTo(row.se! * 0.001, 9);
    });
    // An indicator outcome gives the same event study whether or not it is flagged binary.
    const above = eventPanel(exp, { anchors: m.anchors, outcome: { earningsAbove: 'minimum-wage' } });
    expect(above.binary).toBe(true);
    expect(eventStudy(scaled(above, 1), { bootstrap: false }).rows).toEqual(eventStudy(above, { bootstrap: false }).rows);
  }, 60_000);
});
