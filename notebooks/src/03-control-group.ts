// %% [markdown]
// # 3. Against a matched control group
//
// Participation rose from about 30 % before support to about 47 % after it. How much of that rise is
// due to support? People might have found work anyway: the economy changed over these years, and
// people often seek support at a low point. The report therefore compared with a **comparable control
// group** of Amsterdammers without a work disability. This notebook builds one by matching, checks
// the balance, and estimates the difference in the change (difference-in-differences, DiD) and its
// path over time (event study), with a test of the assumption behind it.
//
// Definitions (docs/methods/README.md in the repository):
//
// - **Controls** are never-supported persons, matched to a supported person within exact strata
//   (sex, 5-year birth cohort, calendar year of support start) by nearest neighbour on a propensity
//   score. Each control gets **pseudo anchors**: the support start and end dates of the person it is
//   matched to, so its "before" and "after" months are the same calendar months.
// - **DiD**: the coefficient of `treated:after` in `y ~ treated * after` on the stacked person-months,
//   with matching weights, standard errors clustered by person (CR1).
// - **Event study**: ATT(k) = [ȳ_T(k) − ȳ_T(ref)] − [ȳ_C(k) − ȳ_C(ref)], with ref the 12 months before
//   support; pointwise 95 % intervals, a **uniform** 95 % band (sup-t, multiplier bootstrap: it covers
//   the whole path at once) and a joint **pre-trend test** that all before-support ATT(k) are zero.

// %%
import * as pe from 'participation-effects/node';
import { showChart, showTable, pct } from './show.ts';

