import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { invert, matmul, normalSource, panelFromRows, transpose, uniformSource, type Row } from './helpers.js';

/** Explicit WLS + CR1 sandwich, as R lm(weights=) + sandwich::vcovCL(type = 'HC1'). */
function explicitDid(rows: Row[], weight: Record<string, number>, clusterOf: (id: string) => string) {
  const key = (r: Row) => (r.slot === undefined ? r.id : `${r.id}#${r.slot}`);
  const used = rows.filter((r) => r.phase !== 'during' && (weight[key(r)] ?? 1) > 0);
  const X = used.map((r) => {
    const t = r.group === 'supported' ? 1 : 0;
    const a = r.phase === 'after' ? 1 : 0;
    return [1, t, a, t * a];
  });
  const w = used.map((r) => weight[key(r)] ?? 1);
  const y = used.map((r) => r.y);
  const XtW = transpose(X).map((col) => col.map((v, i) => v * w[i]));
  const bread = invert(matmul(XtW, X));
  const beta = matmul(bread, matmul(XtW, y.map((v) => [v]))).map((r) => r[0]);
  const e = y.map((v, i) => v - X[i].reduce((s, x, j) => s + x * beta[j], 0));
  const groups = new Map<string, number[]>();
  used.forEach((r, i) => {
    const g = clusterOf(r.id);
    const u = groups.get(g) ?? [0, 0, 0, 0];
    for (let j = 0; j < 4; j++) u[j] += X[i][j] * w[i] * e[i];
    groups.set(g, u);
  });
  const meat = [0, 1, 2, 3].map((a) => [0, 1, 2, 3].map((b) => [...groups.values()].reduce((s, u) => s + u[a] * u[b], 0)));
  const G = groups.size;
  const N = used.length;
  const V = matmul(matmul(bread, meat), bread).map((row) => row.map((v) => (v * G) / (G - 1) * ((N - 1) / (N - 4))));
  return { beta, V, G, N };
}

const rows: Row[] = [
  // treated persons: t1 observed in both phases, t2 only before and partly after, t3 only after
  { id: 't1', group: 'supported', phase: 'before', k: -2, y: 0 },
  { id: 't1', group: 'supported', phase: 'before', k: -1, y: 1 },
  { id: 't1', group: 'supported', phase: 'during', k: 0, y: 1 },
  { id: 't1', group: 'supported', phase: 'after', k: 1, y: 1 },
  { id: 't1', group: 'supported', phase: 'after', k: 2, y: 1 },
  { id: 't2', group: 'supported', phase: 'before', k: -2, y: 0 },
  { id: 't2', group: 'supported', phase: 'before', k: -1, y: 0 },
  { id: 't2', group: 'supported', phase: 'after', k: 1, y: 1 },
  { id: 't3', group: 'supported', phase: 'after', k: 1, y: 0 },
  { id: 't3', group: 'supported', phase: 'after', k: 2, y: 1 },
  { id: 't4', group: 'supported', phase: 'before', k: -1, y: 1 },
  { id: 't4', group: 'supported', phase: 'after', k: 2, y: 0 },
  // controls
  { id: 'c1', group: 'control', phase: 'before', k: -2, y: 1 },
  { id: 'c1', group: 'control', phase: 'before', k: -1, y: 1 },
  { id: 'c1', group: 'control', phase: 'after', k: 1, y: 0 },
  { id: 'c2', group: 'control', phase: 'before', k: -1, y: 0 },
  { id: 'c2', group: 'control', phase: 'after', k: 1, y: 1 },
  { id: 'c2', group: 'control', phase: 'after', k: 2, y: 1 },
  { id: 'c3', group: 'control', phase: 'before', k: -2, y: 0 },
  { id: 'c3', group: 'control', phase: 'after', k: 2, y: 0 },
  { id: 'c4', group: 'control', phase: 'before', k: -1, y: 1 },
  { id: 'c4', group: 'control', phase: 'after', k: 1, y: 1 },
];

