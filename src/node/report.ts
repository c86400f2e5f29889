import { writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { FigureLanguage } from '../figures/locale.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { writeFolderAtomic, type AtomicWriteOptions } from './atomicWrite.js';
import { renderSvg } from './render.js';

/** A table for the report: plain row objects, or an arquero table (anything with `objects()`). */
export type ReportTable = readonly object[] | { objects(): object[] };

/** One section of the report: a heading with any of a figure, a table and a paragraph of text. */
export interface ReportSection {
  readonly heading: string;
  readonly spec?: TopLevelSpec;
  readonly table?: ReportTable;
  /** Plain text; blank lines separate paragraphs. */
  readonly text?: string;
}

/** The data-quality report of a load (`CbsExport.quality`), or any compatible object. */
export interface ReportQuality {
  readonly counts: Readonly<Record<string, { readonly read: number; readonly kept: number; readonly excluded: number; readonly repaired: number }>>;
  readonly entries: readonly { readonly table: string; readonly issue: string; readonly action: string; readonly count: number; readonly description: string }[];
}

/** Input of {@link buildReportHtml} and {@link writeReport}. */
export interface ReportOptions {
  readonly title: string;
  readonly sections: readonly ReportSection[];
  /** Data-quality report, shown as its own section at the end. */
  readonly quality?: ReportQuality;
  /** Language of the page's own texts (default Dutch). */
  readonly lang?: FigureLanguage;
}

const TEXTS = {
  nl: { quality: 'Datakwaliteit', counts: 'Rijen per bestand', table: 'bestand', read: 'gelezen', kept: 'behouden', excluded: 'uitgesloten', repaired: 'hersteld', issues: 'Meldingen', issue: 'melding', action: 'actie', count: 'aantal', description: 'toelichting', none: 'Geen meldingen.', noscript: 'Deze pagina heeft JavaScript nodig om de figuren te tonen.' },
  en: { quality: 'Data quality', counts: 'Rows per input', table: 'input', read: 'read', kept: 'kept', excluded: 'excluded', repaired: 'repaired', issues: 'Issues', issue: 'issue', action: 'action', count: 'count', description: 'description', none: 'No issues.', noscript: 'This page needs JavaScript to show its figures.' },
} as const;

/** Where a package's browser build lives: next to its resolved entry file. */
function libraryScript(pkg: string, file: string): string {
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  const source = readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
  // Inside <script>, only "</script" can end the element early; the builds contain none today.
  return source.replace(/<\/script/gi, '<\\/script');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function formatCell(value: unknown, lang: FigureLanguage): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '–';
  if (typeof value === 'number') {
    return value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: Number.isInteger(value) ? 0 : 4 });
  }
  if (typeof value === 'object') return escapeHtml(JSON.stringify(value));
  return escapeHtml(String(value));
}

/** Rows of a report table as plain objects. */
function tableRows(table: ReportTable): Record<string, unknown>[] {
  return Array.isArray(table) ? (table as unknown as Record<string, unknown>[]) : ((table as { objects(): object[] }).objects() as Record<string, unknown>[]);
}

