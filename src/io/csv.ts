/** CSV text → {@link RawTable}, with the quirks of CBS and statistical-package exports. */
import { fromCSV } from 'arquero';
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
 * CRLF line ends are handled.
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
  const table = fromCSV(body, { delimiter, autoType: false });
  return rawFromArquero(table, file, decimal);
}
