/**
 * Node-only: the `participation-effects` command line. `main` takes the arguments and returns the
 * exit code (0 ok, 1 data error, 2 usage error), so tests and scripts can call it directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataError, SpecificationError } from '../core/errors.js';
import { exportSummary, formatQualityReport } from '../io/index.js';
import type { LoadCbsOptions } from '../io/load.js';
import { writeFileAtomic } from './atomicWrite.js';
import { EXAMPLE_CONFIG, readAnalysisConfig, type AnalysisConfig } from './config.js';
import { runDemo } from './demo.js';
import { runJob } from './job.js';
import { readCbsExport } from './readCbsExport.js';

/** Where the command line writes: result lines, and messages (errors, progress). */
export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Progress lines are shown only on a terminal. */
  readonly isTTY: boolean;
}

/** Exit codes of the command line. */
export const EXIT = { ok: 0, dataError: 1, usageError: 2 } as const;

class UsageError extends Error {}

const INPUTS = {
  persons: { type: 'string' },
  support: { type: 'string' },
  employment: { type: 'string' },
  benefits: { type: 'string' },
  config: { type: 'string' },
} as const;
const COMMON = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } } as const;

const COMMANDS: Record<string, { options: NonNullable<ParseArgsConfig['options']>; usage: string }> = {
  report: {
    options: { ...INPUTS, ...COMMON, out: { type: 'string' }, lang: { type: 'string' }, overwrite: { type: 'boolean' } },
    usage: `participation-effects report --persons P --support S --employment E [options]

Run the main job on your export and write the full report to a folder: quality report, headline
numbers, matched difference-in-differences and event study, durability of placements, every figure
as .vl.json and .svg, output-controlled CSV/JSON tables and a self-contained report.html.

  --persons, --support, --employment   the three input files (CSV, .csv.gz, Arrow, Parquet or SPSS .sav)
  --benefits FILE   optional benefit spells (e.g. bijstand): adds benefit receipt before/after
                    (a wage column SBASISLOON on the employment file adds earnings above the
                    minimum wage)
  --config FILE     analysis configuration (JSON; write an example with: participation-effects init)
  --out DIR         output folder (default: participation-report); written completely or not at all
  --lang nl|en      label language (default: the config's, else nl)
  --overwrite       replace an existing output folder (never an input)
  --quiet, -q       print nothing but errors
  --help, -h        this text`,
  },
  check: {
    options: { ...INPUTS, ...COMMON, strict: { type: 'boolean' } },
    usage: `participation-effects check --persons P --support S --employment E [--benefits B] [--config FILE] [--strict]

Read and validate an export: print its summary and the quality report (rows read, kept, excluded,
repaired). Exits with 1 when a file cannot be read or a value cannot be parsed (the message names
file, row, column and value); with --strict also on the first excluded row.`,
  },
  demo: {
    options: { ...COMMON, out: { type: 'string' }, lang: { type: 'string' }, overwrite: { type: 'boolean' } },
    usage: `participation-effects demo [--out DIR] [--lang nl|en] [--overwrite] [--quiet]

Run the main job on the embedded synthetic CBS-style export (default output folder: out).`,
  },
  init: {
    options: { ...COMMON, out: { type: 'string' }, overwrite: { type: 'boolean' } },
    usage: `participation-effects init [--out analysis.json] [--overwrite]

Write a commented example analysis configuration (column mapping, windows, matching, durability
dates, output control, figure names) to edit and pass to report --config.`,
  },
  schema: {
    options: { ...COMMON },
    usage: `participation-effects schema

Print the JSON Schema of the analysis configuration (also in the package: schema/analysis.schema.json).`,
  },
  'regenerate-data': {
    options: { ...COMMON, out: { type: 'string' }, check: { type: 'boolean' } },
    usage: `participation-effects regenerate-data [--out DIR] [--check]

Rebuild the embedded synthetic dataset byte for byte from its seed (for maintainers).

  --out DIR   write there instead of the package's data/ folder
  --check     write nothing; compare with the files in place and exit with 1 when any differs`,
  },
};

const GENERAL = `participation-effects — labour participation before and after employment support, from CBS-style microdata

Usage: participation-effects <command> [options]

Commands:
  report    run the full analysis on your export and write the report folder
  check     read and validate an export, print the quality report
  demo      run the analysis on the embedded synthetic export
  init      write a commented example configuration
  schema    print the JSON Schema of the configuration

participation-effects <command> --help shows the options of a command.
Exit codes: 0 ok, 1 data error (unreadable file or value), 2 usage error (options, configuration, refused overwrite).`;

/** Absolute path of a file shipped in the package (found by walking up from this module). */
function packageFile(file: string): string {
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    if (existsSync(join(dir, file)) && existsSync(join(dir, 'package.json'))) return join(dir, file);
    dir = dirname(dir);
  }
  throw new Error(`participation-effects: ${file} not found in the package`);
}

function langOf(value: unknown): 'nl' | 'en' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'nl' && value !== 'en') throw new UsageError(`--lang must be nl or en, got ${JSON.stringify(value)}`);
  return value;
}

