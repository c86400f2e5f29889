/** Node-only: the embedded default dataset in the package's data/ folder. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadCbsOptions } from '../io/load.js';
import type { CbsExport } from '../io/types.js';
import type { SyntheticTruth } from '../synth/types.js';
import { readCbsExport } from './readCbsExport.js';

/**
 * File names of the embedded dataset, relative to its data folder.
 *
 * @example
 * EMBEDDED_FILES.employment; // 'employment.csv.gz'
 */
export const EMBEDDED_FILES = {
  persons: 'persons.csv.gz',
  support: 'support.csv.gz',
  employment: 'employment.csv.gz',
  benefits: 'benefits.csv.gz',
  truth: 'truth.json',
  published: 'report/published.json',
} as const;

function moduleDir(): string {
  // CommonJS build: __dirname; ES modules (source under tsx, dist/*.js): import.meta.url.
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * Absolute path of the package's data/ folder (or of a file in it). Found by walking up from
 * this module, so it works from src/ (tsx), from dist/ after a build and from an installed package.
 *
 * @example
 * import { embeddedDataPath } from 'participation-effects/node';
 * embeddedDataPath('truth.json').endsWith('truth.json'); // true
 */
export function embeddedDataPath(file?: string): string {
  let dir = moduleDir();
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, EMBEDDED_FILES.persons))) return file === undefined ? candidate : join(candidate, file);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`participation-effects: embedded data folder not found above ${moduleDir()}`);
}

/**
 * The generator's truth for the embedded dataset (data/truth.json): effect, true phase
 * averages, control trend, stock counts, employer-type and tenure shares, parameters.
 *
 * @example
 * import { readEmbeddedTruth } from 'participation-effects/node';
 * const truth = await readEmbeddedTruth();
 * truth.observation.start; // '2006-01-01'
 */
export async function readEmbeddedTruth(): Promise<SyntheticTruth> {
  return JSON.parse(await readFile(embeddedDataPath(EMBEDDED_FILES.truth), 'utf8')) as SyntheticTruth;
}

/** One published figure of the report. */
export interface PublishedFigure {
  readonly id: string;
  readonly description: string;
  readonly value: number;
  readonly unit: 'share' | 'persons' | 'percentage points';
  /** Reference date or period (ISO), when the figure has one. */
  readonly date?: string;
  /** Population the figure is about. */
  readonly population: string;
  /** Where in the report. */
  readonly source: string;
}

/**
 * The report's published figures (data/report/published.json), for comparisons.
 *
 * @example
 * import { readPublishedFigures } from 'participation-effects/node';
 * const figures = await readPublishedFigures();
 * figures.find((f) => f.id === 'participation-before')?.value; // 0.3
 */
export async function readPublishedFigures(): Promise<readonly PublishedFigure[]> {
  const json = JSON.parse(await readFile(embeddedDataPath(EMBEDDED_FILES.published), 'utf8')) as { figures: PublishedFigure[] };
  return json.figures;
}

/**
 * Load the embedded default dataset (data/*.csv.gz: a synthetic, Amsterdam-scale CBS-style
 * export) with the io loader, using the observation period it was generated with.
 *
 * @example
 * import { readEmbeddedExport } from 'participation-effects/node';
 * const exp = await readEmbeddedExport();
 * exp.persons.rinpersoon[0].length; // 9
 */
export async function readEmbeddedExport(options: Omit<LoadCbsOptions, 'observation'> = {}): Promise<CbsExport> {
  const truth = await readEmbeddedTruth();
  return readCbsExport(
    {
      persons: embeddedDataPath(EMBEDDED_FILES.persons),
      support: embeddedDataPath(EMBEDDED_FILES.support),
      employment: embeddedDataPath(EMBEDDED_FILES.employment),
      benefits: embeddedDataPath(EMBEDDED_FILES.benefits),
    },
    { ...options, observation: truth.observation },
  );
}
