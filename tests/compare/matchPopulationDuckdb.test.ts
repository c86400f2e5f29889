/**
 * The population built by DuckDB from the clean views (pe_persons, pe_support, pe_employment,
 * pe_observation holding the rows a loaded synthetic export keeps) gives the match the export gives:
 * whole result, for 1:1, 2:1 with caliper, exact startMonth and Mahalanobis, and each trajectory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchControls, type MatchControlsOptions, type MatchResult } from '../../src/compare/matchControls.js';
import { matchPopulationFromExport } from '../../src/compare/matchPopulation.js';
import { matchPopulationFromColumns, matchPopulationSql, type MatchPopulationColumns } from '../../src/compare/matchPopulationSql.js';
import type { TrajectoryChoice } from '../../src/panel/supportAnchors.js';
import type { CbsExport, Categorical } from '../../src/io/types.js';
import { loadSynthetic } from '../../src/synth/load.js';

const dir = mkdtempSync(join(tmpdir(), 'pe-population-'));
let exp: CbsExport;
let con: DuckDBConnection;

const text = (c: Categorical, i: number): string => (c.codes[i] < 0 ? '' : c.levels[c.codes[i]]);

/** The export's kept rows as the four views (tables here), via CSV files with explicit types. */
async function createViews(): Promise<void> {
  const p = exp.persons;
  const covs = Object.entries(p.covariates);
  const personLines = ['rinpersoons,rinpersoon,birth_year,sex' + covs.map(([n]) => `,${n}`).join('')];
  for (let i = 0; i < p.length; i++) {
    const cells = [p.rinpersoons[i], p.rinpersoon[i], Number.isNaN(p.birthYear[i]) ? '' : String(p.birthYear[i]), text(p.sex, i)];
    for (const [, c] of covs) cells.push(c instanceof Float64Array ? (Number.isNaN(c[i]) ? '' : String(c[i])) : text(c, i));
    personLines.push(cells.join(','));
  }
  writeFileSync(join(dir, 'persons.csv'), personLines.join('\n'));
  const spells = (t: { person: Int32Array; start: Int32Array; end: Int32Array; length: number }, file: string): void => {
    const lines = ['rinpersoons,rinpersoon,start_day,end_day'];
    for (let r = 0; r < t.length; r++) lines.push(`${p.rinpersoons[t.person[r]]},${p.rinpersoon[t.person[r]]},${t.start[r]},${t.end[r]}`);
    writeFileSync(join(dir, file), lines.join('\n'));
  };
  spells(exp.support, 'support.csv');
  spells(exp.employment, 'employment.csv');
  const covTypes = covs.map(([n, c]) => `, '${n}': '${c instanceof Float64Array ? 'DOUBLE' : 'VARCHAR'}'`).join('');
  await con.run(`CREATE TABLE pe_persons AS SELECT * FROM read_csv('${join(dir, 'persons.csv')}', header = true, columns = {'rinpersoons': 'VARCHAR', 'rinpersoon': 'VARCHAR', 'birth_year': 'DOUBLE', 'sex': 'VARCHAR'${covTypes}})`);
  const spellTypes = `columns = {'rinpersoons': 'VARCHAR', 'rinpersoon': 'VARCHAR', 'start_day': 'INTEGER', 'end_day': 'INTEGER'}`;
  await con.run(`CREATE TABLE pe_support AS SELECT * FROM read_csv('${join(dir, 'support.csv')}', header = true, ${spellTypes})`);
  await con.run(`CREATE TABLE pe_employment AS SELECT * FROM read_csv('${join(dir, 'employment.csv')}', header = true, ${spellTypes})`);
  await con.run(`CREATE TABLE pe_observation AS SELECT ${exp.observation.start} AS start_day, ${exp.observation.end} AS end_day`);
}

async function duckdbPopulation(trajectory: TrajectoryChoice) {
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
  return { anchors, pairs, weights, matchedValues, unmatched, emptyStrata, balance, propensityModels, spec, notes, counts: [m.n_supported, m.n_candidates, m.n_matched_controls], summary: m.summary() };
}

beforeAll(async () => {
  exp = await loadSynthetic({ seed: 7, scale: 0.03 });
  con = await (await DuckDBInstance.create(':memory:')).connect();
  await createViews();
}, 120_000);
afterAll(() => {
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('a MatchPopulation built by DuckDB from the clean views', () => {
  it('has the columns of the export path (the synthetic persons are in key order, as the SQL numbers them)', async () => {
    const keys = Array.from({ length: exp.persons.length }, (_, i) => exp.persons.rinpersoons[i] + exp.persons.rinpersoon[i]);
    expect(keys).toEqual([...keys].sort());
    const fromSql = await duckdbPopulation('first');
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
    const pop = await duckdbPopulation('first');
    const a = matchControls(exp, options);
    expect(a.n_matched_supported).toBeGreaterThan(0);
    expect(whole(matchControls(pop, options))).toEqual(whole(a));
  }, 60_000);

  it.each(['last', 'longest'] as const)('trajectory %s: the anchors and the match equal the export path', async (trajectory) => {
    const pop = await duckdbPopulation(trajectory);
    expect(pop.supportStart).toEqual(matchPopulationFromExport(exp, { trajectory }).supportStart);
    expect(pop.supportEnd).toEqual(matchPopulationFromExport(exp, { trajectory }).supportEnd);
    expect(whole(matchControls(pop, { trajectory }))).toEqual(whole(matchControls(exp, { trajectory })));
  }, 60_000);
});
