// Writes tests/io/fixtures/rowgroups/: a CBS-style export (persons, support, employment) as
// Parquet files with several row groups (DuckDB writes row groups of at least 2048 rows) and the
// same rows as gzip-compressed CSV, so a test can check that both load to the same export.
// Run: node scripts/write-rowgroup-fixture.mjs
import { DuckDBInstance } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../tests/io/fixtures/rowgroups/', import.meta.url));
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
// Deterministic columns from the row number (no random generator, so the files are reproducible).
await c.run(`CREATE TABLE persons AS SELECT 'R' AS RINPERSOONS, lpad(CAST(i * 7 + 3 AS VARCHAR), 9, '0') AS RINPERSOON,
  CASE WHEN i % 97 = 0 THEN NULL ELSE 1950 + i % 50 END AS GBAGEBOORTEJAAR, CAST(1 + i % 2 AS VARCHAR) AS GBAGESLACHT,
  ['Amsterdam', 'Zaandam', 'Almere'][1 + i % 3] AS GEMEENTE FROM range(2500) t(i)`);
await c.run(`CREATE TABLE support AS SELECT 'R' AS RINPERSOONS, lpad(CAST(i * 2 * 7 + 3 AS VARCHAR), 9, '0') AS RINPERSOON,
  strftime(DATE '2015-01-01' + INTERVAL (i * 3 % 1500) DAY, '%Y%m%d') AS AANVBUS,
  CASE WHEN i % 5 = 0 THEN '88888888' ELSE strftime(DATE '2015-01-01' + INTERVAL (i * 3 % 1500 + 30 + i % 700) DAY, '%Y%m%d') END AS EINDBUS,
  ['Participatiewet', 'Wsw'][1 + i % 2] AS REGELING, ['regulier', 'Pantar', 'sociale firma'][1 + i % 3] AS WERKGEVERTYPE FROM range(1200) t(i)`);
await c.run(`CREATE TABLE employment AS SELECT 'R' AS RINPERSOONS, lpad(CAST((i % 2500) * 7 + 3 AS VARCHAR), 9, '0') AS RINPERSOON,
  'E' || CAST(i % 313 AS VARCHAR) AS SBEID, strftime(DATE '2012-01-01' + INTERVAL (i * 11 % 3000) DAY, '%Y%m%d') AS AANVBUS,
  CASE WHEN i % 9 = 0 THEN NULL ELSE strftime(DATE '2012-01-01' + INTERVAL (i * 11 % 3000 + i % 400) DAY, '%Y%m%d') END AS EINDBUS,
  CASE WHEN i % 13 = 0 THEN NULL ELSE ['O', 'B'][1 + i % 2] END AS SCONTRACTSOORT FROM range(6000) t(i)`);
for (const t of ['persons', 'support', 'employment']) {
  await c.run(`COPY (SELECT * FROM ${t}) TO '${dir}${t}.parquet' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
  await c.run(`COPY (SELECT * FROM ${t}) TO '${dir}${t}.csv.gz' (FORMAT csv, HEADER, DELIMITER ';', COMPRESSION gzip)`);
}
