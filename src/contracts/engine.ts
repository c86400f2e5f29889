import { civilFromDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import type { EmploymentRelationships } from './relationships.js';
import { relationshipStartCalendar, type RelationshipPick } from './tenure.js';

/** Classification codes of {@link classifyTenure} below 0. */
export const NO_RELATIONSHIP = -1;
export const UNKNOWN_TENURE = -2;

/** Everything the per-person tenure classification needs, resolved once. */
export interface TenureContext {
  readonly rel: EmploymentRelationships;
  readonly startMonth: Int32Array;
  readonly startDom: Uint8Array;
  readonly edges: Int32Array;
  /** Top edge in months: left-censored lower bounds at or above it can be binned. */
  readonly top: number;
  readonly pick: RelationshipPick;
}

/** Build a {@link TenureContext}. */
export function tenureContext(rel: EmploymentRelationships, edges: readonly number[], pick: RelationshipPick): TenureContext {
  // The support table carries an employer type, not an employer id, so a relationship cannot be matched to "the support employer".
  if (pick !== 'longest' && pick !== 'most-recent') throw new SpecificationError(`pick must be 'longest' or 'most-recent', got ${JSON.stringify(pick)}`);
  const cal = relationshipStartCalendar(rel);
  return { rel, startMonth: cal.month, startDom: cal.dom, edges: Int32Array.from(edges), top: edges.length ? edges[edges.length - 1] : 0, pick };
}

/** A reference day with its calendar month number and day of month, computed once per date. */
export interface RefDay {
  readonly day: number;
  readonly month: number;
  readonly dom: number;
}

/** Calendar fields of a day number. */
export function refDay(day: number): RefDay {
  const { year, month, day: dom } = civilFromDay(day);
  return { day, month: year * 12 + month - 1, dom };
}

/**
 * Classify person `p`'s tenure on a reference day: returns `2 * bin + leftCensored` for a binned
 * tenure, {@link NO_RELATIONSHIP} or {@link UNKNOWN_TENURE}. With `longest`, the first active
 * relationship (earliest start) is used; a left-censored one is then picked whenever one is active,
 * and its lower bound decides: at or above the top edge it is binned, below it is unknown
 * (another, uncensored relationship cannot settle it either: the censored one may be longer).
 */
export function classifyTenure(ctx: TenureContext, p: number, ref: RefDay): number {
  const rel = ctx.rel;
  const hi = rel.offsets[p + 1];
  let r = -1;
  for (let i = rel.offsets[p]; i < hi; i++) {
    if (rel.start[i] > ref.day) break;
    if (rel.end[i] >= ref.day) {
      r = i;
      if (ctx.pick === 'longest') break;
    }
  }
  if (r < 0) return NO_RELATIONSHIP;
  const months = ref.month - ctx.startMonth[r] - (ref.dom < ctx.startDom[r] ? 1 : 0);
  const censored = rel.leftCensored[r];
  if (censored && months < ctx.top) return UNKNOWN_TENURE;
  let b = 0;
  const edges = ctx.edges;
  while (b < edges.length && months >= edges[b]) b++;
  return 2 * b + censored;
}

/**
 * Per (reference, group) counters: bins 0..nb-1, then unknown, no relationship,
 * left-censored among binned, population.
 */
export class TenureTally {
  readonly stride: number;
  private readonly cells: Int32Array[][] = [];
  constructor(readonly nBins: number, readonly nRefs: number) {
    this.stride = nBins + 4;
    for (let i = 0; i < nRefs; i++) this.cells.push([]);
  }
  cell(ref: number, group: number): Int32Array {
    const row = this.cells[ref];
    let c = row[group];
    if (!c) {
      c = new Int32Array(this.stride);
      row[group] = c;
    }
    return c;
  }
  add(ref: number, group: number, code: number): void {
    const c = this.cell(ref, group);
    const nb = this.nBins;
    c[nb + 3]++;
    if (code === NO_RELATIONSHIP) c[nb + 1]++;
    else if (code === UNKNOWN_TENURE) c[nb]++;
    else {
      c[code >> 1]++;
      c[nb + 2] += code & 1;
    }
  }
  /** Counters of a cell, or undefined when nobody was counted there. */
  get(ref: number, group: number): Int32Array | undefined {
    return this.cells[ref][group];
  }
  /** Groups with at least one person on any reference. */
  groupsUsed(): number[] {
    const used = new Set<number>();
    for (const row of this.cells) row.forEach((c, g) => c && used.add(g));
    return [...used].sort((a, b) => a - b);
  }
}

/** Whether person `p` has any relationship active on `day`. */
export function isEmployedOn(rel: EmploymentRelationships, p: number, day: number): boolean {
  const hi = rel.offsets[p + 1];
  for (let i = rel.offsets[p]; i < hi; i++) {
    if (rel.start[i] > day) return false;
    if (rel.end[i] >= day) return true;
  }
  return false;
}

