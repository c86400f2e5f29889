import type { CbsExport, ObservationPeriod } from '../io/types.js';
import { SpecificationError } from '../io/errors.js';
import { CONTRACT_FIXED, CONTRACT_OPEN_ENDED, contractKinds, DEFAULT_CONTRACT_CODES, type ContractCodes } from './contractType.js';

/** Day-number sentinel for "no such date" (e.g. never had an open-ended contract). */
export const NO_DAY = -2_147_483_648;

/** Options of {@link employmentRelationships}. */
export interface RelationshipOptions {
  /**
   * Largest gap in days between two spells at the same employer that still counts as one
   * relationship. 0 (default): only consecutive (next start ≤ previous end + 1 day) or overlapping spells merge.
   */
  readonly gapDays?: number;
  /** Which contract-type values are fixed-term / open-ended (default: CBS `B` / `O`). */
  readonly contractCodes?: ContractCodes;
}

/**
 * Employment relationships (dienstverbanden), columnar, sorted by person then start;
 * `offsets` gives each person's slice.
 */
export interface EmploymentRelationships {
  readonly length: number;
  /** Person index (row of the persons table). */
  readonly person: Int32Array;
  /** Employer code, index into `employerLevels`. */
  readonly employer: Int32Array;
  readonly employerLevels: readonly string[];
  /** First day (day number). For left-censored relationships: the observation start, a lower bound. */
  readonly start: Int32Array;
  /** Last day (inclusive), `OPEN_END` when ongoing. */
  readonly end: Int32Array;
  /** 1 when the relationship was already running when the data begin: its start is unknown, tenure is a lower bound. */
  readonly leftCensored: Uint8Array;
  /** Number of job spells merged into the relationship. */
  readonly spells: Int32Array;
  /** Contract type of the first and of the last spell (index into `contractLevels`; -1 missing). */
  readonly firstContract: Int32Array;
  readonly lastContract: Int32Array;
  readonly contractLevels: readonly string[];
  /** 1 when a fixed-term spell was followed by an open-ended spell within the relationship. */
  readonly convertedToOpenEnded: Uint8Array;
  /** Start of the first open-ended spell, {@link NO_DAY} when there was none. */
  readonly firstOpenEndedStart: Int32Array;
  /** CSR offsets by person, length persons + 1. */
  readonly offsets: Int32Array;
  readonly observation: ObservationPeriod;
  /** Gap tolerance used, in days. */
  readonly gapDays: number;
}

/** Stable counting sort of `order` by `key[order[i]]` (keys in 0..range-1). */
function countingSort(order: Int32Array, key: Int32Array, range: number): Int32Array {
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < order.length; i++) counts[key[order[i]] + 1]++;
  for (let k = 0; k < range; k++) counts[k + 1] += counts[k];
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[counts[key[order[i]]]++] = order[i];
  return out;
}

/**
 * Merge each person's job spells at the same employer (`SBEID`) into employment relationships:
 * spells merge when the next one starts no later than `gapDays + 1` days after the latest end so
 * far (overlapping and back-to-back spells always merge). A relationship whose start equals the
 * observation start is flagged left-censored.
 *
 * @example
 * import { employmentRelationships } from 'participation-effects';
 * // exp: a CbsExport, e.g. from loadCbsExport(...)
 * const rel = employmentRelationships(exp, { gapDays: 31 });
 * rel.length; // number of relationships
 */
