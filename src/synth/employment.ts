/**
 * Employment histories with an exactly known monthly participation probability.
 *
 * Each person's monthly employment state is a two-state Markov chain whose marginal
 * P(employed in month m) equals a prescribed q(m): with persistence r,
 * P(1 → 1) = b + r and P(0 → 1) = b where b = q(m+1) − r·q(m) (r is lowered where needed to
 * keep both in [0, 1]). Runs of employed months become job spells that cover at least one
 * day of every employed month and no day of any other month, so "any day in the month"
 * participation equals the chain's state exactly and its expectation is q(m).
 */
import { OPEN_END } from '../core/calendar.js';
import type { Random } from '../core/random.js';
import type { SyntheticEmployment } from './types.js';

/** Fixed employer numbers: 0 = Pantar, 1…SOCIAL_FIRMS = social firms, above: regular employers. */
export const PANTAR = 0;
export const SOCIAL_FIRMS = 40;
export const FIRST_REGULAR = SOCIAL_FIRMS + 1;

/** What one person's employment history has to respect. */
export interface PersonPlan {
  /** Monthly participation probabilities outside forced months (length = months). */
  readonly q: Float64Array;
  /** 0 = free (Markov), 1 = forced employed (placement), 2 = forced not employed (waiting for a delayed placement). */
  readonly forced: Uint8Array;
  readonly supported: boolean;
  /** Support start and end day (end OPEN_END when ongoing), placement start day, and their month indices. */
  readonly supportStart: number;
  readonly supportEnd: number;
  readonly placementStart: number;
  readonly placementMonth: number;
  readonly endMonth: number;
  readonly placementEmployer: number;
  /** The placement may continue a job the person already had (regular employers only). */
  readonly mayContinueExistingJob: boolean;
  readonly wsw: boolean;
}

/** Growable columnar spell output. */
export class SpellSink {
  person = new Int32Array(1 << 12);
  employer = new Int32Array(1 << 12);
  start = new Int32Array(1 << 12);
  end = new Int32Array(1 << 12);
  contract = new Uint8Array(1 << 12);
  length = 0;
  push(person: number, employer: number, start: number, end: number, contract: number): void {
    if (this.length === this.person.length) this.grow();
    const i = this.length++;
    this.person[i] = person;
    this.employer[i] = employer;
    this.start[i] = start;
    this.end[i] = end;
    this.contract[i] = contract;
  }
  /** The spells pushed so far, as exact-length columns. */
  columns(): SyntheticEmployment {
    const n = this.length;
    return { length: n, person: this.person.slice(0, n), employer: this.employer.slice(0, n), start: this.start.slice(0, n), end: this.end.slice(0, n), contract: this.contract.slice(0, n) };
  }
  private grow(): void {
    const n = this.person.length * 2;
    const g = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.person = g(this.person, new Int32Array(n));
    this.employer = g(this.employer, new Int32Array(n));
    this.start = g(this.start, new Int32Array(n));
    this.end = g(this.end, new Int32Array(n));
    this.contract = g(this.contract, new Uint8Array(n));
  }
}

const MAX_SEGMENTS = 1024;

/** Generates employment spells person by person into a {@link SpellSink}, reusing its buffers. */
export class EmploymentGenerator {
  /** Employment state per month of the last person (0/1). */
  readonly state: Uint8Array;
  // Relationship segments of the current person (one employer each).
  readonly segStart = new Int32Array(MAX_SEGMENTS);
  readonly segEnd = new Int32Array(MAX_SEGMENTS);
  readonly segEmployer = new Int32Array(MAX_SEGMENTS);
  segCount = 0;
  private readonly segPlacement = new Uint8Array(MAX_SEGMENTS);
  private readonly segLeftCensored = new Uint8Array(MAX_SEGMENTS);
  // Spells of the current person before sorting.
  private readonly bufStart = new Int32Array(MAX_SEGMENTS * 4);
  private readonly bufEnd = new Int32Array(MAX_SEGMENTS * 4);
  private readonly bufEmployer = new Int32Array(MAX_SEGMENTS * 4);
  private readonly bufContract = new Uint8Array(MAX_SEGMENTS * 4);
  private readonly order = new Int32Array(MAX_SEGMENTS * 4);
  private bufCount = 0;
  private readonly monthlyChange: number;

  constructor(
    private readonly rng: Random,
    /** First day of each observed month, plus the day after observation ends (length months + 1). */
    private readonly monthFirst: Int32Array,
    private readonly persistence: number,
    private readonly regularEmployers: number,
    jobChangeRate: number,
    private readonly sideJobShare: number,
    private readonly stayShare: number,
    private readonly existingJobShare: number,
    readonly sink: SpellSink,
  ) {
    this.state = new Uint8Array(monthFirst.length - 1);
    this.monthlyChange = 1 - Math.exp(-jobChangeRate / 12);
  }

