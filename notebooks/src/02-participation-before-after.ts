// %% [markdown]
// # 2. Labour participation before and after support
//
// The report's headline: participation averaged **30 %** over the years before support and **47 %**
// over the years after it ended (+17 percentage points), with support itself coinciding with a job
// (almost 100 %). This notebook computes those numbers, with 95 % confidence intervals, from the
// export, and draws figure 2.1.
//
// Definitions (docs/methods/README.md in the repository):
//
// - **Participation in month m**: at least one job spell overlapping the month (`any-day`, the
//   default; alternatives `reference-day` — employed on the last day — or `{ minDays: N }`).
// - **Anchors**: the start month S and end month E of each person's first support trajectory.
//   Event time k counts months: phase `before` is k = −48 … −1 relative to S, phase `after` is
//   k = 1 … 48 relative to E, phase `during` runs from S to E.
// - **Observation window**: a person contributes at event time k only if that calendar month lies
//   inside the observation period. Unobserved months are *missing*, never zero; a trajectory that is
//   still running has no `after` phase.

// %%
import * as pe from 'participation-effects/node';
import * as aq from 'arquero';
import { showChart, showTable, pct } from './show.ts';

const exp = await pe.readEmbeddedExport();
const panel = pe.eventPanel(exp, { before: 48, after: 48, during: true, participation: 'any-day' });
console.log(`${panel.persons.length} supported persons, ${panel.length} observed person-months`);

// %% [markdown]
// ## 1. The event-time panel
//
// `eventPanel` returns one row per observed person-month, as typed arrays (person, phase, event time,
// outcome). As an arquero table it is easy to look at; here, how many persons are observed in each
// phase — fewer after than before, because recent trajectories have not ended yet or ended too
// recently to observe 48 months after.

// %%
const panelTable = pe.panelToTable(panel);
await showTable(panelTable.slice(0, 5));
await showTable(
  panelTable
    .groupby('phase')
    .rollup({ persons: (d) => aq.op.distinct(d.id), person_months: () => aq.op.count(), participation: (d) => aq.op.mean(d.outcome) })
    .orderby(aq.desc('persons')),
);

// %% [markdown]
// ## 2. Participation at each event time, with 95 % intervals
//
// At each event time k: persons observed, persons participating, the rate, and a 95 % Wilson score
// interval (Clopper–Pearson and Wald are options: `participationProfile(panel, { interval })`).

// %%
const profile = pe.participationProfile(panel);
await showTable(profile.toTable().select('phase', 'event_time', 'n', 'count', 'rate', 'ci_low', 'ci_high', 'method').filter((d) => (d.phase !== 'during' || d.event_time <= 12) && (d.event_time % 12 === 0 || aq.op.abs(d.event_time) === 1)), 30);

// %% [markdown]
// ## 3. Phase averages and the change
//
// The report's "30 %" and "47 %" are **phase averages**: the pooled mean over all person-months in
// the phase window. Months of the same person are correlated, so the standard error is clustered by
// person (CR1: the same numbers as R `sandwich::vcovCL(type = "HC1")` on an intercept-only `lm`, or
// Stata `vce(cluster id)`). The **change** is the coefficient of `after` in `y ~ after` on the
// stacked before and after person-months, clustered by person.

// %%
const averages = pe.phaseAverages(panel);
console.log(averages.summary());
await showTable(averages.toTable());

// %%
const row = (q: string) => averages.rows.find((r) => r.group === 'supported' && r.quantity === q)!;
const [before, after, change, during] = ['before', 'after', 'change', 'during'].map(row);
console.log(`before support: ${pct(before.estimate)} (95 % CI ${pct(before.ci_low)} – ${pct(before.ci_high)})`);
console.log(`during support: ${pct(during.estimate)}`);
console.log(`after support:  ${pct(after.estimate)} (95 % CI ${pct(after.ci_low)} – ${pct(after.ci_high)})`);
console.log(`change:         ${((change.estimate ?? NaN) * 100).toFixed(1)} percentage points (95 % CI ${((change.ci_low ?? NaN) * 100).toFixed(1)} – ${((change.ci_high ?? NaN) * 100).toFixed(1)})`);

// %% [markdown]
// Two robustness checks a reader will ask for: **only persons observed in both phases** (so the
// change is not driven by who happens to be observed), and a **person-level cluster bootstrap**
// instead of the analytic interval.

// %%
const paired = pe.phaseAverages(panel, { paired: true });
const boot = pe.phaseAverages(panel, { bootstrap: { replications: 199, seed: 1 } });
await showTable([
  ...paired.rows.map((r) => ({ variant: 'paired', ...r })),
  ...boot.rows.map((r) => ({ variant: 'bootstrap', ...r })),
].map(({ variant, quantity, estimate, ci_low, ci_high, n_persons, method }) => ({ variant, quantity, estimate, ci_low, ci_high, n_persons, method })));

// %% [markdown]
// ## 4. Figure 2.1
//
// Participation by month before the start and after the end of support, with 95 % intervals, and the
// phase averages as dashed lines. (The `during` phase is left out of the figure, as in the report:
// support coincides with a job.)

// %%
const beforeAfter = profile.rows.filter((r) => r.phase !== 'during');
const averagesBeforeAfter = averages.rows.filter((r) => r.quantity === 'before' || r.quantity === 'after');
await showChart(pe.figure21Spec({ rows: beforeAfter }, { phaseAverages: averagesBeforeAfter }), 'figure 2.1');

// %% [markdown]
// The same figure with English labels: `figure21Spec(profile, { lang: 'en', phaseAverages })`.
// Before comparing with 47 %: part of the rise after support might have happened anyway.
// `03-control-group.ipynb` compares against a matched control group.
