/**
 * The rows of one support-start cohort: its supported persons (measured at their own support
 * start), then the candidates of its strata (measured at the cohort anchor), stratum by stratum,
 * keeping rows with every distance covariate known. Built for the propensity fit and kept for
 * matching while they take little memory; beyond that built again (cohorts × candidates rows
 * need not fit in memory).
 */
import { monthOfDay } from '../core/calendar.js';
import type { PanelAnchors } from '../panel/types.js';
import { rawValues } from './distance.js';
import type { CandidatePool, Strata, UnmatchedReason } from './matchEligibility.js';
import type { DistanceVariable, PreParticipation } from './matchCovariates.js';

/** The cohort's strata that have candidates, and its supported persons in them. */
export interface CohortPlan {
  readonly key: number;
  readonly label: string;
  /** Anchor rows of the supported persons, grouped by stratum (strata in order of first appearance), anchor order within. */
  readonly tRows: Int32Array;
  /** Strata, in that order, and the number of supported persons of each. */
  readonly strata: Int32Array;
  readonly tCount: Int32Array;
}

/** What a cohort's rows are built from. */
export interface RowSource {
  readonly anchors: PanelAnchors;
  readonly strata: Strata;
  readonly pool: CandidatePool;
  readonly distVars: readonly DistanceVariable[];
  readonly pre: PreParticipation;
  /**
   * Per distance variable that does not depend on the anchor, its values of the pool's candidates
   * in pool order (undefined for `preParticipation`): gathered once, copied per stratum per cohort.
   */
  readonly poolValues: readonly (Float64Array | undefined)[];
  /** The pool's rows of employed months ({@link PreParticipation.gatherRows}) when `preParticipation` is a distance variable. */
  readonly poolBits?: Int32Array;
}

/** {@link RowSource.poolValues}: values of the pool's candidates in pool order, once per matching. */
export function poolValues(distVars: readonly DistanceVariable[], pool: CandidatePool, pre: PreParticipation): (Float64Array | undefined)[] {
  const noAnchor = new Int32Array(pool.persons.length);
  return distVars.map((v) => (v.kind === 'preParticipation' ? undefined : rawValues(v, pool.persons, noAnchor, pre, 0, pool.persons.length)));
}

/** A cohort's model rows: supported first (`nT`), then candidates; `ranges` per stratum of the plan. */
export interface CohortRows {
  readonly nT: number;
  /** Anchor row of each supported model row. */
  readonly tAnchor: Int32Array;
  readonly person: Int32Array;
  /** Anchor month per row: own support start for the supported, the cohort anchor for candidates. */
  readonly anchor: Int32Array;
  /** Values per distance variable (categorical: the level code). */
  readonly raw: readonly Float64Array[];
  /** Per stratum s of the plan: supported rows [4s, 4s+1), candidate rows [4s+2, 4s+3). */
  readonly ranges: Int32Array;
}

/**
 * Plan a cohort: group its supported persons by stratum; persons of strata without any candidate
 * are reported (`empty`, `unmatched`). Undefined when no stratum has candidates.
 */
export function planCohort(
  src: RowSource,
  key: number,
  label: string,
  rows: Int32Array,
  empty: (stratum: string, n: number) => void,
  unmatched: (p: number, reason: UnmatchedReason) => void,
): CohortPlan | undefined {
  const { anchors, strata, pool } = src;
  const order: number[] = [];
  const byStratum = new Map<number, number[]>();
  for (const i of rows) {
    const s = strata.of[anchors.person[i]];
    let list = byStratum.get(s);
    if (!list) {
      byStratum.set(s, (list = []));
      order.push(s);
    }
    list.push(i);
  }
  const tRows: number[] = [];
  const kept: number[] = [];
  const tCount: number[] = [];
  for (const s of order) {
    const list = byStratum.get(s)!;
    if (pool.offsets[s + 1] === pool.offsets[s]) {
      empty(strata.label(anchors.person[list[0]]), list.length);
      for (const i of list) unmatched(anchors.person[i], 'no-controls-in-stratum');
      continue;
    }
    for (const i of list) tRows.push(i);
    kept.push(s);
    tCount.push(list.length);
  }
  if (tRows.length === 0) return undefined;
  return { key, label, tRows: Int32Array.from(tRows), strata: Int32Array.from(kept), tCount: Int32Array.from(tCount) };
}

/** Lower median of the anchor months of supported rows with every covariate known (0 when none). */
function cohortAnchor(anchorOfRow: Int32Array, ok: Uint8Array, nT: number): number {
  const known: number[] = [];
  for (let j = 0; j < nT; j++) if (ok[j]) known.push(anchorOfRow[j]);
  known.sort((x, y) => x - y);
  return known.length > 0 ? known[(known.length - 1) >> 1] : 0;
}