function htmlTable(rows: readonly Record<string, unknown>[], lang: FigureLanguage, columns?: readonly string[], headers?: readonly string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = cols.map((c, i) => `<th>${escapeHtml(headers?.[i] ?? c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${cols.map((c) => `<td${typeof r[c] === 'number' ? ' class="num"' : ''}>${formatCell(r[c], lang)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function qualitySection(quality: ReportQuality, lang: FigureLanguage): string {
  const T = TEXTS[lang];
  const counts = Object.entries(quality.counts).map(([table, c]) => ({ table, read: c.read, kept: c.kept, excluded: c.excluded, repaired: c.repaired }));
  const entries = quality.entries.map((e) => ({ table: e.table, issue: e.issue, action: e.action, count: e.count, description: e.description }));
  return [
    `<section class="quality"><h2>${T.quality}</h2>`,
    `<h3>${T.counts}</h3>`,
    htmlTable(counts, lang, ['table', 'read', 'kept', 'excluded', 'repaired'], [T.table, T.read, T.kept, T.excluded, T.repaired]),
    `<h3>${T.issues}</h3>`,
    entries.length > 0 ? htmlTable(entries, lang, ['table', 'issue', 'action', 'count', 'description'], [T.table, T.issue, T.action, T.count, T.description]) : `<p>${T.none}</p>`,
    '</section>',
  ].join('\n');
}

function captionOf(spec: TopLevelSpec): string | undefined {
  const meta = spec.usermeta as { caption?: unknown } | undefined;
  if (typeof meta?.caption === 'string') return meta.caption;
  return typeof spec.description === 'string' ? spec.description : undefined;
}

const STYLE = `
body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; color: #222; max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 1.5rem; }
h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; }
h3 { font-size: 1rem; }
figure { margin: 1rem 0; }
figcaption { font-size: .85rem; color: #555; max-width: 60rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: .85rem; margin: .8rem 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25rem .6rem; text-align: left; }
th { background: #f5f5f5; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

/**
 * One self-contained HTML page with every figure, table and the data-quality report. The
 * Vega-Lite specs are inlined and vega, vega-lite and vega-embed are bundled into the page,
 * so it works offline from `file://`. Figures render as SVG in the browser.
 *
 * @example
 * const html = buildReportHtml({ title: 'Rapport', sections: [{ heading: 'Tabel', table: [{ jaar: 2025, aantal: 2189 }] }] });
 * html.includes('<td class="num">2.189</td>'); // true
 */
export function buildReportHtml(options: ReportOptions): string {
  checkReportOptions('buildReportHtml', options);
  const lang = options.lang ?? 'nl';
  const specs: TopLevelSpec[] = [];
  const body = options.sections.map((section, i) => {
    const parts = [`<section id="section-${i + 1}"><h2>${escapeHtml(section.heading)}</h2>`];
    if (section.text !== undefined) parts.push(paragraphs(section.text));
    if (section.spec !== undefined) {
      const caption = captionOf(section.spec);
      parts.push(`<figure><div class="chart" id="chart-${specs.length}" data-chart="${specs.length}"></div>${caption !== undefined ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`);
      specs.push(section.spec);
    }
    if (section.table !== undefined) parts.push(htmlTable(tableRows(section.table), lang));
    parts.push('</section>');
    return parts.join('\n');
  });
  if (options.quality !== undefined) body.push(qualitySection(options.quality, lang));
  const boot = `
(function () {
  var specs = JSON.parse(document.getElementById('report-specs').textContent);
  specs.forEach(function (spec, i) {
    var el = document.getElementById('chart-' + i);
    vegaEmbed(el, spec, { renderer: 'svg', actions: false })
      .then(function () { el.setAttribute('data-rendered', 'true'); })
      .catch(function (err) { el.setAttribute('data-error', String(err)); el.textContent = String(err); console.error(err); });
  });
})();`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${STYLE}</style>`,
    `<script>${libraryScript('vega', 'vega.min.js')}</script>`,
    `<script>${libraryScript('vega-lite', 'vega-lite.min.js')}</script>`,
    `<script>${libraryScript('vega-embed', 'vega-embed.min.js')}</script>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(options.title)}</h1>`,
    specs.length > 0 ? `<noscript>${TEXTS[lang].noscript}</noscript>` : '',
    ...body,
    `<script type="application/json" id="report-specs">${scriptJson(specs)}</script>`,
    `<script>${boot}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** File-name stem for a section heading: lowercase ASCII words joined by dashes. */
function slug(text: string, used: Set<string>): string {
  const base =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'figure';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  used.add(name);
  return name;
}

/** Paths written by {@link writeReport}. */
export interface WrittenReport {
  readonly html: string;
  /** Per figure: its Vega-Lite spec (`*.vl.json`) and its SVG rendering. */
  readonly figures: readonly { readonly heading: string; readonly spec: string; readonly svg: string }[];
}

/**
 * Writes `report.html` (see {@link buildReportHtml}) into `dir`, plus each figure's
 * Vega-Lite spec as `<name>.vl.json` and its rendering as `<name>.svg` (name from the heading).
 * The folder is written completely in a temporary folder next to `dir` and then moved into place,
 * so a failure leaves no half-written report. An existing `dir` that is not empty is refused
 * unless `{ overwrite: true }` (then it is replaced as a whole, never merged with old files);
 * a folder holding an input of the job (`inputs`) is never replaced.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const spec = { data: { values: [{ a: 1, b: 2 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'ordinal' }, y: { field: 'b', type: 'quantitative' } } } as const;
 * const out = await writeReport(mkdtempSync(join(tmpdir(), 'report-')), { title: 'Test', sections: [{ heading: 'Figuur 1', spec }] });
 * out.figures[0].svg.endsWith('figuur-1.svg'); // true
 */
export async function writeReport(dir: string, options: ReportOptions, fileOptions: AtomicWriteOptions = {}): Promise<WrittenReport> {
  checkReportOptions('writeReport', options);
  checkOptions('writeReport', fileOptions, { overwrite: true, inputs: true });
  const page = buildReportHtml(options);
  // An existing empty folder (e.g. from mkdtemp) holds nothing that could be lost.
  const empty = existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length === 0;
  const used = new Set<string>();
  const figures: { heading: string; spec: string; svg: string }[] = [];
  await writeFolderAtomic(
    dir,
    async (temp) => {
      for (const section of options.sections) {
        if (section.spec === undefined) continue;
        const name = slug(section.heading, used);
        await writeFile(join(temp, `${name}.vl.json`), `${JSON.stringify(section.spec, null, 2)}\n`);
        await writeFile(join(temp, `${name}.svg`), await renderSvg(section.spec));
        figures.push({ heading: section.heading, spec: join(dir, `${name}.vl.json`), svg: join(dir, `${name}.svg`) });
      }
      await writeFile(join(temp, 'report.html'), page);
    },
    { ...fileOptions, overwrite: fileOptions.overwrite === true || empty },
  );
  return { html: join(dir, 'report.html'), figures };
}

/** The report's options: known names, a title and a list of sections with headings. */
function checkReportOptions(fn: string, options: ReportOptions): void {
  checkOptions(fn, options, { title: true, sections: true, quality: true, lang: true });
  if (!isPlainObject(options)) throw new SpecificationError(`${fn} expects { title, sections }; got ${describeValue(options)}`);
  if (typeof options.title !== 'string') throw new SpecificationError(`${fn}: title must be a string, got ${describeValue(options.title)}`);
  if (!Array.isArray(options.sections)) throw new SpecificationError(`${fn}: sections must be an array of { heading, text?, spec?, table? }, got ${describeValue(options.sections)}`);
  options.sections.forEach((s, i) => {
    checkOptions(`${fn} (section ${i + 1})`, s, { heading: true, text: true, spec: true, table: true });
    if (!isPlainObject(s) || typeof s.heading !== 'string') throw new SpecificationError(`${fn}: section ${i + 1} needs a heading (a string), got ${describeValue(s)}`);
  });
}
