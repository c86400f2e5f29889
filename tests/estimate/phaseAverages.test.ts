import { describe, expect, it } from 'vitest';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import { personPhaseStatistics, personClusters } from '../../src/estimate/personPhaseStatistics.js';
import { SpecificationError } from '../../src/core/errors.js';
import { makePanel, type TestPanelPerson } from './makePanel.js';

// ---- Independent reference: weighted least squares and the CR1 sandwich with plain loops. ----

function invert(A: number[][]): number[][] {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...A.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    const d = M[c][c];
    for (let j = 0; j < 2 * n; j++) M[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c];
      for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j];
    }
  }
  return M.map((row) => row.slice(n));
}

/** lm(y ~ X - 1, weights = w) and sandwich::vcovCL(cluster = cl, type = "HC1"), written out. */
function lmCR1(X: number[][], y: number[], w: number[], cl: string[]): { beta: number[]; V: number[][] } {
  const N = X.length;
  const K = X[0].length;
  const XtWX = Array.from({ length: K }, () => new Array(K).fill(0));
  const XtWy = new Array(K).fill(0);
  for (let i = 0; i < N; i++)
    for (let a = 0; a < K; a++) {
      XtWy[a] += X[i][a] * w[i] * y[i];
      for (let b = 0; b < K; b++) XtWX[a][b] += X[i][a] * w[i] * X[i][b];
    }
  const bread = invert(XtWX);
  const beta = bread.map((row) => row.reduce((s, v, j) => s + v * XtWy[j], 0));
  const scores = new Map<string, number[]>();
  for (let i = 0; i < N; i++) {
    const u = y[i] - X[i].reduce((s, v, j) => s + v * beta[j], 0);
    const s = scores.get(cl[i]) ?? new Array(K).fill(0);
    for (let a = 0; a < K; a++) s[a] += w[i] * u * X[i][a];
    scores.set(cl[i], s);
  }
  const meat = Array.from({ length: K }, () => new Array(K).fill(0));
  for (const s of scores.values()) for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) meat[a][b] += s[a] * s[b];
  const G = scores.size;
  const adj = (G / (G - 1)) * ((N - 1) / (N - K));
  const V = Array.from({ length: K }, (_, a) =>
    Array.from({ length: K }, (_, b) => {
      let v = 0;
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) v += bread[a][i] * meat[i][j] * bread[j][b];
      return adj * v;
    }),
  );
  return { beta, V };
}

/** Stacked person-months of one group: design y ~ after (or intercept-only for one phase). */
function reference(people: TestPanelPerson[], which: 'before' | 'after' | 'change') {
  const X: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  const cl: string[] = [];
  people.forEach((p, i) => {
    const id = p.cluster !== undefined ? `c${p.cluster}` : `p${i}`;
    if (which !== 'after') for (const v of p.before ?? []) (X.push(which === 'change' ? [1, 0] : [1]), y.push(v), w.push(p.weight ?? 1), cl.push(id));
    if (which !== 'before') for (const v of p.after ?? []) (X.push(which === 'change' ? [1, 1] : [1]), y.push(v), w.push(p.weight ?? 1), cl.push(id));
  });
  const { beta, V } = lmCR1(X, y, w, cl);
  const last = beta.length - 1;
  return { estimate: beta[last], se: Math.sqrt(V[last][last]) };
}

const PEOPLE: TestPanelPerson[] = [
  { before: [0, 0, 1], after: [1, 1] },
  { before: [1], after: [1, 0, 1] },
  { before: [0, 0] }, // never observed after
  { after: [0, 1] }, // never observed before
  { before: [0, 1, 0, 0], after: [1] },
];

const Z = 1.959963984540054;