  /** Draw the monthly states, then the spells, of one person; appends the spells to the sink sorted by start. */
  generate(person: number, plan: PersonPlan): void {
    this.drawStates(plan);
    this.segCount = 0;
    this.bufCount = 0;
    const months = this.state.length;
    const st = this.state;
    const continuing = plan.supported && plan.mayContinueExistingJob && plan.placementMonth > 0 && plan.placementStart === plan.supportStart && st[plan.placementMonth - 1] === 1 && this.rng.uniform() < this.existingJobShare;
    const staying = plan.supported && plan.endMonth + 1 < months && st[plan.endMonth + 1] === 1 && this.rng.uniform() < this.stayShare;
    let m = 0;
    while (m < months) {
      if (st[m] === 0) {
        m++;
        continue;
      }
      const a = m;
      while (m < months && st[m] === 1) m++;
      this.buildRun(plan, a, m - 1, continuing, staying);
    }
    this.flush(person);
  }

  private drawStates(plan: PersonPlan): void {
    const { q, forced } = plan;
    const st = this.state;
    const r = this.persistence;
    let prevQ = 0;
    let prevState = 0;
    for (let m = 0; m < st.length; m++) {
      if (forced[m] !== 0) {
        prevState = forced[m] === 1 ? 1 : 0;
        prevQ = prevState;
        st[m] = prevState;
        continue;
      }
      const next = q[m];
      let p: number;
      if (m === 0 || prevQ <= 0 || prevQ >= 1) {
        p = next; // previous state is certain (or there is none): draw from the marginal
      } else {
        const rr = Math.min(r, next / prevQ, (1 - next) / (1 - prevQ));
        const b = next - rr * prevQ;
        p = prevState === 1 ? b + rr : b;
      }
      prevState = this.rng.uniform() < p ? 1 : 0;
      prevQ = next;
      st[m] = prevState;
    }
  }

  private randomDay(month: number): number {
    return this.monthFirst[month] + this.rng.int(this.monthFirst[month + 1] - this.monthFirst[month]);
  }

  /** One run of employed months a…b: its relationship segments, their employers and contract spells, and now and then a side job. */
  private buildRun(plan: PersonPlan, a: number, b: number, continuing: boolean, staying: boolean): void {
    const firstSeg = this.segCount;
    const runEnd = this.runSegments(plan, a, b, continuing, staying);
    this.assignEmployers(plan, firstSeg);
    for (let k = firstSeg; k < this.segCount; k++) this.emitContracts(k, plan);
    // An occasional overlapping side job, only in runs without support (so placements stay the main job).
    const touchesSupport = plan.supported && a <= plan.endMonth && b >= plan.placementMonth - 1;
    if (!touchesSupport && this.rng.uniform() < this.sideJobShare) this.addSideJob(plan, firstSeg, runEnd);
  }

  /**
   * Split the run a…b into relationship segments: a new one at the placement (unless the placement
   * continues the job held), after support ends (unless the person stays) and at job changes
   * outside support. Returns the last day of the run (OPEN_END when it runs past observation).
   */
  private runSegments(plan: PersonPlan, a: number, b: number, continuing: boolean, staying: boolean): number {
    const mf = this.monthFirst;
    const months = this.state.length;
    const rng = this.rng;
    const inSupport = (m: number): boolean => plan.supported && m >= plan.placementMonth && m <= plan.endMonth;
    let curStart: number;
    if (plan.supported && a === plan.placementMonth) curStart = plan.placementStart;
    else curStart = a === 0 ? mf[0] : this.randomDay(a);
    let curPlacement = inSupport(a);
    const leftCensored = curStart === mf[0];
    let runEnd: number;
    if (plan.supported && b === plan.endMonth && plan.supportEnd !== OPEN_END) runEnd = plan.supportEnd;
    else if (b === months - 1) runEnd = OPEN_END;
    else runEnd = this.randomDay(b);
    let segLeft = leftCensored ? 1 : 0;
    const close = (end: number): void => {
      const k = this.segCount++;
      this.segStart[k] = curStart;
      this.segEnd[k] = end;
      this.segPlacement[k] = curPlacement ? 1 : 0;
      this.segLeftCensored[k] = segLeft;
      segLeft = 0;
    };
    for (let m = a + 1; m <= b; m++) {
      if (plan.supported && m === plan.placementMonth) {
        if (continuing) {
          curPlacement = true;
        } else {
          const end = Math.max(curStart, mf[m - 1], plan.placementStart - 1 - rng.int(8));
          close(end);
          curStart = plan.placementStart;
          curPlacement = true;
        }
      } else if (plan.supported && m === plan.endMonth + 1) {
        if (!staying) {
          close(plan.supportEnd);
          curStart = Math.min(plan.supportEnd + 1 + rng.int(8), mf[m + 1] - 1);
          curPlacement = false;
        }
      } else if (!inSupport(m) && rng.uniform() < this.monthlyChange) {
        const x = this.randomDay(m);
        let end = x - 1 + (rng.int(31) - 15);
        if (plan.supported && m < plan.placementMonth) end = Math.min(end, plan.placementStart - 1);
        end = Math.min(end, runEnd === OPEN_END ? mf[months] - 1 : runEnd);
        end = Math.max(end, curStart, mf[m - 1]);
        close(end);
        curStart = x;
        curPlacement = false;
      }
    }
    if (runEnd < curStart) runEnd = curStart + rng.int(mf[b + 1] - curStart);
    close(runEnd);
    return runEnd;
  }

