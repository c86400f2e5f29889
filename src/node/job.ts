/**
 * Node-only: the main job on one export: quality report, headline numbers, matched
 * difference-in-differences and event study, durability of placements, every figure as Vega-Lite
 * spec and SVG, output-controlled tables and a self-contained report page. The command line's
 * `report` and `demo` both run it; everything is written into a temporary folder that replaces
 * the output folder only when complete.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { civilFromDay, firstFullMonth, formatMonth, lastDayOfMonth, lastFullMonth } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { checkExport } from '../io/checkExport.js';
import { exportSummary, formatQualityReport } from '../io/index.js';
import type { CbsExport } from '../io/types.js';
import { eventPanel } from '../panel/index.js';
import { participationProfile, phaseAverages } from '../estimate/index.js';
import { diffInDiff, eventStudy, matchControls } from '../compare/index.js';
import { contractLengths, employerTypeShares, relationshipSurvival, supportCountsOnJanuaryFirst, tenureShareSeries } from '../contracts/index.js';
import { applyOutputControl, formatOutputControlReport, toControlledCsv } from '../disclose/index.js';
import { contractLengthSpec, eventStudySpec, figure11Spec, figure21Spec, survivalSpec, targetTrajectorySpec } from '../figures/index.js';
import type { SyntheticTruth } from '../synth/types.js';
import { checkTarget, writeFolderAtomic } from './atomicWrite.js';
import { formatTest } from '../core/result.js';
import type { AnalysisConfig } from './config.js';
import { renderSvg } from './render.js';
import { buildReportHtml, type ReportSection } from './report.js';
import { outcomeSummaryRows } from './jobOutcomes.js';

/** How to run the job and where its lines go. */
export interface JobOptions {
  /** Output folder (created; replaced as a whole only with `overwrite`). */
  readonly outDir: string;
  readonly config?: AnalysisConfig;
  /** Label language (default the config's, else `nl`). */
  readonly lang?: 'nl' | 'en';
  readonly overwrite?: boolean;
  /** Input paths: the output folder may neither be one nor contain one. */
  readonly inputs?: readonly string[];
  /** Result lines (default: none). */
  readonly log?: (line: string) => void;
  /** Progress of long steps (default: none). */
  readonly progress?: (step: string) => void;
  /** What the export is, for the first line. */
  readonly sourceLabel?: string;
  /** The generator's truth, for synthetic data: the DiD line shows the true effect. */
  readonly truth?: SyntheticTruth;
  /** Put the audit report's published figures next to the headline numbers (embedded data only). */
  readonly published?: boolean;
}

/** What the job computed and wrote. */
export interface JobResult {
  readonly outDir: string;
  readonly files: readonly string[];
  /** The headline numbers after output control, one row per estimate (the content of summary.json). */
  readonly summary: readonly SummaryRow[];
}

