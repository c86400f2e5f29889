import { formatIsoDate } from '../io/dates.js';
import { OPEN_END, dayNumber, firstDayOfMonth, formatMonth, monthOfDay, civilFromDay } from '../core/calendar.js';
import { createRandom } from '../core/random.js';
import { curveAt, resolveSynthOptions, yearOfMonth, type SynthOptions } from './options.js';
import { simulateSupportStock } from './stock.js';
import { EmploymentGenerator, FIRST_REGULAR, PANTAR, SOCIAL_FIRMS, SpellSink, type PersonPlan } from './employment.js';
import type { GroupTruth, SyntheticExport, SyntheticTruth } from './types.js';
import { resolveSynthOutcomes, withOutcomes } from './outcomes.js';

const EDU_SUPPORTED = [0.55, 0.35, 0.1];
const EDU_CONTROL = [0.35, 0.4, 0.25];
const ORIGIN_SHARES = [0.5, 0.12, 0.38];
const EDU_EFFECT = [-0.06, 0, 0.08];
const ORIGIN_EFFECT = [0.03, 0, -0.04];
const FEMALE_EFFECT = -0.02;
const Q_MIN = 0.01;
const Q_MAX = 0.98;

/** Participation shift by age (years): none of school age, lower for the young and near pension age. */
function ageEffect(age: number): number {
  if (age < 15) return -Infinity;
  if (age < 18) return -0.15;
  if (age < 23) return -0.05;
  if (age < 55) return 0;
  if (age < 62) return -0.05;
  if (age < 67) return -0.15;
  return -0.35;
}

function clampQ(x: number): number {
  if (x === -Infinity) return 0;
  return x < Q_MIN ? Q_MIN : x > Q_MAX ? Q_MAX : x;
}

/**
 * Generate a synthetic CBS-style export (persons, support trajectories, employment spells)
 * with known truth. Seeded and deterministic; every parameter has a default calibrated to
 * the Amsterdam report (see `DEFAULT_SYNTH_OPTIONS` and data/README.md).
 *
 * @example
 * const small = synthesizeCbsExport({ seed: 1, scale: 0.01 });
 * small.persons.length > 300; // true
 * small.truth.effect; // 0.155
 * synthesizeCbsExport({ seed: 1, scale: 0.01, effect: 0 }).truth.effect; // 0
 */
