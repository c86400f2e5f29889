import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/calendar.js';
import type { CbsExport } from '../../src/io/types.js';
import { embeddedDataPath, readEmbeddedExport, readEmbeddedTruth, readPublishedFigures, type PublishedFigure } from '../../src/node/embedded.js';
import type { SyntheticTruth } from '../../src/synth/types.js';
import { employerTypeSharesOn, inSupportOn, participationPhases, tenureOverTwoYears, type PhaseStats } from './direct.js';

let exp: CbsExport;
let truth: SyntheticTruth;
let published: readonly PublishedFigure[];
let phases: { before: PhaseStats; during: PhaseStats; after: PhaseStats };
const fig = (id: string): number => {
  const f = published.find((x) => x.id === id);
  if (!f) throw new Error(`no published figure ${id}`);
  return f.value;
};

beforeAll(async () => {
  [exp, truth, published] = await Promise.all([readEmbeddedExport(), readEmbeddedTruth(), readPublishedFigures()]);
  phases = participationPhases(exp);
});

describe('embedded dataset: CBS layout', () => {
  it('loads without exclusions and covers 2006-01-01 … 2025-12-31', () => {
    for (const t of ['persons', 'support', 'employment'] as const) expect(exp.quality.counts[t].excluded).toBe(0);
    expect(exp.observation.start).toBe(dayNumber(2006, 1, 1));
    expect(exp.observation.end).toBe(dayNumber(2025, 12, 31));
  });

  it('has the CBS columns, with 9-digit person numbers incl. leading zeros', async () => {
    const { gunzipSync } = await import('fflate');
    const head = async (f: string) => new TextDecoder().decode(gunzipSync(await readFile(embeddedDataPath(f)))).split('\n', 3);
    expect((await head('persons.csv.gz'))[0]).toBe('RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT,OPLNIVEAU,HERKOMST');
    expect((await head('support.csv.gz'))[0]).toBe('RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE');
    expect((await head('employment.csv.gz'))[0]).toBe('RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT,SBASISLOON,SBASISUREN');
    expect((await head('benefits.csv.gz'))[0]).toBe('RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,SOORTUITKERING');
    expect((await head('benefits.csv.gz'))[1]).toMatch(/^R,\d{9},\d{6}01,\d{8},bijstand$/);
    expect(exp.persons.rinpersoon.every((k) => /^\d{9}$/.test(k))).toBe(true);
    expect(exp.persons.rinpersoon.filter((k) => k.startsWith('0')).length).toBeGreaterThan(exp.persons.length / 20);
    expect(new Set(exp.persons.rinpersoon).size).toBe(exp.persons.length);
    expect([...exp.support.scheme.levels].sort()).toEqual(['Participatiewet', 'Wsw']);
    expect([...exp.support.employerType.levels].sort()).toEqual(['Pantar', 'regulier', 'sociale firma']);
    expect([...exp.employment.contract.levels].sort()).toEqual(['B', 'O']);
  });

  it('contains the awkward cases: left-censored spells, ongoing spells, overlaps, multi-spell relationships', () => {
    const e = exp.employment;
    let leftCensored = 0, ongoing = 0, overlapOther = 0, sameEmployerConsecutive = 0;
    for (let p = 0; p < exp.persons.length; p++) {
      for (let r = e.offsets[p]; r < e.offsets[p + 1]; r++) {
        if (e.start[r] === exp.observation.start) leftCensored++;
        if (e.end[r] > exp.observation.end) ongoing++;
        const n = r + 1;
        if (n < e.offsets[p + 1]) {
          if (e.start[n] <= e.end[r] && e.employer.codes[n] !== e.employer.codes[r]) overlapOther++;
          if (e.employer.codes[n] === e.employer.codes[r] && e.start[n] <= e.end[r] + 1) sameEmployerConsecutive++;
        }
      }
    }
    expect(leftCensored).toBeGreaterThan(1000);
    expect(ongoing).toBeGreaterThan(1000);
    expect(overlapOther).toBeGreaterThan(100);
    expect(sameEmployerConsecutive).toBeGreaterThan(1000);
  });
});

