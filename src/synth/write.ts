/**
 * A synthetic export in CBS layout: arquero tables (for the loader, in memory) and gzip CSV
 * (for files). Formatting is deterministic, so the same export gives the same bytes.
 */
import { table, type ColumnTable } from 'arquero';
import { Gzip } from 'fflate';
import { DEFAULT_COLUMNS } from '../io/columns.js';
import { concatBytes } from '../io/byteStream.js';
import { formatCbsDate } from '../io/dates.js';
import { OPEN_END } from '../core/calendar.js';
import { CONTRACT_LEVELS, EDUCATION_LEVELS, EMPLOYER_TYPE_LEVELS, ORIGINS, SCHEME_LEVELS, employerId, type SyntheticExport } from './types.js';

/**
 * Column names of the covariates the generator adds to the persons input.
 *
 * @example
 * SYNTH_COVARIATES.education; // 'OPLNIVEAU'
 */
export const SYNTH_COVARIATES = { education: 'OPLNIVEAU', origin: 'HERKOMST' } as const;

/**
 * Written end date of an ongoing support trajectory (a CBS far-future sentinel).
 *
 * @example
 * DEFAULT_OPEN_END_SENTINELS.includes(SUPPORT_OPEN_END); // true
 */
export const SUPPORT_OPEN_END = '88888888';

/** Header and row formatter of one input, so CSV and arquero output share one definition. */
interface Layout {
  readonly header: readonly string[];
  readonly length: number;
  /** Column `c` of row `r` as text. */
  cell(r: number, c: number): string;
}

function layouts(x: SyntheticExport): { persons: Layout; support: Layout; employment: Layout; benefits?: Layout } {
  const P = DEFAULT_COLUMNS.persons;
  const S = DEFAULT_COLUMNS.support;
  const E = DEFAULT_COLUMNS.employment;
  const dates = new Map<number, string>();
  const date = (d: number): string => {
    let s = dates.get(d);
    if (s === undefined) dates.set(d, (s = formatCbsDate(d)));
    return s;
  };
  const employers = new Map<number, string>();
  const employer = (e: number): string => {
    let s = employers.get(e);
    if (s === undefined) employers.set(e, (s = employerId(e)));
    return s;
  };
  const { persons, support, employment } = x;
  return {
    persons: {
      header: [P.rinpersoons, P.rinpersoon, P.birthYear, P.sex, SYNTH_COVARIATES.education, SYNTH_COVARIATES.origin],
      length: persons.length,
      cell: (r, c) => (c === 0 ? 'R' : c === 1 ? persons.rinpersoon[r] : c === 2 ? String(persons.birthYear[r]) : c === 3 ? String(persons.sex[r]) : c === 4 ? EDUCATION_LEVELS[persons.education[r]] : ORIGINS[persons.origin[r]]),
    },
    support: {
      header: [S.rinpersoons, S.rinpersoon, S.start, S.end, S.scheme, S.employerType],
      length: support.length,
      cell: (r, c) =>
        c === 0
          ? 'R'
          : c === 1
            ? persons.rinpersoon[support.person[r]]
            : c === 2
              ? date(support.start[r])
              : c === 3
                ? support.end[r] === OPEN_END
                  ? SUPPORT_OPEN_END
                  : date(support.end[r])
                : c === 4
                  ? SCHEME_LEVELS[support.scheme[r]]
                  : EMPLOYER_TYPE_LEVELS[support.employerType[r]],
    },
    employment: {
      header: employment.wage ? [E.rinpersoons, E.rinpersoon, E.employer, E.start, E.end, E.contract, E.wage, E.hours] : [E.rinpersoons, E.rinpersoon, E.employer, E.start, E.end, E.contract],
      length: employment.length,
      cell: (r, c) =>
        c >= 6
          ? amountText((c === 6 ? employment.wage : employment.hours)![r])
          : c === 0
          ? 'R'
          : c === 1
            ? persons.rinpersoon[employment.person[r]]
            : c === 2
              ? employer(employment.employer[r])
              : c === 3
                ? date(employment.start[r])
                : c === 4
                  ? employment.end[r] === OPEN_END
                    ? ''
                    : date(employment.end[r])
                  : CONTRACT_LEVELS[employment.contract[r]],
    },
    ...(x.benefits ? { benefits: benefitLayout(x, date) } : {}),
  };
}

