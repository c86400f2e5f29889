import type { CbsExport, ObservationPeriod } from '../io/types.js';
import { SpecificationError } from '../core/errors.js';
import { CONTRACT_FIXED, CONTRACT_OPEN_ENDED, contractKinds, DEFAULT_CONTRACT_CODES, type ContractCodes } from './contractType.js';

/**
 * Day-number sentinel for "no such date" (e.g. never had an open-ended contract).
 *
 * @example
 * NO_DAY < 0; // true
 */
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

/**
 * Merge each person's job spells at the same employer (`SBEID`) into employment relationships:
 * spells merge when the next one starts no later than `gapDays + 1` days after the latest end so
 * far (overlapping and back-to-back spells always merge). A relationship whose start equals the
 * observation start is flagged left-censored.
 *
 * @example
 * import { employmentRelationships } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const rel = employmentRelationships(exp, { gapDays: 31 });
 * rel.offsets.length === exp.persons.length + 1; // true
 */
export function employmentRelationships(cbsExport: CbsExport, options: RelationshipOptions = {}): EmploymentRelationships {
  const gapDays = options.gapDays ?? 0;
  if (!Number.isInteger(gapDays) || gapDays < 0) throw new SpecificationError(`gapDays must be a non-negative integer, got ${gapDays}`);
  const emp = cbsExport.employment;
  const nPersons = cbsExport.persons.length;
  const n = emp.length;
  const kinds = contractKinds(emp.contract, options.contractCodes ?? DEFAULT_CONTRACT_CODES);

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
  const offsets = new Int32Array(nPersons + 1);
  // Latest relationship per employer for the current person; spells arrive sorted by start, so
  // a relationship is created in start order and never needs re-sorting.
  const latest = new Int32Array(emp.employer.levels.length).fill(-1);
  const touched = new Int32Array(n);
  let count = 0;
  for (let p = 0; p < nPersons; p++) {
    offsets[p] = count;
    let nTouched = 0;
    for (let i = emp.offsets[p]; i < emp.offsets[p + 1]; i++) {
      const e = emp.employer.codes[i];
      const s = emp.start[i];
      let r = e >= 0 ? latest[e] : -1;
      // An unknown employer (code -1) never merges: each such spell is its own relationship.
      if (r < 0 || s > end[r] + 1 + gapDays) {
        r = count++;
        person[r] = p;
        employer[r] = e;
        start[r] = s;
        end[r] = emp.end[i];
        spells[r] = 1;
        firstContract[r] = emp.contract.codes[i];
        firstOpen[r] = NO_DAY;
        if (e >= 0) {
          if (latest[e] < 0) touched[nTouched++] = e;
          latest[e] = r;
        }
      } else {
        if (emp.end[i] > end[r]) end[r] = emp.end[i];
        spells[r]++;
      }
      const code = emp.contract.codes[i];
      lastContract[r] = code;
      const kind = code >= 0 ? kinds[code] : 0;
      if (kind === CONTRACT_FIXED) seenFixed[r] = 1;
      else if (kind === CONTRACT_OPEN_ENDED) {
        if (firstOpen[r] === NO_DAY) firstOpen[r] = s;
        if (seenFixed[r]) converted[r] = 1;
      }
    }
    for (let k = 0; k < nTouched; k++) latest[touched[k]] = -1;
  }
  offsets[nPersons] = count;
  const obsStart = cbsExport.observation.start;
  const leftCensored = new Uint8Array(count);
  for (let r = 0; r < count; r++) leftCensored[r] = start[r] <= obsStart ? 1 : 0;
  return {
    length: count,
    person: person.slice(0, count),
    employer: employer.slice(0, count),
    employerLevels: emp.employer.levels,
    start: start.slice(0, count),
    end: end.slice(0, count),
    leftCensored,
    spells: spells.slice(0, count),
    firstContract: firstContract.slice(0, count),
    lastContract: lastContract.slice(0, count),
    contractLevels: emp.contract.levels,
    convertedToOpenEnded: converted.slice(0, count),
    firstOpenEndedStart: firstOpen.slice(0, count),
    offsets,
    observation: cbsExport.observation,
    gapDays,
  };
}

