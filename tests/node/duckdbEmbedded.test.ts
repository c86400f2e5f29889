// On the embedded dataset (data/*.csv.gz, `,`-separated, gzip) and on the same data as Parquet, the
// DuckDB engine's cells equal the in-memory panel's.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventPanel, type CbsExport, type EventPanelOptions } from '../../src/index.js';
import { duckdbPanelStatistics, embeddedDataPath, readEmbeddedExport, readEmbeddedTruth } from '../../src/node/index.js';
import { panelPersons, statisticsDiff } from '../support/panelCells.js';

const files = { persons: embeddedDataPath('persons.csv.gz'), support: embeddedDataPath('support.csv.gz'), employment: embeddedDataPath('employment.csv.gz') };

describe('duckdbPanelStatistics on the embedded dataset', () => {
  let exp: CbsExport;
  let observation: { start: string; end: string };
  beforeAll(async () => {
    exp = await readEmbeddedExport();
    observation = (await readEmbeddedTruth()).observation;
  }, 120_000);

  async function expectSame(inputs: typeof files, options: EventPanelOptions & { group?: string }): Promise<void> {
    const panel = eventPanel(exp, options);
    const stats = await duckdbPanelStatistics(inputs, { ...(options as object), read: { observation }, threads: 2 });
    expect(stats.length).toBe(panel.length);
    expect(statisticsDiff(stats, panel)).toEqual([]);
    expect(panelPersons(stats)).toEqual(panelPersons(panel));
    expect(stats.spec).toEqual(panel.spec);
  }

  it('defaults', () => expectSame(files, {}), 120_000);
  it('reference day, during, by employer type', () => expectSame(files, { participation: 'reference-day', during: true, group: 'employerType' }), 120_000);

  it('the same files as Parquet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-duckdb-parquet-'));
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const parquet = { persons: join(dir, 'persons.parquet'), support: join(dir, 'support.parquet'), employment: join(dir, 'employment.parquet') };
    for (const t of ['persons', 'support', 'employment'] as const) await con.run(`COPY (SELECT * FROM read_csv('${files[t]}', all_varchar = true)) TO '${parquet[t]}' (FORMAT parquet)`);
    await expectSame(parquet, { participation: { minDays: 15 } });
  }, 120_000);
});
