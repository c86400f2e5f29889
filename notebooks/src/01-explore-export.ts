// %% [markdown]
// # 1. Exploring a CBS-style export
//
// This notebook loads a CBS-style microdata export, checks what was read, and looks at who is in
// it over time. It runs on the **embedded default data**: a synthetic, Amsterdam-scale export that
// ships with the package (`data/`), generated with known truth so the numbers can be checked. Inside
// CBS Remote Access you point the same code at your own files (section 2).
//
// An export has three inputs (docs/methods/README.md, "Data model"):
//
// | input | one row is | key columns (CBS names) |
// |---|---|---|
// | persons | a person | `RINPERSOONS` + `RINPERSOON` (9 digits, leading zeros kept as text), `GBAGEBOORTEJAAR`, `GBAGESLACHT`, other covariates |
// | support | a support trajectory (a spell) | person key, `AANVBUS`, `EINDBUS` (empty or a far-future sentinel = ongoing), `REGELING` (`Participatiewet` / `Wsw`), `WERKGEVERTYPE` (`regulier` / `sociale firma` / `Pantar`) |
// | employment | a job spell (SPOLIS-like) | person key, `SBEID` (employer), `AANVBUS`, `EINDBUS`, `SCONTRACTSOORT` |
//
// Dates are `YYYYMMDD` text in the files; in memory they become day numbers (days since 1970-01-01).

// %%
import * as pe from 'participation-effects/node';
import * as aq from 'arquero';
import { showChart, showTable, pct } from './show.ts';

const exp = await pe.readEmbeddedExport();
const summary = pe.exportSummary(exp);
summary;

// %% [markdown]
// ## 1. The quality report
//
// Every load returns a quality report: per input, rows **read = kept + excluded**, and one line per
// kind of problem (unparseable dates, an end before the start, unknown persons, duplicates, …) with
// example source rows. Nothing is dropped silently. Attach this report to your analysis log.

// %%
console.log(pe.formatQualityReport(exp.quality));

// %% [markdown]
// ## 2. Your own export, with your own column names
//
// In the secured environment your files will have other names and often other column names (and
// `;` as delimiter, `,` as decimal separator — both detected from the header line). Map your names
// onto the library's with `columns`; every key you leave out keeps its CBS default
// (`pe.DEFAULT_COLUMNS`). CSV, gzip CSV, Arrow and Parquet are read by extension or by their first
// bytes. In practice:
//
// ```ts
// const exp = await pe.readCbsExport(
//   { persons: 'H:/project/personen.csv', support: 'H:/project/trajecten.csv', employment: 'H:/project/banen.parquet' },
//   {
//     columns: {
//       persons: { birthYear: 'geboortejaar', sex: 'geslacht' },
//       support: { start: 'begindatum', end: 'einddatum', scheme: 'regeling', employerType: 'werkgever_type' },
//       employment: { employer: 'baanid', start: 'begindatum', end: 'einddatum', contract: 'contract' },
//     },
//     observation: { start: '20060101', end: '20251231' }, // else derived from the spells
//   },
// );
// ```
//
// The next cell does exactly that on a small extract of the embedded data: it writes the first 500
// persons with renamed columns as `;`-separated files, then reads them back with the mapping.

// %%
const myColumns = {
  persons: { birthYear: 'geboortejaar', sex: 'geslacht' },
  support: { start: 'begindatum', end: 'einddatum', scheme: 'regeling', employerType: 'werkgever_type' },
  employment: { employer: 'baanid', start: 'begindatum', end: 'einddatum', contract: 'contract' },
};
const tables = pe.exportToTables(exp, { columns: myColumns });
const extract = tables.persons.slice(0, 500);
const dir = await Deno.makeTempDir({ prefix: 'cbs-export-' });
const paths = { persons: `${dir}/personen.csv`, support: `${dir}/trajecten.csv`, employment: `${dir}/banen.csv` };
const key = ['RINPERSOONS', 'RINPERSOON'];
await Deno.writeTextFile(paths.persons, extract.toCSV({ delimiter: ';' }));
await Deno.writeTextFile(paths.support, tables.support.semijoin(extract, [key, key]).toCSV({ delimiter: ';' }));
// With `;` as delimiter, amounts (wage SBASISLOON, hours SBASISUREN) are written with a decimal comma, as CBS does.
const decimalComma = (col: string) => `d => d['${col}'] == null ? '' : op.replace('' + d['${col}'], '.', ',')`;
const jobs = tables.employment.semijoin(extract, [key, key]).derive({ SBASISLOON: decimalComma('SBASISLOON'), SBASISUREN: decimalComma('SBASISUREN') });
await Deno.writeTextFile(paths.employment, jobs.toCSV({ delimiter: ';' }));
console.log((await Deno.readTextFile(paths.support)).split('\n').slice(0, 3).join('\n'));

const mine = await pe.readCbsExport(paths, { columns: myColumns, observation: summary.observation });
pe.exportSummary(mine);

// %% [markdown]
// ## 3. Persons and spells over time
//
// The export is columnar: each table is a set of typed arrays, sorted by person, with offsets so a
// person's spells are one contiguous slice. Counting on 1 January of each year who is employed (any
// job spell covering the day) and who is in a support trajectory is a plain loop over the spells.

// %%
const firstYear = Number(summary.observation.start.slice(0, 4));
const lastYear = Number(summary.observation.end.slice(0, 4));
const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);

/** Distinct persons with a spell covering 1 January of each year. */
function personsOnJanuaryFirst(spells: { person: Int32Array; start: Int32Array; end: Int32Array; length: number }): number[] {
  return years.map((year) => {
    const day = pe.dayNumber(year, 1, 1);
    const seen = new Uint8Array(exp.persons.length);
    let n = 0;
    for (let r = 0; r < spells.length; r++) {
      if (spells.start[r] <= day && spells.end[r] >= day && !seen[spells.person[r]]) {
        seen[spells.person[r]] = 1;
        n++;
      }
    }
    return n;
  });
}
const employed = personsOnJanuaryFirst(exp.employment);
const inSupport = personsOnJanuaryFirst(exp.support);
const overTime = aq.table({ year: years, employed, in_support: inSupport });
await showTable(overTime, 25);

// %%
await showChart(
  {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Persons on 1 January',
    width: 520,
    height: 220,
    data: { values: overTime.fold(['employed', 'in_support']).objects() },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: null },
      y: { field: 'value', type: 'quantitative', title: 'persons' },
      color: { field: 'key', type: 'nominal', title: null },
    },
  },
  'persons on 1 January',
);

// %% [markdown]
// ## 4. Figure 1.1: people in social work on 1 January
//
// The report's figure 1.1 counts people working under the sheltered-employment act (Wsw, closed to
// newcomers since 2015) and under the Participatiewet on 1 January of each year: 4,082 in 2016 and
// 4,253 in 2025, of whom 2,189 under the Participatiewet. `supportCountsOnJanuaryFirst` counts
// persons with a support trajectory in force that day, per scheme; `figure11Spec` draws them.

// %%
const counts = pe.supportCountsOnJanuaryFirst(exp, { years: years.filter((y) => y >= 2016) });
await showTable(counts.toTable().groupby('year').pivot('scheme', 'count'), 12);
const total = (year: number) => counts.totals.find((t) => t.year === year)?.count;
console.log(`on 1 January 2016: ${total(2016)}, on 1 January 2025: ${total(2025)} (report: 4,082 and 4,253)`);

// %%
await showChart(pe.figure11Spec(counts.rows), 'figure 1.1');

// %% [markdown]
// Next: `02-participation-before-after.ipynb` measures labour participation before and after support.
