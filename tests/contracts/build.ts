// Builds a CbsExport directly from hand-written spells, so tests do not depend on the loader.
import type { Categorical, CbsExport } from '../../src/io/types.js';
import { toDayNumber } from '../../src/io/dates.js';
import { OPEN_END } from '../../src/core/calendar.js';

export interface JobSpec {
  person: number;
  employer: string;
  /** May precede the observation start: clipped to it as the loader does, the original kept as `reportedStart`. */
  start: string | number;
  /** null = ongoing */
  end: string | number | null;
  contract?: string | null;
}

export interface SupportSpec {
  person: number;
  start: string | number;
  end: string | number | null;
  scheme?: string;
  employerType?: string | null;
}

export interface ExportSpec {
  persons: number;
  observation: { start: string | number; end: string | number };
  jobs?: JobSpec[];
  support?: SupportSpec[];
  covariates?: Record<string, (string | null)[] | Float64Array>;
}

function categorical(values: (string | null | undefined)[]): Categorical {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      levels.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { codes, levels };
}

function offsetsOf(person: Int32Array, nPersons: number): Int32Array {
  const off = new Int32Array(nPersons + 1);
  for (const p of person) off[p + 1]++;
  for (let p = 0; p < nPersons; p++) off[p + 1] += off[p];
  return off;
}

const day = (d: string | number | null): number => (d === null ? OPEN_END : toDayNumber(d));

export function buildExport(spec: ExportSpec): CbsExport {
  const n = spec.persons;
  const obsStart = day(spec.observation.start);
  const clip = (d: string | number): number => Math.max(day(d), obsStart);
  const jobs = [...(spec.jobs ?? [])].sort((a, b) => a.person - b.person || clip(a.start) - clip(b.start) || day(a.start) - day(b.start));
  const support = [...(spec.support ?? [])].sort((a, b) => a.person - b.person || day(a.start) - day(b.start));
  const covariates: Record<string, Float64Array | Categorical> = {};
  for (const [k, v] of Object.entries(spec.covariates ?? {})) covariates[k] = v instanceof Float64Array ? v : categorical(v);
  const jp = Int32Array.from(jobs.map((j) => j.person));
  const sp = Int32Array.from(support.map((s) => s.person));
  return {
    persons: {
      length: n,
      rinpersoons: Array.from({ length: n }, () => 'R'),
      rinpersoon: Array.from({ length: n }, (_, i) => String(i + 1).padStart(9, '0')),
      birthYear: new Float64Array(n).fill(1980),
      sex: categorical(Array.from({ length: n }, () => '1')),
      covariates,
      sourceRow: Int32Array.from({ length: n }, (_, i) => i + 1),
    },
    support: {
      length: support.length,
      person: sp,
      start: Int32Array.from(support.map((s) => day(s.start))),
      end: Int32Array.from(support.map((s) => day(s.end))),
      scheme: categorical(support.map((s) => s.scheme ?? 'Participatiewet')),
      employerType: categorical(support.map((s) => (s.employerType === undefined ? 'regulier' : s.employerType))),
      offsets: offsetsOf(sp, n),
      sourceRow: Int32Array.from(support.map((_, i) => i + 1)),
    },
    employment: {
      length: jobs.length,
      person: jp,
      employer: categorical(jobs.map((j) => j.employer)),
      start: Int32Array.from(jobs.map((j) => clip(j.start))),
      end: Int32Array.from(jobs.map((j) => day(j.end))),
      reportedStart: Int32Array.from(jobs.map((j) => day(j.start))),
      contract: categorical(jobs.map((j) => (j.contract === undefined ? 'B' : j.contract))),
      offsets: offsetsOf(jp, n),
      sourceRow: Int32Array.from(jobs.map((_, i) => i + 1)),
    },
    observation: { start: day(spec.observation.start), end: day(spec.observation.end) },
    quality: {
      counts: {
        persons: { read: n, kept: n, excluded: 0, repaired: 0 },
        support: { read: support.length, kept: support.length, excluded: 0, repaired: 0 },
        employment: { read: jobs.length, kept: jobs.length, excluded: 0, repaired: 0 },
      },
      entries: [],
    },
  };
}

/** Small seeded PRNG (mulberry32) for simulations in tests. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
