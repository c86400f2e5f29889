// The Spark and Trino texts of the panel statistics query differ from the DuckDB text only at the
// documented dialect points (DIALECT_SUBSTITUTIONS), and each parses with that engine's grammar.
import { SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { describe, expect, it, vi } from 'vitest';
import { DIALECT_SUBSTITUTIONS, panelStatisticsSql, SQL_DIALECTS, type PanelSqlOptions } from '../../src/index.js';
import { toDialect } from '../../src/panel/sql/dialects.js';

const VARIANTS: [string, PanelSqlOptions][] = [
  ['defaults', {}],
  ['reference day, during, last trajectory', { participation: 'reference-day', during: true, trajectory: 'last' }],
  ['at least 10 days, longest, observation override', { participation: { minDays: 10 }, trajectory: 'longest', observation: { start: '2016-01-01', end: '2020-12-31' } }],
  ['groups by a person column', { group: 'OPLNIVEAU', groups: ['laag', 'hoog'] }],
  ['explicit anchors and bounds', { anchors: true, observationBounds: true, during: true }],
];

/** Replaces each fragment by a marker, in the order of the table (as toDialect does). */
function masked(text: string, dialect: 'duckdb' | 'spark' | 'trino'): string {
  let out = text;
  DIALECT_SUBSTITUTIONS.forEach((s, i) => (out = out.split(s[dialect]).join(`⟨${i}⟩`)));
  return out;
}

describe('dialect texts', () => {
  for (const [name, options] of VARIANTS) {
    describe(name, () => {
      const duck = panelStatisticsSql(options, { dialect: 'duckdb' });
      const spark = panelStatisticsSql(options, { dialect: 'spark' });
      const trino = panelStatisticsSql(options, { dialect: 'trino' });

      it('applying the substitution table to the DuckDB text gives the Spark and Trino texts', () => {
        // Written independently of toDialect: replace fragment by fragment.
        let s = duck;
        let t = duck;
        for (const sub of DIALECT_SUBSTITUTIONS) {
          s = s.split(sub.duckdb).join(sub.spark);
          t = t.split(sub.duckdb).join(sub.trino);
        }
        expect(s).toBe(spark);
        expect(t).toBe(trino);
        expect(toDialect(duck, 'spark')).toBe(spark);
      });

      it('the texts are equal once every dialect fragment is masked, and each fragment is used', () => {
        expect(masked(spark, 'spark')).toBe(masked(duck, 'duckdb'));
        expect(masked(trino, 'trino')).toBe(masked(duck, 'duckdb'));
        // Integer division, the row generator and the group column are in every query.
        for (const i of [0, 1, 2, 3]) expect(masked(duck, 'duckdb')).toContain(`⟨${i}⟩`);
        expect(spark).not.toContain('generate_series');
        expect(trino).not.toContain(' // ');
      });

      it('parses with the Spark SQL and Trino grammars', () => {
        expect(new SparkSQL().validate(spark)).toEqual([]);
        expect(new TrinoSQL().validate(trino)).toEqual([]);
      }, 120_000);
    });
  }

  it('a text in the wrong dialect does not parse (the grammar check can fail)', () => {
    // The parser reports each syntax error on the console as well: kept out of the test log.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(new TrinoSQL().validate(panelStatisticsSql({}, { dialect: 'spark' })).length).toBeGreaterThan(0);
    quiet.mockRestore();
    log.mockRestore();
  }, 120_000);

  it('names the dialects and refuses others', () => {
    expect(SQL_DIALECTS).toEqual(['duckdb', 'spark', 'trino']);
    expect(() => panelStatisticsSql({}, { dialect: 'postgres' as never })).toThrow(/dialect must be 'duckdb', 'spark', 'trino', got the string "postgres"/);
  });
});

describe('options', () => {
  it('refuses outcomes other than participation, naming the supported ones', () => {
    expect(() => panelStatisticsSql({ outcome: { daysWorked: true } })).toThrow(/not computed in SQL yet; supported outcomes: 'participation'/);
    expect(() => panelStatisticsSql({ outcome: { earnings: {} } })).toThrow(/SpecificationError|supported outcomes/);
  });
  it('checks names, windows, participation, trajectory, groups', () => {
    expect(() => panelStatisticsSql({ befor: 3 } as never)).toThrow(/befor/);
    expect(() => panelStatisticsSql({ before: -1 })).toThrow(/before must be a whole number of months/);
    expect(() => panelStatisticsSql({ participation: { minDays: 40 } })).toThrow(/minDays/);
    expect(() => panelStatisticsSql({ trajectory: 'middle' as never })).toThrow(/trajectory must be/);
    expect(() => panelStatisticsSql({ anchors: true, group: 'scheme' })).toThrow(/explicit anchors/);
    expect(() => panelStatisticsSql({ groups: ["it's"] })).toThrow(/without quotes/);
    expect(() => panelStatisticsSql({ group: 'a b' })).toThrow(/letters, digits and _/);
    expect(() => panelStatisticsSql({ observation: { start: '2020-01-05', end: '2020-01-30' } })).toThrow(/no whole month/);
  });
  it('writes the options into the text', () => {
    const sql = panelStatisticsSql({ before: 7, after: 9, participation: { minDays: 12 } });
    expect(sql).toContain('s_month - 7');
    expect(sql).toContain('e_month + 9');
    expect(sql).toContain('>= 12');
  });
});
