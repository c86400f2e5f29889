// %% [markdown]
// # 4. How long do the jobs last?
//
// The report could not say whether placements are **durable** ("duurzaam"), because nobody defined
// it. Two ways to make durability measurable from the job spells:
//
// 1. **Tenure distributions**: on a reference date, how long has each supported person's employment
//    relationship been running? The report: the share with a relationship of **more than two years**
//    rose from **27 %** (January 2019) to **52 %** (December 2023), for the Participatiewet group.
// 2. **Survival of relationships**: of the relationships that start, how many are still running after
//    1, 2, 5 years? Kaplan–Meier, because many relationships are still running when the data end.
//
// Definitions:
//
// - An **employment relationship** (dienstverband) is a person's consecutive job spells at the same
//   employer, merged across gaps up to a tolerance (`gapDays`, default 0: overlapping and back-to-back
//   spells merge).
// - **Tenure at date d** = d − start of the relationship in force at d (the longest, when several).
// - A relationship already running when the data begin keeps the start the source reports, when the
//   source reports one before the data begin (its tenure is then exact). Without one its start is
//   **left-censored**: its tenure is only a lower bound. It counts as "> 2 years" once that lower
//   bound passes two years; before that its bin is unknown and it is reported, never guessed.

// %%
import * as pe from 'participation-effects/node';
import * as aq from 'arquero';
import { showChart, showTable, pct } from './show.ts';

const exp = await pe.readEmbeddedExport();
const relationships = pe.employmentRelationships(exp, { gapDays: 0 });
console.log(`${exp.employment.length} job spells → ${relationships.length} employment relationships`);

// %% [markdown]
// ## 1. Tenure distribution on two reference dates
//
// Persons in a Participatiewet support trajectory on 1 January 2019 and on 31 December 2023, by the
// tenure of their relationship, with 95 % Wilson intervals. Row `unknown` holds left-censored
// tenures that cannot be binned yet; `no relationship` the persons without a job that day.

// %%
const dates = ['2019-01-01', '2023-12-31'];
const lengths = pe.contractLengths(exp, { at: dates, scheme: 'Participatiewet', relationships });
await showTable(lengths.toTable().select('date', 'bin', 'n', 'count', 'n_left_censored', 'share', 'ci_low', 'ci_high'), 20);
for (const note of lengths.notes) console.log(`- ${note}`);

// %%
const overTwo = lengths.rows.filter((r) => r.bin === '> 2 years');
for (const r of overTwo) console.log(`${r.date}: ${pct(r.share)} of ${r.n} persons with a relationship of more than two years (95 % CI ${pct(r.ci_low)} – ${pct(r.ci_high)}; ${r.n_left_censored} with a left-censored start)`);
console.log('report: 27 % (January 2019) and 52 % (December 2023)');

// %% [markdown]
// ## 2. The > 2 years share month by month
//
// `tenureShareSeries` measures the same share on the last day of every month, so the trend is visible
// and the two published figures are two points on it.

// %%
const series = pe.tenureShareSeries(exp, { from: '2019-01', to: '2023-12', scheme: 'Participatiewet', relationships });
await showTable(series.toTable().filter((d) => aq.op.substring(d.month, 5, 7) === '12' || d.month === '2019-01').select('month', 'n', 'count', 'share', 'ci_low', 'ci_high', 'n_left_censored', 'n_unknown'));

// %%
const distribution = lengths.rows.filter((r) => r.bin !== 'unknown' && r.bin !== 'no relationship');
await showChart(pe.contractLengthSpec(distribution, { series: series.rows, lang: 'en' }), 'contract lengths');