export function employmentRelationships(cbsExport: CbsExport, options: RelationshipOptions = {}): EmploymentRelationships {
  const gapDays = options.gapDays ?? 0;
  if (!Number.isInteger(gapDays) || gapDays < 0) throw new SpecificationError(`gapDays must be a non-negative integer, got ${gapDays}`);
  const emp = cbsExport.employment;
  const nPersons = cbsExport.persons.length;
  const n = emp.length;
  const kinds = contractKinds(emp.contract, options.contractCodes ?? DEFAULT_CONTRACT_CODES);

  // Spells come sorted by (person, start); a stable sort by employer and then by person
  // gives (person, employer, start) order in O(n).
  const nEmployers = emp.employer.levels.length;
  const employerKey = new Int32Array(n);
  for (let i = 0; i < n; i++) employerKey[i] = emp.employer.codes[i] < 0 ? nEmployers : emp.employer.codes[i];
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order = countingSort(order, employerKey, nEmployers + 1);
  order = countingSort(order, emp.person, nPersons);

  const person = new Int32Array(n);
  const employer = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const spells = new Int32Array(n);
  const firstContract = new Int32Array(n);
  const lastContract = new Int32Array(n);
  const converted = new Uint8Array(n);
  const firstOpen = new Int32Array(n);
  const seenFixed = new Uint8Array(n);
  let m = -1;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    const p = emp.person[i];
    const e = employerKey[i];
    const s = emp.start[i];
    // An unknown employer (code -1) never merges: each such spell is its own relationship.
    const merge = m >= 0 && person[m] === p && employer[m] === e && e !== nEmployers && s <= end[m] + 1 + gapDays;
    if (!merge) {
      m++;
      person[m] = p;
      employer[m] = e;
      start[m] = s;
      end[m] = emp.end[i];
      spells[m] = 1;
      firstContract[m] = emp.contract.codes[i];
      firstOpen[m] = NO_DAY;
    } else {
      if (emp.end[i] > end[m]) end[m] = emp.end[i];
      spells[m]++;
    }
    const code = emp.contract.codes[i];
    lastContract[m] = code;
    const kind = code >= 0 ? kinds[code] : 0;
    if (kind === CONTRACT_FIXED) seenFixed[m] = 1;
    else if (kind === CONTRACT_OPEN_ENDED) {
      if (firstOpen[m] === NO_DAY) firstOpen[m] = s;
      if (seenFixed[m]) converted[m] = 1;
    }
  }
  const count = m + 1;

  // Relationships are in (person, employer, start) order; re-sort each person's few by start.
  const perm = new Int32Array(count);
  for (let r = 0; r < count; r++) perm[r] = r;
  const offsets = new Int32Array(nPersons + 1);
  for (let r = 0; r < count; r++) offsets[person[r] + 1]++;
  for (let p = 0; p < nPersons; p++) offsets[p + 1] += offsets[p];
  for (let p = 0; p < nPersons; p++) {
    const lo = offsets[p];
    const hi = offsets[p + 1];
    for (let a = lo + 1; a < hi; a++) {
      const v = perm[a];
      let b = a - 1;
      while (b >= lo && (start[perm[b]] > start[v] || (start[perm[b]] === start[v] && employer[perm[b]] > employer[v]))) {
        perm[b + 1] = perm[b];
        b--;
      }
      perm[b + 1] = v;
    }
  }
  const take = (src: Int32Array): Int32Array => {
    const out = new Int32Array(count);
    for (let r = 0; r < count; r++) out[r] = src[perm[r]];
    return out;
  };
  const obsStart = cbsExport.observation.start;
  const outStart = take(start);
  const leftCensored = new Uint8Array(count);
  for (let r = 0; r < count; r++) leftCensored[r] = outStart[r] <= obsStart ? 1 : 0;
  const outConverted = new Uint8Array(count);
  for (let r = 0; r < count; r++) outConverted[r] = converted[perm[r]];
  const outEmployer = take(employer);
  for (let r = 0; r < count; r++) if (outEmployer[r] === nEmployers) outEmployer[r] = -1;
  return {
    length: count,
    person: take(person),
    employer: outEmployer,
    employerLevels: emp.employer.levels,
    start: outStart,
    end: take(end),
    leftCensored,
    spells: take(spells),
    firstContract: take(firstContract),
    lastContract: take(lastContract),
    contractLevels: emp.contract.levels,
    convertedToOpenEnded: outConverted,
    firstOpenEndedStart: take(firstOpen),
    offsets,
    observation: cbsExport.observation,
    gapDays,
  };
}