/** One headline number: what it is, its value with interval, and how many persons are behind it. */
export interface SummaryRow {
  readonly quantity: string;
  readonly group: string;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level: number;
  readonly method: string;
  readonly n_persons: number;
  readonly published: number | null;
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);
const isoDay = (day: number): string => {
  const { year, month, day: d } = civilFromDay(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Durability defaults from the observation period: the last five years, dates two years apart. */
function durabilityDefaults(exp: CbsExport): { from: string; to: string; at: string[] } {
  const first = firstFullMonth(exp.observation.start);
  const last = lastFullMonth(exp.observation.end);
  const from = Math.max(first, last - 59);
  const at = [last - 48, last - 24, last].filter((m) => m >= first).map((m) => isoDay(lastDayOfMonth(m)));
  return { from: formatMonth(from), to: formatMonth(last), at };
}

/** The first lines of the log: what the export holds and its quality report. */
function logExport(exp: CbsExport, sourceLabel: string | undefined, log: (line: string) => void): void {
  const s = exportSummary(exp);
  log(`participation-effects — ${sourceLabel ?? 'export'}`);
  log(`  persons ${s.persons}, support trajectories ${s.supportSpells}, employment spells ${s.employmentSpells}`);
  log(`  observation period ${s.observation.start} … ${s.observation.end}`);
  log('');
  log(formatQualityReport(exp.quality));
  log('');
}

/** Durability of placements: tenure shares over time, contract lengths, employer types, support counts and relationship survival. */
function durability(exp: CbsExport, config: AnalysisConfig, log: (line: string) => void) {
  const defaults = durabilityDefaults(exp);
  const d = config.durability ?? {};
  const scheme = d.scheme === undefined ? 'Participatiewet' : d.scheme;
  const bySheme = scheme === null ? {} : { scheme };
  const series = tenureShareSeries(exp, { from: d.from ?? defaults.from, to: d.to ?? defaults.to, ...bySheme });
  const first = series.rows[0];
  const last = series.rows[series.rows.length - 1];
  const at = d.at ?? defaults.at;
  const lengths = contractLengths(exp, { at, ...bySheme });
  const employers = employerTypeShares(exp, { at, ...bySheme });
  const counts = supportCountsOnJanuaryFirst(exp);
  const survival = relationshipSurvival(exp, { group: 'scheme', unit: 'months' });
  log('');
  log(`Employment relationship longer than two years${scheme === null ? '' : ` (${scheme})`}: ${pct(first?.share)} (${first?.month}) → ${pct(last?.share)} (${last?.month})`);
  for (const r of employers.rows) log(`  ${r.date} ${String(r.employer_type).padEnd(14)} ${pct(r.share)}`);
  return { scheme, series, first, last, lengths, employers, counts, survival };
}

/** Write the output-controlled tables, the figures (Vega-Lite and SVG) and the report into the output folder, atomically. */
async function writeJobFiles(
  outDir: string,
  controlled: ReturnType<typeof applyOutputControl>,
  controlledProfile: ReturnType<typeof applyOutputControl>,
  figures: readonly { name: string; spec: TopLevelSpec }[],
  html: string,
  options: JobOptions,
): Promise<string[]> {
  return writeFolderAtomic(
    outDir,
    async (dir) => {
      const written: string[] = [];
      const write = async (name: string, content: string): Promise<void> => {
        await writeFile(join(dir, name), content);
        written.push(name);
      };
      await write('summary.json', `${JSON.stringify({ rows: controlled.rows, output_control: controlled.report }, null, 2)}\n`);
      await write('summary.csv', toControlledCsv(controlled));
      await write('profile.csv', toControlledCsv(controlledProfile));
      await write('output-control.txt', `${formatOutputControlReport(controlled.report)}\n\n${formatOutputControlReport(controlledProfile.report)}\n`);
      for (const f of figures) {
        await write(`${f.name}.vl.json`, `${JSON.stringify(f.spec, null, 2)}\n`);
        await write(`${f.name}.svg`, await renderSvg(f.spec));
      }
      await write('report.html', html);
      return written;
    },
    { overwrite: options.overwrite ?? false, inputs: options.inputs ?? [] },
  );
}

/** Log lines of the comparison with the matched controls: who was matched, the DiD and the pre-trend tests. */
function logComparison(
  match: ReturnType<typeof matchControls>,
  did: ReturnType<typeof diffInDiff>,
  study: ReturnType<typeof eventStudy>,
  truth: SyntheticTruth | undefined,
  log: (line: string) => void,
): void {
  log('');
  const reasons = new Map<string, number>();
  for (const u of match.unmatched) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const unmatched = [...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ');
  log(`Matched control group: ${did.effect.n_persons} persons in the comparison; supported persons not matched: ${match.unmatched.length}${unmatched ? ` (${unmatched})` : ''}`);
  log(`  difference-in-differences ${pct(did.effect.estimate)} [${pct(did.effect.ci_low)}, ${pct(did.effect.ci_high)}]${truth ? `; true effect in the synthetic data ${pct(truth.phases.all.effectOnTreated)}` : ''}`);
  for (const t of study.tests) log(`  ${formatTest(t)}`);
}

/** The job's resolved settings: options checked, the output folder refused early if it would overwrite, titles' names. */
function jobSettings(options: JobOptions) {
  checkOptions('runJob', options, { outDir: true, config: true, lang: true, overwrite: true, inputs: true, log: true, progress: true, sourceLabel: true, truth: true, published: true });
  if (!isPlainObject(options) || typeof options.outDir !== 'string') throw new SpecificationError(`runJob: options.outDir (the output folder) is required, got ${describeValue(options)}`);
  const outDir = resolve(options.outDir);
  // Refuse before computing anything: an existing folder or an input would be overwritten.
  checkTarget('output folder', outDir, { overwrite: options.overwrite ?? false, inputs: options.inputs ?? [] });
  const config = options.config ?? {};
  const lang = options.lang ?? config.lang ?? 'nl';
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  // Titles name who was studied; without a configured name they stay neutral (the library's figure
  // defaults are the audit report's, Amsterdam and "Sociaal Werk").
  const names = {
    population: config.figures?.population ?? (lang === 'nl' ? 'mensen' : 'people'),
    programme: config.figures?.programme ?? (lang === 'nl' ? 'de gemeente' : 'the municipality'),
  };
  return { outDir, config, lang, log, progress, names };
}

/**
 * Run the main job on a loaded export and write its outputs to `options.outDir`.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readCbsExport } from 'participation-effects/node';
 * // A tiny export has too few persons for most numbers: output control withholds them.
 * const exp = await readCbsExport({ persons: 'tests/io/fixtures/persons.csv', support: 'tests/io/fixtures/support.csv', employment: 'tests/io/fixtures/employment.csv' });
 * const out = join(mkdtempSync(join(tmpdir(), 'pe-')), 'report');
 * const { files } = await runJob(exp, { outDir: out, config: { eventStudy: { replications: 99 } } });
 * files.includes('report.html'); // true
 */
export async function runJob(exp: CbsExport, options: JobOptions): Promise<JobResult> {
  checkExport('runJob', exp);
  const { outDir, config, lang, log, progress, names } = jobSettings(options);
  logExport(exp, options.sourceLabel, log);

  progress('participation before and after support');
  const panel = eventPanel(exp, config.panel ?? {});
  const profile = participationProfile(panel);
  const averages = phaseAverages(panel);
  const avg = (q: string) => averages.rows.find((r) => r.group === 'supported' && r.quantity === q);
  log('Participation of the supported group (person-clustered CR1 95 % intervals):');
  for (const q of ['before', 'after', 'change']) {
    const r = avg(q);
    if (r) log(`  ${q.padEnd(7)} ${pct(r.estimate)}  [${pct(r.ci_low)}, ${pct(r.ci_high)}]  persons ${r.n_persons}, person-months ${r.n_person_months}`);
  }
  const { participation: _participation, ...windows } = config.panel ?? {};
  const outcomeRows = outcomeSummaryRows(exp, windows, log);
  progress('matching the control group');
  const match = matchControls(exp, config.matching ?? {});
  const matchedPanel = eventPanel(exp, { ...(config.panel ?? {}), anchors: match.anchors });
  const did = diffInDiff(matchedPanel);
  progress('event study with bootstrap band');
  const study = eventStudy(matchedPanel, { bootstrap: { replications: config.eventStudy?.replications ?? 999, seed: config.eventStudy?.seed ?? 1 } });
  const controlProfile = participationProfile(matchedPanel);
  logComparison(match, did, study, options.truth, log);

  progress('durability of placements');
  const { scheme, series, first, last, lengths, employers, counts, survival } = durability(exp, config, log);

  // Output control: every table that leaves the job is checked.
  const published = (value: number): number | null => (options.published ? value : null);
  const summary: SummaryRow[] = [
    ...(['before', 'after', 'change'] as const).flatMap((q) => {
      const r = avg(q);
      return r ? [{ quantity: `participation ${q === 'change' ? 'change after − before' : `${q} support`}`, group: 'supported', estimate: r.estimate, ci_low: r.ci_low, ci_high: r.ci_high, level: r.level, method: r.method, n_persons: r.n_persons, published: published(q === 'before' ? 0.3 : q === 'after' ? 0.47 : 0.17) }] : [];
    }),
    ...outcomeRows,
    { quantity: 'difference-in-differences (treated × after)', group: 'supported vs matched controls', estimate: did.effect.estimate, ci_low: did.effect.ci_low, ci_high: did.effect.ci_high, level: did.effect.level, method: did.effect.method, n_persons: did.effect.n_persons, published: null },
    ...[first, last].flatMap((r) => (r ? [{ quantity: `relationship > 2 years on ${r.date}`, group: scheme ?? 'all', estimate: r.share, ci_low: r.ci_low, ci_high: r.ci_high, level: r.level, method: r.method, n_persons: r.n_persons, published: published(r === first ? 0.27 : 0.52) }] : [])),
  ];
  const rules = config.outputControl ?? {};
  const controlled = applyOutputControl(summary, rules);
  const controlledProfile = applyOutputControl(profile.rows, rules);

  // Figures: from output-controlled rows where a figure shows estimates.
  const nl = lang === 'nl';
  const shownProfile = (controlledProfile.rows as unknown as typeof profile.rows).filter((r) => r.group === 'supported');
  const controlRows = controlProfile.rows.filter((r) => r.group === 'control');
  const figures: { name: string; heading: string; spec: TopLevelSpec }[] = [
    { name: 'figure-2-1', heading: nl ? 'Figuur 2.1 — arbeidsparticipatie voor en na ondersteuning' : 'Figure 2.1 — participation before and after support', spec: figure21Spec(shownProfile, { phaseAverages: averages.rows, control: controlRows, lang, population: names.population }) },
    { name: 'figure-1-1', heading: nl ? 'Figuur 1.1 — mensen in sociaal werk op 1 januari' : 'Figure 1.1 — people in social work on 1 January', spec: figure11Spec(counts.rows, { lang }) },
    ...(config.figures?.target !== undefined ? [{ name: `target-${config.figures.target.targetYear ?? 2026}`, heading: nl ? 'Groeidoel Participatiewet' : 'Participatiewet growth target', spec: targetTrajectorySpec(counts.rows, { ...config.figures.target, lang }) }] : []),
    { name: 'event-study', heading: nl ? 'Effect per maand (event study) met uniforme band' : 'Effect by month (event study) with uniform band', spec: eventStudySpec(study, { lang }) },
    { name: 'contract-length', heading: nl ? 'Duur van het dienstverband' : 'Length of the employment relationship', spec: contractLengthSpec(lengths.rows, { series: series.rows, lang, population: names.population, programme: names.programme }) },
    { name: 'survival', heading: nl ? 'Overleving van dienstverbanden (Kaplan–Meier)' : 'Survival of employment relationships (Kaplan–Meier)', spec: survivalSpec(survival.fit, { unit: 'months', lang }) },
  ];
  const sections: ReportSection[] = [
    { heading: nl ? 'Kerncijfers' : 'Headline numbers', table: controlled.rows as unknown as object[] },
    ...figures.map((f) => ({ heading: f.heading, spec: f.spec })),
    { heading: nl ? 'Balans na matching' : 'Balance after matching', table: match.balance as unknown as object[] },
    { heading: nl ? `Werkgevertype${scheme === null ? '' : ` (${scheme})`}` : `Employer type${scheme === null ? '' : ` (${scheme})`}`, table: employers.rows as unknown as object[] },
    { heading: nl ? 'Outputcontrole' : 'Output control', text: formatOutputControlReport(controlled.report) },
  ];
  const title = config.figures?.title ?? (nl ? 'Werken met een arbeidsbeperking — effecten van ondersteuning' : 'Working with a work disability — effects of support');

  progress('writing figures and tables');
  const html = buildReportHtml({ title, sections, quality: exp.quality, lang });
  const files = await writeJobFiles(outDir, controlled, controlledProfile, figures, html, options);
  log('');
  log(`Wrote ${files.length} files to ${outDir}: ${files.join(', ')}`);
  return { outDir, files, summary: controlled.rows as unknown as SummaryRow[] };
}

