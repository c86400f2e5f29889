/**
 * The SQL dialects the panel statistics query is written for, and the only places where their texts
 * differ (docs/guides/scale.md). Everything else is standard SQL that DuckDB, Spark SQL and Trino all
 * accept: CTEs, joins (also with range conditions), window functions, CASE, greatest/least, coalesce.
 */
import { SpecificationError } from '../../core/errors.js';
import { describeValue } from '../../core/options.js';

/** An SQL engine the panel statistics query can be written for. */
export type SqlDialect = 'duckdb' | 'spark' | 'trino';

/**
 * The dialects, in the order of {@link DIALECT_SUBSTITUTIONS}' columns.
 *
 * @example
 * SQL_DIALECTS; // ['duckdb', 'spark', 'trino']
 */
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'spark', 'trino'];

/** One point where the dialects' texts differ: the same fragment written for each. */
export interface DialectSubstitution {
  /** What the fragment does. */
  readonly purpose: string;
  readonly duckdb: string;
  readonly spark: string;
  readonly trino: string;
}

/**
 * Every fragment that differs between the dialects. The Spark or Trino text of a query is its DuckDB
 * text with each `duckdb` fragment replaced by that dialect's (tests check this on every query).
 *
 * - Integer division (all operands are non-negative integers, so truncation is floor division):
 *   DuckDB `//`, Spark `div`, Trino `/` (integer `/` truncates in Trino; it is real division in the
 *   other two).
 * - A row per integer `a … b` of a row (only generated when `a <= b`: Spark's and Trino's `sequence`
 *   counts down otherwise): DuckDB `CROSS JOIN UNNEST(generate_series(a, b)) AS gen(v)`, Spark
 *   `LATERAL VIEW explode(sequence(a, b)) gen AS v`, Trino `CROSS JOIN UNNEST(sequence(a, b)) AS gen(v)`.
 * - The output column `group`, a reserved word: quoted `"group"`, in Spark `` `group` ``.
 * - Text type in a cast: `VARCHAR`, in Spark `STRING`.
 *
 * @example
 * DIALECT_SUBSTITUTIONS.map((s) => s.spark); // [' div ', 'LATERAL VIEW explode(sequence(', ')) gen AS v', '`group`', ' AS STRING)']
 */
export const DIALECT_SUBSTITUTIONS: readonly DialectSubstitution[] = [
  { purpose: 'integer division', duckdb: ' // ', spark: ' div ', trino: ' / ' },
  { purpose: 'rows a … b: start', duckdb: 'CROSS JOIN UNNEST(generate_series(', spark: 'LATERAL VIEW explode(sequence(', trino: 'CROSS JOIN UNNEST(sequence(' },
  { purpose: 'rows a … b: end', duckdb: ')) AS gen(v)', spark: ')) gen AS v', trino: ')) AS gen(v)' },
  { purpose: 'the reserved word group as a column name', duckdb: '"group"', spark: '`group`', trino: '"group"' },
  { purpose: 'cast to text (a person column as group label)', duckdb: ' AS VARCHAR)', spark: ' AS STRING)', trino: ' AS VARCHAR)' },
];

/** The fragments of one dialect, by purpose. */
interface Fragments {
  readonly divide: string;
  readonly rowsStart: string;
  readonly rowsEnd: string;
  readonly group: string;
  readonly text: string;
}

/**
 * The dialect's fragments, after checking its name.
 *
 * @example
 * dialectFragments('trino').divide; // ' / '
 */
export function dialectFragments(dialect: unknown): Fragments {
  const i = SQL_DIALECTS.indexOf(dialect as SqlDialect);
  if (i < 0) throw new SpecificationError(`panelStatisticsSql: dialect must be ${SQL_DIALECTS.map((d) => `'${d}'`).join(', ')}, got ${describeValue(dialect)}`);
  const pick = (k: number) => DIALECT_SUBSTITUTIONS[k]![dialect as SqlDialect];
  return { divide: pick(0), rowsStart: pick(1), rowsEnd: pick(2), group: pick(3), text: pick(4) };
}

/**
 * A DuckDB text rewritten for another dialect by {@link DIALECT_SUBSTITUTIONS}.
 *
 * @example
 * toDialect('SELECT a // 2 AS "group"', 'spark'); // 'SELECT a div 2 AS `group`'
 */
export function toDialect(duckdbText: string, dialect: SqlDialect): string {
  let text = duckdbText;
  for (const s of DIALECT_SUBSTITUTIONS) text = text.split(s.duckdb).join(s[dialect]);
  return text;
}
