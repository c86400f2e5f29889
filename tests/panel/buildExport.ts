/**
 * Test helper: a CbsExport built directly from a few hand-written persons, matching
 * src/io/types.ts (spells sorted by person and start, CSR offsets, categoricals).
 */
import { toDayNumber } from '../../src/io/dates.js';
import { OPEN_END } from '../../src/core/calendar.js';
import type { Categorical, CbsExport } from '../../src/io/types.js';

/** A date as `YYYY-MM-DD`, a day number, or `open` for an ongoing spell. */
export type TestDate = string | number;
export type TestSpell = readonly [TestDate, TestDate];

export interface TestPerson {
  readonly sex?: string;
  readonly support?: readonly (TestSpell | readonly [TestDate, TestDate, string])[];
  readonly jobs?: readonly TestSpell[];
  readonly covariates?: Readonly<Record<string, string>>;
}

export function day(d: TestDate): number {
  return d === 'open' ? OPEN_END : toDayNumber(d);
}

function categorical(values: readonly (string | undefined)[]): Categorical {
  const levels = [...new Set(values.filter((v): v is string => v !== undefined))].sort();
  return { codes: Int32Array.from(values, (v) => (v === undefined ? -1 : levels.indexOf(v))), levels };
}

export function buildExport(observation: TestSpell, people: readonly TestPerson[]): CbsExport {
  const n = people.length;
  const supportRows: { person: number; start: number; end: number; scheme: string }[] = [];
  const jobRows: { person: number; start: number; end: number }[] = [];
  people.forEach((p, i) => {
    for (const s of p.support ?? []) supportRows.push({ person: i, start: day(s[0]), end: day(s[1]), scheme: s[2] ?? 'Participatiewet' });
    for (const j of p.jobs ?? []) jobRows.push({ person: i, start: day(j[0]), end: day(j[1]) });
  });
  const bySpell = (a: { person: number; start: number }, b: { person: number; start: number }) => a.person - b.person || a.start - b.start;
  supportRows.sort(bySpell);
  jobRows.sort(bySpell);
  const offsetsOf = (rows: { person: number }[]) => {
    const off = new Int32Array(n + 1);
    for (const r of rows) off[r.person + 1]++;
    for (let i = 0; i < n; i++) off[i + 1] += off[i];
    return off;
  };
  const covNames = [...new Set(people.flatMap((p) => Object.keys(p.covariates ?? {})))];
  const covariates: Record<string, Categorical> = {};
  for (const c of covNames) covariates[c] = categorical(people.map((p) => p.covariates?.[c]));
  const counts = (k: number) => ({ read: k, kept: k, excluded: 0, repaired: 0 });
  return {
    persons: {
      length: n,
      rinpersoons: people.map(() => 'R'),
      rinpersoon: people.map((_, i) => String(i + 1).padStart(9, '0')),
      birthYear: new Float64Array(n).fill(NaN),
      sex: categorical(people.map((p) => p.sex)),
      covariates,
      sourceRow: Int32Array.from(people, (_, i) => i + 1),
    },
    support: {
      length: supportRows.length,
      person: Int32Array.from(supportRows, (r) => r.person),
      start: Int32Array.from(supportRows, (r) => r.start),
      end: Int32Array.from(supportRows, (r) => r.end),
      scheme: categorical(supportRows.map((r) => r.scheme)),
      employerType: categorical(supportRows.map(() => 'regulier')),
      offsets: offsetsOf(supportRows),
      sourceRow: Int32Array.from(supportRows, (_, i) => i + 1),
    },
    employment: {
      length: jobRows.length,
      person: Int32Array.from(jobRows, (r) => r.person),
      employer: categorical(jobRows.map(() => 'E1')),
      start: Int32Array.from(jobRows, (r) => r.start),
      end: Int32Array.from(jobRows, (r) => r.end),
      contract: categorical(jobRows.map(() => undefined)),
      offsets: offsetsOf(jobRows),
      sourceRow: Int32Array.from(jobRows, (_, i) => i + 1),
    },
    observation: { start: day(observation[0]), end: day(observation[1]) },
    quality: { counts: { persons: counts(n), support: counts(supportRows.length), employment: counts(jobRows.length) }, entries: [] },
  };
}
