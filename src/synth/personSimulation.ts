/**
 * One person at a time: the monthly participation probabilities (with the support effect after
 * support ends), the employment history drawn from them, and the truth sums they add to.
 */
import { OPEN_END, monthOfDay } from '../core/calendar.js';
import type { Random } from '../core/random.js';
import { EmploymentGenerator, FIRST_REGULAR, PANTAR, SOCIAL_FIRMS, SpellSink, type PersonPlan } from './employment.js';
import type { MonthGrid } from './monthGrid.js';
import type { ResolvedSynthOptions } from './options.js';
import type { PersonAttributes, PersonCounts } from './persons.js';
import { ageEffect, clampQ } from './probability.js';
import type { Trajectories } from './stock.js';
import { TenureTruth } from './tenureTruth.js';
import { TruthAccumulator } from './truthAccumulator.js';

type MutablePlan = { -readonly [K in keyof PersonPlan]: PersonPlan[K] };

/** Where one supported person's support lies: days, and month indices of start (S) and end (E). */
interface SupportSpan {
  readonly sDay: number;
  readonly eDay: number;
  readonly S: number;
  readonly E: number;
}

/** Simulates every person into one spell sink and collects the truth of what it generated. */
export class PersonSimulation {
  readonly sink = new SpellSink();
  /** Phase truth of all supported persons, and of those with an observed month before support starts. */
  readonly phases: TruthAccumulator;
  readonly phasesObservedBefore: TruthAccumulator;
  /** Sum over controls of their probability, by month. */
  readonly controlSum: Float64Array;
  /** Sum and count over supported persons outside support of their probability without the effect, by month. */
  readonly cfMonthSum: Float64Array;
  readonly cfMonthN: Float64Array;
  readonly tenure: TenureTruth;
  /** Export row of each supported person (by trajectory). */
  readonly personOut: Int32Array;
  readonly regularEmployers: number;
  private readonly gen: EmploymentGenerator;
  private readonly q: Float64Array;
  private readonly forced: Uint8Array;
  private readonly plan: MutablePlan;

  constructor(
    private readonly opts: ResolvedSynthOptions,
    private readonly rng: Random,
    private readonly grid: MonthGrid,
    private readonly traj: Trajectories,
    private readonly attributes: PersonAttributes,
    private readonly counts: PersonCounts,
  ) {
    const { months } = grid;
    this.regularEmployers = Math.max(500, Math.round(20_000 * opts.scale));
    this.gen = new EmploymentGenerator(rng, grid.monthFirst, opts.persistence, this.regularEmployers, opts.jobChangeRate, opts.sideJobShare, opts.stayWithEmployerShare, opts.existingJobShare, this.sink);
    this.phases = new TruthAccumulator(opts.window);
    this.phasesObservedBefore = new TruthAccumulator(opts.window);
    this.controlSum = new Float64Array(months);
    this.cfMonthSum = new Float64Array(months);
    this.cfMonthN = new Float64Array(months);
    this.tenure = new TenureTruth(opts.observation.start, opts.observation.end);
    this.q = new Float64Array(months);
    this.forced = new Uint8Array(months);
    this.personOut = new Int32Array(counts.supported);
    this.plan = {
      q: this.q,
      forced: this.forced,
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
  }

  /** Simulate internal person `i`, written as export row `p`. */
  simulate(i: number, p: number): void {
    this.forced.fill(0);
    if (i < this.counts.supported) this.supported(i, p);
    else this.control(i, p);
  }

  private control(i: number, p: number): void {
    const { q, controlSum } = this;
    const { months, monthYear, controlTrend } = this.grid;
    const th = this.attributes.theta[i];
    const by = this.attributes.birthYear[i];
    for (let m = 0; m < months; m++) {
      q[m] = clampQ(th + ageEffect(monthYear[m] - by) + controlTrend[m]);
      controlSum[m] += q[m];
    }
    this.plan.supported = false;
    this.gen.generate(p, this.plan);
  }

  private supported(i: number, p: number): void {
    this.personOut[i] = p;
    const span = this.placeSupport(i);
    const ended = span.eDay !== OPEN_END;
    this.supportedProbabilities(i, span.E, ended);
    this.gen.generate(p, this.plan);
    this.recordPhases(i, span, ended);
    // Tenure truth: the longest relationship active on each reference date.
    if (this.traj.scheme[i] === 0) this.tenure.add(span.sDay, span.eDay, this.gen);
  }

  /** The support months of trajectory `i` as forced months, and its placement in the plan (a few placements start 1–2 months late). */
  private placeSupport(i: number): SupportSpan {
    const { rng, traj, opts, forced, plan } = this;
    const { start: obsStart, end: obsEnd, startMonth } = opts.observation;
    const sDay = traj.start[i];
    const eDay = traj.end[i];
    const S = monthOfDay(sDay) - startMonth;
    const E = eDay === OPEN_END ? this.grid.months - 1 : monthOfDay(eDay) - startMonth;
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
    plan.placementEmployer = type === 2 ? PANTAR : type === 1 ? 1 + rng.int(SOCIAL_FIRMS) : FIRST_REGULAR + rng.int(this.regularEmployers);
    plan.mayContinueExistingJob = type === 0;
    plan.wsw = traj.scheme[i] === 1;
    return { sDay, eDay, S, E };
  }

  /** Probabilities of the free months of supported person `i` (with the effect after support ends), and their sums without the effect. */
  private supportedProbabilities(i: number, E: number, ended: boolean): void {
    const { q, forced, cfMonthSum, cfMonthN } = this;
    const { months, monthYear, trend } = this.grid;
    const th = this.attributes.theta[i];
    const by = this.attributes.birthYear[i];
    for (let m = 0; m < months; m++) {
      if (forced[m] !== 0) continue;
      const base = th + ageEffect(monthYear[m] - by) + trend[m];
      q[m] = clampQ(ended && m > E ? base + this.opts.effect : base);
      const cf = clampQ(base);
      cfMonthSum[m] += cf;
      cfMonthN[m] += 1;
    }
  }

  /** Phase truth over the observed months of each window of supported person `i`. */
  private recordPhases(i: number, { S, E }: SupportSpan, ended: boolean): void {
    const { q, forced } = this;
    const { months, monthYear, trend } = this.grid;
    const W = this.opts.window;
    const th = this.attributes.theta[i];
    const by = this.attributes.birthYear[i];
    const g = 1 + this.traj.scheme[i];
    // Every supported person, and (S > 0) those with an observed month before support starts.
    for (const a of S > 0 ? [this.phases, this.phasesObservedBefore] : [this.phases]) {
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
  }
}
