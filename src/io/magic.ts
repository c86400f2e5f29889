/** What some bytes are, from their first bytes ("magic numbers"). */

/** Format of a byte source; `'auto'` detects it from the first bytes. */
export type SourceFormat = 'auto' | 'csv' | 'csv.gz' | 'arrow' | 'parquet' | 'sav';

/**
 * The format of some bytes, from their magic number: gzip (`1f 8b`), Parquet (`PAR1`),
 * Arrow IPC file (`ARROW1`) or stream (`ff ff ff ff`), SPSS system file (`$FL2`, `$FL3`), else CSV.
 *
 * @example
 * detectFormat(new TextEncoder().encode('PAR1....')); // 'parquet'
 * detectFormat(new TextEncoder().encode('$FL2@(#) SPSS DATA FILE')); // 'sav'
 * detectFormat(new TextEncoder().encode('a;b\n1;2')); // 'csv'
 */
export function detectFormat(bytes: Uint8Array): Exclude<SourceFormat, 'auto'> {
  const b = bytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'csv.gz';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return 'parquet';
  if (b.length >= 6 && String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!) === 'ARROW1') return 'arrow';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xff && b[2] === 0xff && b[3] === 0xff) return 'arrow';
  if (startsWith(b, ascii('$FL2')) || startsWith(b, ascii('$FL3'))) return 'sav';
  return 'csv';
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const EXPORT_HINT = 'export the table as CSV (or Parquet) first';

/**
 * Formats this library does not read, recognised so they are refused with a useful message instead
 * of being read as garbled CSV: the name of the format and how to export CSV from it; `undefined`
 * for anything else.
 *
 * @example
 * foreignFormat(new TextEncoder().encode('<stata_dta><header>')); // 'a Stata data file (.dta): in Stata use `export delimited`, in R haven::read_dta + write.csv'
 * foreignFormat(new TextEncoder().encode('RINPERSOONS;RINPERSOON')); // undefined
 */
export function foreignFormat(b: Uint8Array): string | undefined {
  if (startsWith(b, ascii('<stata_dta>')) || (b.length >= 4 && b[0]! >= 0x66 && b[0]! <= 0x73 && (b[1] === 1 || b[1] === 2) && b[2] === 1 && b[3] === 0)) {
    return 'a Stata data file (.dta): in Stata use `export delimited`, in R haven::read_dta + write.csv';
  }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return `a ZIP archive (e.g. an Excel .xlsx or OpenDocument .ods workbook, or a zipped file): save the sheet as CSV, or unzip it; ${EXPORT_HINT}`;
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return `an old Excel/Office file (.xls): save the sheet as CSV`;
  if (startsWith(b, [0xc2, 0xea, 0x81, 0x60], 12)) return 'a SAS data set (.sas7bdat): in SAS use PROC EXPORT DBMS=CSV, in R haven::read_sas + write.csv';
  if (startsWith(b, ascii('%PDF'))) return `a PDF document: ${EXPORT_HINT}`;
  if (startsWith(b, ascii('BZh'))) return 'bzip2-compressed data: decompress it (bunzip2) or recompress with gzip';
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz-compressed data: decompress it (unxz) or recompress with gzip';
  if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd-compressed data: decompress it (unzstd) or recompress with gzip';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'a 7-Zip archive: extract the CSV files from it';
  if (startsWith(b, ascii('SQLite format 3'))) return `an SQLite database: ${EXPORT_HINT}`;
  return undefined;
}