// %% [markdown]
// ## 3. Survival of employment relationships (Kaplan–Meier)
//
// Relationships that start within 12 months after a person's first support start, followed until they
// end or the data end (right-censored). Kaplan–Meier with Greenwood variance and a log-scale 95 %
// interval (as R `survival::survfit`), median duration with its interval, and a log-rank test between
// employer types. Left-censored relationships (running when the data begin, no start reported) are
// left out and counted: their duration when observation began is unknown, so they cannot be placed on
// the duration scale. Every result has the same shape: `rows`, `toTable()`, `summary()`, `spec`, `tests`.

// %%
const survival = pe.relationshipSurvival(exp, { windowMonths: 12, group: 'employer-type', relationships });
for (const note of survival.notes) console.log(`- ${note}`);
await showTable(survival.fit.medians.map(({ group, estimate, ci_low, ci_high, n_persons }) => ({ employer_type: group, median_months: estimate, ci_low, ci_high, relationships: n_persons })));
await showTable(survival.fit.at([12, 24, 60]).map(({ group, time, n_risk, surv, ci_low, ci_high }) => ({ employer_type: group, months: time, n_risk, surv, ci_low, ci_high })));
const test = survival.logRank!.test;
console.log(`log-rank test: chi2(${test.df}) = ${test.statistic!.toFixed(1)}, p ${test.p_value! < 0.001 ? '< 0.001' : `= ${test.p_value!.toFixed(3)}`}`);

// %%
console.log(survival.summary());

// %%
await showChart(pe.survivalSpec(survival.fit, { lang: 'en' }), 'Kaplan-Meier');

// %% [markdown]
// ## 4. Relationships already running when the data begin: delayed entry
//
// Leaving out relationships that were already running would describe only jobs that started inside
// the data, and treating them as if they started when the data begin would be wrong too. When the
// source reports their start, they enter the Kaplan–Meier risk sets **late** (left truncation, R's
// `Surv(entry, time, event)`): at risk only from the duration they had reached when observation began.
//
// A check on the embedded data (which start in 2006): read them again as if the data began only in
// 2014, and follow the relationships that started in 2008–2013. With delayed entry the curve is close
// to the one from the full data; ignoring the entry times over-represents long jobs (those that
// survived to 2014), and so does counting durations from 2014.

// %%
const truth = await pe.readEmbeddedTruth();
const files = { persons: pe.embeddedDataPath('persons.csv.gz'), support: pe.embeddedDataPath('support.csv.gz'), employment: pe.embeddedDataPath('employment.csv.gz') };
const late = await pe.readCbsExport(files, { observation: { start: '2014-01-01', end: truth.observation.end } });
const cohort = { start: { from: '2008-01-01', to: '2013-12-31' }, persons: 'all' } as const;
const fromFullData = pe.relationshipSurvival(exp, cohort);
const delayed = pe.relationshipSurvival(late, cohort);
console.log(`${delayed.delayedEntry} of ${delayed.data.time.length} relationships enter late; ${delayed.excluded.leftCensored} left-censored left out`);
const months = [12, 24, 60];
const at = (fit: pe.KaplanMeierFit) => fit.at(months).map((r) => r.surv);
const ignoringEntry = pe.kaplanMeier({ time: delayed.data.time, event: delayed.data.event });
const fromDataStart = pe.kaplanMeier({ time: Array.from(delayed.data.time, (t, i) => t - delayed.data.entry[i]), event: delayed.data.event });
await showTable([
  ['full data (from 2006)', at(fromFullData.fit)],
  ['data from 2014, delayed entry', at(delayed.fit)],
  ['data from 2014, entry ignored', at(ignoringEntry)],
  ['data from 2014, counted from 2014', at(fromDataStart)],
].map(([analysis, s]) => ({ analysis, 'S(12 months)': (s as number[])[0], 'S(24 months)': (s as number[])[1], 'S(60 months)': (s as number[])[2] })));

// %% [markdown]
// The same estimator works on any durations: `kaplanMeier({ time, event, group })` and
// `logRankTest(...)` take plain arrays, with optional `entry` times (e.g. `survival.data`, which has
// them, for further modelling).
