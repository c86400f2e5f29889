/**
 * matchControls on a MatchPopulation (no spells) gives the whole result it gives on the export:
 * the population is built here a second, independent way (bits month by month from the spells,
 * anchors from the support rows, persons copied), on the embedded data and synthetic exports, for
 * 1:1, 2:1 with caliper, exact startMonth and Mahalanobis; its anchors feed eventPanel(exp).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { matchControls, type MatchControlsOptions, type MatchResult } from '../../src/compare/matchControls.js';
import { checkMatchPopulation, matchPopulationFromExport, type MatchPopulation } from '../../src/compare/matchPopulation.js';
import { firstDayOfMonth, firstFullMonth, lastDayOfMonth, lastFullMonth } from '../../src/core/calendar.js';
import { DataError, SpecificationError } from '../../src/core/errors.js';
import type { CbsExport } from '../../src/io/types.js';
import { readEmbeddedExport } from '../../src/node/embedded.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { loadSynthetic } from '../../src/synth/load.js';

/** The population by hand: each observation month checked against every spell, the first support row of each person, persons copied. */
function handPopulation(exp: CbsExport): MatchPopulation {
  const n = exp.persons.length;
  const m0 = firstFullMonth(exp.observation.start);
  const months = Math.max(0, lastFullMonth(exp.observation.end) - m0 + 1);
  const stride = Math.ceil(months / 32);
  const bits = new Int32Array(n * stride);
  const { offsets, start, end } = exp.employment;
  for (let p = 0; p < n; p++)
    for (let i = 0; i < months; i++) {
      const lo = firstDayOfMonth(m0 + i);
      const hi = lastDayOfMonth(m0 + i);
      let employed = false;
      for (let r = offsets[p]; r < offsets[p + 1]; r++) if (start[r] <= hi && end[r] >= lo) employed = true;
      if (employed) bits[p * stride + Math.floor(i / 32)] |= 1 << i % 32;
    }
  const so = exp.support.offsets;
  const supported = Uint8Array.from({ length: n }, (_, p) => (so[p + 1] > so[p] ? 1 : 0));
  const supportStart = Int32Array.from({ length: n }, (_, p) => (supported[p] ? exp.support.start[so[p]] : 0));
  const supportEnd = Int32Array.from({ length: n }, (_, p) => (supported[p] ? exp.support.end[so[p]] : 0));
  return { kind: 'MatchPopulation', persons: structuredClone(exp.persons), supported, trajectory: 'first', supportStart, supportEnd, observation: { ...exp.observation }, employment: { firstMonth: m0, months, bits } };
}

/** Everything a match result holds, as plain data (typed arrays compared element by element). */
function whole(m: MatchResult): unknown {
  return {
    anchors: m.anchors,
    pairs: m.pairs,
    weights: m.weights,
    matchedValues: m.matchedValues,
    unmatched: m.unmatched,
    emptyStrata: m.emptyStrata,
    balance: m.balance,
    rows: m.rows,
    propensityModels: m.propensityModels,
    counts: [m.n_supported, m.n_matched_supported, m.n_candidates, m.n_matched_controls, m.controlsReused],
    spec: m.spec,
    notes: m.notes,
    summary: m.summary(),
  };
}

const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const CASES: [string, MatchControlsOptions][] = [
  ['1:1', { covariates: ['birthYear', 'preParticipation'] }],
  ['2:1 caliper', { covariates: ['birthYear', 'preParticipation'], ratio: 2, replace: true, caliper: 0.2 }],
  ['exact startMonth', { exact: ['GBAGESLACHT', 'startMonth'], preWindow: 12 }],
  ['mahalanobis', { exact: ['GBAGESLACHT', 'birthYearBand', 'startYear'], distance: 'mahalanobis', ratio: 2, order: 'random' }],
];