export function synthesizeCbsExport(options: SynthOptions = {}): SyntheticExport {
  const opts = resolveSynthOptions(options);
  const rng = createRandom(opts.seed);
  const { start: obsStart, end: obsEnd, startMonth, endMonth } = opts.observation;
  const months = endMonth - startMonth + 1;
  const W = opts.window;

  const traj = simulateSupportStock(opts, rng);
  const nSupported = traj.length;
  const nControls = Math.round(nSupported * opts.controlsPerSupported);
  // The first nComparable controls are drawn like the supported persons (same covariate and
  // propensity distributions); the others come from the general population.
  const nComparable = Math.round(nControls * opts.comparableControlShare);
  const nPersons = nSupported + nControls;

  // Person keys: an affine bijection on 9-digit numbers, then persons sorted by key (as a CBS export).
  const keyOffset = rng.int(1_000_000_000);
  const keyOf = (i: number): number => (i * 387_420_489 + keyOffset) % 1_000_000_000;
  const order = new Int32Array(nPersons);
  for (let i = 0; i < nPersons; i++) order[i] = i;
  const keys = new Float64Array(nPersons);
  for (let i = 0; i < nPersons; i++) keys[i] = keyOf(i);
  order.sort((x, y) => keys[x] - keys[y]);

  const monthFirst = new Int32Array(months + 1);
  const monthYear = new Int16Array(months);
  for (let m = 0; m <= months; m++) monthFirst[m] = firstDayOfMonth(startMonth + m);
  for (let m = 0; m < months; m++) monthYear[m] = Math.floor((startMonth + m) / 12);
  const trend = new Float64Array(months);
  const controlTrendShift = new Float64Array(months);
  for (let m = 0; m < months; m++) {
    const y = yearOfMonth(startMonth + m);
    trend[m] = curveAt(opts.calendarTrend, y);
    controlTrendShift[m] = trend[m] + opts.controlTrendSlope * (y - 2016);
  }

  // Person attributes (internal order: supported = trajectory i, then controls).
  const birthYear = new Int16Array(nPersons);
  const sex = new Uint8Array(nPersons);
  const education = new Uint8Array(nPersons);
  const origin = new Uint8Array(nPersons);
  const theta = new Float64Array(nPersons);
  for (let i = 0; i < nPersons; i++) {
    const supported = i < nSupported;
    const likeSupported = i < nSupported + nComparable;
    sex[i] = rng.uniform() < (likeSupported ? 0.6 : 0.5) ? 1 : 2;
    education[i] = rng.weighted(likeSupported ? EDU_SUPPORTED : EDU_CONTROL);
    origin[i] = rng.weighted(ORIGIN_SHARES);
    if (supported) {
      const startYear = civilFromDay(traj.start[i]).year;
      const age =
        traj.start[i] === obsStart
          ? 20 + rng.int(36) // already in support when observation starts
          : traj.scheme[i] === 1
            ? 18 + Math.floor(37 * rng.uniform() ** 1.2)
            : 18 + Math.floor(42 * rng.uniform() ** 1.4);
      birthYear[i] = startYear - age;
    } else {
      birthYear[i] = birthYear[rng.int(nSupported)] + Math.round(rng.normal(0, 5));
    }
    const base = likeSupported ? opts.supportedBase : opts.controlBase;
    theta[i] = base + EDU_EFFECT[education[i]] + ORIGIN_EFFECT[origin[i]] + (sex[i] === 2 ? FEMALE_EFFECT : 0) + rng.normal(0, opts.personSd);
  }

  const sink = new SpellSink();
  const regularEmployers = Math.max(500, Math.round(20_000 * opts.scale));
  const gen = new EmploymentGenerator(rng, monthFirst, opts.persistence, regularEmployers, opts.jobChangeRate, opts.sideJobShare, opts.stayWithEmployerShare, opts.existingJobShare, sink);

  // Truth accumulators: groups 0 = all supported, 1 = Participatiewet, 2 = Wsw.
  const acc = new TruthAccumulator(W);
  const accObservedBefore = new TruthAccumulator(W);
  const controlSum = new Float64Array(months);
  const cfMonthSum = new Float64Array(months);
  const cfMonthN = new Float64Array(months);
  const tenureDates = tenureReferenceDates(obsStart, obsEnd);
  const tenureIn = new Float64Array(tenureDates.length);
  const tenureWith = new Float64Array(tenureDates.length);
  const tenureOver = new Float64Array(tenureDates.length);
  const tenureCut = tenureDates.map((d) => {
    const c = civilFromDay(d);
    return dayNumber(c.year - 2, c.month, c.day);
  });

  const q = new Float64Array(months);
  const forced = new Uint8Array(months);
  const personOut = new Int32Array(nSupported);
  const rinpersoon: string[] = new Array(nPersons);
  const pBirth = new Int16Array(nPersons);
  const pSex = new Uint8Array(nPersons);
  const pEdu = new Uint8Array(nPersons);
  const pOrigin = new Uint8Array(nPersons);
  const pSupported = new Uint8Array(nPersons);
  const pComparable = new Uint8Array(nPersons);
  const plan = {
    q,
    forced,
    supported: false,
    supportStart: 0,
    supportEnd: 0,
    placementStart: 0,
    placementMonth: 0,
    endMonth: 0,
    placementEmployer: 0,
    mayContinueExistingJob: false,
    wsw: false,
  };

  for (let p = 0; p < nPersons; p++) {
    const i = order[p];
    rinpersoon[p] = String(keys[i]).padStart(9, '0');
    pBirth[p] = birthYear[i];
    pSex[p] = sex[i];
    pEdu[p] = education[i];
    pOrigin[p] = origin[i];
    const supported = i < nSupported;
    pSupported[p] = supported ? 1 : 0;
    pComparable[p] = i < nSupported + nComparable ? 1 : 0;
    const th = theta[i];
    const by = birthYear[i];
    forced.fill(0);
    if (!supported) {
      for (let m = 0; m < months; m++) {
        q[m] = clampQ(th + ageEffect(monthYear[m] - by) + controlTrendShift[m]);
        controlSum[m] += q[m];
      }
      plan.supported = false;
      gen.generate(p, plan as PersonPlan);
      continue;
    }

    personOut[i] = p;
    const sDay = traj.start[i];
    const eDay = traj.end[i];
    const S = monthOfDay(sDay) - startMonth;
    const E = eDay === OPEN_END ? months - 1 : monthOfDay(eDay) - startMonth;
    let placementStart = sDay;
    if (sDay !== obsStart && rng.uniform() < opts.delayedPlacementShare) {
      const delayed = sDay + 35 + rng.int(41);
      if ((eDay === OPEN_END || eDay - sDay > 120) && delayed <= obsEnd) placementStart = delayed;
    }
    const pM = monthOfDay(placementStart) - startMonth;
    for (let m = S; m < pM; m++) forced[m] = 2;
    for (let m = pM; m <= E; m++) forced[m] = 1;
    const type = traj.employerType[i];
    plan.supported = true;
    plan.supportStart = sDay;
    plan.supportEnd = eDay;
    plan.placementStart = placementStart;
    plan.placementMonth = pM;
    plan.endMonth = E;
    plan.placementEmployer = type === 2 ? PANTAR : type === 1 ? 1 + rng.int(SOCIAL_FIRMS) : FIRST_REGULAR + rng.int(regularEmployers);
    plan.mayContinueExistingJob = type === 0;
    plan.wsw = traj.scheme[i] === 1;
    const ended = eDay !== OPEN_END;
    for (let m = 0; m < months; m++) {
      if (forced[m] !== 0) continue;
      const base = th + ageEffect(monthYear[m] - by) + trend[m];
      q[m] = clampQ(ended && m > E ? base + opts.effect : base);
      const cf = clampQ(base);
      cfMonthSum[m] += cf;
      cfMonthN[m] += 1;
    }
    gen.generate(p, plan as PersonPlan);

    // Phase truth over the observed months of each window.
    const g = 1 + traj.scheme[i];
    // Every supported person, and (S > 0) those with an observed month before support starts.
    for (const a of S > 0 ? [acc, accObservedBefore] : [acc]) {
      a.startPerson();
      for (let m = Math.max(0, S - W); m < S; m++) a.before(g, m - S, q[m]);
      for (let m = S; m <= E; m++) a.during(g, forced[m] === 1 ? 1 : 0);
      if (ended) {
        for (let m = E + 1; m <= Math.min(months - 1, E + W); m++) {
          a.after(g, m - E, q[m], clampQ(th + ageEffect(monthYear[m] - by) + trend[m]));
        }
      }
      a.endPerson(g);
    }

    // Tenure truth: the longest relationship active on each reference date.
    if (traj.scheme[i] === 0) {
      for (let t = 0; t < tenureDates.length; t++) {
        const d = tenureDates[t];
        if (sDay > d || (eDay !== OPEN_END && eDay < d)) continue;
        tenureIn[t]++;
        let earliest = OPEN_END;
        for (let k = 0; k < gen.segCount; k++) {
          if (gen.segStart[k] <= d && gen.segEnd[k] >= d && gen.segStart[k] < earliest) earliest = gen.segStart[k];
        }
        if (earliest === OPEN_END) continue;
        tenureWith[t]++;
        if (earliest < tenureCut[t]) tenureOver[t]++;
      }
    }
  }

  // Support rows in person order.
  const nSupport = nSupported;
  const supPerson = new Int32Array(nSupport);
  const supStart = new Int32Array(nSupport);
  const supEnd = new Int32Array(nSupport);
  const supScheme = new Uint8Array(nSupport);
  const supType = new Uint8Array(nSupport);
  const byPerson = new Int32Array(nSupported);
  for (let i = 0; i < nSupported; i++) byPerson[i] = i;
  byPerson.sort((x, y) => personOut[x] - personOut[y]);
  for (let r = 0; r < nSupport; r++) {
    const i = byPerson[r];
    supPerson[r] = personOut[i];
    supStart[r] = traj.start[i];
    supEnd[r] = traj.end[i];
    supScheme[r] = traj.scheme[i];
    supType[r] = traj.employerType[i];
  }

  const monthLabels: string[] = [];
  for (let m = 0; m < months; m++) monthLabels.push(formatMonth(startMonth + m));
  const { observation: _obs, ...parameters } = opts;
  const truth: SyntheticTruth = {
    seed: opts.seed,
    observation: { start: formatIsoDate(obsStart), end: formatIsoDate(obsEnd) },
    effect: opts.effect,
    phases: { all: acc.result(0), Participatiewet: acc.result(1), Wsw: acc.result(2) },
    phasesObservedBefore: { all: accObservedBefore.result(0), Participatiewet: accObservedBefore.result(1), Wsw: accObservedBefore.result(2) },
    controlTrend: { month: monthLabels, expected: Array.from(controlSum, (s) => (nControls > 0 ? s / nControls : NaN)) },
    supportedTrendWithoutEffect: { month: monthLabels, expected: Array.from(cfMonthSum, (s, m) => (cfMonthN[m] > 0 ? s / cfMonthN[m] : null)) },
    stock: stockOnJanuaryFirst(supStart, supEnd, supScheme, obsStart, obsEnd),
    employerTypeShares: employerTypeShares(supStart, supEnd, supScheme, supType, obsStart, obsEnd),
    tenure: tenureDates.map((d, t) => ({
      date: formatIsoDate(d),
      inSupport: tenureIn[t],
      withRelationship: tenureWith[t],
      overTwoYears: tenureOver[t],
      share: tenureWith[t] > 0 ? tenureOver[t] / tenureWith[t] : null,
      shareOfAll: tenureIn[t] > 0 ? tenureOver[t] / tenureIn[t] : null,
    })),
    counts: { persons: nPersons, supported: nSupported, controls: nControls, comparableControls: nComparable, support: nSupport, employment: sink.length },
    parameters,
  };

  const employment = {
    length: sink.length,
    person: sink.person.slice(0, sink.length),
    employer: sink.employer.slice(0, sink.length),
    start: sink.start.slice(0, sink.length),
    end: sink.end.slice(0, sink.length),
    contract: sink.contract.slice(0, sink.length),
  };
  const exp: SyntheticExport = {
    persons: { length: nPersons, rinpersoon, birthYear: pBirth, sex: pSex, education: pEdu, origin: pOrigin, supported: pSupported },
    support: { length: nSupport, person: supPerson, start: supStart, end: supEnd, scheme: supScheme, employerType: supType },
    employment,
    observation: { start: obsStart, end: obsEnd },
    truth,
  };
  // Outcomes come last, from their own random stream: everything above is unchanged.
  return options.outcomes ? withOutcomes(exp, opts.seed, resolveSynthOutcomes(options.outcomes), pComparable, { startMonth, endMonth, window: W }) : exp;
}

