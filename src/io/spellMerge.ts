/**
 * The ranges of one spell CSV file, read in parallel ({@link readSpellRange}), merged into
 * {@link SpellRows} exactly as the one-thread reader ({@link CsvSpellSink}) adds them: rows in file
 * order, person keys looked up in the persons' byte index, the same exclusions in the same order,
 * category levels in order of first appearance in the file.
 */
import { ByteDictionary } from './byteDictionary.js';
import { shareFileLevels, type PersonLookup } from './csvSpells.js';
import type { QualityLog } from './qualityLog.js';
import { presentNumbers } from './spellNumbers.js';
import { RANGE_IMPLAUSIBLE_END, RANGE_IMPLAUSIBLE_START, RANGE_OK, type SpellRangeResult } from './spellRange.js';
import type { SpellRows } from './spellRows.js';
import type { SpellColumnNames, SpellTable } from './spells.js';
import { checkHeader } from './csvHeader.js';

/** Where an excluded row's details come from: only `strict` evaluates them, and strict reads never use ranges. */
const NO_DETAILS = (file: string) => () => ({ file, expected: 'details of excluded rows are kept by the one-thread read (options.strict)' });

/**
 * Whether the ranges can be merged: none asked for a fallback, only the last may end with empty
 * lines, and there are data rows (a header-only file is left to the one-thread read, which reports it).
 */
export function canMerge(results: readonly SpellRangeResult[]): boolean {
  if (results.length === 0 || results.some((r) => 'fallback' in r || !Array.isArray(r.header))) return false;
  for (let k = 0; k + 1 < results.length; k++) if (results[k]!.trailingBlank) return false;
  return results.some((r) => r.length > 0);
}

/**
 * Add the rows of a file's ranges (which must pass {@link canMerge}) to `rows`; returns the start
 * and end column names as found in the header. `encoding` decodes the category levels.
 *
 * @example
 * import { PersonKeyIndex } from './byteDictionary.js';
 * import { QualityLog } from './qualityLog.js';
 * import { readSpellRange } from './spellRange.js';
 * import { SpellRows } from './spellRows.js';
 * const enc = new TextEncoder();
 * const columns = { rinpersoons: 'RINPERSOONS', rinpersoon: 'RINPERSOON', start: 'AANVBUS', end: 'EINDBUS', categories: ['SBEID'] };
 * const task = { file: 'e.csv', delimiter: undefined, decimal: undefined, encoding: 'auto' as const, lo: -7305, hi: 47846, sentinels: [], columns };
 * const head = enc.encode('RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS\n');
 * const ranges = [await readSpellRange(task, head, [enc.encode('R;1;E1;20190101;20190131\n')]), await readSpellRange(task, head, [enc.encode('R;2;E2;20190101;20190131\n')])];
 * const bytes = new PersonKeyIndex();
 * bytes.add('R', '1', 0);
 * const rows = new SpellRows(1);
 * const log = new QualityLog(false);
 * mergeSpellRanges(rows, 'e.csv', 'employment', columns, { bytes }, log, ranges, 'utf-8');
 * [rows.length, rows.nValid, log.report().entries[0]!.issue, rows.dictionaries[0]!.values]; // [2, 1, 'unknown-person', ['E1', 'E2']]
 */
export function mergeSpellRanges(rows: SpellRows, file: string, table: SpellTable, columns: SpellColumnNames, persons: Pick<PersonLookup, 'bytes'>, log: QualityLog, results: readonly SpellRangeResult[], encoding: 'utf-8' | 'windows-1252'): { start: string; end: string } {
  const header = results[0]!.header;
  const found = checkHeader(file, header, [columns.start, columns.end]);
  const numbers = presentNumbers(rows, file, header, columns.numbers ?? []);
  rows.beginFile(file);
  const first = rows.length;
  rows.reserve(results.reduce((s, r) => s + r.length, 0));
  const dicts = columns.categories.map(() => new ByteDictionary());
  // A column stays digit keys when every range kept it so (then the keys are copied as they are).
  const keyed = columns.categories.map((_, c) => rows.keyed[c]! && results.every((r) => r.categories[c]!.keyed));
  keyed.forEach((k, c) => k || rows.unkey(c, first));
  const details = NO_DETAILS(file);
  for (const r of results) {
    const keyPerson = new Int32Array(r.keys.size);
    for (let k = 0; k < r.keys.size; k++) keyPerson[k] = persons.bytes.lookup(r.keys.pool, r.keys.offsets[k]!, r.keys.offsets[k + 1]!);
    const remaps = r.categories.map((c, j) => {
      const remap = new Int32Array(c.levels.size);
      for (let k = 0; k < c.levels.size; k++) remap[k] = dicts[j]!.code(c.levels.pool, c.levels.offsets[k]!, c.levels.offsets[k + 1]!);
      return remap;
    });
    const at = rows.length;
    rows.start.set(r.start, at);
    rows.end.set(r.end, at);
    const person = rows.person;
    const valid = rows.valid;
    const { keyCode, status } = r;
    let nValid = 0;
    for (let i = 0; i < r.length; i++) {
      const p = keyPerson[keyCode[i]!]!;
      const s = status[i]!;
      if (p >= 0 && s === RANGE_OK) {
        person[at + i] = p;
        valid[at + i] = 1;
        nValid++;
        continue;
      }
      person[at + i] = -1;
      valid[at + i] = 0;
      const row = at + i + 1;
      if (p < 0) log.exclude(table, 'unknown-person', row, details);
      else if (s === RANGE_IMPLAUSIBLE_START || s === RANGE_IMPLAUSIBLE_END) log.exclude(table, 'implausible-date', row, details);
      else log.exclude(table, 'end-before-start', row, details);
    }
    rows.length += r.length;
    rows.nValid += nValid;
    copyColumns(rows, at, r, { remaps, keyed, dicts }, numbers);
  }
  shareFileLevels(rows, first, dicts, encoding);
  return { start: header[found[0]!]!, end: header[found[1]!]! };
}

/** How a range's category codes become the file's: through `remaps`, or as digit keys (`keyed`), coded in `dicts` when the file's column is not keyed. */
interface CategoryMaps {
  readonly remaps: readonly Int32Array[];
  readonly keyed: readonly boolean[];
  readonly dicts: readonly ByteDictionary[];
}

/** Category codes (through the range's remaps) and the numeric columns read, from row `at` on. */
function copyColumns(rows: SpellRows, at: number, r: SpellRangeResult, maps: CategoryMaps, numbers: readonly (string | undefined)[]): void {
  for (let c = 0; c < maps.remaps.length; c++) {
    const remap = maps.remaps[c]!;
    const from = r.categories[c]!.codes;
    const to = rows.categories[c]!;
    if (maps.keyed[c]) to.set(from, at);
    else if (r.categories[c]!.keyed) for (let i = 0; i < r.length; i++) to[at + i] = from[i]! < 0 ? -1 : maps.dicts[c]!.codeKey(from[i]!);
    else for (let i = 0; i < r.length; i++) to[at + i] = from[i]! < 0 ? -1 : remap[from[i]!]!;
  }
  for (let c = 0; c < numbers.length; c++) if (numbers[c] !== undefined) rows.numbers[c]!.set(r.numbers[c]!, at);
}
