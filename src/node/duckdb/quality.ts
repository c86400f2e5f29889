/**
 * The quality report from SQL: every exclusion, repair and flag is a row of the temp table
 * `pe_q (tbl, issue, action, g, ord)` (g: the loader's 1-based row over all files of the input,
 * ord: the order in which the JS loader logs it); the report groups them as src/io/qualityLog.ts does.
 */
import type { DuckdbConnection } from './types.js';
import { ISSUE_DESCRIPTIONS, type TableName } from '../../io/qualityLog.js';
import type { QualityCounts, QualityEntry, QualityReport } from '../../io/types.js';

/** Create the (empty) event table. */
export async function createEvents(connection: DuckdbConnection): Promise<void> {
  await connection.run('CREATE OR REPLACE TEMP TABLE pe_q (tbl VARCHAR, issue VARCHAR, action VARCHAR, g BIGINT, ord BIGINT)');
}

/** Log events: `select` yields columns `g` (row) and `ord` (the loader's logging order). */
export async function logEvents(connection: DuckdbConnection, table: TableName, issue: string, action: QualityEntry['action'], select: string): Promise<void> {
  await connection.run(`INSERT INTO pe_q SELECT '${table}', '${issue}', '${action}', g, ord FROM (${select})`);
}

const ORDER: Record<TableName, number> = { persons: 0, support: 1, employment: 2, benefits: 3 };

/** The report: counts per table (`read` given per table) and one entry per issue, as QualityLog.report(). */
export async function qualityReport(connection: DuckdbConnection, read: Partial<Record<TableName, number>>): Promise<QualityReport> {
  const grouped = await connection.runAndReadAll(`
    SELECT tbl, issue, action, count(g)::BIGINT AS n,
      list(g ORDER BY ord) FILTER (WHERE g IS NOT NULL AND k <= 10) AS rows,
      count(DISTINCT g) FILTER (WHERE action = 'repaired')::BIGINT AS distinct_rows
    FROM (SELECT *, row_number() OVER (PARTITION BY tbl, issue, action ORDER BY ord) AS k FROM pe_q)
    GROUP BY tbl, issue, action`);
  const entries: QualityEntry[] = [];
  const excluded: Partial<Record<TableName, number>> = {};
  for (const r of grouped.getRowObjects()) {
    const table = String(r.tbl) as TableName;
    const issue = String(r.issue);
    const action = String(r.action) as QualityEntry['action'];
    const rows = ((r.rows as { items?: unknown[] } | null)?.items ?? []).map(Number).sort((a, b) => a - b);
    entries.push({ table, issue, action, count: Number(r.n), description: ISSUE_DESCRIPTIONS[issue] ?? issue, exampleRows: rows });
    if (action === 'excluded') excluded[table] = (excluded[table] ?? 0) + Number(r.n);
  }
  const repairedRows = await connection.runAndReadAll(`SELECT tbl, count(DISTINCT g)::BIGINT AS n FROM pe_q WHERE action = 'repaired' GROUP BY tbl`);
  const repaired = Object.fromEntries(repairedRows.getRowObjects().map((r) => [String(r.tbl), Number(r.n)]));
  const counts = {} as Record<TableName, QualityCounts>;
  for (const table of ['persons', 'support', 'employment', 'benefits'] as const) {
    const n = read[table];
    if (n === undefined) continue;
    const x = excluded[table] ?? 0;
    counts[table] = { read: n, kept: n - x, excluded: x, repaired: repaired[table] ?? 0 };
  }
  entries.sort((a, b) => ORDER[a.table] - ORDER[b.table] || (a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0));
  return { counts, entries };
}

/** The first row of a query as a plain object, or undefined. */
export async function firstRow(connection: DuckdbConnection, sql: string): Promise<Record<string, unknown> | undefined> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects()[0] as Record<string, unknown> | undefined;
}
