/**
 * Node-only: the analysis configuration of the command line (`--config analysis.json`), its
 * reader and the commented example that `participation-effects init` writes. The same shape is
 * published as a JSON Schema (schema/analysis.schema.json in the package).
 */
import { readFile } from 'node:fs/promises';
import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import type { MatchControlsOptions } from '../compare/matchControls.js';
import type { OutputControlRules } from '../disclose/rules.js';
import type { TargetTrajectoryOptions } from '../figures/targetTrajectory.js';
import type { LoadCbsOptions } from '../io/load.js';
import type { EventPanelOptions } from '../panel/eventPanel.js';

/** Everything the main job can be told, as read from a JSON file. Every part is optional. */
export interface AnalysisConfig {
  /** Path or URL of the JSON Schema (ignored; for editors). */
  readonly $schema?: string;
  /** Label language of figures and report: `nl` (default) or `en`. `--lang` wins. */
  readonly lang?: 'nl' | 'en';
  /** Your column names per input, as in `loadCbsExport` (`columns.support.scheme`, …). */
  readonly columns?: LoadCbsOptions['columns'];
  /** CSV delimiter and decimal separator (default: detected). */
  readonly csv?: LoadCbsOptions['csv'];
  /** End-date values that mean "ongoing". */
  readonly openEndSentinels?: readonly string[];
  /** Observation period `{ start, end }` (`YYYYMMDD` or `YYYY-MM-DD`; default: from the spells). */
  readonly observation?: { readonly start: string; readonly end: string };
  /** Event-time windows and the participation definition of the panel. */
  readonly panel?: Pick<EventPanelOptions, 'before' | 'after' | 'participation' | 'trajectory'>;
  /** Matching design of the control group, as in `matchControls` (checked there). */
  readonly matching?: MatchControlsOptions;
  /** Event study: bootstrap replications for the uniform band (default 999) and seed (default 1). */
  readonly eventStudy?: { readonly replications?: number; readonly seed?: number };
  /** Durability: scheme whose placements are described, months of the > 2 years series, reference dates. */
  readonly durability?: {
    /** Scheme selected for tenure and employer types (default `Participatiewet`; `null` for everyone). */
    readonly scheme?: string | null;
    /** First and last month of the series of the share with a relationship longer than two years (`YYYY-MM`). */
    readonly from?: string;
    readonly to?: string;
    /** Reference dates of the tenure distribution and the employer-type shares (`YYYY-MM-DD`). */
    readonly at?: readonly string[];
  };
  /** Output-control rules for every table that is written, as in `applyOutputControl`. */
  readonly outputControl?: OutputControlRules;
  /** Texts of figures and report. */
  readonly figures?: {
    /** The people studied, as titles name them (e.g. `Rotterdammers`, `residents of Utrecht`). */
    readonly population?: string;
    /** The support programme, as titles name it. */
    readonly programme?: string;
    /** Title of report.html. */
    readonly title?: string;
    /** Growth-target figure (a scheme count against a target path); left out unless given. */
    readonly target?: Omit<TargetTrajectoryOptions, 'lang' | 'width' | 'height'>;
  };
}

const KEYS = {
  $schema: true, lang: true, columns: true, csv: true, openEndSentinels: true, observation: true, panel: true,
  matching: true, eventStudy: true, durability: true, outputControl: true, figures: true,
} as const;
const PART_KEYS: Record<string, Record<string, true>> = {
  panel: { before: true, after: true, participation: true, trajectory: true },
  eventStudy: { replications: true, seed: true },
  durability: { scheme: true, from: true, to: true, at: true },
  figures: { population: true, programme: true, title: true, target: true },
  observation: { start: true, end: true },
};

/**
 * Check a parsed configuration: unknown names (at the top and in each part) are refused with the
 * nearest valid one; deeper values are checked by the functions that use them.
 *
 * @example
 * checkAnalysisConfig({ lang: 'en', panel: { before: 36 } }).panel?.before; // 36
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkAnalysisConfig({ pannel: {} })); // 'analysis config: unknown option "pannel"; did you mean "panel"? Valid options: $schema, columns, csv, durability, eventStudy, figures, lang, matching, observation, openEndSentinels, outputControl, panel'
 */
