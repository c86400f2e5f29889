// %% [markdown]
// # 5. Taking results out of the secured environment (output control)
//
// Inside CBS Remote Access only **aggregated** results may leave, and only after output control:
// every published number must rest on enough persons that no individual can be recognised or
// derived. `applyOutputControl(table, rules?)` checks any result of this library (the result itself,
// an arquero table or an array of rows) and makes it safe; the writers refuse anything that has not
// passed it.
//
// The default rules (all configurable; a misspelt rule name is refused, never ignored): at least
// **10 persons** per row (`n_persons`, else `n`); each count (`count`, `n_risk`, `n_event`), and for a
// rate the complement `n − count`, at least 10; a **share published with its n implies a count**
// (share × n), which must reach 10 too, as must its complement; a **missing count is unknown** and its
// row is withheld; no minima or maxima; percentiles only with at least 10 persons on each side;
// **secondary suppression** so a withheld cell cannot be recovered by subtracting from a total (in the
// table, or in margins published elsewhere); optional **rounding** of counts with rates and intervals
// recomputed from the rounded counts.

// %%
import * as pe from 'participation-effects/node';
import { showChart, showTable } from './show.ts';

const exp = await pe.readEmbeddedExport();

// %% [markdown]
// ## 1. A table that passes: participation before and after, by employer type
//
// `eventPanel(exp, { group: 'employerType' })` splits the supported persons by the employer type of
// their support trajectory. Each phase average rests on thousands of persons, so nothing is withheld;
// every row gets `suppressed` and `suppression_reason`.

// %%
const panel = pe.eventPanel(exp, { before: 48, after: 48, group: 'employerType' });
const averages = pe.phaseAverages(panel);
const averagesControlled = pe.applyOutputControl(averages);
await showTable(averagesControlled.toTable().select('group', 'quantity', 'estimate', 'ci_low', 'ci_high', 'n_persons', 'suppressed', 'suppression_reason'));

// %% [markdown]
// ## 2. A table with small cells: tenure on 1 January 2016, by employer type
//
// On 1 January 2016 the Participatiewet was a year old, so almost nobody had a relationship of more
// than a year. Those cells rest on fewer than 10 persons and are withheld. The table has totals (the
// `all` rows), so we tell output control the structure: cells of one bin across employer types add up
// to the `all` row of that bin. Secondary suppression then checks that no withheld cell follows from
// its total by subtraction.

// %%
const at = '2016-01-01';
const byEmployer = pe.contractLengths(exp, { at, scheme: 'Participatiewet', group: 'employer-type' });
const overall = pe.contractLengths(exp, { at, scheme: 'Participatiewet' });
const tenureRows = [...byEmployer.rows, ...overall.rows]
  .filter((r) => r.bin !== 'unknown' && r.bin !== 'no relationship')
  .map(({ date, group, bin, bin_index, n, count, share, ci_low, ci_high, method }) => ({ date, employer_type: group, bin, bin_index, n, count, share, ci_low, ci_high, method }));
const tenureControlled = pe.applyOutputControl(tenureRows, {
  secondary: { dimensions: [{ column: 'employer_type', total: 'all' }], by: ['bin'] },
  labelColumns: ['date', 'employer_type', 'bin', 'bin_index', 'method'],
});
await showTable(tenureControlled.toTable().select('employer_type', 'bin', 'n', 'count', 'share', 'ci_low', 'ci_high', 'suppressed', 'suppression_reason'));

// %% [markdown]
// The **output-control report** goes with the export request: the rules as applied, how many rows and
// cells were published and withheld, and each withheld cell by row, column, rule and labels. It never
// contains a withheld value.

// %%
console.log(pe.formatOutputControlReport(tenureControlled.report));

// %% [markdown]
// **Look at what the published cells still imply.** The bins of one employer type add up to its
// `n`, which is published in every row: n minus the published counts is the combined count of the
// withheld cells. Output control finds such lines itself (the report lists them) and withholds
// further cells until every remainder is 0 or at least the threshold (`secondary:withheld-sum`).
// The next cell checks this the way someone reading the export would: per employer type, how many
// persons the withheld cells hold together.

