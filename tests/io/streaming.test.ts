// The streaming CSV reader against the arquero CSV parser the loader used before it (the same
// text parsed by `fromCSV` and passed as tables): identical exports, whatever the chunking.
import { fromCSV } from 'arquero';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/io/csv.js';
import { DataError, loadCbsExport, type CbsExport, type CbsSources, type LoadCbsOptions } from '../../src/index.js';
import { embeddedDataPath } from '../../src/node/embedded.js';
import { fixtureCsv, fixturePath } from './fixture.js';

type Name = 'persons' | 'support' | 'employment';
const NAMES: readonly Name[] = ['persons', 'support', 'employment'];

/** Every column of an export, sourceRow and reportedStart included, plus the quality report. */
export function everything(exp: CbsExport): Record<string, unknown> {
  const cat = (c: { codes: Int32Array; levels: readonly string[] }) => ({ codes: [...c.codes], levels: [...c.levels] });
  const arr = (x: ArrayLike<number> | undefined) => (x === undefined ? undefined : Array.from(x));
  const p = exp.persons;
  const s = exp.support;
  const e = exp.employment;
  return {
    persons: {
      length: p.length, rinpersoons: [...p.rinpersoons], rinpersoon: [...p.rinpersoon], birthYear: arr(p.birthYear), sex: cat(p.sex), sourceRow: arr(p.sourceRow),
      covariates: Object.fromEntries(Object.entries(p.covariates).map(([k, v]) => [k, v instanceof Float64Array ? arr(v) : cat(v)])),
    },
    support: { length: s.length, person: arr(s.person), start: arr(s.start), end: arr(s.end), scheme: cat(s.scheme), employerType: cat(s.employerType), offsets: arr(s.offsets), sourceRow: arr(s.sourceRow) },
    employment: { length: e.length, person: arr(e.person), start: arr(e.start), end: arr(e.end), employer: cat(e.employer), contract: cat(e.contract), offsets: arr(e.offsets), sourceRow: arr(e.sourceRow), reportedStart: arr(e.reportedStart) },
    observation: exp.observation,
    quality: exp.quality,
  };
}

/** The text as the previous loader parsed it: arquero's CSV parser, every value a string. */
function viaArquero(text: string) {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const header = body.slice(0, body.indexOf('\n'));
  return fromCSV(body.replace(/[\r\n]+$/, ''), { delimiter: detectDelimiter(header), autoType: false });
}

/** Bytes as a stream of chunks of `size` bytes. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function same(texts: Record<Name, string>, options: LoadCbsOptions, chunkSizes: readonly number[]) {
  const decimal = (t: string) => (detectDelimiter(t.slice(0, t.indexOf('\n'))) === ';' ? ',' : '.');
  const want = everything(await loadCbsExport(Object.fromEntries(NAMES.map((n) => [n, viaArquero(texts[n])])) as unknown as CbsSources, { ...options, csv: { decimal: decimal(texts.persons) } }));
  expect(everything(await loadCbsExport(texts, options))).toEqual(want);
  for (const size of chunkSizes) {
    const streams = Object.fromEntries(NAMES.map((n) => [n, chunked(new TextEncoder().encode(texts[n]), size)])) as unknown as CbsSources;
    expect(everything(await loadCbsExport(streams, options)), `chunks of ${size} bytes`).toEqual(want);
  }
}

describe('the streaming reader gives the same export as the CSV parser it replaced', () => {
  it('on the hand-written fixtures, in chunks of any size', async () => {
    const texts = { persons: fixtureCsv('persons'), support: fixtureCsv('support'), employment: fixtureCsv('employment') };
    await same(texts, {}, [1, 2, 3, 7, 64]);
  });

  it('on the Dutch fixtures (";", "," decimals, BOM, CRLF), in chunks of any size', async () => {
    const read = (n: Name) => readFileSync(fixturePath(`nl/${n}.csv`), 'utf8');
    await same({ persons: read('persons'), support: read('support'), employment: read('employment') }, {}, [1, 5, 13]);
  });

  it('with quoted fields holding delimiters, quotes and line breaks, and quality issues of every kind', async () => {
    const persons = fixtureCsv('persons').replace('Zaandam', '"Zaandam,\nNoord ""oud"""') + 'R,000000012,1990,1,Amsterdam,\n';
    const support = fixtureCsv('support') + 'R,000000003,20170101,20171231,Participatiewet,sociale firma\nR,999999999,20170101,20171231,Wsw,Pantar\nR,000000003,20150101,20140101,Wsw,Pantar\n';
    const employment = fixtureCsv('employment') + 'R,000000012,"E""9",20100101,20101231,B\nR,000000003,E4,20150101,20250101,O\n';
    await same({ persons, support, employment }, { observation: { start: '20160101', end: '20201231' } }, [1, 4, 9]);
  });

  describe('person keys, which the CSV reader takes from the bytes', () => {
    const header = 'RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT\n';
    const persons = header + 'R,000000001,1980,1\n R ,000000002 ,1981,2\nR,000000001,1982,1\nR, 000000002,1983,2\nR,000000003,,1\n';
    const support = 'RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE\nR,000000002,20170101,20171231,Wsw,Pantar\nR, 000000003 ,20170101,20171231,Wsw,Pantar\n';
    const employment = 'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT\nR,000000001,E1,20160101,20171231,O\nR,000000001,E1,20160101,20171231,O\nR,000000002,E2,20170101,,B\nR,000000009,E2,20170101,,B\n';

    it('padded and repeated keys, and keys that are not ASCII, as the text reader reads them', async () => {
      await same({ persons, support, employment }, {}, [1, 5]);
      const accented = (t: string) => t.replaceAll('000000003', '00000000é');
      await same({ persons: accented(persons), support: accented(support), employment }, {}, [3]);
    });

    it('an empty key, and a repeated key under strict, are the same DataError', async () => {
      const cases = [header + 'R,000000001,1980,1\nR,000000001,1981,1\n', header + 'R,000000001,1980,1\n,000000002,1981,1\n', header + 'R,000000001,1980,1\nR,  ,1981,1\nR,000000001,1981,1\n'];
      for (const [k, text] of cases.entries()) {
        const fromText = await loadCbsExport({ persons: viaArquero(text), support, employment } as unknown as CbsSources, { strict: true }).catch((e: Error) => e);
        const fromBytes = await loadCbsExport({ persons: text, support, employment }, { strict: true }).catch((e: Error) => e);
        expect(fromText, `case ${k}`).toBeInstanceOf(DataError);
        expect((fromBytes as Error).message, `case ${k}`).toBe((fromText as Error).message);
      }
    });
  });

  describe('on the embedded export', () => {
    const texts = {} as Record<Name, string>;
    beforeAll(() => {
      for (const n of NAMES) texts[n] = new TextDecoder().decode(gunzipSync(readFileSync(embeddedDataPath(`${n}.csv.gz`))));
    });
    it('as text and in 64 KiB and 1000-byte chunks', async () => {
      expect(texts.employment.length).toBeGreaterThan(1_000_000);
      await same(texts, {}, [65536, 1000]);
    }, 120_000);
  });
});
