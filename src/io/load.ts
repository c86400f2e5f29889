/** `loadCbsExport`: the three CBS-style inputs → one validated, columnar {@link CbsExport}. */
import { DEFAULT_COLUMNS, DEFAULT_OPEN_END_SENTINELS, type BenefitColumns, type EmploymentColumns, type PersonColumns, type SupportColumns } from './columns.js';
import type { CsvOptions } from './csv.js';
import { OPEN_END } from '../core/calendar.js';
import { DEFAULT_PLAUSIBLE_BIRTH_YEARS, optionDay, plausibleWindow, type OptionDate } from './plausible.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, isPlainObject, type OptionKeys } from '../core/options.js';
import { TEXT_ENCODINGS, type TextEncodingName } from './encoding.js';
import { buildPersons, type CovariateTypes } from './persons.js';
import { QualityLog, type TableName } from './qualityLog.js';
import { personLookup, readPersonsInput, readSpellInput, type ParallelSpellReader, type ReadContext, type ReadProgress, type SpellReadAhead } from './readInputs.js';
import type { CbsSource } from './source.js';
import type { SourceFormat } from './magic.js';
import { finishSpells, parsedSpells, spellDateRange, stretchingRows, type SpellChecks, type SpellColumnNames, type SpellTable } from './spells.js';
import type { BenefitTable, CbsExport, EmploymentTable, ObservationPeriod, SupportTable } from './types.js';

/** One input: a single source, or several (e.g. one file per year) read as one table. */
export type CbsInput = CbsSource | readonly CbsSource[];

/** The inputs of an export: three required, and benefit spells optionally. */
export interface CbsSources {
  readonly persons: CbsInput;
  readonly support: CbsInput;
  readonly employment: CbsInput;
  /** Benefit spells (person key, start, end, type), for benefit-receipt outcomes. */
  readonly benefits?: CbsInput;
}

/** Options of {@link loadCbsExport}. */
export interface LoadCbsOptions {
  /** Your column names, per input; each overrides the matching {@link DEFAULT_COLUMNS} entry. */
  readonly columns?: {
    readonly persons?: Partial<PersonColumns>;
    readonly support?: Partial<SupportColumns>;
    readonly employment?: Partial<EmploymentColumns>;
    readonly benefits?: Partial<BenefitColumns>;
  };
  /** Force the format of a byte input instead of detecting it from its first bytes. */
  readonly format?: Partial<Record<TableName, SourceFormat>>;
  /** CSV delimiter and decimal separator (default: detected from each header line). */
  readonly csv?: CsvOptions;
  /** End-date values meaning "ongoing" (compared after trimming); default {@link DEFAULT_OPEN_END_SENTINELS}. */
  readonly openEndSentinels?: readonly string[];
  /** Observation period (inclusive; `'YYYYMMDD'`, `'YYYY-MM-DD'` or `Date`s). Default: derived from the spells. */
  readonly observation?: { readonly start: OptionDate; readonly end: OptionDate };
  /**
   * Spell dates outside this window (inclusive; default 1950-01-01 … 2100-12-31) are implausible:
   * their rows are excluded and counted (`implausible-date`). Open-end sentinels are not dates.
   */
  readonly plausibleDates?: { readonly start: OptionDate; readonly end: OptionDate };
  /** Birth years outside this range (default 1900 … 2100) are set to missing and counted (`implausible-birth-year`). */
  readonly plausibleBirthYears?: { readonly min: number; readonly max: number };
  /** Force extra person columns to be numeric or categorical (default: numeric when every value is a number). */
  readonly covariateTypes?: CovariateTypes;
  /** Turn the first excluded row into a DataError instead of a quality-report entry. */
  readonly strict?: boolean;
  /** Names for the inputs in errors (the Node reader passes file paths), one per source; default the input names. */
  readonly names?: Partial<Record<TableName, string | readonly string[]>>;
  /**
   * Text encoding of CSV inputs: `'auto'` (default) reads UTF-8 and falls back to Windows-1252
   * when a file is not valid UTF-8 (flagged in the quality report); `'utf-8'` makes invalid
   * bytes an error. A UTF-16 file with a byte-order mark is always read as UTF-16.
   */
  readonly encoding?: 'auto' | TextEncodingName;
  /** Called as inputs are read (after every chunk of bytes), e.g. to show progress. */
  readonly onProgress?: (progress: ReadProgress) => void;
}

