// Direct O(n²) formulas of the Cox partial likelihood, written from the textbook definitions
// (no sorting, no running sums), to check the library's single-pass algorithm.

export interface Subject {
  entry: number;
  time: number;
  event: 0 | 1;
  x: number[];
  w: number;
  stratum: string;
}

const dot = (a: number[], b: readonly number[]) => a.reduce((s, v, j) => s + v * b[j], 0);
const atRisk = (s: Subject, t: number, stratum: string) => s.stratum === stratum && s.entry < t && t <= s.time;

/** Distinct (stratum, event time) pairs. */
function eventTimes(data: Subject[]): { stratum: string; t: number }[] {
  const keys = new Map<string, { stratum: string; t: number }>();
  for (const s of data) if (s.event === 1) keys.set(`${s.stratum}|${s.time}`, { stratum: s.stratum, t: s.time });
  return [...keys.values()];
}

/** Log partial likelihood with Efron or Breslow ties (weighted as R: d deaths share their mean weight). */
export function logLik(data: Subject[], beta: readonly number[], ties: 'efron' | 'breslow'): number {
  let ll = 0;
  for (const { stratum, t } of eventTimes(data)) {
    const deaths = data.filter((s) => s.stratum === stratum && s.event === 1 && s.time === t);
    const riskSum = data.filter((s) => atRisk(s, t, stratum)).reduce((a, s) => a + s.w * Math.exp(dot(s.x, beta)), 0);
    const deathRisk = deaths.reduce((a, s) => a + s.w * Math.exp(dot(s.x, beta)), 0);
    const wd = deaths.reduce((a, s) => a + s.w, 0);
    for (const s of deaths) ll += s.w * dot(s.x, beta);
    const d = deaths.length;
    if (ties === 'breslow') ll -= wd * Math.log(riskSum);
    else for (let k = 0; k < d; k++) ll -= (wd / d) * Math.log(riskSum - (k / d) * deathRisk);
  }
  return ll;
}

/** Central-difference gradient and Hessian of a function of β. */
export function numericDerivatives(f: (b: number[]) => number, beta: readonly number[], h = 1e-4): { grad: number[]; hess: number[][] } {
  const shift = (i: number, di: number, j = -1, dj = 0) => beta.map((b, k) => b + (k === i ? di : 0) + (k === j ? dj : 0));
  const grad = beta.map((_, i) => (f(shift(i, h)) - f(shift(i, -h))) / (2 * h));
  const hess = beta.map((_, i) =>
    beta.map((_, j) => (f(shift(i, h, j, h)) - f(shift(i, h, j, -h)) - f(shift(i, -h, j, h)) + f(shift(i, -h, j, -h))) / (4 * h * h)),
  );
  return { grad, hess };
}

/** Harrell's C by looping over all pairs: an event at t against every subject at risk at t without an event at t. */
export function concordancePairs(data: Subject[], eta: number[]): { concordant: number; discordant: number; tiedRisk: number } {
  let concordant = 0;
  let discordant = 0;
  let tiedRisk = 0;
  data.forEach((a, i) => {
    if (a.event !== 1) return;
    data.forEach((b, j) => {
      if (i === j || !atRisk(b, a.time, a.stratum)) return;
      if (b.time === a.time && b.event === 1) return;
      const w = a.w * b.w;
      if (eta[i] > eta[j]) concordant += w;
      else if (eta[i] < eta[j]) discordant += w;
      else tiedRisk += w;
    });
  });
  return { concordant, discordant, tiedRisk };
}

/** Breslow baseline cumulative hazard at each event time, scaled to a profile z: Σ_{s ≤ t} Σ w_deaths / Σ_{at risk} w e^{xβ} · e^{zβ}. */
export function breslowCumhaz(data: Subject[], beta: readonly number[], z: number[], stratum: string): { t: number; cumhaz: number }[] {
  const times = eventTimes(data).filter((e) => e.stratum === stratum).map((e) => e.t).sort((a, b) => a - b);
  let h = 0;
  return times.map((t) => {
    const wd = data.filter((s) => s.stratum === stratum && s.event === 1 && s.time === t).reduce((a, s) => a + s.w, 0);
    const riskSum = data.filter((s) => atRisk(s, t, stratum)).reduce((a, s) => a + s.w * Math.exp(dot(s.x, beta)), 0);
    h += wd / riskSum;
    return { t, cumhaz: h * Math.exp(dot(z, beta)) };
  });
}

/** A small seeded data set with tied times, delayed entry, weights and two strata. */
export function randomSubjects(n: number, seed: number): Subject[] {
  let state = seed >>> 0;
  const rand = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    const entry = Math.floor(rand() * 4);
    return {
      entry,
      time: entry + 1 + Math.floor(rand() * 8),
      event: rand() < 0.7 ? 1 : 0,
      x: [Math.round(rand() * 10) / 10, rand() < 0.5 ? 1 : 0],
      w: [0.5, 1, 2][Math.floor(rand() * 3)],
      stratum: rand() < 0.5 ? 'a' : 'b',
    };
  });
}
