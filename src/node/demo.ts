/**
 * The main job (`npm run demo`): on the embedded default export, compute every number of the
 * report and write the figures, the tables behind them and a self-contained HTML report to `out/`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { exportSummary, formatQualityReport } from '../io/index.js';
import type { CbsExport } from '../io/types.js';
import { eventPanel } from '../panel/index.js';
import { participationProfile, phaseAverages } from '../estimate/index.js';
import { diffInDiff, eventStudy, matchControls } from '../compare/index.js';
import { employerTypeShares, relationshipSurvival, supportCountsOnJanuaryFirst, tenureShareSeries, contractLengths } from '../contracts/index.js';
import { applyOutputControl, formatOutputControlReport, toControlledCsv, type ControlledTable } from '../disclose/index.js';
import { contractLengthSpec, eventStudySpec, figure11Spec, figure21Spec, survivalSpec, targetTrajectorySpec } from '../figures/index.js';
import { readEmbeddedExport, readEmbeddedTruth } from './embedded.js';
import { renderSvg } from './render.js';
import { buildReportHtml, type ReportSection } from './report.js';
import { formatTest } from '../core/result.js';

/** What the demo computed and wrote. */
export interface DemoResult {
  readonly outDir: string;
  readonly files: readonly string[];
  /** The headline numbers, one row per estimate (the content of summary.json). */
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

function parseArgs(args: readonly string[]): { outDir: string; lang: 'nl' | 'en' } {
  let outDir = 'out';
  let lang: 'nl' | 'en' = 'nl';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1]) outDir = args[++i]!;
    else if (args[i] === '--lang' && (args[i + 1] === 'en' || args[i + 1] === 'nl')) lang = args[++i] as 'nl' | 'en';
  }
  return { outDir: resolve(outDir), lang };
}

/**
 * Run the main job on an export (default: the embedded one) and write everything to `outDir`.
 *
 * @example
 * // npm run demo            (Dutch labels, writes ./out)
 * // npm run demo -- --lang en --out results
 * const { summary } = await runDemo(['--out', 'out/demo']);
 * summary.find((r) => r.quantity === 'participation before support')?.estimate; // ≈ 0.30
 */
