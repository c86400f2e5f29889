// SPSS system files written by PSPP (tests/io/fixtures/sav/write.sps): the same export as the
// hand-written CSV fixture, through uncompressed, bytecode- and zlib-compressed data, long
// variable names, numeric and string value labels and an SPSS date variable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { DataError, detectFormat, loadCbsExport } from '../../src/index.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';
import { savParts } from '../../src/io/sav.js';
import { expected, fixtureCsv, fixturePath, plain } from './fixture.js';

const tables = ['persons', 'support', 'employment'] as const;
const savPath = (t: string) => fixturePath(`sav/${t}.sav`);
const savBytes = (t: string) => new Uint8Array(readFileSync(savPath(t)));
const each = <T>(f: (t: (typeof tables)[number]) => T) => ({ persons: f('persons'), support: f('support'), employment: f('employment') });
const counts = (q: unknown) => JSON.parse(JSON.stringify(q, (k, v) => (k === 'file' || k === 'files' ? undefined : v)));

describe('SPSS .sav inputs (written by PSPP)', () => {
  it('are detected by their magic bytes', () => {
    for (const t of tables) expect(detectFormat(savBytes(t))).toBe('sav');
  });
  it('load to the same export as the equivalent CSV files', async () => {
    const csv = await loadCbsExport(each(fixtureCsv));
    const sav = await loadCbsExport(each(savBytes));
    expect(plain(sav)).toEqual(expected);
    expect(plain(sav)).toEqual(plain(csv));
    expect(counts(sav.quality)).toEqual(counts(csv.quality));
  });
  it('read from paths (and gzip-compressed) in Node', async () => {
    expect(plain(await readCbsExport(each(savPath)))).toEqual(expected);
    expect(plain(await loadCbsExport({ ...each(savBytes), persons: gzipSync(savBytes('persons')) }))).toEqual(expected);
  });
  it('give value labels as the category names and dates as dates', () => {
    const [support] = [...savParts(savBytes('support'), 'support.sav', '.')];
    expect(Array.from(support!.column('REGELING'))).toEqual(['Wsw', 'Participatiewet', 'Participatiewet']);
    expect(Array.from(support!.column('WERKGEVERTYPE'))).toEqual(['Pantar', 'regulier', 'sociale firma']);
    expect(Array.from(support!.column('EINDBUS'))).toEqual([20201231, 88888888, 20171231]);
    const [employment] = [...savParts(savBytes('employment'), 'employment.sav', '.')];
    expect((employment!.column('AANVBUS') as Date[]).map((d) => d.getTime())).toEqual([Date.UTC(2019, 0, 1), Date.UTC(2017, 5, 1), Date.UTC(2016, 0, 1), Date.UTC(2018, 0, 1)]);
    expect(Array.from(employment!.column('SCONTRACTSOORT'))).toEqual(['B', 'O', 'B', null]);
    const [persons] = [...savParts(savBytes('persons'), 'persons.sav', '.')];
    expect(persons!.columnNames).toEqual(['RINPERSOONS', 'RINPERSOON', 'GBAGEBOORTEJAAR', 'GBAGESLACHT', 'GEMEENTE', 'INKOMEN']);
    expect(Array.from(persons!.column('INKOMEN'))).toEqual([1500.5, null, 2000]);
  });
  it('are read in parts whose rows count from the start of the file', () => {
    const parts = [...savParts(savBytes('employment'), 'employment.sav', '.', 3)];
    expect(parts.map((p) => [p.length, p.firstRow])).toEqual([[3, 0], [1, 3]]);
  });
});

describe('bad .sav inputs name the file', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cbs-sav-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a truncated file is a DataError naming it', async () => {
    for (const [t, cut] of [['persons', 300], ['support', -5], ['persons', -3]] as const) {
      const bytes = savBytes(t);
      const path = join(dir, `${t}.sav`);
      writeFileSync(path, bytes.subarray(0, cut < 0 ? bytes.length + cut : cut));
      const err = await readCbsExport({ ...each(savPath), [t]: path }).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).file).toBe(path);
    }
  });
  it('a bad date in a .sav spell names its row and column', async () => {
    const path = join(dir, 'bad-support.sav');
    const bytes = savBytes('support');
    // 20171231 → 20171331 in the third case (bytecode-compressed files store such numbers raw).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = -1;
    for (let i = bytes.length - 8; i >= 0 && at < 0; i--) if (view.getFloat64(i, true) === 20171231) at = i;
    view.setFloat64(at, 20171331, true);
    writeFileSync(path, bytes);
    const err = await readCbsExport({ ...each(savPath), support: path }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DataError);
    expect([(err as DataError).file, (err as DataError).row, (err as DataError).column]).toEqual([path, 3, 'EINDBUS']);
  });
});
