import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table, toArrowIPC } from 'arquero';
import { gzipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { DataError } from '../../src/index.js';
import { formatFromPath, readCbsExport } from '../../src/node/readCbsExport.js';
import { expected, fixtureColumns, fixturePath, plain } from './fixture.js';

const paths = (dir: string) => ({ persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: join(dir, 'employment.csv') });

describe('readCbsExport (Node)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cbs-io-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the hand-written CSV fixtures', async () => {
    expect(plain(await readCbsExport(paths(fixturePath('.'))))).toEqual(expected);
  });

  it('reads the Dutch-style fixtures (";", "," decimals, BOM, CRLF)', async () => {
    const nl = paths(fixturePath('nl'));
    const bytes = readFileSync(nl.persons);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes('\r\n')).toBe(true);
    expect(plain(await readCbsExport(nl))).toEqual(expected);
  });

  it('reads gzip CSV, Arrow and Parquet files, by extension or by magic number', async () => {
    const csv = (n: 'persons' | 'support' | 'employment') => readFileSync(fixturePath(`${n}.csv`));
    writeFileSync(join(dir, 'persons.csv.gz'), gzipSync(csv('persons')));
    writeFileSync(join(dir, 'support.arrow'), toArrowIPC(table(fixtureColumns('support')), { format: 'file' }));
    const pq = parquetWriteBuffer({ columnData: Object.entries(fixtureColumns('employment')).map(([name, data]) => ({ name, data, type: 'STRING' as const })) });
    writeFileSync(join(dir, 'employment.parquet'), new Uint8Array(pq));
    writeFileSync(join(dir, 'employment.dat'), new Uint8Array(pq)); // no known extension: magic number
    const byExtension = await readCbsExport({ persons: join(dir, 'persons.csv.gz'), support: join(dir, 'support.arrow'), employment: join(dir, 'employment.parquet') });
    expect(plain(byExtension)).toEqual(expected);
    const byMagic = await readCbsExport({ persons: join(dir, 'persons.csv.gz'), support: join(dir, 'support.arrow'), employment: join(dir, 'employment.dat') });
    expect(plain(byMagic)).toEqual(expected);
  });

  it('names the file path when a file does not exist', async () => {
    const missing = join(dir, 'nope', 'support.csv');
    const p = { ...paths(fixturePath('.')), support: missing };
    await expect(readCbsExport(p)).rejects.toBeInstanceOf(DataError);
    await expect(readCbsExport(p)).rejects.toMatchObject({ file: missing, value: 'ENOENT' });
    await expect(readCbsExport(p)).rejects.toThrow(missing);
  });

  it('names the file path in errors about its content', async () => {
    const bad = join(dir, 'bad-support.csv');
    writeFileSync(bad, readFileSync(fixturePath('support.csv'), 'utf8').replace('20190301', '20190399'));
    await expect(readCbsExport({ ...paths(fixturePath('.')), support: bad })).rejects.toMatchObject({ file: bad, row: 1, column: 'AANVBUS', value: '20190399' });
  });

  it('maps file extensions to formats', () => {
    expect(['a.csv', 'a.CSV', 'a.csv.gz', 'a.gz', 'a.arrow', 'a.arrows', 'a.feather', 'a.parquet', 'a.bin'].map(formatFromPath)).toEqual(['csv', 'csv', 'csv.gz', 'auto', 'arrow', 'arrow', 'arrow', 'parquet', 'auto']);
  });
});