describe('phaseAverages: hand-worked panel', () => {
  const res = phaseAverages(makePanel(PEOPLE));
  const row = (q: string) => res.rows.find((r) => r.quantity === q)!;

  it('phase means pool person-months: before 3/10, after 6/8, change 0.45', () => {
    expect(row('before').estimate).toBeCloseTo(0.3, 12);
    expect(row('after').estimate).toBeCloseTo(0.75, 12);
    expect(row('change').estimate).toBeCloseTo(0.45, 12);
    expect(row('before')).toMatchObject({ n_persons: 4, n_person_months: 10, n_clusters: 4, method: 'cr1-cluster-person', level: 0.95 });
    expect(row('after')).toMatchObject({ n_persons: 4, n_person_months: 8 });
    expect(row('change')).toMatchObject({ n_persons: 5, n_person_months: 18, n_clusters: 5 });
  });

  it('CR1 SE of the before mean, by hand: residual sums 0.1, 0.7, −0.6, −0.2 → V = 4/3 · 0.9 / 10²', () => {
    expect(row('before').se).toBeCloseTo(Math.sqrt(((4 / 3) * 0.9) / 100), 12);
    expect(row('before').ci_low).toBeCloseTo(0.3 - Z * Math.sqrt(0.012), 12);
    expect(row('before').ci_high).toBeCloseTo(0.3 + Z * Math.sqrt(0.012), 12);
  });

  it('every SE equals the explicit sandwich (G/(G−1)·(N−1)/(N−K) factor included)', () => {
    for (const q of ['before', 'after', 'change'] as const) {
      const ref = reference(PEOPLE, q);
      expect(row(q).estimate).toBeCloseTo(ref.estimate, 12);
      expect(row(q).se).toBeCloseTo(ref.se, 12);
    }
  });

  it('weights (WLS) and explicit clusters (matched sets) agree with the explicit sandwich', () => {
    const people = PEOPLE.map((p, i) => ({ ...p, weight: [2, 1, 0.5, 1, 3][i], cluster: [0, 0, 1, 2, 2][i] }));
    const r = phaseAverages(makePanel(people));
    expect(r.rows[0].method).toBe('cr1-cluster');
    for (const q of ['before', 'after', 'change'] as const) {
      const ref = reference(people, q);
      const got = r.rows.find((x) => x.quantity === q)!;
      expect(got.estimate).toBeCloseTo(ref.estimate, 12);
      expect(got.se).toBeCloseTo(ref.se, 12);
    }
    // Weighted before mean by hand: (2·1 + 1·1 + 0.5·0 + 3·1) / (2·3 + 1 + 0.5·2 + 3·4) = 6/20.
    expect(r.rows[0].estimate).toBeCloseTo(0.3, 12);
    expect(r.rows.find((x) => x.quantity === 'change')!.n_clusters).toBe(3);
  });

  it('persons with weight 0 are left out entirely', () => {
    const people = [...PEOPLE, { before: [1, 1, 1, 1], after: [0, 0], weight: 0 }];
    const r = phaseAverages(makePanel(people));
    expect(r.rows.map((x) => x.estimate)).toEqual(res.rows.map((x) => x.estimate));
    expect(r.rows.map((x) => x.se)).toEqual(res.rows.map((x) => x.se));
    expect(r.rows[0].n_persons).toBe(4);
  });

  it('paired keeps only persons observed in both phases', () => {
    const r = phaseAverages(makePanel(PEOPLE), { paired: true });
    expect(r.rows[0].estimate).toBeCloseTo(3 / 8, 12);
    expect(r.rows[1].estimate).toBeCloseTo(5 / 6, 12);
    const paired = [PEOPLE[0], PEOPLE[1], PEOPLE[4]];
    expect(r.rows[2].se).toBeCloseTo(reference(paired, 'change').se, 12);
    expect(r.rows[2].n_persons).toBe(3);
  });

  it('windows restrict event times (k = −2…−1 before, 2…3 after)', () => {
    const r = phaseAverages(makePanel(PEOPLE), { windows: { before: [-2, -1], after: [2, 3] } });
    // before: p1 [0,1], p2 [1], p3 [0,0], p5 [0,0] → 2/7; after: p1 [1], p2 [0,1], p4 [1] → 3/4
    expect(r.rows[0].estimate).toBeCloseTo(2 / 7, 12);
    expect(r.rows[1].estimate).toBeCloseTo(3 / 4, 12);
    expect(r.rows[1].n_person_months).toBe(4);
    expect(() => phaseAverages(makePanel(PEOPLE), { windows: { after: [3, 1] } })).toThrow(SpecificationError);
  });

  it('df: cluster uses Student t with G − 1 degrees of freedom', () => {
    const r = phaseAverages(makePanel(PEOPLE), { df: 'cluster' });
    const before = r.rows[0];
    expect(before.method).toBe('cr1-cluster-person-t');
    expect((before.ci_high! - before.estimate!) / before.se!).toBeCloseTo(3.182446305284263, 9); // qt(0.975, 3)
  });

  it('groups are estimated separately; the during phase is optional', () => {
    const people = [...PEOPLE, { before: [1, 1], during: [1, 1, 1], after: [0], group: 1 }, { before: [0], during: [1, 0], after: [1, 1], group: 1 }];
    const r = phaseAverages(makePanel(people, ['supported', 'other']));
    const other = r.rows.filter((x) => x.group === 'other');
    expect(other.map((x) => x.quantity)).toEqual(['before', 'during', 'after', 'change']);
    expect(other[0].estimate).toBeCloseTo(2 / 3, 12);
    expect(other[1].estimate).toBeCloseTo(4 / 5, 12);
    expect(other[2].estimate).toBeCloseTo(2 / 3, 12);
    expect(r.rows.filter((x) => x.group === 'supported')[0].estimate).toBeCloseTo(0.3, 12);
    expect(phaseAverages(makePanel(people, ['supported', 'other']), { during: false }).rows.some((x) => x.quantity === 'during')).toBe(false);
  });

  it('missing phases and single clusters give null with a note, never NaN', () => {
    const r = phaseAverages(makePanel([{ before: [0, 1] }, { before: [1] }]));
    expect(r.rows[1]).toMatchObject({ quantity: 'after', estimate: null, se: null, note: 'no person-months in phase after' });
    expect(r.rows[2]).toMatchObject({ quantity: 'change', estimate: null });
    const one = phaseAverages(makePanel([{ before: [0, 1], after: [1] }]));
    expect(one.rows[0]).toMatchObject({ estimate: 0.5, se: null, note: 'a single cluster: no clustered standard error' });
    for (const x of [...r.rows, ...one.rows]) for (const v of Object.values(x)) expect(Number.isNaN(v)).toBe(false);
  });

  it('summary and tidy table', () => {
    expect(res.summary()).toMatch(/supported\s+before\s+0\.3000/);
    const t = res.toTable();
    expect(t.numRows()).toBe(3);
    expect(t.columnNames()).toEqual(expect.arrayContaining(['group', 'quantity', 'estimate', 'se', 'ci_low', 'ci_high', 'level', 'method', 'n_persons', 'n_person_months', 'note']));
  });
});

describe('personPhaseStatistics', () => {
  it('counts and sums per person and phase', () => {
    const s = personPhaseStatistics(makePanel(PEOPLE));
    expect(Array.from(s.count)).toEqual([3, 0, 2, 1, 0, 3, 2, 0, 0, 0, 0, 2, 4, 0, 1]);
    expect(Array.from(s.sumY)).toEqual([1, 0, 2, 1, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0, 1]);
  });
  it('clusters: −1 means the person itself', () => {
    const c = personClusters(makePanel([{ cluster: 5 }, {}, { cluster: 5 }, { cluster: 9 }]));
    expect(Array.from(c.cluster)).toEqual([0, 1, 0, 2]);
    expect(c.count).toBe(3);
    expect(c.byPerson).toBe(false);
  });
});
