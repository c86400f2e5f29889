/**
 * A national-scale CBS-style export written as Parquet, in chunks, from the 1M-person bench export
 * (tests/bench/duckdb.ts writes it): the whole export once, then `copies` copies of its persons
 * WITHOUT support (the person number prefixed with the copy number, so each copy is a new set of
 * persons) — a country has many more unsupported than supported residents — one Parquet file per
 * copy and table, and every employment spell split at calendar-year boundaries as a yearly SPOLIS
 * extract holds it. Splitting leaves participation unchanged (the pieces cover the same days) and
 * the copies hold no supported persons, so the panel of the supported persons and of controls
 * matched in the original export is the same as in the 1M-person run: the national run is checked
 * against it.
 *
 * Usage: node --import tsx tests/bench/nationalData.ts [copies=22] — writes out/national-<copies>/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

/** The folder with persons/, support/ and employment/ Parquet parts for `copies` copies. */
export function nationalDir(copies: number): string {
  return resolve(fileURLToPath(new URL('../../out/', import.meta.url)), `national-${copies}`);
}

/** Sizes of a written national export: rows per table and bytes on disk. */
export interface NationalSizes {
  readonly persons: number;
  readonly support: number;
  readonly employment: number;
  readonly bytes: number;
}

const OPEN = `('', '88888888', '99999999', '99991231')`;

/** Write (or reuse) the national export; returns its sizes. */
export async function writeNational(copies: number, base: string): Promise<NationalSizes> {
  const dir = nationalDir(copies);
  const done = join(dir, 'DONE');
  const tables = ['persons', 'support', 'employment'] as const;
  const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '4GB', temp_directory: join(dir, 'tmp') });
  const con = await db.connect();
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    for (const t of tables) mkdirSync(join(dir, t), { recursive: true });
    const csv = (t: string) => `read_csv('${join(base, `${t}.csv`)}', delim=';', header=true, all_varchar=true)`;
    await con.run(`CREATE TABLE supported AS SELECT DISTINCT RINPERSOONS, RINPERSOON FROM ${csv('support')}`);
    await con.run(`COPY (SELECT * FROM ${csv('support')}) TO '${join(dir, 'support', 'part-0.parquet')}' (FORMAT parquet)`);
    for (let k = 0; k <= copies; k++) {
      // Copy 0 is the export as it is; copies 1… are its unsupported persons under new numbers.
      const key = k === 0 ? 'RINPERSOONS, RINPERSOON' : `RINPERSOONS, '${k}' || RINPERSOON AS RINPERSOON`;
      const from = (t: string) => (k === 0 ? `${csv(t)} x` : `${csv(t)} x ANTI JOIN supported s ON x.RINPERSOONS = s.RINPERSOONS AND x.RINPERSOON = s.RINPERSOON`);
      await con.run(`COPY (SELECT ${key}, * EXCLUDE (RINPERSOONS, RINPERSOON) FROM ${from('persons')}) TO '${join(dir, 'persons', `part-${k}.parquet`)}' (FORMAT parquet)`);
      // Yearly pieces: year y of a spell runs from max(start, y-01-01) to min(end, y-12-31); an
      // ongoing spell's last piece (2025) keeps its open end.
      await con.run(`COPY (
        WITH s AS (SELECT x.*, AANVBUS::INTEGER AS a, CASE WHEN EINDBUS IN ${OPEN} THEN NULL ELSE EINDBUS::INTEGER END AS e FROM ${from('employment')}),
        y AS (SELECT *, unnest(range(a // 10000, coalesce(e // 10000, 2025) + 1)) AS yr FROM s)
        SELECT ${key}, SBEID,
               greatest(a, yr * 10000 + 101)::VARCHAR AS AANVBUS,
               CASE WHEN e IS NULL AND yr = 2025 THEN EINDBUS ELSE least(coalesce(e, 99991231), yr * 10000 + 1231)::VARCHAR END AS EINDBUS,
               SCONTRACTSOORT
        FROM y ORDER BY RINPERSOON, AANVBUS) TO '${join(dir, 'employment', `part-${k}.parquet`)}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
      process.stdout.write(`  part ${k}/${copies} written\n`);
    }
    rmSync(join(dir, 'tmp'), { recursive: true, force: true });
    await con.run(`COPY (SELECT 1 AS done) TO '${done}' (FORMAT csv)`);
  }
  const count = async (t: string) => Number((await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${join(dir, t, '*.parquet')}')`)).getRowObjects()[0]!['n']);
  let bytes = 0;
  for (const t of tables) for (const f of readdirSync(join(dir, t))) bytes += statSync(join(dir, t, f)).size;
  return { persons: await count('persons'), support: await count('support'), employment: await count('employment'), bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const copies = Number(process.argv[2] ?? 22);
  const base = resolve(fileURLToPath(new URL('../../out/', import.meta.url)), 'bench-cbs-1000000');
  if (!existsSync(join(base, 'employment.csv'))) throw new Error(`${base} is missing: run tests/bench/duckdb.ts 1000000 first`);
  const t0 = performance.now();
  const sizes = await writeNational(copies, base);
  console.log(`national export (the 1M export + ${copies} copies of its unsupported persons): ${sizes.persons} persons, ${sizes.support} support spells, ${sizes.employment} employment spells, ${(sizes.bytes / 1e9).toFixed(2)} GB Parquet, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