const exp = await pe.readEmbeddedExport();
const pp = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}`);

// %% [markdown]
// ## 1. Matching on birth year and pre-support participation (the defaults)
//
// The default distance covariates are birth year and `preParticipation`, the share of the 24 months
// before support start spent in work. `summary()` reports who could not be matched and why (e.g. a missing
// covariate: pre-support participation needs the 24 months before the start to be observed), and the
// standardised mean differences before and after matching.

// %%
const matchA = pe.matchControls(exp);
console.log(matchA.summary());
await showTable(matchA.balanceTable());

// %%
const panelA = pe.eventPanel(exp, { anchors: matchA.anchors, before: 48, after: 48 });
const didA = pe.diffInDiff(panelA);
console.log(didA.summary());
const esA = pe.eventStudy(panelA, { bootstrap: { replications: 999, seed: 1 } });
for (const t of esA.tests) console.log(pe.formatTest(t)); // joint F test, then the 1-df linear pre-trend test

// %% [markdown]
// **Check the pre-trends before believing a DiD.** The DiD is only the effect of support if, without
// support, both groups would have moved in parallel. Before support we can look: the event-study
// ATT(k) for k < 0 should be flat around zero. Matching on *past outcomes* is a known trap when the
// two populations differ in their usual level of participation: controls picked because their recent
// participation was unusually low drift back towards their own (higher) usual level — regression to
// the mean — and that drift is then subtracted from the supported group's change.

// %%
await showChart(pe.eventStudySpec(esA, { lang: 'en' }), 'event study, matched on pre-support participation');
const pValue = (p: number | null) => (p === null ? 'n/a' : p < 0.001 ? '< 0.001' : p.toFixed(3));
/** The largest before-support |ATT(k)|, in percentage points: how far from parallel the pre-trends are. */
function largestPreTrend(es: pe.EventStudyResult): { k: number; points: number } {
  let k = 0;
  let points = 0;
  for (const e of es.rows) {
    if (e.phase === 'before' && e.estimate !== null && Math.abs(e.estimate) * 100 > Math.abs(points)) {
      k = e.event_time;
      points = e.estimate * 100;
    }
  }
  return { k, points };
}
const preA = largestPreTrend(esA);
console.log(`pre-trend test p ${pValue(esA.tests[0]!.p_value)}; largest before-support deviation ATT(${preA.k}) = ${preA.points.toFixed(1)} points; DiD ${pp(didA.effect.estimate)} points`);

// %% [markdown]
// ## 2. Matching on characteristics only
//
// A second design, as a robustness check: match only on what support cannot have changed and what
// does not mean-revert: sex, birth cohort and
// start year (exact), and birth year, education level (`OPLNIVEAU`) and origin (`HERKOMST`) in the
// propensity score. Categorical covariates enter as indicators.

// %%
const matchB = pe.matchControls(exp, { covariates: ['birthYear', 'OPLNIVEAU', 'HERKOMST'] });
console.log(matchB.summary());
await showTable(matchB.balanceTable());

// %%
const panelB = pe.eventPanel(exp, { anchors: matchB.anchors, before: 48, after: 48 });
const didB = pe.diffInDiff(panelB);
console.log(didB.summary());
await showTable(didB.toTable());

// %% [markdown]
// The four cell means: the supported group's change (after − before) minus the control group's change
// over the same calendar months. Standard errors are clustered by matched set when no control serves in more than one set, and by
// person otherwise (`did.cluster_reason` says which and why); `cluster: 'person' | 'set'` chooses.

// %%
const esB = pe.eventStudy(panelB, { bootstrap: { replications: 999, seed: 1 } });
console.log(esB.summary().split('\n').slice(0, 3).join('\n'));
const preB = largestPreTrend(esB);
console.log(`largest before-support deviation ATT(${preB.k}) = ${preB.points.toFixed(1)} points`);
await showChart(pe.eventStudySpec(esB, { lang: 'en' }), 'event study, matched on characteristics');
const afterB = esB.rows.filter((e) => e.phase === 'after');
const allAboveZero = afterB.every((e) => e.band_low !== null && e.band_low > 0);
console.log(`uniform band excludes zero at every month after support: ${allAboveZero}`);
console.log(`ATT 48 months after support: ${pp(afterB.at(-1)?.estimate)} points (95 % CI ${pp(afterB.at(-1)?.ci_low)} – ${pp(afterB.at(-1)?.ci_high)})`);

// %% [markdown]
// Compare the two designs' pre-trends: the before-support ATT(k) should stay within a few points of
// zero. With thousands of persons per month the joint test detects deviations of a point or two, so
// judge the size of the deviations (printed above) against the effect, not only the p-value. When
// both designs pass, similar DiDs are reassuring; when they differ, trust the one with flat pre-trends.
//
// ## 3. Participation of both groups (figure 2.1 with the control group)
//
// The profile of the matched controls (weighted by the matching weights) next to the supported group.

// %%
const profileB = pe.participationProfile(panelB);
const supportedRows = profileB.rows.filter((r) => r.group === 'supported');
const controlRows = profileB.rows.filter((r) => r.group === 'control');
await showChart(
  pe.figure21Spec({ rows: supportedRows }, { control: { rows: controlRows }, phaseAverages: pe.phaseAverages(panelB).rows.filter((r) => r.group === 'supported' && r.quantity !== 'change'), lang: 'en' }),
  'figure 2.1 with control group',
);

// %% [markdown]
// ## 4. Summary
//
// Both designs side by side (DiD as a share: 0.15 = 15 percentage points). Report the design whose pre-trends are flat, and say how the control group was built.

// %%
await showTable([
  { design: 'matched on birth year + pre-support participation', did: didA.effect.estimate, ci_low: didA.effect.ci_low, ci_high: didA.effect.ci_high, pre_trend_p: pValue(esA.tests[0]!.p_value), largest_pre_deviation_points: preA.points, n_persons: didA.effect.n_persons },
  { design: 'matched on birth year, education, origin', did: didB.effect.estimate, ci_low: didB.effect.ci_low, ci_high: didB.effect.ci_high, pre_trend_p: pValue(esB.tests[0]!.p_value), largest_pre_deviation_points: preB.points, n_persons: didB.effect.n_persons },
]);
