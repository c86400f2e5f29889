import { describe, expect, it } from 'vitest';
import { participationProfile } from '../../src/estimate/participationProfile.js';
import { wilsonInterval } from '../../src/inference/wilsonInterval.js';
import { clopperPearsonInterval } from '../../src/inference/clopperPearsonInterval.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { SpecificationError } from '../../src/core/errors.js';
import { makePanel } from './makePanel.js';
import { buildExport } from '../panel/buildExport.js';

const Z = 1.959963984540054;

describe('participationProfile', () => {
  // k = −2: p1 0, p2 1, p3 0 ; k = −1: p1 1, p2 1, p3 0, p4 1 ; k = 1: p1 1 ; k = 2: nobody ; k = 3: p1 0.
  const panel = makePanel([{ before: [0, 1], after: [1, 0] }, { before: [1, 1] }, { before: [0, 0] }, { before: [1] }]);
  // Move p1's second after-month from k = 2 to k = 3, leaving k = 2 empty.
  const panelGap = { ...panel, eventTime: Int16Array.of(-2, -1, 1, 3, -2, -1, -2, -1, -1), spec: { ...panel.spec, after: 3 } };

  it('one row per event time of the windows; counts, rates and Wilson intervals per cell', () => {
    const prof = participationProfile(panelGap);
    expect(prof.rows.map((r) => `${r.phase} ${r.event_time} ${r.n} ${r.count}`)).toEqual(['before -2 3 1', 'before -1 4 3', 'after 1 1 1', 'after 2 0 0', 'after 3 1 0']);
    const km1 = prof.rows[1];
    expect(km1.rate).toBe(0.75);
    expect(km1.estimate).toBe(0.75);
    expect(km1.ci_low).toBeCloseTo(wilsonInterval(3, 4).ci_low, 14);
    // Wilson by hand at 3/4: centre (0.75 + z²/8)/(1 + z²/4), half-width z/(1+z²/4)·√(0.75·0.25/4 + z²/64)
    const c = (0.75 + (Z * Z) / 8) / (1 + (Z * Z) / 4);
    const h = (Z / (1 + (Z * Z) / 4)) * Math.sqrt(0.046875 + (Z * Z) / 64);
    expect(km1.ci_low).toBeCloseTo(c - h, 12);
    expect(km1.ci_high).toBeCloseTo(c + h, 12);
    expect(km1).toMatchObject({ n_persons: 4, n_person_months: 4, method: 'wilson', level: 0.95 });
    expect(prof.rows[3]).toMatchObject({ n: 0, rate: null, estimate: null, ci_low: null, note: 'nobody observed at this event time' });
    expect(prof.weighted).toBe(false);
  });

  it('Clopper–Pearson and Wald on request; level is honoured', () => {
    const cp = participationProfile(panelGap, { interval: 'clopper-pearson', level: 0.9 });
    expect(cp.rows[0].ci_high).toBeCloseTo(clopperPearsonInterval(1, 3, 0.9).ci_high, 14);
    expect(cp.rows[0].level).toBe(0.9);
    const wald = participationProfile(panelGap, { interval: 'wald' });
    expect(wald.rows[1].ci_low).toBeCloseTo(0.75 - Z * Math.sqrt(0.75 * 0.25 / 4), 12);
    expect(() => participationProfile(panelGap, { interval: 'agresti' as never })).toThrow(SpecificationError);
  });

  it('weighted panels: weighted share, interval at the Kish effective n', () => {
    const w = makePanel([{ before: [1], weight: 3 }, { before: [0], weight: 1 }, { before: [0], weight: 0 }]);
    const prof = participationProfile(w);
    expect(prof.weighted).toBe(true);
    const r = prof.rows[0];
    expect(r.n).toBe(2); // the weight-0 person is left out
    expect(r.rate).toBeCloseTo(0.75, 12);
    expect(r.n_effective).toBeCloseTo(16 / 10, 12);
    expect(r.ci_low).toBeCloseTo(wilsonInterval(0.75 * 1.6, 1.6).ci_low, 12);
    expect(r.method).toBe('wilson-kish-weighted');
    const ignored = participationProfile(w, { weights: 'ignore' }).rows[0];
    expect(ignored.rate).toBe(0.5);
  });

  it('non-binary outcomes: mean with a normal interval', () => {
    const prof = participationProfile(makePanel([{ before: [2] }, { before: [4] }, { before: [9] }]));
    const r = prof.rows[0];
    expect(r.rate).toBeCloseTo(5, 12);
    expect(r.count).toBeNull();
    const se = Math.sqrt(((9 + 1 + 16) / 2) / 3); // sd²/n with sd² = Σ(y−5)²/(n−1)
    expect(r.se).toBeCloseTo(se, 12);
    expect(r.ci_high).toBeCloseTo(5 + Z * se, 12);
    expect(r.method).toBe('normal-mean');
  });

  it('on an export: the during phase, groups, summary and table', () => {
    const exp = buildExport(['2019-01-01', '2021-12-31'], [
      { support: [['2020-03-15', '2020-05-10']], jobs: [['2020-01-20', '2020-04-02']] },
      { support: [['2020-03-01', '2020-04-30']], jobs: [['2020-05-01', 'open']] },
    ]);
    const prof = participationProfile(eventPanel(exp, { before: 2, after: 1, during: true }));
    expect(prof.rows.map((r) => `${r.phase} ${r.event_time} ${r.n} ${r.count}`)).toEqual(['before -2 2 1', 'before -1 2 1', 'during 0 2 1', 'during 1 2 1', 'during 2 1 0', 'after 1 2 1']);
    expect(prof.summary()).toMatch(/supported\s+during\s+2\s+1\s+0\s+0\.0000/);
    expect(prof.toTable().numRows()).toBe(6);
  });
});