export async function runDemo(args: readonly string[] = [], source?: CbsExport): Promise<DemoResult> {
  const { outDir, lang } = parseArgs(args);
  const log = (line: string): void => console.log(line);
  const t0 = performance.now();
  const exp = source ?? (await readEmbeddedExport());
  // The embedded data is synthetic: its generator's truth lets the demo show what the estimates should find.
  const truth = source ? undefined : await readEmbeddedTruth();
  const s = exportSummary(exp);
  log(`participation-effects demo — ${source ? 'given export' : 'embedded synthetic CBS-style export'}`);
  log(`  persons ${s.persons}, support trajectories ${s.supportSpells}, employment spells ${s.employmentSpells}`);
  log(`  observation period ${s.observation.start} … ${s.observation.end}`);
  log('');
  log(formatQualityReport(exp.quality));
  log('');

  // Figure 2.1: participation before and after support.
  const panel = eventPanel(exp);
  const profile = participationProfile(panel);
  const averages = phaseAverages(panel);
  const avg = (q: string) => averages.rows.find((r) => r.group === 'supported' && r.quantity === q);
  log('Participation of the supported group (person-clustered CR1 95 % intervals):');
  for (const q of ['before', 'after', 'change']) {
    const r = avg(q);
    if (r) log(`  ${q.padEnd(7)} ${pct(r.estimate)}  [${pct(r.ci_low)}, ${pct(r.ci_high)}]  persons ${r.n_persons}, person-months ${r.n_person_months}`);
  }

  // Matched control group: DiD and event study.
  const match = matchControls(exp);
  const matchedPanel = eventPanel(exp, { anchors: match.anchors });
  const did = diffInDiff(matchedPanel);
  const study = eventStudy(matchedPanel, { bootstrap: { replications: 999, seed: 1 } });
  const controlProfile = participationProfile(matchedPanel);
  log('');
  const reasons = new Map<string, number>();
  for (const u of match.unmatched) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const unmatched = [...reasons].map(([reason, n]) => `${reason} ${n}`).join(', ');
  log(`Matched control group: ${did.effect.n_persons} persons in the comparison; supported persons not matched: ${match.unmatched.length}${unmatched ? ` (${unmatched})` : ''}`);
  log(`  difference-in-differences ${pct(did.effect.estimate)} [${pct(did.effect.ci_low)}, ${pct(did.effect.ci_high)}] (clustered by ${did.spec.cluster})${truth ? `; true effect in the synthetic data ${pct(truth.phases.all.effectOnTreated)}` : ''}`);
  for (const t of study.tests) log(`  ${formatTest(t)}`);

  // Durability: tenure of the current employment relationship (Participatiewet, as in the report).
  const series = tenureShareSeries(exp, { from: '2019-01', to: '2023-12', scheme: 'Participatiewet' });
  const first = series.rows[0];
  const last = series.rows[series.rows.length - 1];
  const lengths = contractLengths(exp, { at: ['2019-01-31', '2021-12-31', '2023-12-31'], scheme: 'Participatiewet' });
  const employers = employerTypeShares(exp, { at: ['2021-12-31', '2024-12-31'], scheme: 'Participatiewet' });
  const counts = supportCountsOnJanuaryFirst(exp);
  const survival = relationshipSurvival(exp, { group: 'scheme', unit: 'months' });
  log('');
  log(`Employment relationship longer than two years (Participatiewet): ${pct(first?.share)} (${first?.month}) → ${pct(last?.share)} (${last?.month})`);
  for (const r of employers.rows) log(`  ${r.date} ${String(r.employer_type).padEnd(14)} ${pct(r.share)}`);

  // Output control: every table that leaves the job is checked.
  const summary: SummaryRow[] = [
    ...(['before', 'after', 'change'] as const).flatMap((q) => {
      const r = avg(q);
      return r ? [{ quantity: `participation ${q === 'change' ? 'change after − before' : `${q} support`}`, group: 'supported', estimate: r.estimate, ci_low: r.ci_low, ci_high: r.ci_high, level: r.level, method: r.method, n_persons: r.n_persons, published: q === 'before' ? 0.3 : q === 'after' ? 0.47 : 0.17 }] : [];
    }),
    { quantity: 'difference-in-differences (treated × after)', group: 'supported vs matched controls', estimate: did.effect.estimate, ci_low: did.effect.ci_low, ci_high: did.effect.ci_high, level: did.effect.level, method: did.effect.method, n_persons: did.effect.n_persons, published: null },
    ...[first, last].flatMap((r) => (r ? [{ quantity: `relationship > 2 years on ${r.date}`, group: 'Participatiewet', estimate: r.share, ci_low: r.ci_low, ci_high: r.ci_high, level: r.level, method: r.method, n_persons: r.n_persons, published: r === first ? 0.27 : 0.52 }] : [])),
  ];
  const controlled = applyOutputControl(summary);
  const controlledProfile = applyOutputControl(profile.rows);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const write = async (name: string, content: string): Promise<void> => {
    await writeFile(resolve(outDir, name), content);
    files.push(name);
  };
  await write('summary.json', `${JSON.stringify({ rows: controlled.rows, output_control: controlled.report }, null, 2)}\n`);
  await write('summary.csv', toControlledCsv(controlled));
  await write('profile.csv', toControlledCsv(controlledProfile));
  await write('output-control.txt', `${formatOutputControlReport(controlled.report)}\n\n${formatOutputControlReport(controlledProfile.report)}\n`);

  // Figures: spec + SVG each, then one self-contained page.
  const shownProfile = (controlledProfile.rows as unknown as typeof profile.rows).filter((r) => r.group === 'supported');
  const controlRows = controlProfile.rows.filter((r) => r.group === 'control');
  const figures: { name: string; heading: string; spec: TopLevelSpec }[] = [
    { name: 'figure-2-1', heading: lang === 'nl' ? 'Figuur 2.1 — arbeidsparticipatie voor en na ondersteuning' : 'Figure 2.1 — participation before and after support', spec: figure21Spec(shownProfile, { phaseAverages: averages.rows, control: controlRows, lang }) },
    { name: 'figure-1-1', heading: lang === 'nl' ? 'Figuur 1.1 — mensen in sociaal werk op 1 januari' : 'Figure 1.1 — people in social work on 1 January', spec: figure11Spec(counts.rows, { lang }) },
    { name: 'target-2026', heading: lang === 'nl' ? 'Groeidoel 2026 Participatiewet' : 'Participatiewet growth target 2026', spec: targetTrajectorySpec(counts.rows, { lang }) },
    { name: 'event-study', heading: lang === 'nl' ? 'Effect per maand (event study) met uniforme band' : 'Effect by month (event study) with uniform band', spec: eventStudySpec(study, { lang }) },
    { name: 'contract-length', heading: lang === 'nl' ? 'Duur van het dienstverband' : 'Length of the employment relationship', spec: contractLengthSpec(lengths.rows, { series: series.rows, lang }) },
    { name: 'survival', heading: lang === 'nl' ? 'Overleving van dienstverbanden (Kaplan–Meier)' : 'Survival of employment relationships (Kaplan–Meier)', spec: survivalSpec(survival.fit, { unit: 'months', lang }) },
  ];
  for (const f of figures) {
    await write(`${f.name}.vl.json`, `${JSON.stringify(f.spec, null, 2)}\n`);
    await write(`${f.name}.svg`, await renderSvg(f.spec));
  }
  const sections: ReportSection[] = [
    { heading: lang === 'nl' ? 'Kerncijfers' : 'Headline numbers', table: controlled.rows as unknown as object[] },
    ...figures.map((f) => ({ heading: f.heading, spec: f.spec })),
    { heading: lang === 'nl' ? 'Balans na matching' : 'Balance after matching', table: match.balance as unknown as object[] },
    { heading: lang === 'nl' ? 'Werkgevertype (Participatiewet)' : 'Employer type (Participatiewet)', table: employers.rows as unknown as object[] },
    { heading: lang === 'nl' ? 'Outputcontrole' : 'Output control', text: formatOutputControlReport(controlled.report) },
  ];
  await write('report.html', buildReportHtml({ title: lang === 'nl' ? 'Werken met een arbeidsbeperking — effecten van Sociaal Werk' : 'Working with a work disability — effects of Sociaal Werk', sections, quality: exp.quality, lang }));
  log('');
  log(`Wrote ${files.length} files to ${outDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${files.join(', ')}`);
  return { outDir, files, summary: controlled.rows as unknown as SummaryRow[] };
}

/** Narrow helper so callers can tell a controlled table apart in tests. */
export type DemoControlled = ControlledTable;
