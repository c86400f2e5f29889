import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'fflate';
import { formatCbsDate } from '../../src/io/dates.js';
import { OPEN_END, firstDayOfMonth, monthOfDay } from '../../src/core/calendar.js';
import { SpecificationError } from '../../src/core/errors.js';
import { loadCbsExport } from '../../src/io/load.js';
import { embeddedDataFiles } from '../../src/node/regenerate.js';
import { embeddedDataPath } from '../../src/node/embedded.js';
import { EmploymentGenerator, SpellSink, type PersonPlan } from '../../src/synth/employment.js';
import { createRandom } from '../../src/core/random.js';
import { loadSynthetic, synthesizeCbsExport, syntheticCsvGzip, type SyntheticExport } from '../../src/synth/index.js';
import { employedMonths, participationPhases } from './direct.js';

const small = (o: Parameters<typeof synthesizeCbsExport>[0] = {}): SyntheticExport => synthesizeCbsExport({ seed: 11, scale: 0.02, ...o });

describe('synthesizeCbsExport', () => {
  it('is deterministic for a seed; another seed gives other data', () => {
    const a = small();
    const b = small();
    const c = small({ seed: 12 });
    expect(b.persons.rinpersoon).toEqual(a.persons.rinpersoon);
    expect(b.employment.start).toEqual(a.employment.start);
    expect(b.employment.employer).toEqual(a.employment.employer);
    expect(b.support.end).toEqual(a.support.end);
    expect(b.truth).toEqual(a.truth);
    expect(c.persons.rinpersoon).not.toEqual(a.persons.rinpersoon);
    expect(c.employment.length === a.employment.length && c.employment.start.every((x, i) => x === a.employment.start[i])).toBe(false);
    const gzA = syntheticCsvGzip(a);
    const gzB = syntheticCsvGzip(b);
    expect(Buffer.compare(Buffer.from(gzA.employment), Buffer.from(gzB.employment))).toBe(0);
  });

  it('keeps spells inside the observation period, sorted, with valid dates and leading-zero keys', () => {
    const x = small();
    const { start: o0, end: o1 } = x.observation;
    const e = x.employment;
    expect(e.length).toBeGreaterThan(100);
    for (let r = 0; r < e.length; r++) {
      expect(e.start[r]).toBeGreaterThanOrEqual(o0);
      expect(e.end[r] === OPEN_END || (e.end[r] >= e.start[r] && e.end[r] <= o1)).toBe(true);
    }
    for (let r = 1; r < e.length; r++) expect(e.person[r] > e.person[r - 1] || (e.person[r] === e.person[r - 1] && e.start[r] >= e.start[r - 1])).toBe(true);
    expect(x.persons.rinpersoon.some((k) => k.startsWith('00'))).toBe(true);
    expect(x.persons.rinpersoon.every((k) => k.length === 9)).toBe(true);
    expect([...x.persons.rinpersoon].sort()).toEqual(x.persons.rinpersoon); // persons in key order
  });

  it('scales: persons grow with scale and with controls per supported person', () => {
    const a = synthesizeCbsExport({ seed: 1, scale: 0.01 });
    const b = synthesizeCbsExport({ seed: 1, scale: 0.02, controlsPerSupported: 1 });
    expect(a.truth.counts.controls).toBe(Math.round(3 * a.truth.counts.supported));
    expect(b.truth.counts.controls).toBe(b.truth.counts.supported);
    expect(b.truth.counts.supported).toBeGreaterThan(1.8 * a.truth.counts.supported);
    expect(a.persons.length).toBeGreaterThan(300);
    expect(a.persons.length).toBeLessThan(800);
  });

  it('rejects impossible options with SpecificationError', () => {
    expect(() => synthesizeCbsExport({ scale: 0 })).toThrow(SpecificationError);
    expect(() => synthesizeCbsExport({ persistence: 1 })).toThrow(SpecificationError);
    expect(() => synthesizeCbsExport({ observation: { start: '20060115', end: '20251231' } })).toThrow(SpecificationError);
    expect(() => synthesizeCbsExport({ regularShare: [[2015, 0.9]] })).toThrow(SpecificationError);
  });

  it('a null effect gives zero effect on the treated; an effect of 0.3 roughly doubles a 0.155 one', () => {
    const none = small({ effect: 0 });
    expect(none.truth.phases.all.effectOnTreated).toBe(0);
    expect(none.truth.phases.all.change).toBeCloseTo(none.truth.phases.all.changeWithoutEffect!, 15);
    const big = small({ effect: 0.3 });
    expect(big.truth.phases.all.effectOnTreated!).toBeGreaterThan(0.25);
    expect(big.truth.phases.all.effectOnTreated!).toBeLessThanOrEqual(0.3);
  });
});

