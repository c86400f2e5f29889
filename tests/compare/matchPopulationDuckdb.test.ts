/**
 * The population built by DuckDB from the clean views (pe_persons, pe_support, pe_employment,
 * pe_observation holding the rows a loaded synthetic export keeps) gives the match the export gives:
 * whole result, for 1:1, 2:1 with caliper, exact startMonth and Mahalanobis, and each trajectory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchControls, type MatchControlsOptions, type MatchResult } from '../../src/compare/matchControls.js';
import { matchPopulationFromExport } from '../../src/compare/matchPopulation.js';
import type { CbsExport } from '../../src/io/types.js';
import { createViews, duckdbPopulation } from './populationViews.js';
import { loadSynthetic } from '../../src/synth/load.js';

const dir = mkdtempSync(join(tmpdir(), 'pe-population-'));
let exp: CbsExport;
let con: DuckDBConnection;

function whole(m: MatchResult): unknown {
  const { anchors, pairs, weights, matchedValues, unmatched, emptyStrata, balance, propensityModels, spec, notes } = m;
  return { anchors, pairs, weights, matchedValues, unmatched, emptyStrata, balance, propensityModels, spec, notes, counts: [m.n_supported, m.n_candidates, m.n_matched_controls], summary: m.summary() };
}

beforeAll(async () => {
  exp = await loadSynthetic({ seed: 7, scale: 0.03 });
  con = await (await DuckDBInstance.create(':memory:')).connect();
  await createViews(con, exp, dir);
}, 120_000);
afterAll(() => {
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('a MatchPopulation built by DuckDB from the clean views', () => {
  it('has the columns of the export path (the synthetic persons are in key order, as the SQL numbers them)', async () => {
    const keys = Array.from({ length: exp.persons.length }, (_, i) => exp.persons.rinpersoons[i] + exp.persons.rinpersoon[i]);
    expect(keys).toEqual([...keys].sort());
    const fromSql = await duckdbPopulation(con, 'first');
    const fromExport = matchPopulationFromExport(exp);
    expect(fromSql.employment).toEqual(fromExport.employment);
    expect(fromSql.supported).toEqual(fromExport.supported);
    expect(fromSql.supportStart).toEqual(fromExport.supportStart);
    expect(fromSql.supportEnd).toEqual(fromExport.supportEnd);
    expect({ ...fromSql.persons, sourceRow: undefined }).toEqual({ ...fromExport.persons, sourceRow: undefined });
    expect(fromSql.supported.reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
  }, 60_000);

  const cases: [string, MatchControlsOptions][] = [
    ['1:1', {}],
    ['2:1 caliper', { ratio: 2, replace: true, caliper: 0.2 }],
    ['exact startMonth', { exact: ['GBAGESLACHT', 'startMonth'], covariates: ['birthYear', 'preParticipation', 'OPLNIVEAU'] }],
    ['mahalanobis', { exact: ['GBAGESLACHT', 'birthYearBand', 'startYear'], distance: 'mahalanobis', ratio: 2 }],
  ];
  it.each(cases)('%s: the match equals the export path', async (_, options) => {
    const pop = await duckdbPopulation(con, 'first');
    const a = matchControls(exp, options);
    expect(a.n_matched_supported).toBeGreaterThan(0);
    expect(whole(matchControls(pop, options))).toEqual(whole(a));
  }, 60_000);

  it.each(['last', 'longest'] as const)('trajectory %s: the anchors and the match equal the export path', async (trajectory) => {
    const pop = await duckdbPopulation(con, trajectory);
    expect(pop.supportStart).toEqual(matchPopulationFromExport(exp, { trajectory }).supportStart);
    expect(pop.supportEnd).toEqual(matchPopulationFromExport(exp, { trajectory }).supportEnd);
    expect(whole(matchControls(pop, { trajectory }))).toEqual(whole(matchControls(exp, { trajectory })));
  }, 60_000);
});