const keysOf = (o: object): Record<string, true> => Object.fromEntries(Object.keys(o).map((k) => [k, true] as const));
const PER_TABLE = { persons: true, support: true, employment: true, benefits: true } as const;
const FORMATS: readonly SourceFormat[] = ['auto', 'csv', 'csv.gz', 'arrow', 'parquet', 'sav'];

/** Every option name of {@link LoadCbsOptions}, for checkOptions. */
export const LOAD_KEYS: OptionKeys = {
  columns: { persons: keysOf(DEFAULT_COLUMNS.persons), support: keysOf(DEFAULT_COLUMNS.support), employment: keysOf(DEFAULT_COLUMNS.employment), benefits: keysOf(DEFAULT_COLUMNS.benefits) },
  format: PER_TABLE,
  csv: { delimiter: true, decimal: true },
  openEndSentinels: true,
  observation: { start: true, end: true },
  plausibleDates: { start: true, end: true },
  plausibleBirthYears: { min: true, max: true },
  covariateTypes: true,
  strict: true,
  names: PER_TABLE,
  encoding: true,
  onProgress: true,
};

/**
 * Load a CBS-style export: persons, support trajectories and employment spells, each as CSV text,
 * bytes (CSV, gzip CSV, Arrow IPC, Parquet; detected from the magic number) or an arquero table.
 * Runs in any JavaScript runtime.
 *
 * What it does, in order:
 * - Person keys are `RINPERSOONS` + `RINPERSOON`, always as text (leading zeros kept; a numeric
 *   column is zero-padded to 9 digits). Persons keep their input order; a repeated key is excluded.
 * - Dates are `YYYYMMDD` (text or 8-digit numbers), ISO `YYYY-MM-DD`, or Arrow/Parquet dates.
 *   An end date that is empty or a sentinel (`88888888`, `99999999`, `99991231`) means ongoing.
 * - Unreadable values (malformed date, empty key, a birth year that is not a number, a missing
 *   column) throw a `DataError` naming file, row, column and value.
 * - Rows that are readable but unusable are excluded and counted in `quality`: unknown person,
 *   end before start, exact duplicates (equal person, dates and categories), spells entirely
 *   outside the observation period. Spells partly outside are clipped (start → first day of the
 *   period; an end after the period → ongoing) and counted as repaired. Overlapping support
 *   trajectories of one person are kept and flagged. Per input, `read = kept + excluded`.
 * - Dates outside `plausibleDates` are excluded (`implausible-date`), implausible birth years set
 *   to missing; a non-UTF-8 file is read as Windows-1252 and flagged; an empty file, or a file
 *   with only its header line (no data rows), is a `DataError` naming the file, for every input.
 *   Option names are checked (a typo is refused).
 * - The observation period defaults to the earliest start date through the latest finite end or
 *   start date over all valid support and employment spells.
 * - Spells are sorted by person, start, end, with CSR offsets; categories are dictionary-encoded
 *   with sorted levels; every extra person column becomes a covariate.
 *
 * @example
 * const exp = await loadCbsExport({
 *   persons: 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR;000000001;1980;2\n',
 *   support: 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000001;20190101;88888888;Wsw;Pantar\n',
 *   employment: 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\nR;000000001;E1;20180101;20201231;O\n',
 * });
 * exp.persons.rinpersoon[0]; // '000000001'
 * exp.support.end[0] === OPEN_END; // true
 * formatIsoDate(exp.observation.end); // '2020-12-31'
 */
export async function loadCbsExport(sources: CbsSources, options: LoadCbsOptions = {}): Promise<CbsExport> {
  return loadCbsExportWith(sources, options, undefined);
}

/**
 * {@link loadCbsExport} with a reader that reads spell CSV files ahead, in byte ranges on other
 * threads (the Node reader passes one; the ranges are merged into exactly the one-thread result).
 *
 * @example
 * const exp = await loadCbsExportWith({
 *   persons: 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR;000000001;1980;2\n',
 *   support: 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000001;20190101;88888888;Wsw;Pantar\n',
 *   employment: 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\nR;000000001;E1;20180101;20201231;O\n',
 * }, {}, { start: () => ({ take: () => undefined, close: () => {} }) });
 * exp.employment.length; // 1
 */
