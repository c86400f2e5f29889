// staggeredPanelFromExport against a direct computation from the spells: participation in a
// month = some employment spell overlaps it (any-day); cohort = the period of the first support start.
import { describe, expect, it } from 'vitest';
import { attGt, firstDayOfMonth, lastDayOfMonth, loadSynthetic, monthOfDay, SpecificationError, staggeredPanelFromExport } from '../../src/index.js';

const exp = await loadSynthetic({ seed: 21, scale: 0.01 });

function participates(p: number, month: number): number {
  const { start, end, offsets } = exp.employment;
  for (let r = offsets[p]; r < offsets[p + 1]; r++) if (start[r] <= lastDayOfMonth(month) && end[r] >= firstDayOfMonth(month)) return 1;
  return 0;
}

function firstStart(p: number): number | null {
  const { start, offsets } = exp.support;
  if (offsets[p + 1] === offsets[p]) return null;
  let s = Infinity;
  for (let r = offsets[p]; r < offsets[p + 1]; r++) s = Math.min(s, start[r]);
  return s;
}

const personIndex = new Map<string, number>();
for (let p = 0; p < exp.persons.length; p++) personIndex.set(exp.persons.rinpersoons[p] + exp.persons.rinpersoon[p], p);

describe('staggeredPanelFromExport', () => {
  it('months: 0/1 participation per month and cohorts by start quarter', () => {
    const panel = staggeredPanelFromExport(exp, { period: 'month', cohorts: 'quarter' });
    expect(panel.outcome).toBeInstanceOf(Uint8Array);
    const T = panel.periods.length;
    let supported = 0;
    let never = 0;
    for (let i = 0; i < panel.n; i += 7) {
      const p = personIndex.get(panel.ids[i])!;
      for (let s = 0; s < T; s++) expect(panel.outcome[i * T + s], `${panel.ids[i]} month ${panel.periods[s]}`).toBe(participates(p, panel.periods[s]));
      const start = firstStart(p);
      if (start === null) {
        expect(panel.cohort[i]).toBe(Infinity);
        never++;
      } else {
        const m = monthOfDay(start);
        const q = m - (m % 3);
        expect(panel.cohort[i]).toBe(q > panel.periods[T - 1] ? Infinity : q);
        supported++;
      }
    }
    expect(supported).toBeGreaterThan(10);
    expect(never).toBeGreaterThan(10);
    expect(panel.n + panel.dropped.treatedAtStart).toBe(exp.persons.length);
  });
  it('years: the share of participating months; cohort = start year', () => {
    const panel = staggeredPanelFromExport(exp, { period: 'year', covariates: ['birthYear', 'sex'] });
    const T = panel.periods.length;
    expect(panel.covariateNames).toEqual(['birthYear', `sex=${exp.persons.sex.levels[1]}`]);
    for (let i = 0; i < panel.n; i += 11) {
      const p = personIndex.get(panel.ids[i])!;
      for (let s = 0; s < T; s++) {
        let k = 0;
        for (let mo = 0; mo < 12; mo++) k += participates(p, panel.periods[s] * 12 + mo);
        expect(Math.abs(panel.outcome[i * T + s] - k / 12)).toBeLessThan(1e-12);
      }
      expect(panel.covariates[i * 2]).toBe(exp.persons.birthYear[p]);
    }
    // Cohorts of every person: the year support starts (never treated when none, or after the last period).
    let cohortsChecked = 0;
    for (let i = 0; i < panel.n; i++) {
      const start = firstStart(personIndex.get(panel.ids[i])!);
      const year = start === null ? Infinity : Math.floor(monthOfDay(start) / 12);
      expect(panel.cohort[i], panel.ids[i]).toBe(year > panel.periods[T - 1] ? Infinity : year);
      if (year !== Infinity) cohortsChecked++;
    }
    expect(cohortsChecked).toBeGreaterThan(10);
    const att = attGt(panel, { control: 'not-yet', method: 'dr' });
    expect(att.spec.covariates).toEqual(panel.covariateNames);
    expect(att.rows.some((r) => r.estimate !== null && r.time >= r.group)).toBe(true);
  });
  it('an observation window and preParticipation: the share of the 24 months before the window with participation', () => {
    const panel = staggeredPanelFromExport(exp, { period: 'quarter', observation: { start: '2016-01-01', end: '20251231' }, covariates: ['preParticipation', 'birthYear'] });
    const first = monthOfDay(Date.UTC(2016, 0, 1) / 86_400_000);
    expect(panel.periods[0]).toBe(first / 3);
    expect(panel.periods.length).toBe(40);
    expect(panel.covariateNames).toEqual(['preParticipation', 'birthYear']);
    let someWork = 0;
    let startsChecked = 0;
    for (let i = 0; i < panel.n; i += 5) {
      const p = personIndex.get(panel.ids[i])!;
      let share = 0;
      for (let m = first - 24; m < first; m++) share += participates(p, m) / 24;
      expect(Math.abs(panel.covariates[i * 2] - share), panel.ids[i]).toBeLessThan(1e-12);
      if (share > 0) someWork++;
      // Persons whose support starts before the window are left out.
      const start = firstStart(p);
      if (start !== null) {
        expect(monthOfDay(start)).toBeGreaterThanOrEqual(first + 3);
        startsChecked++;
      }
    }
    expect(someWork).toBeGreaterThan(10);
    expect(startsChecked).toBeGreaterThan(10);
    expect(() => staggeredPanelFromExport(exp, { covariates: ['preParticipation'] })).toThrow(/24 months before the first period/);
    expect(() => staggeredPanelFromExport(exp, { observation: { start: '2016-13-01', end: '20251231' } })).toThrow(/observation.start must be a date/);
  });
  it('refuses bad options', () => {
    expect(() => staggeredPanelFromExport(exp, { period: 'week' as never })).toThrow(SpecificationError);
    expect(() => staggeredPanelFromExport(exp, { period: 'year', cohorts: 'quarter' })).toThrow(/cohorts by quarter are shorter than the year periods/);
    expect(() => staggeredPanelFromExport(exp, { covariates: ['income'] })).toThrow(/unknown covariate "income"/);
    expect(() => staggeredPanelFromExport(exp, { peroid: 'year' } as never)).toThrow(/did you mean "period"/);
  });
});