/** Reference dates for tenure truth: 1 January of every observed year from 2016, 31 December 2023 (the report's dates). */
function tenureReferenceDates(obsStart: number, obsEnd: number): number[] {
  const out = new Set<number>();
  for (let y = 2016; y <= 2025; y++) out.add(dayNumber(y, 1, 1));
  out.add(dayNumber(2023, 12, 31));
  return [...out].filter((d) => d >= obsStart && d <= obsEnd).sort((a, b) => a - b);
}

function stockOnJanuaryFirst(start: Int32Array, end: Int32Array, scheme: Uint8Array, obsStart: number, obsEnd: number): SyntheticTruth['stock'] {
  const out = [];
  for (let y = civilFromDay(obsStart).year; y <= civilFromDay(obsEnd).year; y++) {
    const d = dayNumber(y, 1, 1);
    if (d < obsStart) continue;
    const c = [0, 0];
    for (let r = 0; r < start.length; r++) if (start[r] <= d && end[r] >= d) c[scheme[r]]++;
    out.push({ date: formatIsoDate(d), Participatiewet: c[0], Wsw: c[1], total: c[0] + c[1] });
  }
  return out;
}

function employerTypeShares(start: Int32Array, end: Int32Array, scheme: Uint8Array, type: Uint8Array, obsStart: number, obsEnd: number): SyntheticTruth['employerTypeShares'] {
  const out = [];
  for (let y = Math.max(2015, civilFromDay(obsStart).year); y <= civilFromDay(obsEnd).year; y++) {
    const d = dayNumber(y, 12, 31);
    const c = [0, 0, 0];
    for (let r = 0; r < start.length; r++) if (scheme[r] === 0 && start[r] <= d && end[r] >= d) c[type[r]]++;
    const n = c[0] + c[1] + c[2];
    out.push({ date: formatIsoDate(d), n, regulier: n ? c[0] / n : NaN, 'sociale firma': n ? c[1] / n : NaN, Pantar: n ? c[2] / n : NaN });
  }
  return out;
}

