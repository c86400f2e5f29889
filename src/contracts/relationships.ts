import type { CbsExport, EmploymentTable, ObservationPeriod } from '../io/types.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { checkExport } from './checkExport.js';
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
  /**
   * First day (day number). Before the observation start when the source reports an earlier start
   * (the relationship is then left-truncated: observed from the observation start on); for a
   * left-censored relationship (start unknown) the observation start, a lower bound.
   */
  readonly start: Int32Array;
  /** Last day (inclusive), `OPEN_END` when ongoing. */
  readonly end: Int32Array;
  /** 1 when the relationship was already running when the data begin and its start is unknown: tenure is a lower bound. */
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

/** Columns being filled while spells are merged (sized for one relationship per spell). */
interface Building {
  count: number;
  readonly person: Int32Array;
  readonly employer: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly spells: Int32Array;
  readonly firstContract: Int32Array;
  readonly lastContract: Int32Array;
  readonly converted: Uint8Array;
  readonly firstOpen: Int32Array;
  readonly seenFixed: Uint8Array;
  /** Earliest reported start before the observation start among the relationship's clipped spells ({@link NO_DAY}: none). */
  readonly reported: Int32Array;
  /** 1 when a clipped spell of the relationship has no reported start before the observation start. */
  readonly unknownStart: Uint8Array;
  readonly offsets: Int32Array;
}

function building(n: number, nPersons: number): Building {
  return {
    count: 0,
    person: new Int32Array(n),
    employer: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    spells: new Int32Array(n),
    firstContract: new Int32Array(n),
    lastContract: new Int32Array(n),
    converted: new Uint8Array(n),
    firstOpen: new Int32Array(n),
    seenFixed: new Uint8Array(n),
    reported: new Int32Array(n).fill(NO_DAY),
    unknownStart: new Uint8Array(n),
    offsets: new Int32Array(nPersons + 1),
  };
}

/**
 * Merge each person's spells into relationships (spells arrive sorted by start, so relationships
 * are created in start order). Tracks, for spells starting on or before the observation start,
 * whether the source reports an earlier start.
 */
function mergeSpells(emp: EmploymentTable, nPersons: number, gapDays: number, kinds: Uint8Array, obsStart: number): Building {
  const b = building(emp.length, nPersons);
  // Latest relationship per employer for the current person.
  const latest = new Int32Array(emp.employer.levels.length).fill(-1);
  const touched = new Int32Array(emp.length);
  for (let p = 0; p < nPersons; p++) {
    b.offsets[p] = b.count;
    let nTouched = 0;
    for (let i = emp.offsets[p]; i < emp.offsets[p + 1]; i++) {
      const e = emp.employer.codes[i];
      const s = emp.start[i];
      let r = e >= 0 ? latest[e] : -1;
      // An unknown employer (code -1) never merges: each such spell is its own relationship.
      if (r < 0 || s > b.end[r] + 1 + gapDays) {
        r = b.count++;
        b.person[r] = p;
        b.employer[r] = e;
        b.start[r] = s;
        b.end[r] = emp.end[i];
        b.firstContract[r] = emp.contract.codes[i];
        b.firstOpen[r] = NO_DAY;
        if (e >= 0) {
          if (latest[e] < 0) touched[nTouched++] = e;
          latest[e] = r;
        }
      } else if (emp.end[i] > b.end[r]) b.end[r] = emp.end[i];
      b.spells[r]++;
      if (s <= obsStart) {
        const reported = emp.reportedStart ? emp.reportedStart[i] : s;
        if (reported < obsStart) b.reported[r] = b.reported[r] === NO_DAY ? reported : Math.min(b.reported[r], reported);
        else b.unknownStart[r] = 1;
      }
      const code = emp.contract.codes[i];
      b.lastContract[r] = code;
      const kind = code >= 0 ? kinds[code] : 0;
      if (kind === CONTRACT_FIXED) b.seenFixed[r] = 1;
      else if (kind === CONTRACT_OPEN_ENDED) {
        if (b.firstOpen[r] === NO_DAY) b.firstOpen[r] = s;
        if (b.seenFixed[r]) b.converted[r] = 1;
      }
    }
    for (let k = 0; k < nTouched; k++) latest[touched[k]] = -1;
  }
  b.offsets[nPersons] = b.count;
  return b;
}

/**
 * Relationships running at the observation start: with a reported earlier start (every clipped
 * spell has one) the start becomes that date; otherwise the relationship is left-censored. Returns
 * the order of relationships sorted by person and start again (reported starts can reorder the
 * relationships that began on the observation start).
 */