/** An amount as CSV text with two decimals and a `.` separator; empty when missing. */
function amountText(v: number): string {
  return v === v ? v.toFixed(2) : '';
}

function benefitLayout(x: SyntheticExport, date: (d: number) => string): Layout {
  const B = DEFAULT_COLUMNS.benefits;
  const b = x.benefits!;
  return {
    header: [B.rinpersoons, B.rinpersoon, B.start, B.end, B.type],
    length: b.length,
    cell: (r, c) => (c === 0 ? 'R' : c === 1 ? x.persons.rinpersoon[b.person[r]] : c === 2 ? date(b.start[r]) : c === 3 ? date(b.end[r]) : 'bijstand'),
  };
}

/** The inputs as arquero tables of text columns (CBS layout), ready for `loadCbsExport`. */
export interface SyntheticTables {
  readonly persons: ColumnTable;
  readonly support: ColumnTable;
  readonly employment: ColumnTable;
  /** Bijstand spells, when the export was generated with `outcomes`. */
  readonly benefits?: ColumnTable;
}

function toTable(layout: Layout): ColumnTable {
  const columns: Record<string, string[]> = {};
  layout.header.forEach((name, c) => {
    const col: string[] = new Array(layout.length);
    for (let r = 0; r < layout.length; r++) col[r] = layout.cell(r, c);
    columns[name] = col;
  });
  return table(columns);
}

/**
 * The synthetic export as arquero tables in CBS layout (all columns text; repeated values
 * such as dates and keys share one string, so memory stays near one pointer per cell).
 *
 * @example
 * const t = syntheticTables(synthesizeCbsExport({ seed: 1, scale: 0.01 }));
 * t.persons.columnNames().slice(0, 2); // ['RINPERSOONS', 'RINPERSOON']
 */
export function syntheticTables(x: SyntheticExport): SyntheticTables {
  const l = layouts(x);
  return { persons: toTable(l.persons), support: toTable(l.support), employment: toTable(l.employment), ...(l.benefits ? { benefits: toTable(l.benefits) } : {}) };
}

/** Fixed gzip modification time, so the bytes do not depend on when they were written. */
const GZIP_MTIME = Date.UTC(2025, 0, 1);

function gzipCsv(layout: Layout): Uint8Array {
  const chunks: Uint8Array[] = [];
  const gz = new Gzip({ level: 9, mtime: GZIP_MTIME }, (chunk) => {
    chunks.push(chunk);
  });
  const enc = new TextEncoder();
  const cols = layout.header.length;
  let lines: string[] = [layout.header.join(',')];
  for (let r = 0; r < layout.length; r++) {
    let line = layout.cell(r, 0);
    for (let c = 1; c < cols; c++) line += ',' + layout.cell(r, c);
    lines.push(line);
    if (lines.length === 65536) {
      gz.push(enc.encode(lines.join('\n') + '\n'));
      lines = [];
    }
  }
  gz.push(enc.encode(lines.length ? lines.join('\n') + '\n' : ''), true);
  return concatBytes(chunks);
}

/**
 * The synthetic export as gzip-compressed CSV files in CBS layout (`,`-separated, header line,
 * `\n` line ends; ongoing support ends written `88888888`, ongoing jobs empty). Byte-for-byte
 * deterministic: fixed gzip header time, rows in person-key order.
 *
 * @example
 * const files = syntheticCsvGzip(synthesizeCbsExport({ seed: 1, scale: 0.01 }));
 * files.persons[0] === 0x1f && files.persons[1] === 0x8b; // true
 */
export function syntheticCsvGzip(x: SyntheticExport): { persons: Uint8Array; support: Uint8Array; employment: Uint8Array; benefits?: Uint8Array } {
  const l = layouts(x);
  return { persons: gzipCsv(l.persons), support: gzipCsv(l.support), employment: gzipCsv(l.employment), ...(l.benefits ? { benefits: gzipCsv(l.benefits) } : {}) };
}