export async function loadCbsExportWith(sources: CbsSources, options: LoadCbsOptions, parallel: ParallelSpellReader | undefined): Promise<CbsExport> {
  checkOptions('loadCbsExport', options, LOAD_KEYS);
  if (isPlainObject(sources)) checkOptions('loadCbsExport', sources, PER_TABLE, 'sources.');
  if (options.encoding !== undefined && options.encoding !== 'auto' && !TEXT_ENCODINGS.includes(options.encoding)) {
    throw new SpecificationError(`encoding: expected "auto" or one of ${TEXT_ENCODINGS.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(options.encoding)}`);
  }
  const columns = {
    persons: { ...DEFAULT_COLUMNS.persons, ...options.columns?.persons },
    support: { ...DEFAULT_COLUMNS.support, ...options.columns?.support },
    employment: { ...DEFAULT_COLUMNS.employment, ...options.columns?.employment },
    benefits: { ...DEFAULT_COLUMNS.benefits, ...options.columns?.benefits },
  };
  for (const [table, f] of Object.entries(options.format ?? {})) {
    if (!FORMATS.includes(f as SourceFormat)) throw new SpecificationError(`loadCbsExport: format.${table} must be one of ${FORMATS.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(f)}`);
  }
  const sentinels = new Set((options.openEndSentinels ?? DEFAULT_OPEN_END_SENTINELS).map((s) => s.trim()));
  const window = plausibleWindow(options.plausibleDates);
  const birthYears = options.plausibleBirthYears ?? DEFAULT_PLAUSIBLE_BIRTH_YEARS;
  if (typeof birthYears !== 'object' || birthYears === null || !(birthYears.min <= birthYears.max)) throw new SpecificationError('loadCbsExport: plausibleBirthYears must be { min, max } with min <= max');
  const given = options.observation === undefined ? undefined : resolveObservation(options.observation, undefined);
  const log = new QualityLog(options.strict ?? false);
  const spellColumns = {
    support: { ...columns.support, categories: [columns.support.scheme, columns.support.employerType] },
    employment: {
      ...columns.employment,
      categories: [columns.employment.employer, columns.employment.contract],
      numbers: [{ name: columns.employment.wage, required: options.columns?.employment?.wage !== undefined }, { name: columns.employment.hours, required: options.columns?.employment?.hours !== undefined }],
    },
    benefits: { ...columns.benefits, categories: [columns.benefits.type] },
  } satisfies Record<SpellTable, SpellColumnNames>;
  const checks = { sentinels, ...window };
  let ahead: SpellReadAhead | undefined;
  const context = <T extends TableName>(table: T): ReadContext & { table: T } => {
    const list = inputList(sources, table);
    return {
      table,
      sources: list,
      names: inputNames(options.names?.[table], table, list.length),
      format: options.format?.[table] ?? 'auto',
      csv: options.csv ?? {},
      encoding: options.encoding,
      log,
      onProgress: options.onProgress,
      ahead,
    };
  };
  // Strict reads stop at the first excluded row with its details: those come from the one-thread read.
  if (parallel && !options.strict) {
    const tables = (['support', 'employment', 'benefits'] as const).filter((t) => sources[t] !== undefined);
    ahead = parallel.start(tables.map((t) => ({ ...context(t), columns: spellColumns[t], checks })));
  }
  try {
    return await loadTables(sources, options, { log, context, columns, spellColumns, checks, given, birthYears });
  } finally {
    ahead?.close();
  }
}

/** What {@link loadTables} is given by the option checks. */
interface LoadSetup {
  readonly log: QualityLog;
  readonly context: <T extends TableName>(table: T) => ReadContext & { table: T };
  readonly columns: { readonly persons: PersonColumns };
  readonly spellColumns: Record<SpellTable, SpellColumnNames>;
  readonly checks: SpellChecks;
  readonly given: ObservationPeriod | undefined;
  readonly birthYears: { readonly min: number; readonly max: number };
}