// %%
/** Per line (employer type): withheld cells and how many persons they hold together. */
function withheldRemainders(rows: readonly Record<string, unknown>[], total: (rows: readonly Record<string, unknown>[]) => number | undefined, count: string) {
  return ['Pantar', 'regulier', 'sociale firma', 'all'].map((group) => {
    const line = rows.filter((r) => r.employer_type === group);
    const published = line.filter((r) => !r.suppressed);
    const n = total(line);
    const remainder = n === undefined ? null : n - published.reduce((sum, r) => sum + (r[count] as number), 0);
    return { employer_type: group, withheld_cells: line.length - published.length, withheld_persons_together: remainder, safe: line.length === published.length || remainder === null || remainder === 0 || remainder >= 10 };
  });
}
await showTable(withheldRemainders(tenureControlled.rows, (line) => line.find((r) => !r.suppressed)?.n as number | undefined, 'count'));

// %% [markdown]
// **Losing less.** Fine bins on small groups cost many withheld cells. Merge the sparse bins
// (edges 6 and 12 months: the top bin is "more than a year"), publish the person count per cell with
// an explicit `total` row per employer type, and declare both totals to output control. More of the
// table survives, and again no line gives away a small remainder. Shares follow from the published
// counts and totals.

// %%
const coarse = [
  ...pe.contractLengths(exp, { at, scheme: 'Participatiewet', group: 'employer-type', bins: [6, 12] }).rows,
  ...pe.contractLengths(exp, { at, scheme: 'Participatiewet', bins: [6, 12] }).rows,
];
const countRows: { employer_type: string; bin: string; persons: number }[] = [];
for (const r of coarse) {
  if (r.bin === 'unknown' || r.bin === 'no relationship') continue;
  if (r.bin_index === 0) countRows.push({ employer_type: r.group, bin: 'total', persons: r.n });
  countRows.push({ employer_type: r.group, bin: r.bin, persons: r.count });
}
const safeTenure = pe.applyOutputControl(countRows, {
  personsColumn: 'persons',
  secondary: { dimensions: [{ column: 'employer_type', total: 'all' }, { column: 'bin', total: 'total' }] },
});
await showTable(safeTenure.toTable());
await showTable(withheldRemainders(safeTenure.rows.filter((r) => r.bin !== 'total'), (line) => safeTenure.rows.find((r) => r.bin === 'total' && r.employer_type === line[0]?.employer_type)?.persons as number | undefined, 'persons'));

// %% [markdown]
// ## 3. What a table implies without saying it
//
// **Shares imply counts.** A share published with the number of persons it is taken over gives the
// count away: 1.5 % of 200 persons is 3 persons. Output control checks `share × n` like a count (and
// `n` minus it), also when the table carries no count column. Rows that describe a difference of
// shares (a change, a difference-in-differences) imply no count and are not checked this way.
//
// **Unknown counts are withheld.** A row whose count is missing cannot be shown to be safe.
//
// **Rule names are checked**: a typo would otherwise silently apply the defaults.

// %%
// No count column: the shares are checked through the counts they imply.
const shares = pe.applyOutputControl([
  { region: 'Noord', n: 200, estimate: 0.015 },
  { region: 'Zuid', n: 200, estimate: 0.4 },
  { region: 'West', n: 200, estimate: 0.97 },
]);
await showTable(shares.toTable());
// A count column with a missing value: that row's count is unknown.
const unknown = pe.applyOutputControl([
  { region: 'Oost', n: 200, count: null, estimate: 0.3 },
  { region: 'Zuid', n: 200, count: 80, estimate: 0.4 },
]);
await showTable(unknown.toTable());
try {
  pe.applyOutputControl(tenureRows, { minPerson: 50 } as pe.OutputControlRules);
} catch (error) {
  console.log(`refused: ${(error as Error).message.split(' Valid options')[0]}`);
}

// %% [markdown]
// **Margins published elsewhere.** A table by employer type and tenure bin may be fine on its own, yet
// the number of Participatiewet workers per employer type is published in the annual report: that
// margin minus the published cells of its line recovers the withheld ones (the classic differencing
// attack). Pass such margins with `rules.margins`; output control then treats them as totals that
// cannot be withheld and withholds cells until no line gives a cell, or a small sum, away.

