import { describe, expect, it } from 'vitest';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import { createRandom, simulatePanel, TRUTH } from './simulate.js';

const Z = 1.959963984540054;

describe('coverage of 95 % intervals (seeded simulation, person-level random effects)', () => {
  it('CR1 intervals of before, after and change cover the truth in 93–97 % of 1000 panels; naive iid intervals do not', () => {
    const rng = createRandom(2025);
    const reps = 1000;
    const hits = { before: 0, after: 0, change: 0 };
    let naiveHits = 0;
    for (let s = 0; s < reps; s++) {
      const res = phaseAverages(simulatePanel(rng, 150));
      for (const row of res.rows) {
        const q = row.quantity as 'before' | 'after' | 'change';
        if (row.ci_low! <= TRUTH[q] && TRUTH[q] <= row.ci_high!) hits[q]++;
      }
      // Naive: treat every person-month as independent, se = √(p(1−p)/N).
      const b = res.rows[0];
      const naiveSe = Math.sqrt((b.estimate! * (1 - b.estimate!)) / b.n_person_months);
      if (Math.abs(b.estimate! - TRUTH.before) <= Z * naiveSe) naiveHits++;
    }
    for (const q of ['before', 'after', 'change'] as const) {
      expect(hits[q] / reps, q).toBeGreaterThanOrEqual(0.93);
      expect(hits[q] / reps, q).toBeLessThanOrEqual(0.97);
    }
    expect(naiveHits / reps).toBeLessThan(0.8);
  });
});
