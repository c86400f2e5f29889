/** CSV dialect options and delimiter detection (the tokenizer itself is csvTokenizer.ts). */
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

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
  if (typeof headerLine !== 'string') throw new SpecificationError(`detectDelimiter expects the header line as a string; got ${describeValue(headerLine)}`);
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
