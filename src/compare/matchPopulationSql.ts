/**
 * A {@link MatchPopulation} from a query engine where the spells are: SQL (DuckDB dialect) on the
 * clean views `pe_persons`, `pe_support`, `pe_employment` and `pe_observation`, and the assembly of
 * its result columns. Only a row per person and a few words of employed months per person leave
 * the engine, so matching runs on populations whose spells do not fit in memory
 * (docs/guides/control-groups.md).
 */
import { firstDayOfMonth, firstFullMonth, lastFullMonth } from '../core/calendar.js';
import { DataError } from '../core/errors.js';
import type { Categorical, ObservationPeriod, PersonTable } from '../io/types.js';
import type { TrajectoryChoice } from '../panel/supportAnchors.js';
import { monthStride } from './employmentMonths.js';
import type { MatchPopulation } from './matchPopulation.js';

/** The two queries: persons (one row each, in population order) and their employed-month words. */
export interface MatchPopulationQueries {
  /** Columns `p` (0-based row), `rinpersoons`, `rinpersoon`, `birth_year`, `sex`, the covariates, `support_start`, `support_end` (NULL: never supported); ordered by `p`. */
  readonly persons: string;
  /** Columns `p`, `w` (word), `bits` (BIGINT, 0…2³²−1: months 32w…32w+31 of the observation months); only words with a month employed. */
  readonly bits: string;
  /** Month number (as `monthNumber` in core/calendar) of observation month 0, and the number of months. */
  readonly firstMonth: number;
  readonly months: number;
}

/** The support row that anchors a person, as the loader sorts spells (start, end) and `supportAnchors` picks. */
const TRAJECTORY_ORDER: Record<TrajectoryChoice, string> = {
  first: 'start_day, end_day',
  last: 'start_day DESC, end_day DESC',
  longest: 'CAST(end_day AS BIGINT) - start_day DESC, start_day, end_day',
};

/**
 * The SQL of a population over the full months of `observation` (the one row of `pe_observation`).
 * Persons are numbered in key order (`rinpersoons`, `rinpersoon`), so the population does not
 * depend on how the inputs were split into files.
 *
 * @example
 * const q = matchPopulationSql({ start: 16801, end: 20453 }, 'first'); // 2016-01-01 … 2025-12-31
 * [q.months, q.persons.includes('pe_support'), q.bits.includes('bit_or')]; // [120, true, true]
 */
export function matchPopulationSql(observation: ObservationPeriod, trajectory: TrajectoryChoice = 'first'): MatchPopulationQueries {
  const m0 = firstFullMonth(observation.start);
  const months = Math.max(0, lastFullMonth(observation.end) - m0 + 1);
  const firstDay = firstDayOfMonth(m0);
  const lastDay = firstDayOfMonth(m0 + months) - 1;
  const numbered = `SELECT row_number() OVER (ORDER BY rinpersoons, rinpersoon) - 1 AS p, * FROM pe_persons`;
  const persons = `WITH persons AS (${numbered}),
  anchor AS (
    SELECT rinpersoons, rinpersoon, start_day, end_day FROM pe_support
    QUALIFY row_number() OVER (PARTITION BY rinpersoons, rinpersoon ORDER BY ${TRAJECTORY_ORDER[trajectory]}) = 1)
SELECT persons.*, anchor.start_day AS support_start, anchor.end_day AS support_end
FROM persons LEFT JOIN anchor USING (rinpersoons, rinpersoon)
ORDER BY p`;
  // Month index (0 = month m0) of a day inside [firstDay, lastDay].
  const month = (day: string): string => `(year(DATE '1970-01-01' + ${day}) * 12 + month(DATE '1970-01-01' + ${day}) - 1 - ${m0})`;
  const bits = `WITH persons AS (SELECT p, rinpersoons, rinpersoon FROM (${numbered})),
  spans AS (
    SELECT persons.p, ${month(`greatest(e.start_day, ${firstDay})`)} AS lo, ${month(`least(e.end_day, ${lastDay})`)} AS hi
    FROM pe_employment e JOIN persons USING (rinpersoons, rinpersoon)
    WHERE e.end_day >= ${firstDay} AND e.start_day <= ${lastDay}),
  words AS (SELECT p, lo, hi, unnest(range(lo // 32, hi // 32 + 1)) AS w FROM spans)
SELECT p, w, bit_or(((CAST(1 AS BIGINT) << (least(hi, 32 * w + 31) - 32 * w + 1)) - 1) - ((CAST(1 AS BIGINT) << (greatest(lo, 32 * w) - 32 * w)) - 1)) AS bits
FROM words GROUP BY p, w`;
  return { persons, bits, firstMonth: m0, months };
}

