// %% [markdown]
// # 7. Beyond participation: earnings and benefits
//
// Having a job is one outcome; what it pays, and whether people leave social assistance
// (bijstand), are others. When the export's job spells carry a wage (SPOLIS `SBASISLOON`) and hours
// (`SBASISUREN`), and a file of benefit spells is given, the same event panel measures:
//
// - **earnings**: euros earned in the month, summed over concurrent jobs (a spell's monthly wage
//   pro-rated to the days it covers in the month);
// - **earnings above the minimum wage**: 1 when that month's earnings reach the gross statutory
//   minimum wage of that month (`DUTCH_MINIMUM_WAGE`), else 0;
// - **benefit receipt**: 1 when a benefit spell of the given type covers the month.
//
// Definitions, the minimum-wage table and the generator's truth: docs/methods/outcomes.md in the
// repository. The embedded synthetic export carries wages, hours and bijstand spells with a known
// effect of support: € 150 a month more in jobs started after support, and 10 points less bijstand.

// %%
import * as pe from 'participation-effects/node';
import { showChart, showTable, pct } from './show.ts';

const exp = await pe.readEmbeddedExport();
const truth = await pe.readEmbeddedTruth();
console.log(`job spells ${exp.employment.length} (with wage: ${exp.employment.wage !== undefined}), bijstand spells ${exp.benefits?.length ?? 0}`);

// %% [markdown]
// ## 1. Before and after support
//
// `eventPanel(exp, { outcome })` builds the person-month panel of any outcome; `phaseAverages` gives
// the before, after and change averages with person-clustered 95 % intervals, as for participation.
// Earnings average over all months, including months without a job (earnings 0).

// %%
const outcomes: { label: string; outcome: pe.PanelOutcome }[] = [
  { label: 'participation', outcome: 'participation' },
  { label: 'earnings (€ a month)', outcome: { earnings: {} } },
  { label: 'earnings above minimum wage', outcome: { earningsAbove: 'minimum-wage' } },
  { label: 'on bijstand', outcome: { benefit: 'bijstand' } },
];
const phaseRows: Record<string, string | number>[] = [];
const fmt = (label: string, x: number | null) => (x === null ? 'n/a' : label.startsWith('earnings (') ? x.toFixed(0) : pct(x));
for (const { label, outcome } of outcomes) {
  const avg = pe.phaseAverages(pe.eventPanel(exp, { outcome, before: 48, after: 48 }));
  const get = (q: string) => avg.rows.find((r) => r.group === 'supported' && r.quantity === q)!;
  phaseRows.push({ outcome: label, before: fmt(label, get('before').estimate), after: fmt(label, get('after').estimate), change: fmt(label, get('change').estimate), 'change 95 % CI': `${fmt(label, get('change').ci_low)} … ${fmt(label, get('change').ci_high)}` });
}
await showTable(phaseRows);

// %% [markdown]
// ## 2. Against the matched control group
//
// As for participation (notebook 3), the before/after change mixes the effect of support with what
// would have happened anyway. The matched difference-in-differences subtracts the control group's
// change over the same calendar months. One matching serves every outcome: the controls' pseudo
// anchors go into each outcome's panel.

// %%
const match = pe.matchControls(exp);
const didRows: Record<string, string | number>[] = [];
const dids: Record<string, pe.DiffInDiffResult> = {};
for (const { label, outcome } of outcomes) {
  const did = pe.diffInDiff(pe.eventPanel(exp, { outcome, anchors: match.anchors, before: 48, after: 48 }));
  dids[label] = did;
  const e = did.effect;
  didRows.push({ outcome: label, DiD: fmt(label, e.estimate), '95 % CI': `${fmt(label, e.ci_low)} … ${fmt(label, e.ci_high)}`, persons: e.n_persons });
}
await showTable(didRows);
const o = truth.outcomes!;
console.log(`truth: earnings effect on the treated € ${o.earningsEffectOnTreated.all.toFixed(1)} a month; bijstand effect on the treated ${pct(o.benefit.all.effectOnTreated)} (change ${pct(o.benefit.all.change)})`);
console.log(`DiD earnings € ${dids['earnings (€ a month)']!.effect.estimate!.toFixed(1)}; DiD bijstand ${pct(dids['on bijstand']!.effect.estimate)}`);

// %% [markdown]
// The earnings DiD is much larger than the generator's earnings figure, and should be: that truth
// counts only the wage premium of jobs begun after support, while support also raises participation
// (about 15 points), and each extra month in work adds a whole month's wage (about € 1,000–1,300
// here). The DiD measures the total effect on earnings.
//
// The bijstand DiD estimates the effect on the treated directly. On this one draw its interval
// misses the truth (printed above) by about two standard errors; over 200 seeded exports the same
// design was unbiased for bijstand with 189 / 200 intervals covering the truth (docs/methods/outcomes.md),
// so read this as one of the misses a 95 % interval is allowed, not as a bias. Participation and
// bijstand are drawn independently here: the generator does not make people leave bijstand when
// they find work, as real data would.
//
// ## 3. Which placements last: Cox regression
//
// `relationshipCox` models how long employment relationships last, by scheme, employer type, first
// contract type, age and sex (hazard ratio < 1: the relationship lasts longer). `coxForestSpec` draws the
// hazard ratios with their intervals on a log scale, reference levels at 1.

// %%
const cox = pe.relationshipCox(exp, { covariates: ['scheme', 'employer-type', 'first-contract', 'age', 'sex'], reference: { employerType: 'regulier' } });
console.log(cox.summary());
await showChart(pe.coxForestSpec(cox, { lang: 'en' }), 'Cox hazard ratios of employment relationships');

// %% [markdown]
// Adjusted survival curves (R `survfit(coxph, newdata)`): for one profile — a regular employer, a
// first contract of type B, age 35 — the share of relationships still running after 1, 2, 3 and 5
// years, per scheme (a model stratified by scheme, so each scheme keeps its own baseline hazard).

// %%
const byScheme = pe.relationshipCox(exp, { covariates: ['employer-type', 'first-contract', 'age'], strata: 'scheme' });
const adjusted = pe.coxSurvival(byScheme, [{ employerType: 'regulier', firstContract: 'B', age: 35 }]).at([12, 24, 36, 60]);
await showTable(adjusted.map((r) => ({ scheme: r.stratum, months: r.time, still_running: pct(r.surv) })));