describe('diffInDiff', () => {
  it('equals the hand-worked unweighted 2×2 (cell means of person-months)', () => {
    const panel = panelFromRows(rows, ['supported', 'control']);
    const did = diffInDiff(panel);
    // treated: before 2/5, after 4/6; control: before 3/5, after 3/5
    expect(did.effect.estimate).toBeCloseTo(4 / 6 - 2 / 5 - (3 / 5 - 3 / 5), 12);
    expect(did.rows.slice(1).map((c) => c.estimate)).toEqual([2 / 5, 4 / 6, 3 / 5, 3 / 5].map((v) => expect.closeTo(v, 12)));
    expect(did.effect.n_person_months).toBe(21); // the during row is not used
    expect(did.effect.n_persons).toBe(8);
  });

  it('point estimate and CR1 person-clustered SE equal explicit WLS + sandwich matrix algebra, with weights', () => {
    const weight = { t1: 1, t2: 1, t3: 1, t4: 1, c1: 0.5, c2: 2, c3: 1.5, c4: 0.25 };
    const panel = panelFromRows(rows, ['supported', 'control'], { weight });
    const did = diffInDiff(panel);
    const ref = explicitDid(rows, weight, (id) => id);
    expect(did.effect.estimate!).toBeCloseTo(ref.beta[3], 12);
    expect(did.effect.se!).toBeCloseTo(Math.sqrt(ref.V[3][3]), 12);
    expect(did.n_clusters).toBe(8);
    const z = 1.959963984540054;
    expect(did.effect.ci_low!).toBeCloseTo(ref.beta[3] - z * Math.sqrt(ref.V[3][3]), 12);
    // cell means: treated-before = beta0 + beta1, with its variance from the same sandwich
    const tb = did.rows.slice(1)[0];
    expect(tb.estimate!).toBeCloseTo(ref.beta[0] + ref.beta[1], 12);
    expect(tb.se!).toBeCloseTo(Math.sqrt(ref.V[0][0] + ref.V[1][1] + 2 * ref.V[0][1]), 12);
    // control-after = beta0 + beta2
    expect(did.rows.slice(1)[3].se!).toBeCloseTo(Math.sqrt(ref.V[0][0] + ref.V[2][2] + 2 * ref.V[0][2]), 12);
  });

  it('clusters by matched set and uses t with G − 1 df on request', () => {
    const weight = { c1: 0.5, c2: 2, c3: 1.5, c4: 0.25 };
    const set: Record<string, number> = { t1: 1, c1: 1, t2: 2, c2: 2, c3: 2, t3: 3, c4: 3, t4: 4 };
    const panel = panelFromRows(rows, ['supported', 'control'], { weight, cluster: set });
    const did = diffInDiff(panel, { cluster: 'set', df: 'cluster' });
    const ref = explicitDid(rows, weight, (id) => String(set[id]));
    expect(ref.G).toBe(4);
    expect(did.n_clusters).toBe(4);
    expect(did.spec).toMatchObject({ cluster: 'set', df: 'cluster' });
    expect(did.effect.se!).toBeCloseTo(Math.sqrt(ref.V[3][3]), 12);
    const t3 = 3.182446305284263; // qt(0.975, 3)
    expect(did.effect.ci_high!).toBeCloseTo(ref.beta[3] + t3 * Math.sqrt(ref.V[3][3]), 9);
    expect(did.effect.method).toBe('wls-did-cr1-cluster-set-t');
  });

  it('drops zero-weight persons from N and G, as lm would give them no influence', () => {
    const weight = { c4: 0 };
    const panel = panelFromRows(rows, ['supported', 'control'], { weight });
    const did = diffInDiff(panel);
    const ref = explicitDid(rows, weight, (id) => id);
    expect(did.effect.se!).toBeCloseTo(Math.sqrt(ref.V[3][3]), 12);
    expect(did.effect.n_persons).toBe(7);
  });

  it('a control matched to two sets (with replacement) is one person and one cluster by person', () => {
    const dup: Row[] = [
      ...rows.filter((r) => r.id !== 'c2'),
      ...rows.filter((r) => r.id === 'c2').flatMap((r) => [{ ...r, slot: 'a' }, { ...r, slot: 'b' }]),
    ];
    const weight = { 'c2#a': 0.5, 'c2#b': 0.25, c1: 2 };
    const set: Record<string, number> = { 'c2#a': 1, 'c2#b': 2 };
    const panel = panelFromRows(dup, ['supported', 'control'], { weight, cluster: set });
    const did = diffInDiff(panel);
    const ref = explicitDid(dup, weight, (id) => id);
    expect(did.effect.estimate!).toBeCloseTo(ref.beta[3], 12);
    expect(did.effect.se!).toBeCloseTo(Math.sqrt(ref.V[3][3]), 12);
    expect(did.n_clusters).toBe(8);
    expect(did.effect.n_persons).toBe(8);
    expect(did.rows.slice(1)[3].n_persons).toBe(4); // control-after: c1, c2, c3, c4
    expect(did.rows.slice(1)[3].n_person_months).toBe(7); // c2's two months counted in both sets
    // c2 serves in two sets, so the default clustering is by person, and the result says why.
    expect(did.spec.cluster).toBe('person');
    expect(did.cluster_reason).toMatch(/more than one matched set/);
  });

  it('reports a note, never NaN, when a cell is empty; rejects unknown groups', () => {
    const onlyBefore = rows.filter((r) => !(r.group === 'control' && r.phase === 'after'));
    const did = diffInDiff(panelFromRows(onlyBefore, ['supported', 'control']));
    expect(did.effect.estimate).toBeNull();
    expect(did.effect.note).toMatch(/not identified/);
    expect(() => diffInDiff(panelFromRows(rows, ['supported', 'control']), { control: 'matched' })).toThrow(/"matched"/);
  });

  it('summary and tidy table carry the estimate', () => {
    const did = diffInDiff(panelFromRows(rows, ['supported', 'control']));
    const t = did.toTable();
    expect(t.numRows()).toBe(5);
    expect(t.get('estimate', 0)).toBeCloseTo(did.effect.estimate!, 12);
    expect(did.summary()).toContain('treated:after');
  });

  it('95% intervals cover the true effect about 95% of the time (seeded simulation, with and without effect)', () => {
    for (const effect of [0, 0.15]) {
      const z = normalSource(7 + effect * 100);
      const u = uniformSource(99 + effect * 100);
      const reps = 600;
      let cover = 0;
      for (let rep = 0; rep < reps; rep++) {
        const rs: Row[] = [];
        for (let i = 0; i < 80; i++) {
          const treated = i < 40;
          const level = 0.3 + 0.1 * z(); // person effect induces within-person correlation
          for (let k = 1; k <= 6; k++) {
            for (const phase of ['before', 'after'] as const) {
              if (u() < 0.1) continue; // unbalanced: some months unobserved
              const p = level + (phase === 'after' ? 0.1 : 0) + (treated && phase === 'after' ? effect : 0);
              rs.push({ id: `p${i}`, group: treated ? 'supported' : 'control', phase, k: phase === 'before' ? -k : k, y: u() < p ? 1 : 0 });
            }
          }
        }
        const did = diffInDiff(panelFromRows(rs, ['supported', 'control']));
        if (did.effect.ci_low! <= effect && effect <= did.effect.ci_high!) cover++;
      }
      const rate = cover / reps;
      if (process.env.PRINT_RATES) console.log('did coverage', effect, rate);
      expect(rate).toBeGreaterThan(0.93);
      expect(rate).toBeLessThan(0.97);
    }
  });
});

describe('diffInDiff on a long panel (the JSDoc example)', () => {
  it('gives 0.5', async () => {
    const { table } = await import('arquero');
    const { panelFromLong } = await import('../../src/panel/index.js');
    const long = table({
      id: ['t1', 't1', 't2', 't2', 'c1', 'c1', 'c2', 'c2'],
      group: ['supported', 'supported', 'supported', 'supported', 'control', 'control', 'control', 'control'],
      k: [-1, 1, -1, 1, -1, 1, -1, 1],
      y: [0, 1, 0, 0, 0, 0, 1, 1],
    });
    const did = diffInDiff(panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }));
    expect(did.effect.estimate).toBeCloseTo(0.5, 12);
  });
});