/** Build the rows of a planned cohort; supported rows with a missing covariate are reported when `unmatched` is given. */
export function cohortRows(src: RowSource, plan: CohortPlan, unmatched?: (p: number, reason: UnmatchedReason) => void): CohortRows {
  const { anchors, pool, distVars, pre } = src;
  const nTRows = plan.tRows.length;
  let nRows = nTRows;
  for (const s of plan.strata) nRows += pool.offsets[s + 1] - pool.offsets[s];
  const person = new Int32Array(nRows);
  const anchor = new Int32Array(nRows);
  for (let r = 0; r < nTRows; r++) {
    person[r] = anchors.person[plan.tRows[r]];
    anchor[r] = monthOfDay(anchors.start[plan.tRows[r]]);
  }
  let r = nTRows;
  for (const s of plan.strata) {
    person.set(pool.persons.subarray(pool.offsets[s], pool.offsets[s + 1]), r);
    r += pool.offsets[s + 1] - pool.offsets[s];
  }
  const ok = new Uint8Array(nRows).fill(1);
  const raw = distVars.map((v) => rawValues(v, person, anchor, pre, 0, nTRows));
  for (const col of raw) for (let j = 0; j < nTRows; j++) if (Number.isNaN(col[j])) ok[j] = 0;
  anchor.fill(cohortAnchor(anchor, ok, nTRows), nTRows);
  const candidateAnchor = anchor[nTRows] ?? 0;
  distVars.forEach((v, i) => {
    const fromPool = src.poolValues[i];
    if (fromPool) {
      let r = nTRows;
      for (const s of plan.strata) {
        raw[i].set(fromPool.subarray(pool.offsets[s], pool.offsets[s + 1]), r);
        r += pool.offsets[s + 1] - pool.offsets[s];
      }
    } else if (v.kind !== 'preParticipation') rawValues(v, person, anchor, pre, nTRows, nRows, raw[i]);
    else if (src.poolBits) {
      let r = nTRows;
      for (const s of plan.strata) {
        const n = pool.offsets[s + 1] - pool.offsets[s];
        pre.sharesOfRows(candidateAnchor, src.poolBits, pool.offsets[s], r, r + n, raw[i]);
        r += n;
      }
    } else pre.sharesOf(candidateAnchor, person, nTRows, nRows, raw[i]);
  });
  for (const col of raw) for (let j = nTRows; j < nRows; j++) if (Number.isNaN(col[j])) ok[j] = 0;
  if (unmatched) for (let j = 0; j < nTRows; j++) if (!ok[j]) unmatched(person[j], 'missing-covariate');
  return compact(plan, ok, person, anchor, raw, src.pool);
}

/** Keep the rows flagged `ok`, in order, and find each stratum's supported and candidate ranges. */
function compact(plan: CohortPlan, ok: Uint8Array, person: Int32Array, anchor: Int32Array, raw: readonly Float64Array[], pool: CandidatePool): CohortRows {
  const nS = plan.strata.length;
  const ranges = new Int32Array(4 * nS);
  if (ok.indexOf(0) < 0) {
    // Every row kept: the ranges follow from the counts.
    let at = 0;
    for (let s = 0; s < nS; s++) ((ranges[4 * s] = at), (ranges[4 * s + 1] = at += plan.tCount[s]));
    for (let s = 0; s < nS; s++) ((ranges[4 * s + 2] = at), (ranges[4 * s + 3] = at += pool.offsets[plan.strata[s] + 1] - pool.offsets[plan.strata[s]]));
    return { nT: plan.tRows.length, tAnchor: plan.tRows, person, anchor, raw, ranges };
  }
  let k = 0;
  let j = 0;
  const tAnchor: number[] = [];
  const keep = (n: number, fromSlot: number): void => {
    ranges[fromSlot] = k;
    for (const end = j + n; j < end; j++) {
      if (!ok[j]) continue;
      if (fromSlot % 4 === 0) tAnchor.push(plan.tRows[j]);
      if (k !== j) {
        person[k] = person[j];
        anchor[k] = anchor[j];
        for (const col of raw) col[k] = col[j];
      }
      k++;
    }
    ranges[fromSlot + 1] = k;
  };
  for (let s = 0; s < nS; s++) keep(plan.tCount[s], 4 * s);
  const nT = k;
  for (let s = 0; s < nS; s++) keep(pool.offsets[plan.strata[s] + 1] - pool.offsets[plan.strata[s]], 4 * s + 2);
  return { nT, tAnchor: Int32Array.from(tAnchor), person: person.subarray(0, k), anchor: anchor.subarray(0, k), raw: raw.map((c) => c.subarray(0, k)), ranges };
}