function resolveStarts(b: Building, obsStart: number): { leftCensored: Uint8Array; order: Int32Array } {
  const n = b.count;
  const leftCensored = new Uint8Array(n);
  let moved = false;
  for (let r = 0; r < n; r++) {
    if (b.start[r] > obsStart) continue;
    if (b.unknownStart[r] || b.reported[r] === NO_DAY) leftCensored[r] = 1;
    else {
      b.start[r] = b.reported[r];
      moved = true;
    }
  }
  const order = Int32Array.from({ length: n }, (_, r) => r);
  if (moved) {
    for (let p = 0; p + 1 < b.offsets.length; p++) {
      const slice = order.subarray(b.offsets[p], b.offsets[p + 1]);
      if (slice.length > 1) slice.sort((x, y) => b.start[x] - b.start[y] || x - y);
    }
  }
  return { leftCensored, order };
}

/**
 * Merge each person's job spells at the same employer (`SBEID`) into employment relationships:
 * spells merge when the next one starts no later than `gapDays + 1` days after the latest end so
 * far (overlapping and back-to-back spells always merge). A relationship running when the data
 * begin keeps the start the source reports before the observation start (loaders keep it as
 * `reportedStart`); without one it is flagged left-censored and starts on the observation start.
 *
 * @example
 * import { employmentRelationships } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or loadSynthetic
 * const rel = employmentRelationships(exp, { gapDays: 31 });
 * rel.offsets.length === exp.persons.length + 1; // true
 */
export function employmentRelationships(cbsExport: CbsExport, options: RelationshipOptions = {}): EmploymentRelationships {
  checkExport('employmentRelationships', cbsExport);
  checkOptions('employmentRelationships', options, { gapDays: true, contractCodes: { fixed: true, openEnded: true } });
  const gapDays = options.gapDays ?? 0;
  if (typeof gapDays !== 'number' || !Number.isInteger(gapDays) || gapDays < 0) throw new SpecificationError(`employmentRelationships: gapDays must be a non-negative whole number of days, got ${describeValue(gapDays)}`);
  const emp = cbsExport.employment;
  const obsStart = cbsExport.observation.start;
  const kinds = contractKinds(emp.contract, options.contractCodes ?? DEFAULT_CONTRACT_CODES);
  const b = mergeSpells(emp, cbsExport.persons.length, gapDays, kinds, obsStart);
  const { leftCensored, order } = resolveStarts(b, obsStart);
  const pick = <T extends Int32Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(order.length);
    for (let i = 0; i < order.length; i++) out[i] = a[order[i]];
    return out;
  };
  return {
    length: b.count,
    person: pick(b.person),
    employer: pick(b.employer),
    employerLevels: emp.employer.levels,
    start: pick(b.start),
    end: pick(b.end),
    leftCensored: pick(leftCensored),
    spells: pick(b.spells),
    firstContract: pick(b.firstContract),
    lastContract: pick(b.lastContract),
    contractLevels: emp.contract.levels,
    convertedToOpenEnded: pick(b.converted),
    firstOpenEndedStart: pick(b.firstOpen),
    offsets: b.offsets,
    observation: cbsExport.observation,
    gapDays,
  };
}

/**
 * The `relationships` option of the contracts functions: relationships built from this export
 * (`employmentRelationships(exp)`), else a {@link SpecificationError}; built here when absent.
 */
export function relationshipsOption(fn: string, value: unknown, cbsExport: CbsExport, gapDays: unknown): EmploymentRelationships {
  if (value === undefined) return employmentRelationships(cbsExport, { gapDays: gapDays as number | undefined });
  const ok = typeof value === 'object' && value !== null && (value as EmploymentRelationships).offsets instanceof Int32Array && (value as EmploymentRelationships).start instanceof Int32Array;
  if (!ok) throw new SpecificationError(`${fn}: relationships must come from employmentRelationships(exp), got ${describeValue(value)}`);
  const rel = value as EmploymentRelationships;
  if (rel.offsets.length !== cbsExport.persons.length + 1)
    throw new SpecificationError(`${fn}: relationships were built from another export (${rel.offsets.length - 1} persons, this one has ${cbsExport.persons.length})`);
  if (gapDays !== undefined && gapDays !== rel.gapDays) throw new SpecificationError(`${fn}: gapDays ${describeValue(gapDays)} differs from the gapDays of the relationships given (${rel.gapDays}); pass one of the two`);
  return rel;
}
