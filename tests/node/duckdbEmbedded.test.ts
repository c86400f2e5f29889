// On the embedded dataset (data/*.csv.gz, `,`-separated, gzip) and on the same data as Parquet, the
// DuckDB engine's cells equal the in-memory panel's.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorColumns, eventPanel, matchControls, type CbsExport, type EventPanelOptions } from '../../src/index.js';
import { duckdbPanelStatistics, embeddedDataPath, readEmbeddedExport, readEmbeddedTruth } from '../../src/node/index.js';
import { panelPersons, statisticsDiff } from '../support/panelCells.js';
import { everyEstimator, expectSame as expectSameEstimates } from '../support/sameEstimates.js';

const files = { persons: embeddedDataPath('persons.csv.gz'), support: embeddedDataPath('support.csv.gz'), employment: embeddedDataPath('employment.csv.gz') };

describe('duckdbPanelStatistics on the embedded dataset', () => {
  let exp: CbsExport;
  let observation: { start: string; end: string };
  beforeAll(async () => {
    exp = await readEmbeddedExport();
    observation = (await readEmbeddedTruth()).observation;
  }, 120_000);

  async function expectSame(inputs: typeof files, options: EventPanelOptions & { group?: string }, check: 'full' | 'fast' = 'full'): Promise<void> {
    const panel = eventPanel(exp, options);
    const stats = await duckdbPanelStatistics(inputs, { ...(options as object), read: { observation }, threads: 2, check });
    expect(stats.length).toBe(panel.length);
    expect(statisticsDiff(stats, panel)).toEqual([]);
    expect(panelPersons(stats)).toEqual(panelPersons(panel));
    expect(stats.spec).toEqual(panel.spec);
  }

  it('defaults', () => expectSame(files, {}), 120_000);
  it('the fast check gives the same cells on these clean files', () => expectSame(files, {}, 'fast'), 120_000);

  it('the full check carries the loader\'s quality report; Parquet needs the fast check', async () => {
    const stats = await duckdbPanelStatistics(files, { read: { observation }, threads: 2 });
    expect(stats.quality).toEqual(exp.quality);
    expect(stats.quality!.counts.employment.read).toBe(stats.quality!.counts.employment.kept + stats.quality!.counts.employment.excluded);
    const fast = await duckdbPanelStatistics(files, { read: { observation }, threads: 2, check: 'fast' });
    expect(fast.quality).toBeUndefined();
    await expect(duckdbPanelStatistics({ ...files, employment: 'spolis.parquet' }, { check: 'full' })).rejects.toThrow("check 'full' reads CSV and gzip CSV; spolis.parquet is Parquet: use check: 'fast'");
    await expect(duckdbPanelStatistics(files, { check: 'quick' as never })).rejects.toThrow("check must be 'full' or 'fast', got 'quick'");
  }, 300_000);
  it('reference day, during, by employer type', () => expectSame(files, { participation: 'reference-day', during: true, group: 'employerType' }), 120_000);

  it('every estimator gives the in-memory numbers from the engine\'s cells, with matched controls (1e-12)', async () => {
    const match = matchControls(exp, { ratio: 2, replace: true });
    const panel = eventPanel(exp, { anchors: match.anchors });
    const stats = await duckdbPanelStatistics(files, { anchors: anchorColumns(exp.persons, match.anchors), read: { observation }, threads: 2 });
    expect(stats.groups).toEqual(['supported', 'control']);
    const cases = everyEstimator(panel, true);
    expect(cases.length).toBeGreaterThan(10);
    for (const [label, run] of cases) expectSameEstimates(label, panel, run, stats);
  }, 300_000);

  it('the same files as Parquet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-duckdb-parquet-'));
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const parquet = { persons: join(dir, 'persons.parquet'), support: join(dir, 'support.parquet'), employment: join(dir, 'employment.parquet') };
    for (const t of ['persons', 'support', 'employment'] as const) await con.run(`COPY (SELECT * FROM read_csv('${files[t]}', all_varchar = true)) TO '${parquet[t]}' (FORMAT parquet)`);
    await expectSame(parquet, { participation: { minDays: 15 } }, 'fast');
  }, 120_000);
});
