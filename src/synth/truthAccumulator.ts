import type { GroupTruth } from './types.js';

/** Sums of generating probabilities per phase, event time and group (0 = all, 1 = Participatiewet, 2 = Wsw). */
export class TruthAccumulator {
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
