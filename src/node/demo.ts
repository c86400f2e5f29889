/**
 * The main job on the embedded synthetic export (`participation-effects demo`, `npm run demo`):
 * the same job as `participation-effects report`, with the audit report's dates, names and
 * growth target, and the generator's truth shown next to the estimates.
 */
import { parseArgs } from 'node:util';
import type { CbsExport } from '../io/types.js';
import type { AnalysisConfig } from './config.js';
import { readEmbeddedExport, readEmbeddedTruth } from './embedded.js';
import { runJob, type JobResult, type SummaryRow } from './job.js';

export type { SummaryRow } from './job.js';

/** What the demo computed and wrote. */
export type DemoResult = JobResult;

/**
 * The configuration of the demo: the audit report's reference dates, Amsterdam and "Sociaal Werk"
 * in the titles, and the Participatiewet growth target for 2026.
 *
 * @example
 * demoConfig('nl').durability?.at; // ['2019-01-31', '2021-12-31', '2023-12-31']
 */
export function demoConfig(lang: 'nl' | 'en'): AnalysisConfig {
  return {
    lang,
    durability: { scheme: 'Participatiewet', from: '2019-01', to: '2023-12', at: ['2019-01-31', '2021-12-31', '2023-12-31'] },
    eventStudy: { replications: 999, seed: 1 },
    figures: {
      population: lang === 'nl' ? 'Amsterdammers' : 'Amsterdam residents',
      programme: 'Sociaal Werk',
      title: lang === 'nl' ? 'Werken met een arbeidsbeperking — effecten van Sociaal Werk' : 'Working with a work disability — effects of Sociaal Werk',
      target: {},
    },
  };
}

/**
 * Run the main job on the embedded export (or on `source`) and write everything to `--out`
 * (default `out`). Arguments as on the command line: `--out DIR`, `--lang nl|en`, `--overwrite`.
 *
 * @example
 * // npm run demo            (Dutch labels, writes ./out)
 * // npx participation-effects demo --lang en --out results
 * const { summary } = await runDemo(['--out', 'out/demo', '--overwrite']);
 * summary.find((r) => r.quantity === 'participation before support')?.estimate; // ≈ 0.30
 */
export async function runDemo(args: readonly string[] = [], source?: CbsExport, log: (line: string) => void = (line) => console.log(line)): Promise<DemoResult> {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string', default: 'out' }, lang: { type: 'string', default: 'nl' }, overwrite: { type: 'boolean', default: false } }, strict: true });
  const lang = values.lang === 'en' ? 'en' : 'nl';
  const exp = source ?? (await readEmbeddedExport());
  // The embedded data is synthetic: its generator's truth shows what the estimates should find.
  const truth = source ? undefined : await readEmbeddedTruth();
  return runJob(exp, {
    outDir: values.out,
    config: demoConfig(lang),
    lang,
    overwrite: values.overwrite,
    log,
    sourceLabel: source ? 'demo on the given export' : 'demo on the embedded synthetic CBS-style export',
    published: source === undefined,
    ...(truth ? { truth } : {}),
  });
}

/** A headline row of the demo (same as the job's). */
export type DemoSummaryRow = SummaryRow;
