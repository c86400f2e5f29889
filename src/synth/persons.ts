/**
 * The synthetic persons: how many of each kind, their person keys (and so their order in the
 * export), and their attributes and participation propensity.
 */
import { civilFromDay } from '../core/calendar.js';
import type { Random } from '../core/random.js';
import type { ResolvedSynthOptions } from './options.js';
import type { Trajectories } from './stock.js';
import type { SyntheticPersons } from './types.js';

const EDU_SUPPORTED = [0.55, 0.35, 0.1];
const EDU_CONTROL = [0.35, 0.4, 0.25];
const ORIGIN_SHARES = [0.5, 0.12, 0.38];
const EDU_EFFECT = [-0.06, 0, 0.08];
const ORIGIN_EFFECT = [0.03, 0, -0.04];
const FEMALE_EFFECT = -0.02;

/**
 * Person counts. Internal person i is supported person (trajectory) i for i < supported, then a
 * control; the first `comparable` controls are drawn like the supported persons (same covariate
 * and propensity distributions), the others come from the general population.
 */
export interface PersonCounts {
  readonly supported: number;
  readonly controls: number;
  readonly comparable: number;
  readonly persons: number;
}

/** The person counts for `supported` trajectories. */
export function personCounts(supported: number, opts: ResolvedSynthOptions): PersonCounts {
  const controls = Math.round(supported * opts.controlsPerSupported);
  const comparable = Math.round(controls * opts.comparableControlShare);
  return { supported, controls, comparable, persons: supported + controls };
}

/** Person keys and the export order: `order[p]` is the internal person written as row p. */
export interface SyntheticKeys {
  readonly keys: Float64Array;
  readonly order: Int32Array;
}

/** Person keys: an affine bijection on 9-digit numbers, then persons sorted by key (as a CBS export). */
export function syntheticKeys(n: number, rng: Random): SyntheticKeys {
  const keyOffset = rng.int(1_000_000_000);
  const keyOf = (i: number): number => (i * 387_420_489 + keyOffset) % 1_000_000_000;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = keyOf(i);
  order.sort((x, y) => keys[x] - keys[y]);
  return { keys, order };
}

/** Attributes of every internal person, and `theta`, the participation propensity before age and calendar shifts. */
export interface PersonAttributes {
  readonly birthYear: Int16Array;
  readonly sex: Uint8Array;
  readonly education: Uint8Array;
  readonly origin: Uint8Array;
  readonly theta: Float64Array;
}

/** Age at support start: 20–55 when already in support as observation starts, otherwise by scheme. */
function ageAtSupportStart(rng: Random, traj: Trajectories, i: number, obsStart: number): number {
  return traj.start[i] === obsStart
    ? 20 + rng.int(36) // already in support when observation starts
    : traj.scheme[i] === 1
      ? 18 + Math.floor(37 * rng.uniform() ** 1.2)
      : 18 + Math.floor(42 * rng.uniform() ** 1.4);
}

/** Draw sex, education, origin, birth year and propensity of every internal person. */
export function drawPersonAttributes(opts: ResolvedSynthOptions, rng: Random, traj: Trajectories, counts: PersonCounts): PersonAttributes {
  const n = counts.persons;
  const birthYear = new Int16Array(n);
  const sex = new Uint8Array(n);
  const education = new Uint8Array(n);
  const origin = new Uint8Array(n);
  const theta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const supported = i < counts.supported;
    const likeSupported = i < counts.supported + counts.comparable;
    sex[i] = rng.uniform() < (likeSupported ? 0.6 : 0.5) ? 1 : 2;
    education[i] = rng.weighted(likeSupported ? EDU_SUPPORTED : EDU_CONTROL);
    origin[i] = rng.weighted(ORIGIN_SHARES);
    if (supported) {
      birthYear[i] = civilFromDay(traj.start[i]).year - ageAtSupportStart(rng, traj, i, opts.observation.start);
    } else {
      birthYear[i] = birthYear[rng.int(counts.supported)] + Math.round(rng.normal(0, 5));
    }
    const base = likeSupported ? opts.supportedBase : opts.controlBase;
    theta[i] = base + EDU_EFFECT[education[i]] + ORIGIN_EFFECT[origin[i]] + (sex[i] === 2 ? FEMALE_EFFECT : 0) + rng.normal(0, opts.personSd);
  }
  return { birthYear, sex, education, origin, theta };
}

/**
 * The person table in export order, and per row whether the person is a comparable control or
 * supported (drawn like the supported persons).
 */
export function exportPersons(keys: SyntheticKeys, attributes: PersonAttributes, counts: PersonCounts): { persons: SyntheticPersons; comparable: Uint8Array } {
  const n = counts.persons;
  const rinpersoon: string[] = new Array(n);
  const birthYear = new Int16Array(n);
  const sex = new Uint8Array(n);
  const education = new Uint8Array(n);
  const origin = new Uint8Array(n);
  const supported = new Uint8Array(n);
  const comparable = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const i = keys.order[p];
    rinpersoon[p] = String(keys.keys[i]).padStart(9, '0');
    birthYear[p] = attributes.birthYear[i];
    sex[p] = attributes.sex[i];
    education[p] = attributes.education[i];
    origin[p] = attributes.origin[i];
    supported[p] = i < counts.supported ? 1 : 0;
    comparable[p] = i < counts.supported + counts.comparable ? 1 : 0;
  }
  return { persons: { length: n, rinpersoon, birthYear, sex, education, origin, supported }, comparable };
}
