/** Seeded long panels with person-level random effects, so clustering matters. */
import { createRandom, type Random } from '../../src/core/random.js';
import { makePanel, type TestPanelPerson } from './makePanel.js';
import type { EventPanel } from '../../src/panel/types.js';

/** Person propensities before support; mean 0.3, strongly heterogeneous (intra-person correlation ≈ 0.2). */
const PROPENSITY = [0.02, 0.1, 0.3, 0.5, 0.58];
/** After support every person closes a fixed share c of the gap to 1: mean 0.3 + 0.7c = 0.47. */
const GAP_CLOSED = 0.17 / 0.7;
export const TRUTH = { before: 0.3, after: 0.47, change: 0.17 };

export function simulatePanel(rng: Random, persons: number, maxMonths = 24): EventPanel {
  const people: TestPanelPerson[] = [];
  for (let i = 0; i < persons; i++) {
    const pb = rng.choice(PROPENSITY);
    const pa = pb + (1 - pb) * GAP_CLOSED;
    const mb = 1 + rng.int(maxMonths);
    const ma = rng.int(maxMonths + 1); // sometimes not observed after
    people.push({ before: Array.from({ length: mb }, () => rng.bernoulli(pb)), after: Array.from({ length: ma }, () => rng.bernoulli(pa)) });
  }
  return makePanel(people);
}

export { createRandom };
