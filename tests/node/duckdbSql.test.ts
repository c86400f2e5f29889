// The query text of panelStatisticsSql (the one a Spark or Trino user runs), run whole by DuckDB on
// the views and handed back with panelStatisticsFromTable, gives the cells of eventPanel; as plain
// columns, as an Arrow table and as an arquero table.
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays } from '@uwdata/flechette';
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorColumns, eventPanel, matchControls, panelStatisticsFromTable, panelStatisticsSql, type EventPanelOptions, type PanelSqlOptions } from '../../src/index.js';
import { createFastViews as createViews } from '../../src/node/duckdb/simpleViews.js';
import { tableFromColumns } from '../../src/node/duckdb/duckdbTables.js';
import { panelPersons, sortedWithOffsets, statisticsDiff } from '../support/panelCells.js';
import { edgeFiles, syntheticFiles, type Written } from './duckdbFixtures.js';

/** The query's result as plain columns (BIGINT as bigint, as the DuckDB client returns it). */
async function runText(w: Written, sql: string, anchors?: Parameters<typeof tableFromColumns>[2]): Promise<Record<string, unknown[]>> {
  const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  await createViews(con, w.files, { observation: w.observation });
  if (anchors) await tableFromColumns(con, 'pe_anchors', anchors, 'anchors');
  const result = await con.runAndReadAll(sql);
  return result.getColumnsObject() as unknown as Record<string, unknown[]>;
}

function expectSame(w: Written, memory: EventPanelOptions, columns: Parameters<typeof panelStatisticsFromTable>[0], options: PanelSqlOptions): void {
  const panel = eventPanel(w.exp, memory);
  const stats = panelStatisticsFromTable(columns, options);
  expect(sortedWithOffsets(stats)).toBe(true);
  expect(statisticsDiff(stats, panel)).toEqual([]);
  expect(panelPersons(stats)).toEqual(panelPersons(panel));
  expect(stats.groups).toEqual(panel.groups);
  const { observation: _o, ...spec } = panel.spec;
  expect(stats.spec).toEqual(spec);
}

describe('the whole query text, run by DuckDB and read back', () => {
  let edge: Written;
  let synthetic: Written;
  beforeAll(async () => {
    edge = await edgeFiles();
    synthetic = await syntheticFiles(9, 0.03);
  }, 120_000);

  const cases: [string, PanelSqlOptions][] = [
    ['defaults', {}],
    ['reference day, during, last trajectory', { participation: 'reference-day', during: true, trajectory: 'last' }],
    ['at least 12 days, longest trajectory, by scheme', { participation: { minDays: 12 }, trajectory: 'longest', group: 'scheme' }],
  ];
  for (const [name, options] of cases) {
    it(`edge cases: ${name}`, async () => expectSame(edge, options as EventPanelOptions, await runText(edge, panelStatisticsSql(options, { dialect: 'duckdb' })), options));
    it(`synthetic: ${name}`, async () => expectSame(synthetic, options as EventPanelOptions, await runText(synthetic, panelStatisticsSql(options, { dialect: 'duckdb' })), options), 60_000);
  }

  it('persons without an observed month are rows with n = 0 and no phase', async () => {
    const columns = await runText(edge, panelStatisticsSql({ before: 0, after: 0 }));
    // No window months at all: every panel person is one declaring row.
    expect(columns['n']).toEqual([0, 0, 0, 0]);
    expect(columns['phase']).toEqual([null, null, null, null]);
    const stats = panelStatisticsFromTable(columns, { before: 0, after: 0 });
    expect([stats.persons.length, stats.length]).toEqual([4, 0]);
  });

  it('matched anchors from pe_anchors, as an Arrow table and as an arquero table', async () => {
    const m = matchControls(synthetic.exp, { covariates: ['birthYear', 'preParticipation'], ratio: 3 });
    const anchors = anchorColumns(synthetic.exp.persons, m.anchors);
    const columns = await runText(synthetic, panelStatisticsSql({ anchors: true }), anchors);
    const options = { groups: anchors.groups } as PanelSqlOptions;
    expectSame(synthetic, { anchors: m.anchors }, columns, options);
    // Arrow: BIGINT columns become 64-bit integers, NULLs stay null.
    const arrow = tableFromArrays(columns as Record<string, unknown[]>);
    expect((arrow.getChild('cluster').type as { bitWidth?: number }).bitWidth).toBe(64);
    expectSame(synthetic, { anchors: m.anchors }, arrow, options);
    const numbers = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.map((x) => (typeof x === 'bigint' ? Number(x) : x))]));
    expectSame(synthetic, { anchors: m.anchors }, aq.table(numbers), options);
  }, 120_000);
});