describe('truth against the generated spells (seeded simulation)', () => {
  it('loadSynthetic round-trips the columns through the loader, and the gzip CSV loads the same', async () => {
    const x = synthesizeCbsExport({ seed: 3, scale: 0.01 });
    const viaTables = await loadSynthetic({ seed: 3, scale: 0.01 });
    const gz = syntheticCsvGzip(x);
    const viaCsv = await loadCbsExport(gz, { observation: { start: formatCbsDate(x.observation.start), end: formatCbsDate(x.observation.end) } });
    for (const loaded of [viaTables, viaCsv]) {
      expect(loaded.persons.rinpersoon).toEqual(x.persons.rinpersoon);
      expect(Array.from(loaded.persons.birthYear)).toEqual(Array.from(x.persons.birthYear));
      expect(loaded.employment.length).toBe(x.employment.length);
      expect(loaded.quality.counts.employment.excluded).toBe(0);
      const rows = (person: ArrayLike<number>, start: ArrayLike<number>, end: ArrayLike<number>) =>
        Array.from({ length: person.length }, (_, i) => `${person[i]}|${start[i]}|${end[i]}`).sort();
      expect(rows(loaded.employment.person, loaded.employment.start, loaded.employment.end)).toEqual(rows(x.employment.person, x.employment.start, x.employment.end));
      expect(rows(loaded.support.person, loaded.support.start, loaded.support.end)).toEqual(rows(x.support.person, x.support.start, x.support.end));
    }
    expect(viaTables.truth).toEqual(x.truth);
  });

  it('phase means and the control trend agree with the truth within sampling error (no effect, broken parallel trends)', async () => {
    const exp = await loadSynthetic({ seed: 5, scale: 0.15, effect: 0, controlTrendSlope: 0.02 });
    const d = participationPhases(exp);
    const t = exp.truth.phases.all;
    expect(Math.abs(d.before.mean - t.before.mean!)).toBeLessThan(3.5 * d.before.se);
    expect(Math.abs(d.after.mean - t.after.mean!)).toBeLessThan(3.5 * d.after.se);
    // Controls: yearly means of direct any-day participation vs the true trend.
    const m0 = monthOfDay(exp.observation.start);
    const supported = new Uint8Array(exp.persons.length);
    for (let r = 0; r < exp.support.length; r++) supported[exp.support.person[r]] = 1;
    const sums = new Float64Array(240);
    let nControls = 0;
    for (let p = 0; p < exp.persons.length; p++) {
      if (supported[p]) continue;
      nControls++;
      const em = employedMonths(exp, p);
      for (let m = 0; m < 240; m++) sums[m] += em[m];
    }
    expect(nControls).toBe(exp.truth.counts.controls);
    const year = (arr: ArrayLike<number>, y: number) => {
      let s = 0;
      for (let m = (y - 2006) * 12; m < (y - 2005) * 12; m++) s += arr[m];
      return s / 12;
    };
    for (const y of [2008, 2014, 2020, 2025]) {
      const direct = year(sums, y) / nControls;
      const expected = year(exp.truth.controlTrend.expected, y);
      expect(Math.abs(direct - expected)).toBeLessThan(0.02);
    }
    // The broken trend: controls drift up 2 pp a year on top of the shared trend (less where clamped).
    expect(firstDayOfMonth(m0)).toBe(exp.observation.start);
    const parallel = synthesizeCbsExport({ seed: 5, scale: 0.15, effect: 0 }).truth.controlTrend.expected;
    const drift = (year(exp.truth.controlTrend.expected, 2025) - year(parallel, 2025)) - (year(exp.truth.controlTrend.expected, 2016) - year(parallel, 2016));
    expect(drift).toBeGreaterThan(0.15);
    expect(drift).toBeLessThanOrEqual(0.18 + 1e-9);
  });

  it('monthly employment is a Markov chain with the prescribed marginal and lag-1 correlation (closed form)', () => {
    const months = 120;
    const monthFirst = new Int32Array(months + 1);
    for (let m = 0; m <= months; m++) monthFirst[m] = firstDayOfMonth(2010 * 12 + m);
    const rng = createRandom(9);
    const gen = new EmploymentGenerator(rng, monthFirst, 0.8, 1000, 0.2, 0.1, 0.5, 0.2, new SpellSink());
    const q = new Float64Array(months).fill(0.3);
    for (let m = 60; m < months; m++) q[m] = 0.3 + (0.4 * (m - 60)) / 60; // a slow rise: the marginal must follow it
    const plan: PersonPlan = { q, forced: new Uint8Array(months), supported: false, supportStart: 0, supportEnd: 0, placementStart: 0, placementMonth: 0, endMonth: 0, placementEmployer: 0, mayContinueExistingJob: false, wsw: false };
    const n = 20_000;
    const count = new Float64Array(months);
    let both = 0, prev = 0, cur = 0;
    for (let i = 0; i < n; i++) {
      gen.generate(i, plan);
      for (let m = 0; m < months; m++) count[m] += gen.state[m];
      both += gen.state[20] * gen.state[21];
      prev += gen.state[20];
      cur += gen.state[21];
    }
    for (const m of [0, 30, 59, 90, 119]) expect(Math.abs(count[m] / n - q[m])).toBeLessThan(4 * Math.sqrt((q[m] * (1 - q[m])) / n));
    // Stationary two-state chain with P(1→1) − P(0→1) = r has lag-1 correlation r.
    const p1 = prev / n, p2 = cur / n;
    const corr = (both / n - p1 * p2) / Math.sqrt(p1 * (1 - p1) * p2 * (1 - p2));
    expect(Math.abs(corr - 0.8)).toBeLessThan(0.02);
    // And the spells encode exactly the states: any-day months of the last person = its states.
    const sink = gen.sink;
    const last = n - 1;
    const marks = new Uint8Array(months);
    for (let r = 0; r < sink.length; r++) {
      if (sink.person[r] !== last) continue;
      const a = monthOfDay(sink.start[r]) - 2010 * 12;
      const b = sink.end[r] === OPEN_END ? months - 1 : monthOfDay(sink.end[r]) - 2010 * 12;
      for (let m = a; m <= b; m++) marks[m] = 1;
    }
    expect(Array.from(marks)).toEqual(Array.from(gen.state));
  });
});

describe('embedded data', () => {
  it('data/ equals a fresh regeneration, byte for byte', async () => {
    const files = embeddedDataFiles();
    for (const [name, bytes] of Object.entries(files)) {
      const onDisk = await readFile(embeddedDataPath(name));
      expect(Buffer.compare(onDisk, Buffer.from(bytes)), name).toBe(0);
    }
    expect(new TextDecoder().decode(gunzipSync(files['support.csv.gz'])).split('\n')[1]).toMatch(/^R,\d{9},\d{8},(\d{8}|88888888),(Participatiewet|Wsw),(regulier|sociale firma|Pantar)$/);
  }, 60_000);
});