/**
 * A value of a result column as a query client returns it: text, a number, a BIGINT, a boolean or NULL
 * (DuckDB's `getColumnsObjectJS()` gives such columns).
 *
 * @example
 * const cells = ['1', 2, 3n, null];
 * cells.map((c) => (c === null ? -1 : Number(c))); // [1, 2, 3, -1]
 */
export type ResultCell = string | number | bigint | boolean | null | undefined;

/** The result columns of the two queries, by column name (as e.g. DuckDB's `getColumnsObjectJS()` gives them). */
export interface MatchPopulationColumns {
  readonly persons: Readonly<Record<string, readonly ResultCell[]>>;
  readonly bits: Readonly<Record<string, readonly ResultCell[]>>;
}

const num = (v: ResultCell): number => (v === null || v === undefined ? NaN : Number(v));

/** Text column → categorical with levels sorted as the loader sorts them (code-unit order). */
function categorical(values: readonly ResultCell[]): Categorical {
  const levels = [...new Set(values.filter((v) => v !== null && v !== undefined && v !== '').map(String))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const code = new Map(levels.map((l, i) => [l, i]));
  return { codes: Int32Array.from(values, (v) => (v === null || v === undefined || v === '' ? -1 : code.get(String(v))!)), levels };
}

/**
 * Assemble the {@link MatchPopulation} from the results of {@link matchPopulationSql}'s queries.
 * A covariate column is numeric when every known value is a number, else categorical (levels
 * sorted, as the loader sorts them). The views carry no source rows: `persons.sourceRow` is the
 * 1-based row in key order.
 *
 * @example
 * const q = matchPopulationSql({ start: 16801, end: 20453 });
 * const pop = matchPopulationFromColumns(q, { start: 16801, end: 20453 }, 'first', {
 *   persons: { p: [0, 1], rinpersoons: ['R', 'R'], rinpersoon: ['000000001', '000000002'], birth_year: [1980, 1990], sex: ['1', '2'], support_start: [17000, null], support_end: [17100, null] },
 *   bits: { p: [1], w: [0], bits: [3n] },
 * });
 * [Array.from(pop.supported), pop.employment.bits[4]]; // [[1, 0], 3]
 */
export function matchPopulationFromColumns(queries: MatchPopulationQueries, observation: ObservationPeriod, trajectory: TrajectoryChoice, columns: MatchPopulationColumns): MatchPopulation {
  const c = columns.persons;
  const n = c['p']?.length ?? 0;
  c['p']?.forEach((v, i) => {
    if (num(v) !== i) throw new DataError({ file: 'population persons', row: i + 1, column: 'p', value: v, expected: `${i} (rows ordered by p)` });
  });
  const own = new Set(['p', 'rinpersoons', 'rinpersoon', 'birth_year', 'sex', 'support_start', 'support_end']);
  const covariates: Record<string, Float64Array | Categorical> = {};
  for (const [name, values] of Object.entries(c)) {
    if (own.has(name)) continue;
    covariates[name] = values.every((v) => v === null || v === undefined || typeof v === 'number' || typeof v === 'bigint') ? Float64Array.from(values, num) : categorical(values);
  }
  const persons: PersonTable = {
    length: n,
    rinpersoons: (c['rinpersoons'] ?? []).map(String),
    rinpersoon: (c['rinpersoon'] ?? []).map(String),
    birthYear: Float64Array.from(c['birth_year'] ?? [], num),
    sex: categorical(c['sex'] ?? []),
    covariates,
    sourceRow: Int32Array.from({ length: n }, (_, i) => i + 1),
  };
  const start = c['support_start'] ?? [];
  const supported = Uint8Array.from({ length: n }, (_, i) => (start[i] === null || start[i] === undefined ? 0 : 1));
  const supportStart = Int32Array.from({ length: n }, (_, i) => (supported[i] ? num(start[i]) : 0));
  const supportEnd = Int32Array.from({ length: n }, (_, i) => (supported[i] ? num(c['support_end']?.[i]) : 0));
  const stride = monthStride(queries.months);
  const bits = new Int32Array(n * stride);
  const { p, w, bits: words } = columns.bits;
  for (let i = 0; i < (p?.length ?? 0); i++) {
    const at = num(p![i]) * stride + num(w![i]);
    if (!(at >= 0 && at < bits.length)) throw new DataError({ file: 'population bits', row: i + 1, column: 'w', value: w![i], expected: `a word 0…${stride - 1} of a person 0…${n - 1}` });
    bits[at] = num(words![i]) | 0;
  }
  return { kind: 'MatchPopulation', persons, supported, trajectory, supportStart, supportEnd, observation, employment: { firstMonth: queries.firstMonth, months: queries.months, bits } };
}
