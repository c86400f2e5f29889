/** The columnar export back to arquero tables in CBS layout (for round trips and writing). */
import { table, type ColumnTable } from 'arquero';
import { DEFAULT_COLUMNS, type BenefitColumns, type EmploymentColumns, type PersonColumns, type SupportColumns } from './columns.js';
import { OPEN_END } from '../core/calendar.js';
import { checkOptions } from '../core/options.js';
import { checkExport } from './checkExport.js';
import { formatCbsDate } from './dates.js';
import type { Categorical, CbsExport } from './types.js';

/** Options of {@link exportToTables}. */
export interface ExportToTablesOptions {
  /** Column names to write; default {@link DEFAULT_COLUMNS}. */
  readonly columns?: {
    readonly persons?: Partial<PersonColumns>;
    readonly support?: Partial<SupportColumns>;
    readonly employment?: Partial<EmploymentColumns>;
    readonly benefits?: Partial<BenefitColumns>;
  };
  /** End-date text of ongoing spells; default `'99991231'` (read back as ongoing by default). */
  readonly openEnd?: string;
}

/** The inputs as arquero tables (benefits when the export has benefit spells). */
export interface CbsTables {
  readonly persons: ColumnTable;
  readonly support: ColumnTable;
  readonly employment: ColumnTable;
  readonly benefits?: ColumnTable;
}

const levelsOf = (c: Categorical): (string | null)[] => Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
const numbersOf = (x: Float64Array): (number | null)[] => Array.from(x, (v) => (Number.isNaN(v) ? null : v));

const keysOf = (o: object): Record<string, true> => Object.fromEntries(Object.keys(o).map((k) => [k, true] as const));
const COLUMN_KEYS = { persons: keysOf(DEFAULT_COLUMNS.persons), support: keysOf(DEFAULT_COLUMNS.support), employment: keysOf(DEFAULT_COLUMNS.employment) };

/**
 * Arquero tables in CBS layout: person keys as text, dates as `YYYYMMDD` text, ongoing spells with
 * the `openEnd` sentinel, categories as their levels, missing values as null. Loading them again
 * with `loadCbsExport` gives back the same columns.
 *
 * @example
 * const exp = await loadCbsExport({
 *   persons: 'RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT\nR,000000001,1980,2\n',
 *   support: 'RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE\nR,000000001,20190101,,Wsw,Pantar\n',
 *   employment: 'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT\nR,000000001,E1,20190101,20191231,O\n',
 * });
 * exportToTables(exp).support.objects()[0]['EINDBUS']; // '99991231'
 */
export function exportToTables(exp: CbsExport, options: ExportToTablesOptions = {}): CbsTables {
  checkExport('exportToTables', exp);
  checkOptions('exportToTables', options, { columns: COLUMN_KEYS, openEnd: true });
  const pc = { ...DEFAULT_COLUMNS.persons, ...options.columns?.persons };
  const sc = { ...DEFAULT_COLUMNS.support, ...options.columns?.support };
  const ec = { ...DEFAULT_COLUMNS.employment, ...options.columns?.employment };
  const openEnd = options.openEnd ?? '99991231';
  const bc = { ...DEFAULT_COLUMNS.benefits, ...options.columns?.benefits };
  const { persons, support, employment, benefits } = exp;
  const endText = (d: number) => (d === OPEN_END ? openEnd : formatCbsDate(d));

  const personColumns: Record<string, unknown[]> = {
    [pc.rinpersoons]: [...persons.rinpersoons],
    [pc.rinpersoon]: [...persons.rinpersoon],
    [pc.birthYear]: numbersOf(persons.birthYear),
    [pc.sex]: levelsOf(persons.sex),
  };
  for (const [name, values] of Object.entries(persons.covariates)) personColumns[name] = values instanceof Float64Array ? numbersOf(values) : levelsOf(values);

  const keys = (person: Int32Array) => ({
    s: Array.from(person, (p) => persons.rinpersoons[p]!),
    n: Array.from(person, (p) => persons.rinpersoon[p]!),
  });
  const sk = keys(support.person);
  const ek = keys(employment.person);
  return {
    persons: table(personColumns),
    support: table({
      [sc.rinpersoons]: sk.s,
      [sc.rinpersoon]: sk.n,
      [sc.start]: Array.from(support.start, formatCbsDate),
      [sc.end]: Array.from(support.end, endText),
      [sc.scheme]: levelsOf(support.scheme),
      [sc.employerType]: levelsOf(support.employerType),
    }),
    employment: table({
      [ec.rinpersoons]: ek.s,
      [ec.rinpersoon]: ek.n,
      [ec.employer]: levelsOf(employment.employer),
      [ec.start]: Array.from(employment.start, formatCbsDate),
      [ec.end]: Array.from(employment.end, endText),
      [ec.contract]: levelsOf(employment.contract),
      ...(employment.wage ? { [ec.wage]: numbersOf(employment.wage) } : {}),
      ...(employment.hours ? { [ec.hours]: numbersOf(employment.hours) } : {}),
    }),
    ...(benefits
      ? {
          benefits: table({
            [bc.rinpersoons]: keys(benefits.person).s,
            [bc.rinpersoon]: keys(benefits.person).n,
            [bc.start]: Array.from(benefits.start, formatCbsDate),
            [bc.end]: Array.from(benefits.end, endText),
            [bc.type]: levelsOf(benefits.type),
          }),
        }
      : {}),
  };
}
