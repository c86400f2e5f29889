/** Plain-object and text summaries of a loaded export and its quality report. */
import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import { checkExport } from './checkExport.js';
import { formatIsoDate } from './dates.js';
import type { CbsExport, QualityReport } from './types.js';

/** What {@link exportSummary} returns. */
export interface ExportSummary {
  readonly persons: number;
  readonly supportSpells: number;
  readonly employmentSpells: number;
  /** Observation period as ISO dates (inclusive). */
  readonly observation: { readonly start: string; readonly end: string };
  /** Persons with at least one support trajectory. */
  readonly personsEverSupported: number;
  /** Persons with at least one employment spell. */
  readonly personsEverEmployed: number;
  readonly quality: QualityReport['counts'];
}

/**
 * Headline counts of an export, as a plain serialisable object.
 *
 * @example
 * const exp = await loadCbsExport({
 *   persons: 'RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT\nR,000000001,1980,2\nR,000000002,1990,1\n',
 *   support: 'RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE\nR,000000001,20190101,,Wsw,Pantar\n',
 *   employment: 'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT\nR,000000002,E1,20180101,20201231,O\n',
 * });
 * exportSummary(exp).personsEverSupported; // 1
 * exportSummary(exp).observation; // { start: '2018-01-01', end: '2020-12-31' }
 */
export function exportSummary(exp: CbsExport): ExportSummary {
  checkExport('exportSummary', exp);
  const withSpells = (offsets: Int32Array): number => {
    let n = 0;
    for (let p = 0; p + 1 < offsets.length; p++) if (offsets[p + 1]! > offsets[p]!) n++;
    return n;
  };
  return {
    persons: exp.persons.length,
    supportSpells: exp.support.length,
    employmentSpells: exp.employment.length,
    observation: { start: formatIsoDate(exp.observation.start), end: formatIsoDate(exp.observation.end) },
    personsEverSupported: withSpells(exp.support.offsets),
    personsEverEmployed: withSpells(exp.employment.offsets),
    quality: exp.quality.counts,
  };
}

/**
 * The quality report as readable text: one line of row accounting per input, then one line per
 * issue with up to 10 example source rows.
 *
 * @example
 * const text = formatQualityReport({
 *   counts: {
 *     persons: { read: 2, kept: 2, excluded: 0, repaired: 0 },
 *     support: { read: 3, kept: 2, excluded: 1, repaired: 0 },
 *     employment: { read: 0, kept: 0, excluded: 0, repaired: 0 },
 *   },
 *   entries: [{ table: 'support', issue: 'end-before-start', action: 'excluded', count: 1, description: 'end date before start date', exampleRows: [3] }],
 * });
 * text.split('\n')[2]; // 'support           3 read        2 kept        1 excluded        0 repaired'
 * text.split('\n')[4]; // '- support: 1 excluded [end-before-start]: end date before start date (e.g. row 3)'
 */
export function formatQualityReport(report: QualityReport): string {
  const r = report as unknown;
  const counts = isPlainObject(r) ? r.counts : undefined;
  const tablesOk = isPlainObject(counts) && ['persons', 'support', 'employment'].every((t) => isPlainObject(counts[t]));
  if (!isPlainObject(r) || !tablesOk || !Array.isArray(r.entries)) {
    const hint = isPlainObject(r) && isPlainObject(r.quality) ? ': pass exp.quality, not the export' : '';
    throw new SpecificationError(`formatQualityReport expects a quality report { counts, entries } (exp.quality); got ${describeValue(report)}${hint}`);
  }
  const lines = ['Data quality (rows read = kept + excluded)'];
  for (const table of ['persons', 'support', 'employment', 'benefits'] as const) {
    const c = report.counts[table];
    if (!c) continue; // benefits: an optional input
    const n = (x: number) => String(x).padStart(9);
    lines.push(`${table.padEnd(10)}${n(c.read)} read${n(c.kept)} kept${n(c.excluded)} excluded${n(c.repaired)} repaired`);
  }
  if (report.entries.length === 0) lines.push('No rows excluded, repaired or flagged.');
  for (const e of report.entries) {
    const rows = e.exampleRows.length > 0 ? ` (e.g. row${e.exampleRows.length > 1 ? 's' : ''} ${e.exampleRows.join(', ')})` : '';
    lines.push(`- ${e.table}: ${e.count} ${e.action} [${e.issue}]: ${e.description}${rows}`);
  }
  return lines.join('\n');
}
