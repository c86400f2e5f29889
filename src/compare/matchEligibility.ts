/**
 * Who can be matched to whom: exact strata of persons, the never-supported candidates of each
 * stratum, and the supported persons grouped into support-start cohorts.
 */
import { monthOfDay } from '../core/calendar.js';
import { createRandom } from '../core/random.js';
import { SpecificationError } from '../core/errors.js';
import type { PanelAnchors } from '../panel/types.js';
import type { ExactCodes } from './matchCovariates.js';

/** Why a supported person has no matched control. */
export type UnmatchedReason = 'missing-covariate' | 'no-controls-in-stratum' | 'caliper' | 'controls-exhausted';

/** A supported person left unmatched, with the reason. */
export interface UnmatchedPerson {
  /** Row in the export's persons table. */
  readonly person: number;
  readonly id: string;
  readonly reason: UnmatchedReason;
}

/** An exact stratum with supported persons but no eligible control. */
export interface EmptyStratum {
  readonly cohort: string;
  readonly stratum: string;
  readonly n_supported: number;
}

/** Exact strata: a dense stratum number per person (−1 when an exact variable is missing). */
export interface Strata {
  readonly of: Int32Array;
  readonly count: number;
  /** `GBAGESLACHT=1, birthYearBand=1980-1984` for a person of the stratum; `(all)` without exact variables. */
  label(person: number): string;
}

/**
 * Exact strata over the exact-matching variables, numbered in order of first appearance.
 *
 * @example
 * const sex = { name: 'sex', codes: new Int32Array([1, 0, 1, -1]), levels: ['1', '2'] };
 * const s = stratify([sex], 4);
 * [Array.from(s.of), s.count, s.label(1)]; // [[0, 1, 0, -1], 2, 'sex=1']
 */
export function stratify(exactVars: readonly ExactCodes[], nX: number): Strata {
  const radix = exactVars.reduce((r, v) => r * (v.levels.length + 1), 1);
  if (!(radix < 2 ** 52)) throw new SpecificationError(`exact: too many combinations of ${exactVars.map((v) => v.name).join(', ')} to stratify on`);
  const of = new Int32Array(nX);
  const dense = new Map<number, number>();
  for (let p = 0; p < nX; p++) {
    let k = 0;
    for (const v of exactVars) {
      const c = v.codes[p];
      if (c < 0) {
        k = -1;
        break;
      }
      k = k * (v.levels.length + 1) + c;
    }
    if (k < 0) {
      of[p] = -1;
      continue;
    }
    let s = dense.get(k);
    if (s === undefined) dense.set(k, (s = dense.size));
    of[p] = s;
  }
  const label = (p: number): string => exactVars.map((v) => `${v.name}=${v.levels[v.codes[p]]}`).join(', ') || '(all)';
  return { of, count: dense.size, label };
}

/**
 * Seeded random tie rank of every person: distinct integers 0…n−1, used to break ties in distance.
 *
 * @example
 * Array.from(tieRanks(4, 1)).sort(); // [0, 1, 2, 3]
 */
export function tieRanks(nX: number, seed: number): Int32Array {
  const perm = createRandom(seed).shuffle(Int32Array.from({ length: nX }, (_, i) => i));
  const rank = new Int32Array(nX);
  for (let i = 0; i < nX; i++) rank[perm[i]] = i;
  return rank;
}

/**
 * Never-supported candidates per stratum: `persons[offsets[s]…offsets[s+1])` in person order, and
 * `tieOrder` over the same range: their positions within the stratum in ascending tie rank.
 */
export interface CandidatePool {
  readonly offsets: Int32Array;
  readonly persons: Int32Array;
  readonly tieOrder: Int32Array;
  /** Tie rank of each candidate, in pool order. */
  readonly tieRank: Int32Array;
}

/** Candidates: persons without any support trajectory (`supported[p]` 0) whose exact variables are known. */
export function candidatePool(supported: Uint8Array, strata: Strata, tieRank: Int32Array): CandidatePool {
  const nX = supported.length;
  const offsets = new Int32Array(strata.count + 1);
  const eligible = (p: number): boolean => supported[p] === 0 && strata.of[p] >= 0;
  for (let p = 0; p < nX; p++) if (eligible(p)) offsets[strata.of[p] + 1]++;
  for (let s = 0; s < strata.count; s++) offsets[s + 1] += offsets[s];
  const persons = new Int32Array(offsets[strata.count]);
  const position = new Int32Array(nX);
  let next = offsets.slice(0, strata.count);
  for (let p = 0; p < nX; p++) {
    if (!eligible(p)) continue;
    const s = strata.of[p];
    position[p] = next[s] - offsets[s];
    persons[next[s]++] = p;
  }
  // Persons in tie-rank order, so each stratum's positions come out in tie-rank order.
  const byRank = new Int32Array(nX);
  for (let p = 0; p < nX; p++) byRank[tieRank[p]] = p;
  const tieOrder = new Int32Array(persons.length);
  next = offsets.slice(0, strata.count);
  for (let i = 0; i < nX; i++) {
    const p = byRank[i];
    if (eligible(p)) tieOrder[next[strata.of[p]]++] = position[p];
  }
  const poolTie = new Int32Array(persons.length);
  for (let i = 0; i < persons.length; i++) poolTie[i] = tieRank[persons[i]];
  return { offsets, persons, tieOrder, tieRank: poolTie };
}

/** Supported persons by support-start cohort: anchor rows in anchor order, per cohort key ascending. */
export interface Cohorts {
  readonly keys: readonly number[];
  readonly rows: readonly Int32Array[];
}

/**
 * Group the supported persons' anchors into cohorts of `width` months of support start (0: one
 * cohort); persons with a missing exact variable are reported unmatched instead.
 */
export function supportCohorts(anchors: PanelAnchors, strata: Strata, width: number, unmatched: (p: number, reason: UnmatchedReason) => void): Cohorts {
  const byKey = new Map<number, number[]>();
  for (let i = 0; i < anchors.person.length; i++) {
    const p = anchors.person[i];
    if (strata.of[p] < 0) {
      unmatched(p, 'missing-covariate');
      continue;
    }
    const c = width > 0 ? Math.floor(monthOfDay(anchors.start[i]) / width) : 0;
    let list = byKey.get(c);
    if (!list) byKey.set(c, (list = []));
    list.push(i);
  }
  const keys = [...byKey.keys()].sort((a, b) => a - b);
  return { keys, rows: keys.map((k) => Int32Array.from(byKey.get(k)!)) };
}
