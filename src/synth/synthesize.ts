import { formatIsoDate } from '../io/dates.js';
import { formatMonth } from '../core/calendar.js';
import { createRandom } from '../core/random.js';
import { resolveSynthOptions, type ResolvedSynthOptions, type SynthOptions } from './options.js';
import { simulateSupportStock, type Trajectories } from './stock.js';
import type { SyntheticExport, SyntheticSupport, SyntheticTruth } from './types.js';
import { resolveSynthOutcomes, withOutcomes } from './outcomes.js';
import { monthGrid } from './monthGrid.js';
import { drawPersonAttributes, exportPersons, personCounts, syntheticKeys, type PersonCounts } from './persons.js';
import { PersonSimulation } from './personSimulation.js';
import { employerTypeShareTruth, stockTruth } from './supportTruth.js';

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
  // The order of these steps is the order of the draws from `rng`: keep it.
  const traj = simulateSupportStock(opts, rng);
  const counts = personCounts(traj.length, opts);
  const keys = syntheticKeys(counts.persons, rng);
  const grid = monthGrid(opts);
  const attributes = drawPersonAttributes(opts, rng, traj, counts);
  const sim = new PersonSimulation(opts, rng, grid, traj, attributes, counts);
  for (let p = 0; p < counts.persons; p++) sim.simulate(keys.order[p], p);

  const { persons, comparable } = exportPersons(keys, attributes, counts);
  const support = supportRows(traj, sim.personOut);
  const employment = sim.sink.columns();
  const exp: SyntheticExport = {
    persons,
    support,
    employment,
    observation: { start: obsStart, end: obsEnd },
    truth: syntheticTruth(opts, sim, support, counts),
  };
  // Outcomes come last, from their own random stream: everything above is unchanged.
  return options.outcomes ? withOutcomes(exp, opts.seed, resolveSynthOutcomes(options.outcomes), comparable, { startMonth, endMonth, window: opts.window }) : exp;
}

/** One support row per supported person, in person (export) order. */
function supportRows(traj: Trajectories, personOut: Int32Array): SyntheticSupport {
  const n = personOut.length;
  const person = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const scheme = new Uint8Array(n);
  const employerType = new Uint8Array(n);
  const byPerson = new Int32Array(n);
  for (let i = 0; i < n; i++) byPerson[i] = i;
  byPerson.sort((x, y) => personOut[x] - personOut[y]);
  for (let r = 0; r < n; r++) {
    const i = byPerson[r];
    person[r] = personOut[i];
    start[r] = traj.start[i];
    end[r] = traj.end[i];
    scheme[r] = traj.scheme[i];
    employerType[r] = traj.employerType[i];
  }
  return { length: n, person, start, end, scheme, employerType };
}

/** What the generator knows: the truth sums of the simulation, counts from the support rows, and every parameter. */
function syntheticTruth(opts: ResolvedSynthOptions, sim: PersonSimulation, support: SyntheticSupport, counts: PersonCounts): SyntheticTruth {
  const { start: obsStart, end: obsEnd, startMonth, endMonth } = opts.observation;
  const monthLabels: string[] = [];
  for (let m = 0; m < endMonth - startMonth + 1; m++) monthLabels.push(formatMonth(startMonth + m));
  const { observation: _obs, ...parameters } = opts;
  const { phases, phasesObservedBefore, controlSum, cfMonthSum, cfMonthN } = sim;
  const nControls = counts.controls;
  return {
    seed: opts.seed,
    observation: { start: formatIsoDate(obsStart), end: formatIsoDate(obsEnd) },
    effect: opts.effect,
    phases: { all: phases.result(0), Participatiewet: phases.result(1), Wsw: phases.result(2) },
    phasesObservedBefore: { all: phasesObservedBefore.result(0), Participatiewet: phasesObservedBefore.result(1), Wsw: phasesObservedBefore.result(2) },
    controlTrend: { month: monthLabels, expected: Array.from(controlSum, (s) => (nControls > 0 ? s / nControls : NaN)) },
    supportedTrendWithoutEffect: { month: monthLabels, expected: Array.from(cfMonthSum, (s, m) => (cfMonthN[m] > 0 ? s / cfMonthN[m] : null)) },
    stock: stockTruth(support, obsStart, obsEnd),
    employerTypeShares: employerTypeShareTruth(support, obsStart, obsEnd),
    tenure: sim.tenure.result(),
    counts: { persons: counts.persons, supported: counts.supported, controls: nControls, comparableControls: counts.comparable, support: support.length, employment: sim.sink.length },
    parameters,
  };
}
