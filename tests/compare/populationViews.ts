/** Test and bench helper: a loaded export's kept rows as the clean views in DuckDB, and the MatchPopulation the SQL builds from them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MatchPopulation } from '../../src/compare/matchPopulation.js';
import { matchPopulationFromColumns, matchPopulationSql, type MatchPopulationColumns } from '../../src/compare/matchPopulationSql.js';
import type { CbsExport, Categorical } from '../../src/io/types.js';
import type { TrajectoryChoice } from '../../src/panel/supportAnchors.js';

const text = (c: Categorical, i: number): string => (c.codes[i] < 0 ? '' : c.levels[c.codes[i]]);

/** The export's kept rows as the four views (tables here), via CSV files with explicit types. */
export async function createViews(con: DuckDBConnection, exp: CbsExport, dir: string): Promise<void> {
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

export async function duckdbPopulation(con: DuckDBConnection, trajectory: TrajectoryChoice): Promise<MatchPopulation> {
  const obs = (await con.runAndReadAll('SELECT start_day, end_day FROM pe_observation')).getRowObjectsJS()[0]!;
  const observation = { start: Number(obs['start_day']), end: Number(obs['end_day']) };
  const q = matchPopulationSql(observation, trajectory);
  const columns: MatchPopulationColumns = {
    persons: (await con.runAndReadAll(q.persons)).getColumnsObjectJS() as MatchPopulationColumns['persons'],
    bits: (await con.runAndReadAll(q.bits)).getColumnsObjectJS() as MatchPopulationColumns['bits'],
  };
  return matchPopulationFromColumns(q, observation, trajectory, columns);
}

