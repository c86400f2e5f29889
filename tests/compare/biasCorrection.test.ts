import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { SpecificationError } from '../../src/core/errors.js';
import { matchControls } from '../../src/compare/matchControls.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { panelFromLong } from '../../src/panel/panelFromLong.js';
import { loadSynthetic } from '../../src/synth/index.js';

interface Person {
  id: string;
  group: 'supported' | 'control';
  set: number;
  weight: number;
  before: number[];
  after: number[];
  x: number[];
}

function longRows(persons: readonly Person[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const p of persons) {
    p.before.forEach((y, i) => rows.push({ id: p.id, g: p.group, s: p.set, w: p.weight, k: -(i + 1), y }));
    p.after.forEach((y, i) => rows.push({ id: p.id, g: p.group, s: p.set, w: p.weight, k: i + 1, y }));
  }
  return rows;
}

const COLUMNS = { id: 'id', group: 'g', cluster: 's', weight: 'w', eventTime: 'k', outcome: 'y' };

function valuesOf(persons: readonly Person[], names: string[]) {
  return { names, values: names.map((_, j) => Float64Array.from(persons, (p) => p.x[j])) };
}

/**
 * Independent computation of the bias-corrected DiD: per phase, the regression of the controls'
 * phase means on [1, x] by Gaussian elimination of the uncentred normal equations; each control's
 * phase mean moved by β'(x of its set's supported person − x); person-month weighted cell means.
 * `mult` multiplies the weight of every person of one set (for the influence function).
 */
function referenceDid(persons: readonly Person[], mult: (set: number) => number = () => 1): number {
  const sup = new Map(persons.filter((p) => p.group === 'supported').map((p) => [p.set, p]));
  const q = persons[0].x.length + 1;
  const cell = (p: Person, h: number) => (h === 0 ? p.before : p.after);
  const means: number[] = [];
  for (const group of ['supported', 'control'] as const) {
    for (let h = 0; h < 2; h++) {
      const members = persons.filter((p) => p.group === group && cell(p, h).length > 0);
      const w = (p: Person) => p.weight * mult(p.set) * cell(p, h).length;
      const ybar = (p: Person) => cell(p, h).reduce((a, b) => a + b, 0) / cell(p, h).length;
      let beta = new Array<number>(q).fill(0);
      if (group === 'control') {
        const A = Array.from({ length: q }, () => new Array<number>(q + 1).fill(0));
        for (const p of members) {
          const z = [1, ...p.x];
          for (let a = 0; a < q; a++) {
            for (let c = 0; c < q; c++) A[a][c] += w(p) * z[a] * z[c];
            A[a][q] += w(p) * z[a] * ybar(p);
          }
        }
        for (let i = 0; i < q; i++) {
          for (let r = 0; r < q; r++) {
            if (r === i) continue;
            const f = A[r][i] / A[i][i];
            for (let c = i; c <= q; c++) A[r][c] -= f * A[i][c];
          }
        }
        beta = A.map((row, i) => row[q] / row[i]);
      }
      let num = 0;
      let den = 0;
      for (const p of members) {
        const t = sup.get(p.set)!;
        const shift = group === 'control' ? p.x.reduce((s, xj, j) => s + beta[j + 1] * (t.x[j] - xj), 0) : 0;
        num += w(p) * (ybar(p) + shift);
        den += w(p);
      }
      means.push(num / den);
    }
  }
  return means[1] - means[0] - (means[3] - means[2]);
}