export function checkAnalysisConfig(value: unknown): AnalysisConfig {
  if (!isPlainObject(value)) throw new SpecificationError(`analysis config: expected an object, got ${describeValue(value)}`);
  checkOptions('analysis config', value, KEYS);
  for (const [part, keys] of Object.entries(PART_KEYS)) {
    const v = value[part];
    if (v === undefined) continue;
    if (!isPlainObject(v)) throw new SpecificationError(`analysis config: "${part}" must be an object, got ${describeValue(v)}`);
    checkOptions(`analysis config "${part}"`, v, keys);
  }
  const lang = value['lang'];
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') throw new SpecificationError(`analysis config: lang must be "nl" or "en", got ${describeValue(lang)}`);
  return value as AnalysisConfig;
}

/**
 * Parse configuration text: JSON, where whole lines starting with `//` are comments (as in the
 * file `init` writes). Errors name the file and line.
 *
 * @example
 * parseAnalysisConfig('// windows\n{ "panel": { "after": 24 } }').panel?.after; // 24
 */
export function parseAnalysisConfig(text: string, file = 'analysis config'): AnalysisConfig {
  const lines = text.split(/\r?\n/).map((line) => (/^\s*\/\//.test(line) ? '' : line));
  let parsed: unknown;
  try {
    parsed = JSON.parse(lines.join('\n'));
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const line = m ? lines.join('\n').slice(0, Number(m[1])).split('\n').length : undefined;
    throw new DataError({ file, ...(line !== undefined ? { row: line } : {}), expected: `JSON (${(err as Error).message})` });
  }
  return checkAnalysisConfig(parsed);
}

/**
 * Read a configuration file (see {@link parseAnalysisConfig}).
 *
 * @example
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const file = join(mkdtempSync(join(tmpdir(), 'pe-')), 'analysis.json');
 * writeFileSync(file, EXAMPLE_CONFIG);
 * (await readAnalysisConfig(file)).durability?.scheme; // 'Participatiewet'
 */
export async function readAnalysisConfig(path: string): Promise<AnalysisConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError({ file: path, value: code ?? (err as Error).message, expected: 'a readable configuration file' });
  }
  return parseAnalysisConfig(text, path);
}

/**
 * The commented example configuration that `participation-effects init` writes: every part with
 * the defaults spelled out, so that each line can be edited.
 *
 * @example
 * parseAnalysisConfig(EXAMPLE_CONFIG).panel?.before; // 48
 */
export const EXAMPLE_CONFIG = `// Analysis configuration for participation-effects (JSON; lines starting with // are comments).
// Every part is optional: delete what you do not need. Check it with: participation-effects schema
{
  "$schema": "./node_modules/participation-effects/schema/analysis.schema.json",
  // Label language of figures and report: "nl" or "en" (--lang on the command line wins).
  "lang": "nl",
  // Your column names, where they differ from the CBS defaults (RINPERSOONS, RINPERSOON, ...).
  "columns": {
    "persons": { "birthYear": "GBAGEBOORTEJAAR" },
    "support": { "start": "AANVBUS", "end": "EINDBUS", "scheme": "REGELING", "employerType": "WERKGEVERTYPE" },
    "employment": {}
  },
  // Observation period of the export (default: from the first start to the last end date).
  // "observation": { "start": "2006-01-01", "end": "2024-12-31" },
  // Months before support start and after support end; participation "any-day", "reference-day" or { "minDays": 10 }.
  "panel": { "before": 48, "after": 48, "participation": "any-day" },
  // Control group: exact matching on sex, birth-year band and start year, then nearest propensity score.
  "matching": { "exact": ["GBAGESLACHT", "birthYearBand", "startYear"], "ratio": 1 },
  // Uniform band of the event study: bootstrap replications and seed.
  "eventStudy": { "replications": 999, "seed": 1 },
  // Durability: scheme described, months of the "> 2 years" series, reference dates.
  "durability": { "scheme": "Participatiewet", "from": "2019-01", "to": "2023-12", "at": ["2019-01-31", "2021-12-31", "2023-12-31"] },
  // Output control: minimum persons behind every published number (default 10), minimum count per cell.
  "outputControl": { "minPersons": 10 },
  // Who the figures are about (titles), and the report title.
  "figures": { "population": "Amsterdammers", "programme": "Sociaal Werk", "title": "Werken met een arbeidsbeperking" }
}
`;
