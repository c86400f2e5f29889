// The small hand-written export of tests/io/fixtures/*.csv, as columns, plus the export it must
// load into, worked out by hand (dates via Date.UTC, independent of the library's calendar code).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPEN_END, type CbsExport } from '../../src/index.js';

export const fixturePath = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const fixtureCsv = (name: 'persons' | 'support' | 'employment'): string => readFileSync(fixturePath(`${name}.csv`), 'utf8');

/** Day number of a calendar date, independently of src/io/dates.ts. */
export const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;

/** Column arrays of the fixture (empty cells as null), for writing Arrow / Parquet / arquero. */
export function fixtureColumns(name: 'persons' | 'support' | 'employment'): Record<string, (string | null)[]> {
  const [header, ...lines] = fixtureCsv(name).trim().split('\n');
  const names = header!.split(',');
  const out: Record<string, (string | null)[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) line.split(',').forEach((v, j) => out[names[j]!]!.push(v === '' ? null : v));
  return out;
}

/** What the fixture must load into (quality aside). */
export const expected = {
  persons: {
    length: 3,
    rinpersoons: ['R', 'R', 'R'],
    rinpersoon: ['000000012', '000000003', '100000000'],
    birthYear: [1980, 1975, NaN],
    sex: { codes: [0, 1, 1], levels: ['1', '2'] },
    GEMEENTE: { codes: [0, 0, 1], levels: ['Amsterdam', 'Zaandam'] },
    INKOMEN: [1500.5, NaN, 2000],
    sourceRow: [1, 2, 3],
  },
  support: {
    // person 0: row 2; person 1: rows 3 (2017) then 1 (2019)
    person: [0, 1, 1],
    start: [day(2018, 1, 1), day(2017, 1, 1), day(2019, 3, 1)],
    end: [OPEN_END, day(2017, 12, 31), day(2020, 12, 31)],
    scheme: { codes: [0, 0, 1], levels: ['Participatiewet', 'Wsw'] },
    employerType: { codes: [1, 2, 0], levels: ['Pantar', 'regulier', 'sociale firma'] },
    offsets: [0, 1, 3, 3],
    sourceRow: [2, 3, 1],
  },
  employment: {
    // person 0: rows 2 (E1, 2017) then 1 (E2, 2019); person 1: row 4; person 2: row 3
    person: [0, 0, 1, 2],
    start: [day(2017, 6, 1), day(2019, 1, 1), day(2018, 1, 1), day(2016, 1, 1)],
    end: [OPEN_END, day(2019, 12, 31), OPEN_END, day(2016, 12, 31)],
    employer: { codes: [0, 1, 2, 0], levels: ['E1', 'E2', 'E3'] },
    contract: { codes: [1, 0, -1, 0], levels: ['B', 'O'] },
    offsets: [0, 2, 3, 4],
    sourceRow: [2, 1, 4, 3],
  },
  // earliest start (2016-01-01) through latest finite end or start (2020-12-31)
  observation: { start: day(2016, 1, 1), end: day(2020, 12, 31) },
};

const cat = (c: { codes: Int32Array; levels: readonly string[] }) => ({ codes: [...c.codes], levels: [...c.levels] });

/** The export as plain arrays, in the shape of {@link expected}, for toEqual. */
export function plain(exp: CbsExport) {
  const { persons: p, support: s, employment: e } = exp;
  const covariates = p.covariates as Record<string, Float64Array | { codes: Int32Array; levels: readonly string[] }>;
  const g = covariates['GEMEENTE']!;
  const inkomen = covariates['INKOMEN']!;
  return {
    persons: {
      length: p.length,
      rinpersoons: [...p.rinpersoons],
      rinpersoon: [...p.rinpersoon],
      birthYear: [...p.birthYear],
      sex: cat(p.sex),
      GEMEENTE: g instanceof Float64Array ? [...g] : cat(g),
      INKOMEN: inkomen instanceof Float64Array ? [...inkomen] : cat(inkomen),
      sourceRow: [...p.sourceRow],
    },
    support: { person: [...s.person], start: [...s.start], end: [...s.end], scheme: cat(s.scheme), employerType: cat(s.employerType), offsets: [...s.offsets], sourceRow: [...s.sourceRow] },
    employment: { person: [...e.person], start: [...e.start], end: [...e.end], employer: cat(e.employer), contract: cat(e.contract), offsets: [...e.offsets], sourceRow: [...e.sourceRow] },
    observation: { ...exp.observation },
  };
}