function inputsOf(values: Record<string, unknown>): { persons: string; support: string; employment: string; benefits?: string } {
  const missing = (['persons', 'support', 'employment'] as const).filter((k) => typeof values[k] !== 'string');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')} (the three input files)`);
  const benefits = values['benefits'];
  return { persons: values['persons'] as string, support: values['support'] as string, employment: values['employment'] as string, ...(typeof benefits === 'string' ? { benefits } : {}) };
}

function loadOptions(config: AnalysisConfig, strict: boolean): LoadCbsOptions {
  return {
    ...(config.columns ? { columns: config.columns } : {}),
    ...(config.csv ? { csv: config.csv } : {}),
    ...(config.openEndSentinels ? { openEndSentinels: config.openEndSentinels } : {}),
    ...(config.observation ? { observation: config.observation } : {}),
    ...(strict ? { strict } : {}),
  };
}

async function run(command: string, values: Record<string, unknown>, io: CliIo): Promise<number> {
  const quiet = values['quiet'] === true;
  const out = (line: string): void => (quiet ? undefined : io.stdout(line));
  const progress = (step: string): void => (io.isTTY && !quiet ? io.stderr(`… ${step}`) : undefined);
  const config = typeof values['config'] === 'string' ? await readAnalysisConfig(values['config']) : {};
  switch (command) {
    case 'report': {
      const paths = inputsOf(values);
      const inputs = [paths.persons, paths.support, paths.employment, ...(paths.benefits !== undefined ? [paths.benefits] : []), ...(typeof values['config'] === 'string' ? [values['config']] : [])];
      progress('reading the export');
      const exp = await readCbsExport(paths, loadOptions(config, false));
      const lang = langOf(values['lang']);
      await runJob(exp, { outDir: (values['out'] as string | undefined) ?? 'participation-report', config, ...(lang ? { lang } : {}), overwrite: values['overwrite'] === true, inputs, log: out, progress, sourceLabel: paths.persons });
      return EXIT.ok;
    }
    case 'check': {
      const paths = inputsOf(values);
      const exp = await readCbsExport(paths, loadOptions(config, values['strict'] === true));
      const s = exportSummary(exp);
      out(`persons ${s.persons}, support trajectories ${s.supportSpells}, employment spells ${s.employmentSpells}${exp.benefits ? `, benefit spells ${exp.benefits.length}` : ''}`);
      out(`observation period ${s.observation.start} … ${s.observation.end}`);
      out('');
      out(formatQualityReport(exp.quality));
      return EXIT.ok;
    }
    case 'demo': {
      const args = ['--out', (values['out'] as string | undefined) ?? 'out', '--lang', langOf(values['lang']) ?? 'nl', ...(values['overwrite'] === true ? ['--overwrite'] : [])];
      await runDemo(args, undefined, out);
      return EXIT.ok;
    }
    case 'init': {
      const file = (values['out'] as string | undefined) ?? 'analysis.json';
      await writeFileAtomic(file, EXAMPLE_CONFIG, { overwrite: values['overwrite'] === true });
      out(`Wrote ${file}: edit it, then run participation-effects report … --config ${file}`);
      return EXIT.ok;
    }
    case 'schema':
      io.stdout(readFileSync(packageFile('schema/analysis.schema.json'), 'utf8').trimEnd());
      return EXIT.ok;
    case 'regenerate-data': {
      const { regenerateEmbeddedData } = await import('./regenerate.js');
      const args = [...(typeof values['out'] === 'string' ? ['--out', values['out']] : []), ...(values['check'] === true ? ['--check'] : [])];
      const differ = await regenerateEmbeddedData(args, out);
      return differ > 0 ? EXIT.dataError : EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/**
 * Run the command line with `argv` (the arguments after the program name); returns the exit code.
 *
 * @example
 * const lines: string[] = [];
 * const io = { stdout: (l: string) => lines.push(l), stderr: (l: string) => lines.push(l), isTTY: false };
 * await main(['report', '--persons', 'p.csv'], io); // 2
 * lines[0]; // 'participation-effects report: missing --support, --employment (the three input files)'
 */
export async function main(argv: readonly string[], io: CliIo = { stdout: (l) => console.log(l), stderr: (l) => console.error(l), isTTY: process.stderr.isTTY === true }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(GENERAL);
    return command === undefined ? EXIT.usageError : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout((JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version);
    return EXIT.ok;
  }
  const spec = COMMANDS[command];
  if (!spec) {
    io.stderr(`participation-effects: unknown command ${JSON.stringify(command)}\n\n${GENERAL}`);
    return EXIT.usageError;
  }
  try {
    let values: Record<string, unknown>;
    try {
      values = parseArgs({ args: [...rest], options: spec.options, strict: true, allowPositionals: false }).values;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (values['help'] === true) {
      io.stdout(spec.usage);
      return EXIT.ok;
    }
    return await run(command, values, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`participation-effects ${command}: ${err.message}`);
      io.stderr(`Run participation-effects ${command} --help for its options.`);
      return EXIT.usageError;
    }
    if (err instanceof DataError) {
      io.stderr(`participation-effects ${command}: data error: ${err.message}`);
      return EXIT.dataError;
    }
    if (err instanceof SpecificationError) {
      io.stderr(`participation-effects ${command}: ${err.message}`);
      return EXIT.usageError;
    }
    throw err;
  }
}
