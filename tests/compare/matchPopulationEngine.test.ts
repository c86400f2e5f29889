/**
 * Matching at scale without an export: the checked views of the DuckDB engine (createViews on CSV
 * files) → the population SQL → matchControls → anchors by key (anchorColumns) → the engine's panel
 * statistics. Each step is compared with the in-memory path on the same files (readCbsExport):
 * the population, the whole match, and every cell of eventPanel(exp, { anchors }).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchControls, type MatchControlsOptions, type MatchResult } from '../../src/compare/matchControls.js';
import { matchPopulationFromExport, type MatchPopulation } from '../../src/compare/matchPopulation.js';
import { matchPopulationFromColumns, matchPopulationSql, type MatchPopulationColumns } from '../../src/compare/matchPopulationSql.js';
import { createViews, duckdbPanelStatistics } from '../../src/node/index.js';
import { anchorColumns } from '../../src/panel/sql/anchorColumns.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import type { TrajectoryChoice } from '../../src/panel/supportAnchors.js';
import { panelPersons, statisticsDiff } from '../support/panelCells.js';
import { edgeFiles, syntheticFiles, type Written } from '../node/duckdbFixtures.js';

async function enginePopulation(con: DuckDBConnection, trajectory: TrajectoryChoice): Promise<MatchPopulation> {
  const obs = (await con.runAndReadAll('SELECT start_day, end_day FROM pe_observation')).getRowObjectsJS()[0]!;
  const observation = { start: Number(obs['start_day']), end: Number(obs['end_day']) };
  const q = matchPopulationSql(observation, trajectory);
  const columns: MatchPopulationColumns = {
    persons: (await con.runAndReadAll(q.persons)).getColumnsObjectJS() as MatchPopulationColumns['persons'],
    bits: (await con.runAndReadAll(q.bits)).getColumnsObjectJS() as MatchPopulationColumns['bits'],
  };
  return matchPopulationFromColumns(q, observation, trajectory, columns);
}

function whole(m: MatchResult): unknown {
  const { anchors, pairs, weights, matchedValues, unmatched, emptyStrata, balance, propensityModels, spec, notes } = m;
  return { anchors, pairs, weights, matchedValues, unmatched, emptyStrata, balance, propensityModels, spec, notes, counts: [m.n_supported, m.n_candidates, m.n_matched_controls] };
}

function expectSamePopulation(a: MatchPopulation, b: MatchPopulation): void {
  expect(a.employment).toEqual(b.employment);
  expect(a.supported).toEqual(b.supported);
  expect(a.supportStart).toEqual(b.supportStart);
  expect(a.supportEnd).toEqual(b.supportEnd);
  expect(a.persons.rinpersoon).toEqual(b.persons.rinpersoon);
  expect(a.persons.birthYear).toEqual(b.persons.birthYear);
  expect(a.persons.sex).toEqual(b.persons.sex);
  expect(a.persons.covariates).toEqual(b.persons.covariates);
}

describe('from checked views to panel statistics, without an export', () => {
  let w: Written;
  let con: DuckDBConnection;
  beforeAll(async () => {
    w = await syntheticFiles(3, 0.03);
    con = await (await DuckDBInstance.create(':memory:')).connect();
    await createViews(con, w.files, { observation: w.observation });
  }, 120_000);
  afterAll(() => con?.closeSync());

  it.each(['first', 'last', 'longest'] as const)('trajectory %s: the population equals the export path', async (trajectory) => {
    const pop = await enginePopulation(con, trajectory);
    expectSamePopulation(pop, matchPopulationFromExport(w.exp, { trajectory }));
    // The files give some persons a second trajectory, so the three choices differ.
    expect(pop.supportStart).not.toEqual((await enginePopulation(con, trajectory === 'first' ? 'last' : 'first')).supportStart);
  }, 60_000);

  const cases: [string, MatchControlsOptions][] = [
    ['1:1', {}],
    ['2:1 caliper, last trajectory', { ratio: 2, replace: true, caliper: 0.2, trajectory: 'last' }],
  ];
  it.each(cases)('%s: same match, and its anchors by key give the engine the cells of eventPanel', async (_, options) => {
    const pop = await enginePopulation(con, options.trajectory ?? 'first');
    const m = matchControls(pop, options);
    expect(whole(m)).toEqual(whole(matchControls(w.exp, options)));
    const panel = eventPanel(w.exp, { anchors: m.anchors, trajectory: options.trajectory });
    const stats = await duckdbPanelStatistics(w.files, { anchors: anchorColumns(pop.persons, m.anchors), read: { observation: w.observation }, threads: 2 });
    expect(stats.length).toBe(panel.length);
    expect(panel.length).toBeGreaterThan(0);
    expect(statisticsDiff(stats, panel)).toEqual([]);
    expect(panelPersons(stats)).toEqual(panelPersons(panel));
  }, 120_000);
});

describe('the hand-written edge files (observation from mid-month to mid-month, ties, ongoing spells)', () => {
  it.each(['first', 'last', 'longest'] as const)('trajectory %s: the population equals the export path', async (trajectory) => {
    const w = await edgeFiles();
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      await createViews(con, w.files, { observation: w.observation });
      const pop = await enginePopulation(con, trajectory);
      expect(pop.persons.length).toBe(w.exp.persons.length);
      expectSamePopulation(pop, matchPopulationFromExport(w.exp, { trajectory }));
    } finally {
      con.closeSync();
    }
  }, 60_000);
});