describe.each([
  ['the embedded data', () => readEmbeddedExport()],
  ['a synthetic export', () => loadSynthetic({ seed: 5, scale: 0.05 })],
])('matchControls on a population of %s', (_, load) => {
  let exp: CbsExport;
  let hand: MatchPopulation;
  beforeAll(async () => {
    exp = await load();
    hand = handPopulation(exp);
  }, 120_000);

  it('the population from the export equals the one built month by month', () => {
    const pop = matchPopulationFromExport(exp);
    expect(pop.employment).toEqual(hand.employment);
    expect(pop.supported).toEqual(hand.supported);
    expect(pop.supportStart).toEqual(hand.supportStart);
    expect(pop.supportEnd).toEqual(hand.supportEnd);
    expect(pop.persons).toBe(exp.persons); // shared, not copied
    // Some months employed and some not, so the comparison says something.
    let set = 0;
    for (const w of hand.employment.bits) for (let b = 0; b < 32; b++) set += (w >>> b) & 1;
    expect(set).toBeGreaterThan(0);
    expect(set).toBeLessThan(exp.persons.length * hand.employment.months);
  }, 60_000);

  it.each(CASES)('%s: the whole result is the same, and its anchors give the same panel', (_, options) => {
    const fromExport = matchControls(exp, options);
    const fromPopulation = matchControls(hand, options);
    expect(fromExport.n_matched_supported).toBeGreaterThan(0);
    expect(whole(fromPopulation)).toEqual(whole(fromExport));
    const a = eventPanel(exp, { anchors: fromExport.anchors });
    const b = eventPanel(exp, { anchors: fromPopulation.anchors });
    expect(b.length).toBe(a.length);
    expect(a.length).toBeGreaterThan(0);
    // Byte comparison: element-wise toEqual on millions of panel rows takes seconds.
    for (const k of ['person', 'phase', 'eventTime', 'outcome', 'month'] as const) expect(bytes(b[k]).equals(bytes(a[k])), k).toBe(true);
    for (const k of ['exportIndex', 'group', 'weight', 'cluster'] as const) expect(bytes(b.persons[k]).equals(bytes(a.persons[k])), k).toBe(true);
  }, 120_000);

  it('a population built for trajectory "last" matches as the export does with that trajectory', () => {
    const options: MatchControlsOptions = { trajectory: 'last', ratio: 2 };
    expect(whole(matchControls(matchPopulationFromExport(exp, { trajectory: 'last' }), options))).toEqual(whole(matchControls(exp, options)));
  }, 120_000);
});

describe('refusals', () => {
  let exp: CbsExport;
  beforeAll(async () => {
    exp = await loadSynthetic({ seed: 1, scale: 0.005 });
  });

  it('another trajectory than the population was built for', () => {
    const pop = matchPopulationFromExport(exp, { trajectory: 'longest' });
    expect(() => matchControls(pop, { trajectory: 'first' })).toThrow(SpecificationError);
    expect(() => matchControls(pop, { trajectory: 'first' })).toThrow(/built with trajectory "longest"/);
    expect(matchControls(pop).spec.trajectory).toBe('longest');
  });

  it('columns of the wrong length name the column', () => {
    const pop = matchPopulationFromExport(exp);
    const short = { ...pop, supportEnd: pop.supportEnd.subarray(1) };
    expect(() => checkMatchPopulation('matchControls', short)).toThrow(DataError);
    expect(() => matchControls(short)).toThrow(/column "supportEnd"/);
    const bits = { ...pop, employment: { ...pop.employment, months: pop.employment.months + 32 } };
    expect(() => matchControls(bits)).toThrow(/column "employment.bits"/);
  });

  it('a supported person whose anchor ends before it starts names the row', () => {
    const pop = matchPopulationFromExport(exp);
    const p = pop.supported.indexOf(1);
    const end = pop.supportEnd.slice();
    end[p] = pop.supportStart[p] - 1;
    expect(() => matchControls({ ...pop, supportEnd: end })).toThrow(new RegExp(`row ${p + 1}, column "supportEnd"`));
  });
});