describe('bias-corrected matched difference-in-differences', () => {
  // Three sets, one covariate x, one month per phase. Controls (x, before, after): (0, 0, 1),
  // (0.5, 1, 1), (1, 1, 0). Before: slope of y on x = Sxy/Sxx = 0.5/0.5 = 1; after: −0.5/0.5 = −1.
  // Supported x: 0.5, 0.5, 1, so the gaps are 0.5, 0, 0: control before (0 + 0.5 + 1 + 1)/3 = 5/6,
  // control after (1 − 0.5 + 1 + 0)/3 = 1/2. Supported change (1 + 1 + 1)/3 − (0 + 1 + 0)/3 = 2/3;
  // DiD 2/3 − (1/2 − 5/6) = 1, uncorrected 2/3 − 0 = 2/3.
  const hand: Person[] = [
    { id: 't1', group: 'supported', set: 1, weight: 1, before: [0], after: [1], x: [0.5] },
    { id: 't2', group: 'supported', set: 2, weight: 1, before: [1], after: [1], x: [0.5] },
    { id: 't3', group: 'supported', set: 3, weight: 1, before: [0], after: [1], x: [1] },
    { id: 'c1', group: 'control', set: 1, weight: 1, before: [0], after: [1], x: [0] },
    { id: 'c2', group: 'control', set: 2, weight: 1, before: [1], after: [1], x: [0.5] },
    { id: 'c3', group: 'control', set: 3, weight: 1, before: [1], after: [0], x: [1] },
  ];

  it('a hand-worked case', () => {
    const panel = panelFromLong(longRows(hand), COLUMNS);
    const plain = diffInDiff(panel);
    const did = diffInDiff(panel, { biasCorrection: valuesOf(hand, ['x']) });
    expect(plain.effect.estimate).toBeCloseTo(2 / 3, 12);
    expect(did.effect.estimate).toBeCloseTo(1, 12);
    const control = did.rows.filter((r) => r.group === 'control');
    expect(control.map((r) => r.phase)).toEqual(['before', 'after']);
    expect(control[0].estimate).toBeCloseTo(5 / 6, 12);
    expect(control[1].estimate).toBeCloseTo(1 / 2, 12);
    expect(did.bias_correction!.before.coefficients[0]).toBeCloseTo(1, 12);
    expect(did.bias_correction!.after.coefficients[0]).toBeCloseTo(-1, 12);
    expect(did.bias_correction!.adjustment).toBeCloseTo(1 / 3, 12);
    expect(did.spec.biasCorrection).toEqual(['x']);
    expect(did.effect.method).toBe('wls-did-cr1-cluster-set-bias-corrected');
    expect(did.notes.some((n) => n.startsWith('bias-corrected (Abadie–Imbens)'))).toBe(true);
    expect(plain.bias_correction).toBeNull();
    expect(plain.spec.biasCorrection).toBeNull();
  });

  it('estimate and CR1 standard error equal an independent computation (estimate to 1e-9, SE as the numerical influence function)', () => {
    // 14 sets of a supported person and two controls (weight 1/2 each), 2 covariates, 0–4 months a
    // phase: a control may lack a phase; outcomes and covariates from a fixed linear congruential stream.
    let state = 12345;
    const rnd = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648);
    const persons: Person[] = [];
    for (let s = 0; s < 14; s++) {
      for (const [g, n] of [['supported', 1], ['control', 2]] as const) {
        for (let i = 0; i < n; i++) {
          const x = [rnd(), rnd() < 0.4 ? 1 : 0];
          const nb = g === 'supported' ? 1 + Math.floor(rnd() * 4) : Math.floor(rnd() * 5);
          const na = nb === 0 ? 1 + Math.floor(rnd() * 4) : Math.floor(rnd() * 5);
          const p = 0.2 + 0.5 * x[0] + 0.1 * x[1];
          persons.push({
            id: `${g[0]}${s}_${i}`,
            group: g,
            set: s,
            weight: g === 'supported' ? 1 : 0.5,
            before: Array.from({ length: nb }, () => (rnd() < p ? 1 : 0)),
            after: Array.from({ length: na }, () => (rnd() < p + (g === 'supported' ? 0.2 : 0) ? 1 : 0)),
            x,
          });
        }
      }
    }
    expect(persons.some((p) => p.group === 'control' && p.before.length === 0)).toBe(true);
    const panel = panelFromLong(longRows(persons), COLUMNS);
    const did = diffInDiff(panel, { biasCorrection: valuesOf(persons, ['x1', 'x2']) });
    expect(did.effect.estimate).toBeCloseTo(referenceDid(persons), 9);
    expect(did.effect.estimate).not.toBeCloseTo(diffInDiff(panel).effect.estimate!, 3);
    // Influence of each set: derivative of the estimate in the set's weights (central differences).
    const eps = 1e-6;
    let sum = 0;
    for (let s = 0; s < 14; s++) {
      const d = (referenceDid(persons, (t) => (t === s ? 1 + eps : 1)) - referenceDid(persons, (t) => (t === s ? 1 - eps : 1))) / (2 * eps);
      sum += d * d;
    }
    const N = persons.reduce((a, p) => a + p.before.length + p.after.length, 0);
    const G = 14;
    const se = Math.sqrt(((G / (G - 1)) * (N - 1)) / (N - 4) * sum);
    expect(did.effect.se! / se).toBeCloseTo(1, 6);
    // Without the coefficients' part the standard error would differ.
    expect(Math.abs(did.effect.se! - diffInDiff(panel).effect.se!)).toBeGreaterThan(1e-4);
  });

  it('refuses values that do not fit the panel or sets without one supported person', () => {
    const panel = panelFromLong(longRows(hand), COLUMNS);
    const fail = (v: unknown) => () => diffInDiff(panel, { biasCorrection: v as never });
    expect(fail({ names: ['x'], values: [new Float64Array(5)] })).toThrow(/one Float64Array of 6 values/);
    expect(fail({ names: ['x', 'y'], values: [new Float64Array(6)] })).toThrow(SpecificationError);
    expect(fail(true)).toThrow(/biasCorrection must be/);
    const nan = valuesOf(hand, ['x']);
    nan.values[0][4] = NaN;
    expect(() => diffInDiff(panel, { biasCorrection: nan })).toThrow(/x of person c2 is NaN/);
    const twoSupported = hand.map((p) => (p.id === 't2' ? { ...p, set: 1 } : p));
    expect(() => diffInDiff(panelFromLong(longRows(twoSupported), COLUMNS), { biasCorrection: valuesOf(twoSupported, ['x']) })).toThrow(/one supported person per matched set/);
    const noSets = panelFromLong(longRows(hand), { ...COLUMNS, cluster: undefined });
    expect(() => diffInDiff(noSets, { biasCorrection: valuesOf(hand, ['x']) })).toThrow(/needs matched sets/);
  });

  it('a covariate that is constant among the controls is dropped, and the correction with it', () => {
    const flat = hand.map((p) => ({ ...p, x: [p.group === 'control' ? 0.5 : p.x[0]] }));
    const panel = panelFromLong(longRows(flat), COLUMNS);
    const did = diffInDiff(panel, { biasCorrection: valuesOf(flat, ['x']) });
    expect(did.bias_correction!.before.covariates).toEqual([]);
    expect(did.effect.estimate).toBeCloseTo(diffInDiff(panel).effect.estimate!, 12);
  });

  it('matchedValues are the values the matching used: the balance table after matching reproduces from them', async () => {
    const exp = await loadSynthetic({ seed: 5, scale: 0.02 });
    const m = matchControls(exp);
    const { names, values } = m.matchedValues;
    expect(names).toEqual(['birthYear', 'preParticipation']);
    const a = m.anchors;
    expect(values[0].length).toBe(a.person.length);
    for (let i = 0; i < a.person.length; i++) expect(values[0][i]).toBe(exp.persons.birthYear[a.person[i]]);
    // Balance after matching: supported persons equally weighted, each control 1/(controls in its set) (ratio 1: 1).
    let sumT = 0;
    let nT = 0;
    let sumC = 0;
    let nC = 0;
    for (let i = 0; i < a.person.length; i++) {
      if (a.group[i] === 0) ((sumT += values[1][i]), nT++);
      else ((sumC += values[1][i]), nC++);
    }
    const row = m.balance.find((b) => b.covariate === 'preParticipation')!;
    expect(nT).toBe(m.n_matched_supported);
    expect(sumT / nT).toBeCloseTo(row.mean_supported_after!, 12);
    expect(sumC / nC).toBeCloseTo(row.mean_control_after!, 12);
    const panel = eventPanel(exp, { anchors: m.anchors });
    const plain = diffInDiff(panel);
    const did = diffInDiff(panel, { biasCorrection: m.matchedValues });
    expect(did.bias_correction!.adjustment).toBeCloseTo(did.effect.estimate! - plain.effect.estimate!, 12);
    expect(did.spec.cluster).toBe(plain.spec.cluster);
    expect(did.bias_correction!.before.covariates).toEqual(names);
  }, 60_000);
});
