/**
 * Every panel estimator accepts the panel's sufficient statistics in place of the panel and gives
 * the same numbers: every numeric field of every row, test and result-level figure, to 1e-12, on
 * the R-pinned reference panel (tests/reference/data/panel.csv, also checked against R's numbers
 * from the statistics directly), on the R-pinned matching export, and on the embedded data with a
 * matched control group. Then cells with n > 1 person-months, built by hand: the pooled phase mean
 * and its CR1 SE equal the hand-worked values and those of the expanded rows, and the binary
 * profile interval of pooled cells equals R's binom.test / prop.test on the pooled counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  diffInDiff,
  eventPanel,
  eventStudy,
  loadCbsExport,
  matchControls,
  panelFromLong,
  panelStatistics,
  participationProfile,
  phaseAverages,
  type CbsExport,
  type EventPanel,
  type MatchResult,
  type PanelStatistics,
} from '../../src/index.js';
import { readEmbeddedExport } from '../../src/node/embedded.js';
import { panelFromRows, type Row } from '../compare/helpers.js';
import { expectClose, readData, readDataText, readExpected } from '../reference/helpers.js';
import { differences, everyEstimator, expectSame, type Estimator } from '../support/sameEstimates.js';

describe('the comparison itself', () => {
  it('lists a number off by more than 1e-12, a changed note, a NaN on one side and a missing key; skips spec and functions', () => {
    const out: string[] = [];
    const n = differences(
      { rows: [{ se: 0.5, note: 'a', ci: NaN }], spec: { input: 'panel' }, summary: () => '', extra: 1 },
      { rows: [{ se: 0.5 + 1e-11, note: 'b', ci: 1 }], spec: { input: 'statistics' }, summary: () => '' },
      'r',
      out,
    );
    expect(out).toEqual(['r: keys extra,rows,summary vs rows,summary', 'r.extra: panel 1, statistics undefined', 'r.rows[0].ci: panel NaN, statistics 1', 'r.rows[0].note: panel a, statistics b', 'r.rows[0].se: panel 0.5, statistics 0.50000000001']);
    expect(n).toBe(2);
    const same: string[] = [];
    expect(differences({ v: Float64Array.of(1, NaN, 2e6) }, { v: Float64Array.of(1 + 1e-13, NaN, 2e6 + 1e-7) }, 'v', same)).toBe(3);
    expect(same).toEqual([]);
  });
});

describe('R-pinned reference panel (tests/reference/data/panel.csv): statistics give the panel’s numbers', () => {
  const data = readData('panel');
  const base = { id: 'id', group: 'group', phase: 'phase', eventTime: 'k', outcome: 'y' } as const;
  const panels: Record<string, EventPanel> = {
    weighted: panelFromLong(data, { ...base, weight: 'w' }),
    unweighted: panelFromLong(data, base),
    'by set': panelFromLong(data, { ...base, weight: 'w', cluster: 'set' }),
    // Amounts instead of 0/1: the profile's normal-mean paths (by person, and by shared cluster).
    'non-binary by set': panelFromLong(data.derive({ y2: (d: { y: number; k: number }) => d.y * 2.5 + d.k * 0.1 }), { ...base, outcome: 'y2', weight: 'w', cluster: 'set' }),
  };
  for (const [name, panel] of Object.entries(panels)) {
    for (const [what, run] of everyEstimator(panel, true)) {
      it(`${name}: ${what}`, () => expectSame(`${name} ${what}`, panel, run));
    }
  }

  it('from the statistics alone, phaseAverages and diffInDiff still equal R (lm + sandwich::vcovCL, HC1)', () => {
    interface Est { estimate: number; se: number; ci_low: number; ci_high: number; n_person_months: number; n_persons: number; n_clusters: number }
    const ref = readExpected<{ phase_averages: Record<string, (Est & { group: string; quantity: string })[]>; did: Record<string, Est> }>('panel');
    const stats = panels['by set'].statistics();
    const rows = phaseAverages(stats).rows;
    let checked = 0;
    for (const e of ref.phase_averages.set_weighted) {
      const row = rows.find((r) => r.group === e.group && r.quantity === e.quantity)!;
      for (const key of ['estimate', 'se', 'ci_low', 'ci_high'] as const) expectClose(row[key], e[key], 1e-9, `${e.group} ${e.quantity} ${key}`);
      expect([row.n_persons, row.n_person_months, row.n_clusters]).toEqual([e.n_persons, e.n_person_months, e.n_clusters]);
      checked++;
    }
    expect(checked).toBe(ref.phase_averages.set_weighted.length);
    const did = diffInDiff(stats, { cluster: 'set' }).effect;
    for (const key of ['estimate', 'se', 'ci_low', 'ci_high'] as const) expectClose(did[key], ref.did.set[key], 1e-9, `did ${key}`);
    expect(did.n_person_months).toBe(ref.did.set.n_person_months);
  });
});

describe('R-pinned matching export (tests/reference/data/matching-*.csv) with matched anchors', () => {
  let exp: CbsExport;
  const matches: Record<string, MatchResult> = {};
  beforeAll(async () => {
    // The fixture has no employment spells: every person-month is a 0, so this checks the counts and
    // layout. One spell of a person not in the persons input (excluded as unknown), because an input
    // with only its header line is a DataError.
    exp = await loadCbsExport(
      { persons: readDataText('matching-persons'), support: readDataText('matching-support'), employment: 'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT\nX,999999999,E1,20150101,20150131,O\n' },
      { observation: { start: '20150101', end: '20231231' } },
    );
    matches['1:1'] = matchControls(exp, { exact: ['GBAGESLACHT', 'startYear'], covariates: ['birthYear', 'INKOMEN'] });
    matches['2:1 with replacement'] = matchControls(exp, { exact: ['GBAGESLACHT', 'startYear'], covariates: ['birthYear', 'INKOMEN'], ratio: 2, replace: true });
  });
  it('every estimator, both designs', () => {
    let runs = 0;
    for (const [name, m] of Object.entries(matches)) {
      const panel = eventPanel(exp, { anchors: m.anchors, before: 12, after: 12 });
      expect(panel.length).toBeGreaterThan(0);
      for (const [what, run] of everyEstimator(panel, true)) {
        expectSame(`${name} ${what}`, panel, run);
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(20);
  });
});

describe('embedded data with a matched control group (matchControls → eventPanel(exp, { anchors }))', () => {
  let panel: EventPanel;
  let match: MatchResult;
  let stats: PanelStatistics;
  beforeAll(async () => {
    const exp = await readEmbeddedExport();
    match = matchControls(exp);
    panel = eventPanel(exp, { anchors: match.anchors });
    stats = panelStatistics(panel);
  }, 120_000);
  it('a monthly panel: one cell per person-month', () => {
    expect(stats.length).toBe(panel.length);
    expect(stats.n.every((n) => n === 1)).toBe(true);
    expect(panel.groups).toEqual(['supported', 'control']);
  });
  const runs: [string, Estimator][] = [
    ['profile', (x) => participationProfile(x)],
    ['phaseAverages', (x) => phaseAverages(x)],
    ['phaseAverages paired, cluster bootstrap', (x) => phaseAverages(x, { paired: true, bootstrap: { replications: 99, seed: 1 } })],
    ['phaseAverages wild bootstrap', (x) => phaseAverages(x, { inference: 'wild-bootstrap', bootstrap: { replications: 99, seed: 1 } })],
    ['diffInDiff', (x) => diffInDiff(x)],
    ['diffInDiff by person, wild bootstrap', (x) => diffInDiff(x, { cluster: 'person', inference: 'wild-bootstrap', bootstrap: { replications: 99, seed: 1 } })],
    ['eventStudy with band and pre-trend tests', (x) => eventStudy(x, { bootstrap: { replications: 199, seed: 1 } })],
  ];
  for (const [what, run] of runs) it(what, () => expectSame(what, panel, run, stats), 60_000);
  it('diffInDiff with the bias correction (it needs per-person sums, not rows)', () => {
    expectSame('bias-corrected diffInDiff', panel, (x) => diffInDiff(x, { cluster: 'set', biasCorrection: match.matchedValues }), stats);
    expect(diffInDiff(stats, { cluster: 'set', biasCorrection: match.matchedValues }).bias_correction).not.toBeNull();
  }, 60_000);
});

describe('cells of n > 1 person-months, by hand', () => {
  // Three persons (c with weight 2), one before and one after cell each: [n, Σy].
  const cells = { a: { before: [3, 2], after: [2, 2], w: 1 }, b: { before: [2, 0], after: [1, 1], w: 1 }, c: { before: [1, 1], after: [4, 1], w: 2 } } as const;
  const ids = Object.keys(cells) as (keyof typeof cells)[];
  function handStatistics(): PanelStatistics {
    const n: number[] = [];
    const sumY: number[] = [];
    const w = ids.map((id) => cells[id].w);
    for (const id of ids) for (const ph of ['before', 'after'] as const) (n.push(cells[id][ph][0]), sumY.push(cells[id][ph][1]));
    return {
      kind: 'panel-statistics',
      persons: { length: 3, id: [...ids], exportIndex: Int32Array.of(-1, -1, -1), group: Int32Array.of(0, 0, 0), weight: Float64Array.from(w), cluster: Int32Array.of(-1, -1, -1), anchorStart: Int32Array.of(-1, -1, -1), anchorEnd: Int32Array.of(-1, -1, -1) },
      groups: ['supported'],
      length: 6,
      person: Int32Array.of(0, 0, 1, 1, 2, 2),
      phase: Uint8Array.of(0, 2, 0, 2, 0, 2),
      eventTime: Int16Array.of(-1, 1, -1, 1, -1, 1),
      n: Int32Array.from(n),
      sumY: Float64Array.from(sumY),
      sumW: Float64Array.from(n, (m, c) => m * w[Math.floor(c / 2)]),
      sumWY: Float64Array.from(sumY, (s, c) => s * w[Math.floor(c / 2)]),
      offsets: Int32Array.of(0, 2, 4, 6),
      binary: true,
      spec: { before: 1, after: 1, during: false, definition: 'long' },
    };
  }
  /** The same person-months as rows: a cell of n months with Σy = s becomes s ones and n − s zeros at distinct event times. */
  function expandedRows(): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    for (const id of ids) {
      for (const ph of ['before', 'after'] as const) {
        const [n, s] = cells[id][ph];
        for (let i = 0; i < n; i++) rows.push({ id, k: ph === 'before' ? -1 - i : 1 + i, y: i < s ? 1 : 0, w: cells[id].w });
      }
    }
    return rows;
  }

  it('pooled phase means and CR1 SEs equal the hand-worked values and those of the expanded rows', () => {
    const res = phaseAverages(handStatistics());
    const row = (q: string) => res.rows.find((r) => r.quantity === q)!;
    // Before: Σw·Σy / Σw·n = (2 + 0 + 2·1) / (3 + 2 + 2·1) = 4/7. Scores w(Σy − n·m)/W: 2/49, −8/49, 6/49; V = 3/2 · 104/49².
    expect(row('before').estimate).toBeCloseTo(4 / 7, 14);
    expect(row('before').se).toBeCloseTo(Math.sqrt(1.5 * 104) / 49, 14);
    // After: (2 + 1 + 2·1) / (2 + 1 + 2·4) = 5/11. Scores (2 − 2·5/11), (1 − 5/11), 2(1 − 4·5/11), over 11: 12/121, 6/121, −18/121.
    expect(row('after').estimate).toBeCloseTo(5 / 11, 14);
    expect(row('after').se).toBeCloseTo(Math.sqrt(1.5 * (144 + 36 + 324)) / 121, 14);
    // Change: score differences after − before, factor G/(G−1)·(N−1)/(N−2) with N = 13 person-months.
    const d = [12 / 121 - 2 / 49, 6 / 121 + 8 / 49, -18 / 121 - 6 / 49];
    expect(row('change').estimate).toBeCloseTo(5 / 11 - 4 / 7, 14);
    expect(row('change').se).toBeCloseTo(Math.sqrt(1.5 * (12 / 11) * d.reduce((s, x) => s + x * x, 0)), 14);
    expect([row('before').n_person_months, row('after').n_person_months, row('change').n_person_months]).toEqual([6, 7, 13]);
    expect([row('before').n_persons, row('before').n_clusters]).toEqual([3, 3]);
    // The expanded person-months through the row path give the same numbers.
    const rows = phaseAverages(panelFromLong(expandedRows(), { id: 'id', eventTime: 'k', outcome: 'y', weight: 'w' })).rows;
    for (const [i, r] of res.rows.entries()) {
      for (const key of ['estimate', 'se', 'ci_low', 'ci_high', 'n_persons', 'n_person_months', 'n_clusters'] as const) expect(r[key]).toBeCloseTo(rows[i][key]!, 13);
    }
  });

  it('diffInDiff and eventStudy on pooled cells equal the same person-months as rows', () => {
    // Treated a, b; controls c, d; cells [group, phase, k, n, Σy]; the rows repeat (person, phase, k) n times.
    const spec: [string, string, Row['phase'], number, number, number][] = [
      ['a', 'supported', 'before', -2, 2, 1], ['a', 'supported', 'before', -1, 3, 1], ['a', 'supported', 'after', 1, 2, 2],
      ['b', 'supported', 'before', -2, 1, 0], ['b', 'supported', 'before', -1, 1, 0], ['b', 'supported', 'after', 1, 3, 2],
      ['e', 'supported', 'before', -1, 2, 2], ['e', 'supported', 'after', 1, 1, 0],
      ['c', 'control', 'before', -2, 1, 1], ['c', 'control', 'before', -1, 2, 1], ['c', 'control', 'after', 1, 4, 1],
      ['d', 'control', 'before', -2, 3, 0], ['d', 'control', 'before', -1, 1, 1], ['d', 'control', 'after', 1, 2, 2],
      ['f', 'control', 'before', -1, 1, 0], ['f', 'control', 'after', 1, 2, 1],
    ];
    const rows: Row[] = [];
    for (const [id, group, phase, k, n, s] of spec) for (let i = 0; i < n; i++) rows.push({ id, group, phase, k, y: i < s ? 1 : 0 });
    const groups = ['supported', 'control'];
    const weight = { c: 2, d: 0.5 };
    const panel = panelFromRows(rows, groups, { weight });
    const pooled = panelStatistics(panel);
    expect(pooled.length).toBe(spec.length);
    const PH = ['before', 'during', 'after'];
    const expected = Array.from(pooled.n, (_, c) => spec.find((x) => x[0] === pooled.persons.id[pooled.person[c]] && x[2] === PH[pooled.phase[c]] && x[3] === pooled.eventTime[c])!);
    expect(Array.from(pooled.n)).toEqual(expected.map((x) => x[4]));
    expect(Array.from(pooled.sumY)).toEqual(expected.map((x) => x[5]));
    const did = [diffInDiff(panel), diffInDiff(pooled)];
    for (const key of ['estimate', 'se', 'ci_low', 'ci_high', 'n_persons', 'n_person_months', 'weight'] as const) expect(did[1].effect[key]).toBeCloseTo(did[0].effect[key]!, 13);
    // The DiD by hand: weighted cell means of Σy over Σn.
    const mean = (ids: string[], ph: string) => {
      const w = (id: string) => (weight as Record<string, number>)[id] ?? 1;
      const cs = spec.filter((c) => ids.includes(c[0]) && c[2] === ph);
      return cs.reduce((s, c) => s + w(c[0]) * c[5], 0) / cs.reduce((s, c) => s + w(c[0]) * c[4], 0);
    };
    const T = ['a', 'b', 'e'];
    const C = ['c', 'd', 'f'];
    expect(did[1].effect.estimate).toBeCloseTo(mean(T, 'after') - mean(T, 'before') - (mean(C, 'after') - mean(C, 'before')), 14);
    const es = [eventStudy(panel, { reference: [-1, -1], bootstrap: false }), eventStudy(pooled, { reference: [-1, -1], bootstrap: false })];
    expect(es[1].rows.length).toBe(3);
    for (const [j, r] of es[1].rows.entries()) {
      for (const key of ['estimate', 'se', 'ci_low', 'ci_high', 'n_persons', 'n_person_months', 'n_treated', 'n_control'] as const) expect(r[key]).toBeCloseTo(es[0].rows[j][key]!, 13);
    }
    // Person-months at k = −2, −1, 1 from the spec's n: 2+1+1+3, 3+1+2+2+1+1, 2+3+1+4+2+2.
    expect(es[1].rows.map((r) => [r.event_time, r.n_person_months, r.n_persons])).toEqual([[-2, 7, 4], [-1, 10, 6], [1, 14, 6]]);
    for (const [j, t] of es[1].tests.entries()) expect(t.statistic).toBeCloseTo(es[0].tests[j].statistic!, 12);
  });

  it('non-binary profile at k from pooled cells: the person-clustered CR1 mean, by hand and as the phase average of that one k', () => {
    // k = −1 only: a (n 2, Σy 5), b (n 1, Σy 1), c (n 3, Σy 3), unit weights; then with a and c in one cluster.
    const make = (cluster: Int32Array): PanelStatistics => ({
      kind: 'panel-statistics',
      persons: { length: 3, id: ['a', 'b', 'c'], exportIndex: Int32Array.of(-1, -1, -1), group: Int32Array.of(0, 0, 0), weight: Float64Array.of(1, 1, 1), cluster, anchorStart: Int32Array.of(-1, -1, -1), anchorEnd: Int32Array.of(-1, -1, -1) },
      groups: ['supported'],
      length: 3,
      person: Int32Array.of(0, 1, 2),
      phase: Uint8Array.of(0, 0, 0),
      eventTime: Int16Array.of(-1, -1, -1),
      n: Int32Array.of(2, 1, 3),
      sumY: Float64Array.of(5, 1, 3),
      sumW: Float64Array.of(2, 1, 3),
      sumWY: Float64Array.of(5, 1, 3),
      offsets: Int32Array.of(0, 1, 2, 3),
      binary: false,
      spec: { before: 1, after: 0, during: false, definition: 'long' },
    });
    const byPerson = make(Int32Array.of(-1, -1, -1));
    const row = participationProfile(byPerson).rows.find((r) => r.event_time === -1)!;
    // Mean 9/6; person scores Σy − n·mean: 2, −0.5, −1.5; V = 3/2 · 6.5 / 6².
    expect(row.estimate).toBeCloseTo(1.5, 15);
    expect(row.se).toBeCloseTo(Math.sqrt((1.5 * 6.5) / 36), 15);
    expect([row.n, row.n_persons, row.n_person_months, row.method]).toEqual([6, 3, 6, 'normal-mean']);
    const before = phaseAverages(byPerson).rows[0];
    expect(row.se).toBeCloseTo(before.se!, 14);
    // a and c share a cluster: scores 2 − 1.5 and −0.5 over G = 2 clusters; V = 2 · (0.25 + 0.25) / 36.
    const shared = make(Int32Array.of(7, -1, 7));
    const clustered = participationProfile(shared).rows.find((r) => r.event_time === -1)!;
    expect(clustered.method).toBe('normal-mean-cr1-cluster');
    expect(clustered.se).toBeCloseTo(Math.sqrt((2 * 0.5) / 36), 15);
    expect(clustered.se).toBeCloseTo(phaseAverages(shared).rows[0].se!, 14);
  });

  it('binary profile at k: n = Σ cell person-months trials, Σy successes; the intervals equal R binom.test / prop.test', () => {
    interface Case { x: number; n: number; level: number; clopper_pearson: [number, number]; wilson: [number, number] }
    const { cases } = readExpected<{ cases: Case[] }>('proportions');
    let checked = 0;
    for (const c of cases) {
      // Two persons' cells at k = -1 split the trials (the second may be empty).
      const n1 = Math.ceil(c.n / 2);
      const x1 = Math.min(c.x, n1);
      const parts = c.n - n1 > 0 ? [[n1, x1], [c.n - n1, c.x - x1]] : [[n1, x1]];
      const P = parts.length;
      const stats: PanelStatistics = {
        kind: 'panel-statistics',
        persons: { length: P, id: parts.map((_, i) => `p${i}`), exportIndex: new Int32Array(P).fill(-1), group: new Int32Array(P), weight: new Float64Array(P).fill(1), cluster: new Int32Array(P).fill(-1), anchorStart: new Int32Array(P).fill(-1), anchorEnd: new Int32Array(P).fill(-1) },
        groups: ['supported'],
        length: P,
        person: Int32Array.from(parts, (_, i) => i),
        phase: new Uint8Array(P),
        eventTime: new Int16Array(P).fill(-1),
        n: Int32Array.from(parts, (p) => p[0]),
        sumY: Float64Array.from(parts, (p) => p[1]),
        sumW: Float64Array.from(parts, (p) => p[0]),
        sumWY: Float64Array.from(parts, (p) => p[1]),
        offsets: Int32Array.from({ length: P + 1 }, (_, i) => i),
        binary: true,
        spec: { before: 1, after: 0, during: false, definition: 'long' },
      };
      for (const [interval, ref] of [['wilson', c.wilson], ['clopper-pearson', c.clopper_pearson]] as const) {
        const row = participationProfile(stats, { interval, level: c.level }).rows.find((r) => r.event_time === -1)!;
        expect([row.n, row.count, row.n_persons, row.n_person_months]).toEqual([c.n, c.x, P, c.n]);
        expectClose(row.ci_low, ref[0], 1e-9, `${c.x}/${c.n} ${interval} low`);
        expectClose(row.ci_high, ref[1], 1e-9, `${c.x}/${c.n} ${interval} high`);
        checked++;
      }
    }
    expect(checked).toBe(2 * cases.length);
  });
});