/** Read the inputs in order (persons, support, employment, benefits) and build the export. */
async function loadTables(sources: CbsSources, options: LoadCbsOptions, setup: LoadSetup): Promise<CbsExport> {
  const { log, context, columns, spellColumns, checks, given, birthYears } = setup;
  const personsRaw = await readPersonsInput(context('persons'), columns.persons);
  log.setRead('persons', personsRaw.length);
  const { persons, index } = buildPersons(personsRaw, columns.persons, log, options.covariateTypes, birthYears);
  const lookup = personLookup(persons, index, personsRaw.keys?.index);
  const number = (p: number) => persons.rinpersoon[p]!;
  const spellInput = async (table: SpellTable) => {
    const read = await readSpellInput(context(table), spellColumns[table], lookup, checks);
    log.setRead(table, read.rows.length);
    return parsedSpells(read.rows, table, read, log, number);
  };
  const support = await spellInput('support');
  const employment = await spellInput('employment');
  const benefits = sources.benefits === undefined ? undefined : await spellInput('benefits');

  const observation = given ?? resolveObservation(undefined, spellDateRange([support, employment]));
  if (!given) for (const { table, row } of stretchingRows([support, employment], observation)) log.flag(table, 'observation-stretched', row);
  const s = finishSpells(support, observation, persons.length, log);
  const e = finishSpells(employment, observation, persons.length, log);
  const b = benefits && finishSpells(benefits, observation, persons.length, log);
  const supportTable: SupportTable = { length: s.length, person: s.person, start: s.start, end: s.end, scheme: s.categories[0]!, employerType: s.categories[1]!, offsets: s.offsets, sourceRow: s.sourceRow };
  flagOverlappingSupport(supportTable, log);

  const [wage, hours] = e.numbers;
  flagMissing(wage, e.sourceRow, 'missing-wage', log);
  flagMissing(hours, e.sourceRow, 'missing-hours', log);
  const employmentTable: EmploymentTable = {
    length: e.length, person: e.person, employer: e.categories[0]!, start: e.start, end: e.end, contract: e.categories[1]!, offsets: e.offsets, sourceRow: e.sourceRow, reportedStart: e.reportedStart,
    ...(wage ? { wage } : {}),
    ...(hours ? { hours } : {}),
  };
  const benefitTable: BenefitTable | undefined = b && { length: b.length, person: b.person, start: b.start, end: b.end, type: b.categories[0]!, offsets: b.offsets, sourceRow: b.sourceRow };
  return {
    persons,
    support: supportTable,
    employment: employmentTable,
    ...(benefitTable ? { benefits: benefitTable } : {}),
    observation,
    quality: log.report(),
  };
}

/** Flag every kept spell whose numeric value is missing (NaN). */
function flagMissing(values: Float64Array | undefined, sourceRow: Int32Array, issue: string, log: QualityLog): void {
  if (!values) return;
  for (let k = 0; k < values.length; k++) if (values[k] !== values[k]) log.flag('employment', issue, sourceRow[k]!);
}

function inputList(sources: CbsSources, table: TableName): readonly CbsSource[] {
  if (typeof sources !== 'object' || sources === null) throw new SpecificationError('loadCbsExport expects { persons, support, employment } (and optionally benefits)');
  const input = sources[table];
  if (input === undefined || input === null) throw new SpecificationError(`loadCbsExport: no ${table} input given`);
  const list = Array.isArray(input) ? (input as readonly CbsSource[]) : [input as CbsSource];
  if (list.length === 0) throw new SpecificationError(`loadCbsExport: the list of ${table} inputs is empty`);
  return list;
}

function inputNames(given: string | readonly string[] | undefined, table: TableName, count: number): string[] {
  if (given === undefined) return count === 1 ? [table] : Array.from({ length: count }, (_, k) => `${table}[${k}]`);
  const list = typeof given === 'string' ? (count === 1 ? [given] : Array.from({ length: count }, (_, k) => `${given}[${k}]`)) : [...given];
  if (list.length !== count) throw new SpecificationError(`names.${table}: expected ${count} name${count === 1 ? '' : 's'}, one per source, got ${list.length}`);
  return list;
}

function resolveObservation(option: LoadCbsOptions['observation'], derived: ObservationPeriod | undefined): ObservationPeriod {
  if (option) {
    if (typeof option !== 'object' || option === null) throw new SpecificationError('loadCbsExport: observation must be { start, end }');
    const start = optionDay('observation.start', option.start, 'loadCbsExport');
    const end = optionDay('observation.end', option.end, 'loadCbsExport');
    if (end < start || end >= OPEN_END) {
      throw new SpecificationError(`observation: expected integer days with start <= end, got ${JSON.stringify(option)}`);
    }
    return { start, end };
  }
  if (!derived) throw new SpecificationError('observation: no valid support or employment spell to derive the observation period from; pass options.observation');
  return derived;
}

/** Flag every support trajectory that starts before an earlier trajectory of its person has ended. */
function flagOverlappingSupport(support: SupportTable, log: QualityLog): void {
  for (let p = 0; p + 1 < support.offsets.length; p++) {
    let reach = -Infinity;
    for (let k = support.offsets[p]!; k < support.offsets[p + 1]!; k++) {
      if (support.start[k]! <= reach) log.flag('support', 'overlapping-support', support.sourceRow[k]!);
      if (support.end[k]! > reach) reach = support.end[k]!;
    }
  }
}
