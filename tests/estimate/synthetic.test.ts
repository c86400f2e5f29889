import { describe, expect, it } from 'vitest';
import { loadSynthetic } from '../../src/synth/load.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import { participationProfile } from '../../src/estimate/participationProfile.js';

// The generator knows the monthly participation probabilities it drew from; the panel built from
// its (loaded) export must count the same person-months, and the estimates must land near the truth.
describe('on a synthetic export with known truth', async () => {
  const exp = await loadSynthetic({ seed: 3, scale: 0.4 });
  const truth = exp.truth.phases;

  it('same persons and person-months per phase as the generator', () => {
    const res = phaseAverages(eventPanel(exp, { during: true }));
    for (const q of ['before', 'during', 'after'] as const) {
      const row = res.rows.find((r) => r.quantity === q)!;
      expect(row.n_person_months, q).toBe(truth.all[q].personMonths);
      expect(row.n_persons, q).toBe(truth.all[q].persons);
    }
    const byScheme = phaseAverages(eventPanel(exp, { group: 'scheme' }));
    for (const scheme of ['Participatiewet', 'Wsw'] as const) {
      for (const q of ['before', 'after'] as const) {
        expect(byScheme.rows.find((r) => r.group === scheme && r.quantity === q)!.n_person_months).toBe(truth[scheme][q].personMonths);
      }
    }
  });

  it('over 8 seeds, the estimates scatter around the truth by about one SE', async () => {
    const z: Record<'before' | 'after' | 'change', number[]> = { before: [], after: [], change: [] };
    for (let seed = 100; seed < 108; seed++) {
      const e = await loadSynthetic({ seed, scale: 0.12 });
      const t = e.truth.phases.all;
      for (const r of phaseAverages(eventPanel(e)).rows) {
        const q = r.quantity as 'before' | 'after' | 'change';
        const target = q === 'change' ? t.change! : t[q].mean!;
        z[q].push((r.estimate! - target) / r.se!);
      }
    }
    for (const q of ['before', 'after', 'change'] as const) {
      const mean = z[q].reduce((a, b) => a + b, 0) / z[q].length;
      expect(Math.abs(mean), q).toBeLessThan(3 / Math.sqrt(8)); // unbiased: mean z ≈ 0
      for (const v of z[q]) expect(Math.abs(v), q).toBeLessThan(4);
    }
  }, 60_000);

  it('profile: persons observed per event time match the generator', () => {
    const prof = participationProfile(eventPanel(exp));
    const expected = new Map(truth.all.profile.eventTime.map((k, i) => [k, truth.all.profile.personMonths[i]]));
    for (const row of prof.rows) expect(row.n, `k = ${row.event_time}`).toBe(expected.get(row.event_time));
  });
});
