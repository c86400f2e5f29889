/** CSV text → {@link RawTable}, with the quirks of CBS and statistical-package exports. */
import { fromCSV } from 'arquero';
import { DataError } from '../core/errors.js';
import { rawFromArquero, type RawTable } from './rawTable.js';

/** How to split CSV text; omitted fields are detected from the header line. */
export interface CsvOptions {
  /** Field delimiter; default: whichever of `;`, `,`, tab, `|` occurs most in the header line. */
  readonly delimiter?: string;
  /** Decimal separator of numbers; default `','` when the delimiter is `;`, else `'.'`. */
  readonly decimal?: string;
}

/**
 * The delimiter used by a header line: the most frequent of `;`, `,`, tab and `|` outside quotes
 * (`,` when none occurs).
 *
 * @example
 * detectDelimiter('RINPERSOONS;RINPERSOON;AANVBUS'); // ';'
 * detectDelimiter('a,b'); // ','
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

/**
 * Parse CSV text into a {@link RawTable}. Every value stays a string (person numbers keep their
 * leading zeros; conversion happens later, column by column). A byte-order mark is stripped,
 * CRLF line ends are handled, and a record whose field count differs from the header's is a
 * {@link DataError} (trailing blank lines at the end of the text are ignored).
 *
 * @example
 * const raw = parseCsv('\uFEFFRINPERSOON;X\r\n000000001;1,5\r\n', 'persons.csv');
 * raw.columnNames; // ['RINPERSOON', 'X']
 * raw.column('RINPERSOON')[0]; // '000000001'
 * raw.decimal; // ','
 */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): RawTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineEnd = body.indexOf('\n');
  const header = lineEnd < 0 ? body : body.slice(0, lineEnd);
  const delimiter = options.delimiter ?? detectDelimiter(header);
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const records = trimTrailingNewlines(body);
  checkFieldCounts(records, file, delimiter);
  const table = fromCSV(records, { delimiter, autoType: false });
  return rawFromArquero(table, file, decimal);
}

function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Every record must have as many fields as the header: the CSV parser would silently pad a short
 * row (a missing end date would then read as "ongoing") or drop the extra fields of a long one.
 * One pass over the character codes, honouring quoted fields (which may contain delimiters and
 * line breaks).
 */
function checkFieldCounts(text: string, file: string, delimiter: string): void {
  const delim = delimiter.charCodeAt(0);
  let expected = -1;
  let fields = 1;
  let row = 0; // 0 = header
  let recordStart = 0;
  let quoted = false;
  const n = text.length;
  let fieldStart = true;
  for (let i = 0; i <= n; i++) {
    if (quoted) {
      if (i === n) break;
      if (text.charCodeAt(i) === 34) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 34) i++; // "" is an escaped quote
        else quoted = false;
      }
      continue;
    }
    const c = i < n ? text.charCodeAt(i) : 10;
    // As in the CSV parser, a quote opens a quoted field only at the start of a field.
    if (c === 34 && fieldStart) quoted = true;
    fieldStart = c === delim || c === 10;
    if (c === delim) fields++;
    else if (c === 10) {
      if (expected < 0) expected = fields;
      else if (fields !== expected) {
        const line = text.slice(recordStart, i).replace(/\r$/, '');
        throw new DataError({
          file,
          row,
          value: line.length > 200 ? `${line.slice(0, 200)}…` : line,
          expected: `${expected} fields separated by ${JSON.stringify(delimiter)}, as in the header line; got ${line === '' ? 'an empty line' : `${fields} field${fields === 1 ? '' : 's'}`}`,
        });
      }
      row++;
      fields = 1;
      recordStart = i + 1;
    }
  }
  if (quoted) throw new DataError({ file, row, expected: 'a closing quote (") before the end of the file' });
}
