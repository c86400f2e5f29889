/**
 * Text encodings of CSV inputs. UTF-8 is read strictly; a file that is not valid UTF-8 is read as
 * Windows-1252 (the usual encoding of exports from Windows statistics packages) and the quality
 * report says so. UTF-16 files with a byte-order mark are converted to UTF-8 as they stream.
 */

/** Encodings a CSV input can be read with (`options.encoding`). */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The encodings `options.encoding` accepts. */
export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

/**
 * Offset of the first byte in `bytes[from, to)` that does not belong to a valid UTF-8 sequence,
 * or -1 when the range is valid (overlong forms, surrogates and code points above U+10FFFF are
 * invalid; a sequence cut off at `to` is invalid too).
 *
 * @example
 * invalidUtf8(new TextEncoder().encode('België'), 0, 7); // -1
 * invalidUtf8(new Uint8Array([0x42, 0xeb, 0x2c]), 0, 3); // 1
 */
export function invalidUtf8(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    if (i + need >= to) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const decoders = new Map<string, TextDecoder>();

/** A cached decoder (UTF-8 input is validated before it is decoded, so nothing is replaced silently). */
export function decoderFor(encoding: 'utf-8' | 'windows-1252'): TextDecoder {
  let d = decoders.get(encoding);
  if (!d) decoders.set(encoding, (d = new TextDecoder(encoding)));
  return d;
}

// Windows-1252 bytes 0x80–0x9F (€, ‚, ƒ, „, …, †, ‡, ˆ, ‰, Š, ‹, Œ, Ž, ‘, ’, “, ”, •, –, —, ˜, ™, š, ›, œ, ž, Ÿ; the
// five unassigned bytes keep their C1 code). Some runtimes' TextDecoder('windows-1252') reads these
// as C1 control characters (ISO-8859-1), so the table is applied here.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 text: every byte is one character; 0x80–0x9F through the table above. */
function decodeWindows1252(bytes: Uint8Array): string {
  // ASCII (person numbers, most fields) reads the same in every encoding: the native decoder is
  // many times faster than building the string from character codes.
  let high = 0;
  for (let i = 0; i < bytes.length; i++) high |= bytes[i]!;
  if (high < 0x80) return decoderFor('utf-8').decode(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const codes = Array.from(bytes.subarray(i, i + 4096), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b));
    out += String.fromCharCode.apply(null, codes);
  }
  return out;
}

/**
 * Text of `bytes[from, to)`: ASCII directly from the codes, anything else with the decoder.
 *
 * @example
 * decodeBytes(new Uint8Array([0x42, 0xeb]), 0, 2, 'windows-1252'); // 'Bë'
 * decodeBytes(new Uint8Array([0x80, 0x92, 0x96]), 0, 3, 'windows-1252'); // '€’–'
 * decodeBytes(new TextEncoder().encode('R;1'), 0, 1, 'utf-8'); // 'R'
 */
export function decodeBytes(bytes: Uint8Array, from: number, to: number, encoding: 'utf-8' | 'windows-1252'): string {
  const n = to - from;
  if (n === 0) return '';
  if (n === 1 && bytes[from]! < 0x80) return ONE_CHAR[bytes[from]!]!;
  if (n <= 64) {
    let high = 0;
    for (let i = from; i < to; i++) high |= bytes[i]!;
    if (high < 0x80) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  }
  const slice = bytes.subarray(from, to);
  return encoding === 'windows-1252' ? decodeWindows1252(slice) : decoderFor(encoding).decode(slice);
}

const ONE_CHAR = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/**
 * Convert a UTF-16 stream (after its byte-order mark) to UTF-8 chunk by chunk.
 *
 * @example
 * const bytes = new Uint8Array([0x61, 0, 0x3b, 0, 0xeb, 0]); // 'a;ë' in UTF-16LE
 * const out: Uint8Array[] = [];
 * for await (const c of utf16ToUtf8((async function* () { yield bytes.subarray(0, 3); yield bytes.subarray(3); })(), 'utf-16le')) out.push(c);
 * new TextDecoder().decode(new Uint8Array(out.flatMap((c) => [...c]))); // 'a;ë'
 */
export async function* utf16ToUtf8(source: AsyncIterable<Uint8Array>, encoding: 'utf-16le' | 'utf-16be'): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield encoder.encode(text);
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield encoder.encode(rest);
}
