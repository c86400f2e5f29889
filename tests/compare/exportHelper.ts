import { dayNumber, OPEN_END } from '../../src/core/calendar.js';
import type { CbsExport, Categorical } from '../../src/io/types.js';

/** A hand-written person: sex 1/2, birth year, optional support spell and job spells (day numbers). */
export interface HandPerson {
  sex: '1' | '2';
  birthYear: number;
  support?: { start: number; end: number };
  jobs?: { start: number; end: number }[];
  region?: string;
}

function categorical(values: (string | undefined)[]): Categorical {
  const levels = [...new Set(values.filter((v): v is string => v !== undefined))].sort();
  return { codes: Int32Array.from(values, (v) => (v === undefined ? -1 : levels.indexOf(v))), levels };
}

function csr(counts: number[]): Int32Array {
  const off = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) off[i + 1] = off[i] + counts[i];
  return off;
}

/** Build a CbsExport (observation 2010-01-01 … 2024-12-31) from hand-written persons. */
export function handExport(people: HandPerson[]): CbsExport {
  const n = people.length;
  const sup = people.flatMap((p, i) => (p.support ? [{ person: i, ...p.support }] : []));
  const jobs = people.flatMap((p, i) => (p.jobs ?? []).map((j) => ({ person: i, ...j })));
  return {
    persons: {
      length: n,
      rinpersoons: people.map(() => 'R'),
      rinpersoon: people.map((_, i) => String(i + 1).padStart(9, '0')),
      birthYear: Float64Array.from(people, (p) => p.birthYear),
      sex: categorical(people.map((p) => p.sex)),
      covariates: people.some((p) => p.region) ? { region: categorical(people.map((p) => p.region)) } : {},
      sourceRow: Int32Array.from(people, (_, i) => i + 1),
    },
    support: {
      length: sup.length,
      person: Int32Array.from(sup, (s) => s.person),
      start: Int32Array.from(sup, (s) => s.start),
      end: Int32Array.from(sup, (s) => s.end),
      scheme: categorical(sup.map(() => 'Participatiewet')),
      employerType: categorical(sup.map(() => 'regulier')),
      offsets: csr(people.map((p) => (p.support ? 1 : 0))),
      sourceRow: Int32Array.from(sup, (_, i) => i + 1),
    },
    employment: {
      length: jobs.length,
      person: Int32Array.from(jobs, (j) => j.person),
      employer: categorical(jobs.map(() => 'E1')),
      start: Int32Array.from(jobs, (j) => j.start),
      end: Int32Array.from(jobs, (j) => j.end),
      contract: categorical(jobs.map(() => 'O')),
      offsets: csr(people.map((p) => (p.jobs ?? []).length)),
      sourceRow: Int32Array.from(jobs, (_, i) => i + 1),
    },
    observation: { start: dayNumber(2010, 1, 1), end: dayNumber(2024, 12, 31) },
    quality: {
      counts: {
        persons: { read: n, kept: n, excluded: 0, repaired: 0 },
        support: { read: sup.length, kept: sup.length, excluded: 0, repaired: 0 },
        employment: { read: jobs.length, kept: jobs.length, excluded: 0, repaired: 0 },
      },
      entries: [],
    },
  };
}

export { dayNumber, OPEN_END };