  /**
   * Employers of the segments from `firstSeg` on: the placement employer for placement segments,
   * otherwise a regular employer different from its neighbours, so that only intended spells
   * merge into one relationship.
   */
  private assignEmployers(plan: PersonPlan, firstSeg: number): void {
    for (let k = firstSeg; k < this.segCount; k++) {
      if (this.segPlacement[k] === 1) {
        this.segEmployer[k] = plan.placementEmployer;
        continue;
      }
      let e: number;
      do e = FIRST_REGULAR + this.rng.int(this.regularEmployers);
      while (e === plan.placementEmployer || (k - 1 >= firstSeg && e === this.segEmployer[k - 1]) || (k - 2 >= firstSeg && e === this.segEmployer[k - 2]));
      this.segEmployer[k] = e;
    }
  }

  /** A side job overlapping the run (segments from `firstSeg` on, ending `runEnd`), at an employer of none of its segments. */
  private addSideJob(plan: PersonPlan, firstSeg: number, runEnd: number): void {
    const mf = this.monthFirst;
    const rng = this.rng;
    const firstDay = this.segStart[firstSeg];
    const lastDay = runEnd === OPEN_END ? mf[this.state.length] - 1 : runEnd;
    if (lastDay <= firstDay) return;
    const s = firstDay + rng.int(lastDay - firstDay + 1);
    const e = Math.min(lastDay, s + 30 + rng.int(330));
    let emp: number;
    let clash: boolean;
    do {
      emp = FIRST_REGULAR + rng.int(this.regularEmployers);
      clash = emp === plan.placementEmployer;
      for (let k = firstSeg; k < this.segCount && !clash; k++) clash = this.segEmployer[k] === emp;
    } while (clash);
    const k = this.segCount++;
    this.segStart[k] = s;
    this.segEnd[k] = e;
    this.segEmployer[k] = emp;
    this.segPlacement[k] = 0;
    this.segLeftCensored[k] = s === mf[0] ? 1 : 0;
    this.pushSpell(s, e, emp, 0);
  }

  /** Split one relationship into contract spells: a chain of fixed-term contracts, then open-ended. */
  private emitContracts(k: number, plan: PersonPlan): void {
    const rng = this.rng;
    const js = this.segStart[k];
    const je = this.segEnd[k];
    const emp = this.segEmployer[k];
    const lastObserved = this.monthFirst[this.monthFirst.length - 1] - 1;
    const pOpen = this.segLeftCensored[k] === 1 ? 0.75 : this.segPlacement[k] === 1 ? (plan.wsw ? 1 : 0.1) : 0.3;
    const openFirst = rng.uniform() < pOpen;
    const maxFixed = 1 + rng.int(3);
    let fixed = 0;
    let cur = js;
    for (;;) {
      if (openFirst || fixed >= maxFixed) {
        this.pushSpell(cur, je, emp, 1);
        return;
      }
      const end = cur + (rng.uniform() < 0.3 ? 182 : 365) - 1;
      if (je !== OPEN_END && end >= je) {
        this.pushSpell(cur, je, emp, 0);
        return;
      }
      if (je === OPEN_END && end >= lastObserved) {
        this.pushSpell(cur, OPEN_END, emp, 0);
        return;
      }
      this.pushSpell(cur, end, emp, 0);
      fixed++;
      // A renewal now and then starts a few days before the previous contract ends (overlap).
      cur = rng.uniform() < 0.05 ? Math.max(cur + 1, end - rng.int(5)) : end + 1;
    }
  }

  private pushSpell(start: number, end: number, employer: number, contract: number): void {
    const i = this.bufCount++;
    this.bufStart[i] = start;
    this.bufEnd[i] = end;
    this.bufEmployer[i] = employer;
    this.bufContract[i] = contract;
  }

  private flush(person: number): void {
    const n = this.bufCount;
    const o = this.order;
    for (let i = 0; i < n; i++) o[i] = i;
    // Insertion sort: a person has few spells.
    for (let i = 1; i < n; i++) {
      const v = o[i];
      let j = i - 1;
      while (j >= 0 && this.before(v, o[j])) {
        o[j + 1] = o[j];
        j--;
      }
      o[j + 1] = v;
    }
    for (let i = 0; i < n; i++) {
      const k = o[i];
      this.sink.push(person, this.bufEmployer[k], this.bufStart[k], this.bufEnd[k], this.bufContract[k]);
    }
  }

  private before(x: number, y: number): boolean {
    if (this.bufStart[x] !== this.bufStart[y]) return this.bufStart[x] < this.bufStart[y];
    if (this.bufEnd[x] !== this.bufEnd[y]) return this.bufEnd[x] < this.bufEnd[y];
    return this.bufEmployer[x] < this.bufEmployer[y];
  }
}