// %%
const cells = byEmployer.rows
  .filter((r) => r.bin !== 'unknown' && r.bin !== 'no relationship')
  .map(({ group, bin, count }) => ({ employer_type: group, bin, persons: count }));
const margins = [...new Set(cells.map((c) => c.employer_type))].map((employer_type) => ({
  employer_type,
  persons: cells.filter((c) => c.employer_type === employer_type).reduce((sum, c) => sum + c.persons, 0),
}));
const alone = pe.applyOutputControl(cells, { personsColumn: 'persons' });
const withMargins = pe.applyOutputControl(cells, { personsColumn: 'persons', margins: [{ rows: margins, by: ['employer_type'] }] });
await showTable(
  cells.map((c, i) => ({ ...c, alone: alone.rows[i].persons, with_margins: withMargins.rows[i].persons, reason: withMargins.rows[i].suppression_reason })),
);
// What a reader holding the margins can work out from each version, per employer type.
for (const [name, table] of [['without the margins', alone], ['with the margins', withMargins]] as const) {
  const recovered = margins.map((m) => {
    const line = table.rows.filter((r) => r.employer_type === m.employer_type);
    const hidden = line.filter((r) => r.persons === null).length;
    const remainder = m.persons - line.reduce((sum, r) => sum + ((r.persons as number | null) ?? 0), 0);
    return hidden === 0 ? `${m.employer_type}: nothing withheld` : `${m.employer_type}: ${hidden} withheld cell(s) hold ${remainder} persons together${hidden === 1 ? ' (recovered exactly)' : ''}`;
  });
  console.log(`${name}:\n  ${recovered.join('\n  ')}`);
}

// %% [markdown]
// ## 4. Rounding
//
// Some output rules ask for counts rounded to a base (e.g. 5). Thresholds are checked on the exact
// counts; then counts and denominators are rounded, and shares and their Wilson intervals are
// recomputed from the rounded counts, so a reader can verify published share = count / n and cannot
// back out the exact counts from the intervals.

// %%
const rounded = pe.applyOutputControl(tenureRows, {
  secondary: { dimensions: [{ column: 'employer_type', total: 'all' }], by: ['bin'] },
  labelColumns: ['date', 'employer_type', 'bin', 'bin_index', 'method'],
  rounding: { base: 5 },
});
await showTable(rounded.toTable().filter((d) => !d.suppressed).select('employer_type', 'bin', 'n', 'count', 'share', 'ci_low', 'ci_high', 'method'));

// %% [markdown]
// ## 5. Figures from controlled tables
//
// The figure functions take controlled rows: withheld points are left out of the marks and counted in
// the caption. Here figure 1.1 from people counts per scheme on 1 January, where the
// Participatiewet count of the early years is below 10.

// %%
const counts = pe.supportCountsOnJanuaryFirst(exp, { years: [2014, 2015, 2016, 2017, 2018, 2019, 2020] });
const countsControlled = pe.applyOutputControl(counts, { labelColumns: ['year', 'date', 'scheme'] });
await showTable(countsControlled.toTable());
await showChart(pe.figure11Spec(countsControlled.rows as pe.SchemeCount[], { lang: 'en' }), 'figure 1.1 after output control');

// %% [markdown]
// ## 6. Writing the files for the export request
//
// `writeControlledCsv` / `writeControlledJson` write a controlled table and, next to it, the report
// (`<file>.output-control.txt`). A table that has not passed output control is refused; `{ force:
// true }` writes it anyway but marks the file `NOT OUTPUT-CONTROLLED`, so it cannot be mistaken.

// %%
const outDir = await Deno.makeTempDir({ prefix: 'export-request-' });
await pe.writeControlledCsv(`${outDir}/tenure-2016.csv`, safeTenure);
await pe.writeControlledJson(`${outDir}/participation-by-employer-type.json`, averagesControlled);
const written: string[] = [];
for await (const entry of Deno.readDir(outDir)) written.push(entry.name);
console.log(written.sort().join('\n'));
console.log((await Deno.readTextFile(`${outDir}/tenure-2016.csv`)).split('\n').slice(0, 4).join('\n'));

// %%
try {
  await pe.writeControlledCsv(`${outDir}/unchecked.csv`, tenureRows);
  console.log('written (unexpected)');
} catch (error) {
  console.log(`refused: ${(error as Error).message}`);
}
