/**
 * Phase averages, the change and the participation profile recomputed with simple-statistics
 * (an independent implementation of means and sums) straight from the panel's person-months.
 * CR1 for a pooled mean with G person clusters: se² = G/(G−1) · Σ_g (Σ_i∈g (y_i − ȳ))² / N².
 */
import { describe, expect, it } from 'vitest';
import { mean, sum } from 'simple-statistics';
import { eventPanel, loadSynthetic, participationProfile, phaseAverages, PHASE_CODE } from '../../src/index.js';

const exp = await loadSynthetic({ seed: 11, scale: 0.01 });
const panel = eventPanel(exp, { before: 24, after: 24 });

function phaseValues(code: number): { y: number[]; person: number[] } {
  const y: number[] = [];
  const person: number[] = [];
  for (let r = 0; r < panel.length; r++) {
    if (panel.phase[r] !== code) continue;
    y.push(panel.outcome[r]);
    person.push(panel.person[r]);
  }
  return { y, person };
}

function cr1Mean(y: number[], person: number[]): { estimate: number; se: number; clusters: number } {
  const m = mean(y);
  const scores = new Map<number, number[]>();
  y.forEach((v, i) => {
    const list = scores.get(person[i]) ?? [];
    list.push(v - m);
    scores.set(person[i], list);
  });
  const G = scores.size;
  const squares = [...scores.values()].map((s) => sum(s) ** 2);
  return { estimate: m, se: Math.sqrt((G / (G - 1)) * sum(squares)) / y.length, clusters: G };
}

describe('phase averages against simple-statistics', () => {
  const rows = phaseAverages(panel).rows;
  const row = (q: string) => rows.find((r) => r.group === 'supported' && r.quantity === q)!;

  it('before and after: pooled means and their CR1 standard errors', () => {
    for (const phase of ['before', 'after'] as const) {
      const { y, person } = phaseValues(PHASE_CODE[phase]);
      const ref = cr1Mean(y, person);
      expect(y.length).toBeGreaterThan(1000);
      expect(row(phase).estimate).toBeCloseTo(ref.estimate, 12);
      expect(row(phase).se!).toBeCloseTo(ref.se, 12);
      expect(row(phase).n_person_months).toBe(y.length);
    }
  });

  it('change: the difference of the two pooled means', () => {
    const b = mean(phaseValues(PHASE_CODE.before).y);
    const a = mean(phaseValues(PHASE_CODE.after).y);
    expect(row('change').estimate).toBeCloseTo(a - b, 12);
  });
});

describe('participation profile against simple-statistics', () => {
  it('the rate at every event time is the mean of the 0/1 outcome there', () => {
    const profile = participationProfile(panel).rows.filter((r) => r.group === 'supported');
    expect(profile.length).toBe(48);
    for (const p of profile) {
      const y: number[] = [];
      for (let r = 0; r < panel.length; r++) if (panel.phase[r] === PHASE_CODE[p.phase as 'before' | 'after'] && panel.eventTime[r] === p.event_time) y.push(panel.outcome[r]);
      expect(p.n).toBe(y.length);
      expect(p.rate).toBeCloseTo(mean(y), 12);
    }
  });
});