/** Sums of generating probabilities per phase, event time and group (0 = all, 1 = Participatiewet, 2 = Wsw). */
class TruthAccumulator {
  private readonly sum = new Float64Array(3 * 3);
  private readonly n = new Float64Array(3 * 3);
  private readonly persons = new Float64Array(3 * 3);
  private readonly cfAfter = new Float64Array(3);
  private readonly kSum: Float64Array;
  private readonly kCf: Float64Array;
  private readonly kN: Float64Array;
  private readonly seen = new Uint8Array(3);

  constructor(private readonly W: number) {
    this.kSum = new Float64Array(3 * 2 * W);
    this.kCf = new Float64Array(3 * 2 * W);
    this.kN = new Float64Array(3 * 2 * W);
  }
  startPerson(): void {
    this.seen.fill(0);
  }
  private add(g: number, phase: number, k: number, value: number, cf: number): void {
    this.addTo(0, phase, k, value, cf);
    this.addTo(g, phase, k, value, cf);
    this.seen[phase] = 1;
  }
  private addTo(gg: number, phase: number, k: number, value: number, cf: number): void {
    {
      this.sum[gg * 3 + phase] += value;
      this.n[gg * 3 + phase] += 1;
      if (k !== 0) {
        const idx = gg * 2 * this.W + (k < 0 ? this.W + k : this.W + k - 1);
        this.kSum[idx] += value;
        this.kCf[idx] += cf;
        this.kN[idx] += 1;
      }
      if (phase === 2) this.cfAfter[gg] += cf;
    }
  }
  before(g: number, k: number, q: number): void {
    this.add(g, 0, k, q, q);
  }
  during(g: number, p: number): void {
    this.add(g, 1, 0, p, p);
  }
  after(g: number, k: number, q: number, cf: number): void {
    this.add(g, 2, k, q, cf);
  }
  endPerson(g: number): void {
    for (let phase = 0; phase < 3; phase++) {
      if (!this.seen[phase]) continue;
      this.persons[phase] += 1;
      this.persons[g * 3 + phase] += 1;
    }
  }
  result(g: number): GroupTruth {
    const phase = (ph: number) => ({ mean: this.n[g * 3 + ph] > 0 ? this.sum[g * 3 + ph] / this.n[g * 3 + ph] : null, personMonths: this.n[g * 3 + ph], persons: this.persons[g * 3 + ph] });
    const before = phase(0);
    const after = phase(2);
    const afterCf = this.n[g * 3 + 2] > 0 ? this.cfAfter[g] / this.n[g * 3 + 2] : null;
    const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    const eventTime: number[] = [];
    const expected: (number | null)[] = [];
    const expectedCf: (number | null)[] = [];
    const pm: number[] = [];
    for (let j = 0; j < 2 * this.W; j++) {
      const idx = g * 2 * this.W + j;
      eventTime.push(j < this.W ? j - this.W : j - this.W + 1);
      expected.push(this.kN[idx] > 0 ? this.kSum[idx] / this.kN[idx] : null);
      expectedCf.push(this.kN[idx] > 0 ? this.kCf[idx] / this.kN[idx] : null);
      pm.push(this.kN[idx]);
    }
    return {
      before,
      during: phase(1),
      after,
      afterWithoutEffect: afterCf,
      change: diff(after.mean, before.mean),
      changeWithoutEffect: diff(afterCf, before.mean),
      effectOnTreated: diff(after.mean, afterCf),
      profile: { eventTime, expected, expectedWithoutEffect: expectedCf, personMonths: pm },
    };
  }
}
