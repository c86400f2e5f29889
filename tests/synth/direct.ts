/**
 * Independent, deliberately plain computations of the report's figures straight from the
 * spells of a loaded export (no code shared with the generator), for calibration tests.
 */
import { OPEN_END, civilFromDay, dayNumber, monthOfDay } from '../../src/core/calendar.js';
import type { CbsExport } from '../../src/io/types.js';

/** Persons with at least one employment spell touching each observed month: months × persons bitmap per person. */
export function employedMonths(exp: CbsExport, p: number): Uint8Array {
  const m0 = monthOfDay(exp.observation.start);
  const months = monthOfDay(exp.observation.end) - m0 + 1;
  const out = new Uint8Array(months);
  const e = exp.employment;
  for (let r = e.offsets[p]; r < e.offsets[p + 1]; r++) {
    const a = monthOfDay(Math.max(e.start[r], exp.observation.start)) - m0;
    const b = monthOfDay(Math.min(e.end[r], exp.observation.end)) - m0;
    for (let m = a; m <= b; m++) out[m] = 1;
  }
  return out;
}

export interface PhaseStats {
  mean: number;
  /** Person-clustered standard error of the pooled mean (CR1). */
  se: number;
  personMonths: number;
  persons: number;
}

function stats(perPersonSum: number[], perPersonN: number[]): PhaseStats {
  let s = 0;
  let n = 0;
  for (let i = 0; i < perPersonSum.length; i++) {
    s += perPersonSum[i];
    n += perPersonN[i];
  }
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < perPersonSum.length; i++) v += (perPersonSum[i] - mean * perPersonN[i]) ** 2;
  const g = perPersonSum.length;
  return { mean, se: Math.sqrt((v * g) / (g - 1)) / n, personMonths: n, persons: g };
}

/** Before (48 months before support start), during, after (48 months after support end) participation of supported persons' first trajectory. */
export function participationPhases(exp: CbsExport, scheme?: string, window = 48): { before: PhaseStats; during: PhaseStats; after: PhaseStats } {
  const m0 = monthOfDay(exp.observation.start);
  const months = monthOfDay(exp.observation.end) - m0 + 1;
  const s = exp.support;
  const code = scheme === undefined ? -1 : s.scheme.levels.indexOf(scheme);
  const acc = { before: [[], []] as number[][], during: [[], []] as number[][], after: [[], []] as number[][] };
  for (let p = 0; p < exp.persons.length; p++) {
    if (s.offsets[p] === s.offsets[p + 1]) continue;
    const r = s.offsets[p]; // first trajectory (sorted by start)
    if (code >= 0 && s.scheme.codes[r] !== code) continue;
    const emp = employedMonths(exp, p);
    const S = monthOfDay(s.start[r]) - m0;
    const E = s.end[r] === OPEN_END ? -1 : monthOfDay(s.end[r]) - m0;
    const add = (phase: 'before' | 'during' | 'after', from: number, to: number) => {
      let sum = 0;
      let n = 0;
      for (let m = Math.max(0, from); m <= Math.min(months - 1, to); m++) {
        sum += emp[m];
        n++;
      }
      if (n > 0) {
        acc[phase][0].push(sum);
        acc[phase][1].push(n);
      }
    };
    add('before', S - window, S - 1);
    add('during', S, E < 0 ? months - 1 : E);
    if (E >= 0) add('after', E + 1, E + window);
  }
  return { before: stats(acc.before[0], acc.before[1]), during: stats(acc.during[0], acc.during[1]), after: stats(acc.after[0], acc.after[1]) };
}

/** Persons in support on a day, by scheme label. */
export function inSupportOn(exp: CbsExport, day: number): Record<string, number> {
  const s = exp.support;
  const out: Record<string, number> = {};
  for (const l of s.scheme.levels) out[l] = 0;
  for (let r = 0; r < s.length; r++) if (s.start[r] <= day && s.end[r] >= day) out[s.scheme.levels[s.scheme.codes[r]]]++;
  return out;
}

/** Employer-type shares among persons in a Participatiewet trajectory on a day. */
export function employerTypeSharesOn(exp: CbsExport, day: number): Record<string, number> {
  const s = exp.support;
  const pw = s.scheme.levels.indexOf('Participatiewet');
  const counts: Record<string, number> = {};
  let n = 0;
  for (let r = 0; r < s.length; r++) {
    if (s.scheme.codes[r] !== pw || s.start[r] > day || s.end[r] < day) continue;
    const t = s.employerType.levels[s.employerType.codes[r]];
    counts[t] = (counts[t] ?? 0) + 1;
    n++;
  }
  for (const k of Object.keys(counts)) counts[k] /= n;
  return counts;
}

/**
 * Share of Participatiewet persons in support on `day` (with an active relationship) whose
 * relationship has lasted more than two years; relationships = a person's spells at one employer
 * merged when the next starts at most one day after the previous ends; the longest counts.
 */
export function tenureOverTwoYears(exp: CbsExport, day: number): { share: number; withRelationship: number; inSupport: number; over: number } {
  const s = exp.support;
  const e = exp.employment;
  const pw = s.scheme.levels.indexOf('Participatiewet');
  const c = civilFromDay(day);
  const cut = dayNumber(c.year - 2, c.month, c.day);
  let inSupport = 0;
  let withRel = 0;
  let over = 0;
  for (let p = 0; p < exp.persons.length; p++) {
    let supported = false;
    for (let r = s.offsets[p]; r < s.offsets[p + 1]; r++) if (s.scheme.codes[r] === pw && s.start[r] <= day && s.end[r] >= day) supported = true;
    if (!supported) continue;
    inSupport++;
    // Group spells by employer, merge each group's sorted spells.
    const byEmployer = new Map<number, Array<[number, number]>>();
    for (let r = e.offsets[p]; r < e.offsets[p + 1]; r++) {
      const list = byEmployer.get(e.employer.codes[r]) ?? [];
      list.push([e.start[r], e.end[r]]);
      byEmployer.set(e.employer.codes[r], list);
    }
    let earliest = Infinity;
    for (const list of byEmployer.values()) {
      list.sort((x, y) => x[0] - y[0]);
      let [a, b] = list[0];
      const rels: Array<[number, number]> = [];
      for (let i = 1; i < list.length; i++) {
        if (list[i][0] <= b + 1) b = Math.max(b, list[i][1]);
        else {
          rels.push([a, b]);
          [a, b] = list[i];
        }
      }
      rels.push([a, b]);
      for (const [ra, rb] of rels) if (ra <= day && rb >= day && ra < earliest) earliest = ra;
    }
    if (earliest === Infinity) continue;
    withRel++;
    if (earliest < cut) over++;
  }
  return { share: over / withRel, withRelationship: withRel, inSupport, over };
}
