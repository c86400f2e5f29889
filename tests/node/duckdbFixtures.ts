// Test inputs for the DuckDB engine: a synthetic export written as CBS-style CSV files (with extra
// support trajectories, so that first / last / longest differ), and a small hand-written export
// whose rows sit on every boundary the panel has (month ends, observation ends, ties, ongoing).
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCbsDate, formatIsoDate, loadSynthetic, OPEN_END, type CbsExport } from '../../src/index.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';
import { writeCbsCsv } from '../bench/cbsFiles.js';

export interface Written {
  readonly files: { persons: string; support: string; employment: string };
  readonly observation: { start: string; end: string };
  /** The export as the in-memory reader loads the same files. */
  readonly exp: CbsExport;
}

/**
 * A synthetic export as `;`-separated CSV, plus for every third supported person a second
 * trajectory (starting 13 months after the first; every other one ongoing, the others
 * 3 years long), so that persons have several trajectories.
 */
export async function syntheticFiles(seed: number, scale: number): Promise<Written> {
  const syn = await loadSynthetic({ seed, scale });
  const dir = mkdtempSync(join(tmpdir(), 'pe-duckdb-'));
  const files = writeCbsCsv(syn, dir);
  const s = syn.support;
  const lines: string[] = [];
  for (let p = 0, k = 0; p < syn.persons.length; p++) {
    if (s.offsets[p + 1] === s.offsets[p] || p % 3 !== 0) continue;
    const r = s.offsets[p]!;
    const start = s.start[r]! + 396;
    const end = k++ % 2 === 0 ? '88888888' : formatCbsDate(Math.min(start + 1096, syn.observation.end + 400));
    lines.push(`${syn.persons.rinpersoons[p]};${syn.persons.rinpersoon[p]};${formatCbsDate(start)};${end};Participatiewet;regulier`);
  }
  appendFileSync(files.support, lines.join('\n') + '\n');
  const observation = { start: formatIsoDate(syn.observation.start), end: formatIsoDate(syn.observation.end) };
  const paths = { persons: files.persons, support: files.support, employment: files.employment };
  return { files: paths, observation, exp: await readCbsExport(paths, { observation }) };
}

/**
 * Hand-written edge cases, `,`-separated, observation 2019-01-15 … 2021-06-20 (so the whole months
 * are 2019-02 … 2021-05):
 * - 1: two trajectories with the same start (ties: end decides), jobs ending on a month's last day
 *   and the day before it (reference day), overlapping jobs (days counted once).
 * - 2: ongoing support (no after phase), a job running past the end of observation (ongoing).
 * - 3: support starting before observation (clipped), a second longer one later, no scheme.
 * - 4: support entirely outside observation (no anchor), only jobs.
 * - 5: support in the last observed month: no whole month after it.
 */
export async function edgeFiles(): Promise<Written> {
  const dir = mkdtempSync(join(tmpdir(), 'pe-duckdb-edge-'));
  const files = { persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: join(dir, 'employment.csv') };
  writeFileSync(files.persons, ['RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT,OPLNIVEAU', 'R,000000001,1980,1,laag', 'R,000000002,1975,2,hoog', 'R,000000003,1990,2,', 'R,000000004,1985,1,laag', 'R,000000005,1970,1,hoog', ''].join('\n'));
  writeFileSync(files.support, [
    'RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE',
    'R,000000001,20200310,20200630,Wsw,Pantar',
    'R,000000001,20200310,20200515,Participatiewet,regulier',
    'R,000000001,20190701,20190731,Participatiewet,sociale firma',
    'R,000000002,20191115,88888888,Participatiewet,regulier',
    'R,000000003,20180101,20190430,,regulier',
    'R,000000003,20200101,20201231,Wsw,Pantar',
    'R,000000004,20100101,20120101,Wsw,Pantar',
    'R,000000005,20210501,20210531,Participatiewet,regulier',
    '',
  ].join('\n'));
  writeFileSync(files.employment, [
    'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT',
    'R,000000001,E1,20190201,20190331,O',
    'R,000000001,E2,20190410,20190529,B',
    'R,000000001,E3,20190520,20190615,B',
    'R,000000001,E4,20200801,20200810,B',
    'R,000000001,E5,20200811,20200820,B',
    'R,000000002,E1,20190301,,O',
    'R,000000003,E6,20170101,20190215,B',
    'R,000000003,E6,20210101,20210630,B',
    'R,000000004,E1,20190101,20191231,O',
    'R,000000005,E7,20200101,20200131,O',
    '',
  ].join('\n'));
  const observation = { start: '2019-01-15', end: '2021-06-20' };
  return { files, observation, exp: await readCbsExport(files, { observation }) };
}

export { OPEN_END };
