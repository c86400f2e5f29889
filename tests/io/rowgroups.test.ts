// Parquet read row group by row group and Arrow read record batch by record batch: the same export
// as the same rows in CSV, and rows in errors counted from the start of the file, not of the part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { DataError, loadCbsExport, type CbsExport } from '../../src/index.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';
import { table, toArrowIPC } from 'arquero';
import { fixtureColumns, fixtureCsv, fixturePath } from './fixture.js';

const tables = ['persons', 'support', 'employment'] as const;
const files = (ext: string) => Object.fromEntries(tables.map((t) => [t, fixturePath(`rowgroups/${t}.${ext}`)])) as Record<(typeof tables)[number], string>;
const content = (e: CbsExport) => ({ persons: e.persons, support: e.support, employment: e.employment });
const counts = (e: CbsExport) => JSON.parse(JSON.stringify(e.quality, (k, v) => (k === 'file' || k === 'files' ? undefined : v)));

describe('Parquet with several row groups (written by DuckDB)', () => {
  it('the employment fixture really has several row groups', () => {
    const b = readFileSync(files('parquet').employment);
    const meta = parquetMetadata(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([2048, 2048, 1904]);
  });
  it('loads to the same export as the same rows written as CSV, from paths and from bytes', async () => {
    const csv = await readCbsExport(files('csv.gz'));
    const fromPaths = await readCbsExport(files('parquet'));
    expect(csv.employment.start.length).toBeGreaterThan(5000);
    expect(content(fromPaths)).toEqual(content(csv));
    expect(counts(fromPaths)).toEqual(counts(csv));
    const bytes = Object.fromEntries(tables.map((t) => [t, new Uint8Array(readFileSync(files('parquet')[t]))]));
    expect(content(await loadCbsExport(bytes as Record<(typeof tables)[number], Uint8Array>))).toEqual(content(csv));
  });
});

describe('Arrow with several record batches (written by Arrow C++, scripts/write-arrow-fixture.py)', () => {
  // Employment of the fixture above as Arrow: dictionary-encoded strings with nulls, date32 dates,
  // batches of 1000 rows; the stream file switches dictionaries between batches.
  const arrow = (name: string) => fixturePath(`arrowbatches/${name}`);
  it('loads to the same export as the same rows written as CSV, file and stream format, from paths, bytes and chunks', async () => {
    const csv = await readCbsExport(files('csv.gz'));
    for (const name of ['employment.arrow', 'employment.arrows']) {
      const fromPath = await readCbsExport({ ...files('csv.gz'), employment: arrow(name) });
      expect(content(fromPath)).toEqual(content(csv));
      expect(counts(fromPath)).toEqual(counts(csv));
    }
    const bytes = Object.fromEntries(tables.map((t) => [t, new Uint8Array(readFileSync(files('csv.gz')[t]))])) as Record<(typeof tables)[number], Uint8Array>;
    const stream = async function* () {
      const b = readFileSync(arrow('employment.arrows'));
      for (let at = 0; at < b.length; at += 4093) yield new Uint8Array(b.subarray(at, at + 4093));
    };
    expect(content(await loadCbsExport({ ...bytes, employment: new Uint8Array(readFileSync(arrow('employment.arrow'))) }))).toEqual(content(csv));
    expect(content(await loadCbsExport({ ...bytes, employment: stream() }))).toEqual(content(csv));
  });
  it('a bad date in the second record batch names its row in the file', async () => {
    const e = fixtureColumns('employment');
    e['AANVBUS']![2] = '2019-13-45';
    const sources = { persons: fixtureCsv('persons'), support: fixtureCsv('support'), employment: toArrowIPC(table(e), { maxBatchRows: 2 }) };
    const err = await loadCbsExport(sources).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DataError);
    expect([(err as DataError).file, (err as DataError).row, (err as DataError).value]).toEqual(['employment', 3, '2019-13-45']);
  });
});

describe('row numbers across row groups', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cbs-rowgroups-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, columns: Record<string, (string | null)[]>) => {
    const path = join(dir, name);
    writeFileSync(path, new Uint8Array(parquetWriteBuffer({ rowGroupSize: 2, columnData: Object.entries(columns).map(([n, data]) => ({ name: n, data, type: 'STRING' as const })) })));
    return path;
  };

  it('a bad date in the second row group names its row in the file', async () => {
    const e = fixtureColumns('employment');
    e['AANVBUS']![3] = '2019-13-45';
    const paths = { persons: write('p.parquet', fixtureColumns('persons')), support: write('s.parquet', fixtureColumns('support')), employment: write('e.parquet', e) };
    const err = await readCbsExport(paths).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).row).toBe(4);
    expect((err as DataError).file).toBe(paths.employment);
  });
  it('an unknown person in the second row group is logged with its row in the file', async () => {
    const e = fixtureColumns('employment');
    e['RINPERSOON']![2] = '999999999';
    const sources = {
      persons: new Uint8Array(readFileSync(write('p2.parquet', fixtureColumns('persons')))),
      support: new Uint8Array(readFileSync(write('s2.parquet', fixtureColumns('support')))),
      employment: new Uint8Array(readFileSync(write('e2.parquet', e))),
    };
    const exp = await loadCbsExport(sources);
    expect(exp.quality.entries.find((x) => x.issue === 'unknown-person')?.exampleRows).toEqual([3]);
    const err = await loadCbsExport(sources, { strict: true }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DataError);
    expect([(err as DataError).row, (err as DataError).value]).toEqual([3, '999999999']);
  });
});

describe('spell rows added in several large parts', () => {
  it('keep every row valid when the columns grow several times (all columns one length)', async () => {
    const { SpellRows } = await import('../../src/io/spellRows.js');
    const rows = new SpellRows(1);
    rows.beginFile('x');
    // Three reservations of 3000: the third used to double the spell columns but not `valid`.
    for (let part = 0; part < 3; part++) {
      rows.reserve(3000);
      for (let i = 0; i < 3000; i++) rows.add(i, 100, 200, true);
    }
    const t = rows.trimmed();
    expect(rows.nValid).toBe(9000);
    expect(t.valid.reduce((a, b) => a + b, 0)).toBe(9000);
    expect(new Set([rows.person.length, rows.start.length, rows.end.length, rows.valid.length, rows.categories[0]!.length]).size).toBe(1);
  });
});
