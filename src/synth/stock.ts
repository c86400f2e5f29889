/**
 * Support trajectories that follow a target stock: each month a fixed share of every entry
 * cohort leaves (the exit hazard) and new trajectories fill the gap to the next month's
 * target. Exit and entry *counts* are deterministic (rounded with carry), only *who* leaves
 * is random, so the stock on every first of the month equals its target and cohort
 * composition (hence tenure and employer-type shares) varies little between seeds.
 */
import { OPEN_END, firstDayOfMonth, lastDayOfMonth } from '../core/calendar.js';
import type { Random } from '../core/random.js';
import { curveAt, yearOfMonth, type ResolvedSynthOptions } from './options.js';

/** Scheme codes used by the generator. */
export const SCHEMES = ['Participatiewet', 'Wsw'] as const;

/** Support trajectories, one per supported person, in order of entry. */
export interface Trajectories {
  length: number;
  scheme: Uint8Array;
  employerType: Uint8Array;
  start: Int32Array;
  /** Inclusive end day; OPEN_END when still running at the end of observation. */
  end: Int32Array;
}

interface Cell {
  readonly scheme: number;
  readonly members: number[];
  /** Expected exits not yet realised (rounding carry). */
  carry: number;
}

class Growable {
  scheme = new Uint8Array(1024);
  type = new Uint8Array(1024);
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  length = 0;
  push(scheme: number, type: number, start: number): number {
    if (this.length === this.start.length) {
      const n = this.length * 2;
      this.scheme = grow(this.scheme, new Uint8Array(n));
      this.type = grow(this.type, new Uint8Array(n));
      this.start = grow(this.start, new Int32Array(n));
      this.end = grow(this.end, new Int32Array(n));
    }
    const i = this.length++;
    this.scheme[i] = scheme;
    this.type[i] = type;
    this.start[i] = start;
    this.end[i] = OPEN_END;
    return i;
  }
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Assigns employer types so that realised counts track the expected shares (largest deficit first). */
class Quota {
  private readonly expected = new Float64Array(3);
  private readonly assigned = new Float64Array(3);
  next(shares: readonly number[]): number {
    let best = 0;
    let bestGap = -Infinity;
    for (let k = 0; k < 3; k++) {
      this.expected[k] += shares[k];
      const gap = this.expected[k] - this.assigned[k];
      if (gap > bestGap) {
        bestGap = gap;
        best = k;
      }
    }
    this.assigned[best] += 1;
    return best;
  }
}

/** Generate support trajectories that follow the stock targets of `opts`. */
export function simulateSupportStock(opts: ResolvedSynthOptions, rng: Random): Trajectories {
  const { startMonth, endMonth, start: obsStart } = opts.observation;
  const out = new Growable();
  const cells: Cell[] = [];
  const quotas = [new Quota(), new Quota()];
  const target = (scheme: number, month: number): number =>
    Math.round(opts.scale * curveAt(scheme === 0 ? opts.participatiewetStock : opts.wswStock, yearOfMonth(month)));
  const shares = (scheme: number, month: number): number[] => {
    if (scheme === 1) return [1 - opts.wswPantarShare, 0, opts.wswPantarShare];
    const y = yearOfMonth(month);
    const r = curveAt(opts.regularShare, y);
    const p = curveAt(opts.pantarShare, y);
    return [r, Math.max(0, 1 - r - p), p];
  };
  const cellsOf = new Map<string, Cell>();
  const cellFor = (scheme: number, type: number, cohort: number): Cell => {
    const key = `${scheme}:${type}:${cohort}`;
    let c = cellsOf.get(key);
    if (!c) {
      c = { scheme, members: [], carry: 0 };
      cellsOf.set(key, c);
      cells.push(c);
    }
    return c;
  };

  // Trajectories running when observation starts: their start is clipped to it (left-censored).
  for (let scheme = 0; scheme < 2; scheme++) {
    const n0 = target(scheme, startMonth);
    for (let i = 0; i < n0; i++) {
      const type = quotas[scheme].next(shares(scheme, startMonth));
      cellFor(scheme, type, startMonth - 1).members.push(out.push(scheme, type, obsStart));
    }
  }

  const active = [0, 0];
  for (const c of cells) active[c.scheme] += c.members.length;

  for (let m = startMonth; m <= endMonth; m++) {
    const first = firstDayOfMonth(m);
    const span = lastDayOfMonth(m) - first + 1;
    const year = yearOfMonth(m);
    for (let scheme = 0; scheme < 2; scheme++) {
      const entriesOpen = scheme === 0 || Math.floor(year) < opts.wswClosedFrom;
      let hazard: number;
      let required: number | undefined;
      if (entriesOpen) {
        const annual = scheme === 0 ? curveAt(opts.participatiewetExitHazard, year) : opts.wswExitHazard;
        hazard = 1 - Math.exp(-annual / 12);
      } else {
        // Closed scheme: exits alone carry the stock down to next month's target.
        required = Math.max(0, active[scheme] - target(scheme, m + 1));
        hazard = active[scheme] > 0 ? required / active[scheme] : 0;
      }
      active[scheme] -= removeExits(cells, scheme, hazard, required, rng, (id) => {
        out.end[id] = first + rng.int(span);
      });
      if (entriesOpen) {
        const entries = target(scheme, m + 1) - active[scheme];
        for (let i = 0; i < entries; i++) {
          const type = quotas[scheme].next(shares(scheme, m));
          cellFor(scheme, type, m).members.push(out.push(scheme, type, first + rng.int(span)));
        }
        if (entries > 0) active[scheme] += entries;
      }
    }
  }
  return { length: out.length, scheme: out.scheme.slice(0, out.length), employerType: out.type.slice(0, out.length), start: out.start.slice(0, out.length), end: out.end.slice(0, out.length) };
}

/**
 * Remove members of `scheme`: each cell loses `size × hazard` members, rounded with a carry
 * kept per cell (so no cell is favoured over time). When `required` is given the total is
 * forced to it by adjusting the cells with the largest (or smallest) carry.
 */
function removeExits(cells: readonly Cell[], scheme: number, hazard: number, required: number | undefined, rng: Random, onExit: (id: number) => void): number {
  const idx: number[] = [];
  const counts: number[] = [];
  let total = 0;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (cell.scheme !== scheme || cell.members.length === 0) continue;
    cell.carry += cell.members.length * hazard;
    const k = Math.max(0, Math.min(Math.floor(cell.carry + 1e-9), cell.members.length));
    cell.carry -= k;
    idx.push(c);
    counts.push(k);
    total += k;
  }
  if (required !== undefined) {
    while (total < required) {
      let best = -1;
      for (let i = 0; i < idx.length; i++) {
        if (counts[i] < cells[idx[i]].members.length && (best < 0 || cells[idx[i]].carry > cells[idx[best]].carry)) best = i;
      }
      if (best < 0) break;
      counts[best]++;
      cells[idx[best]].carry -= 1;
      total++;
    }
    while (total > required) {
      let best = -1;
      for (let i = 0; i < idx.length; i++) {
        if (counts[i] > 0 && (best < 0 || cells[idx[i]].carry < cells[idx[best]].carry)) best = i;
      }
      counts[best]--;
      cells[idx[best]].carry += 1;
      total--;
    }
  }
  for (let i = 0; i < idx.length; i++) {
    const members = cells[idx[i]].members;
    for (let k = 0; k < counts[i]; k++) {
      const j = rng.int(members.length);
      const id = members[j];
      members[j] = members[members.length - 1];
      members.pop();
      onExit(id);
    }
  }
  return total;
}