describe('embedded dataset: calibrated to the report (computed directly from the spells)', () => {
  it('persons in Wsw + Participatiewet on 1 January within ±2 % of figure 1.1', () => {
    const y2016 = inSupportOn(exp, dayNumber(2016, 1, 1));
    const y2025 = inSupportOn(exp, dayNumber(2025, 1, 1));
    const near = (x: number, target: number) => expect(Math.abs(x / target - 1)).toBeLessThanOrEqual(0.02);
    near(y2016.Wsw + y2016.Participatiewet, fig('in-social-work-2016'));
    near(y2025.Wsw + y2025.Participatiewet, fig('in-social-work-2025'));
    near(y2025.Participatiewet, fig('participatiewet-2025'));
    near(inSupportOn(exp, dayNumber(2022, 1, 1)).Participatiewet, fig('participatiewet-target-2026') - fig('participatiewet-target-net-growth'));
    // Wsw shrinks every year (no new entries from 2015).
    let prev = Infinity;
    for (let y = 2015; y <= 2025; y++) {
      const w = inSupportOn(exp, dayNumber(y, 1, 1)).Wsw;
      expect(w).toBeLessThan(prev);
      prev = w;
    }
    const s = exp.support;
    const wsw = s.scheme.levels.indexOf('Wsw');
    const wswStarts = Array.from(s.start).filter((_, r) => s.scheme.codes[r] === wsw);
    expect(wswStarts.length).toBeGreaterThan(0);
    expect(wswStarts.reduce((a, b) => Math.max(a, b))).toBeLessThan(dayNumber(2015, 1, 1));
  });

  it('participation before ≈ 30 %, after ≈ 47 % (±1.5 pp), during almost 100 %', () => {
    expect(Math.abs(phases.before.mean - fig('participation-before'))).toBeLessThanOrEqual(0.015);
    expect(Math.abs(phases.after.mean - fig('participation-after'))).toBeLessThanOrEqual(0.015);
    expect(Math.abs((phases.after.mean - phases.before.mean) * 100 - fig('participation-change'))).toBeLessThanOrEqual(1.5);
    expect(phases.during.mean).toBeGreaterThan(0.99);
    expect(phases.during.mean).toBeLessThan(1);
  });

  it('relationships over two years: 27 % (1 Jan 2019) → 52 % (31 Dec 2023), ±1.5 pp', () => {
    expect(Math.abs(tenureOverTwoYears(exp, dayNumber(2019, 1, 1)).share - fig('tenure-over-2-years-2019'))).toBeLessThanOrEqual(0.015);
    expect(Math.abs(tenureOverTwoYears(exp, dayNumber(2023, 12, 31)).share - fig('tenure-over-2-years-2023'))).toBeLessThanOrEqual(0.015);
  });

  it('Participatiewet employer types: regular 57 → 63 %, social firm 16 → 10 %, Pantar 27 → 27 % (±1.5 pp)', () => {
    for (const [date, year] of [[dayNumber(2021, 12, 31), 2021], [dayNumber(2024, 12, 31), 2024]] as const) {
      const sh = employerTypeSharesOn(exp, date);
      expect(Math.abs(sh.regulier - fig(`employer-regular-${year}`))).toBeLessThanOrEqual(0.015);
      expect(Math.abs(sh['sociale firma'] - fig(`employer-social-firm-${year}`))).toBeLessThanOrEqual(0.015);
      expect(Math.abs(sh.Pantar - fig(`employer-pantar-${year}`))).toBeLessThanOrEqual(0.015);
    }
  });
});

describe('embedded dataset: truth agrees with the data', () => {
  it('phase means: direct ones lie within 3.5 clustered SEs of the true expected means', () => {
    for (const [g, scheme] of [['all', undefined], ['Participatiewet', 'Participatiewet'], ['Wsw', 'Wsw']] as const) {
      const d = g === 'all' ? phases : participationPhases(exp, scheme);
      const t = truth.phases[g];
      expect(d.before.personMonths).toBe(t.before.personMonths);
      expect(d.after.personMonths).toBe(t.after.personMonths);
      expect(d.before.persons).toBe(t.before.persons);
      expect(Math.abs(d.before.mean - t.before.mean!)).toBeLessThan(3.5 * d.before.se);
      expect(Math.abs(d.after.mean - t.after.mean!)).toBeLessThan(3.5 * d.after.se);
      expect(t.effectOnTreated!).toBeCloseTo(t.after.mean! - t.afterWithoutEffect!, 12);
    }
    expect(truth.effect).toBe(0.155);
    // Clamping to [0.01, 0.98] only ever shrinks the additive effect.
    expect(truth.phases.all.effectOnTreated!).toBeLessThanOrEqual(0.155);
    expect(truth.phases.all.effectOnTreated!).toBeGreaterThan(0.14);
  });

  it('stock, employer-type and tenure truths equal the direct computation exactly', () => {
    // One stock date a year 2006–2025, employer-type shares 2015–2025, tenure on 1 January 2016–2025 and 31 December 2023.
    expect([truth.stock.length, truth.employerTypeShares.filter((x) => x.n > 0).length, truth.tenure.length]).toEqual([20, 11, 11]);
    for (const s of truth.stock) {
      const d = inSupportOn(exp, dayNumber(Number(s.date.slice(0, 4)), 1, 1));
      expect([d.Participatiewet, d.Wsw]).toEqual([s.Participatiewet, s.Wsw]);
    }
    for (const s of truth.employerTypeShares.filter((x) => x.n > 0)) {
      const d = employerTypeSharesOn(exp, dayNumber(Number(s.date.slice(0, 4)), 12, 31));
      expect(d.regulier ?? 0).toBeCloseTo(s.regulier, 12);
      expect(d.Pantar ?? 0).toBeCloseTo(s.Pantar, 12);
    }
    for (const t of truth.tenure) {
      const [y, m, dd] = t.date.split('-').map(Number);
      const d = tenureOverTwoYears(exp, dayNumber(y, m, dd));
      expect({ inSupport: d.inSupport, withRelationship: d.withRelationship, over: d.over }).toEqual({ inSupport: t.inSupport, withRelationship: t.withRelationship, over: t.overTwoYears });
    }
  });
});
