import { describe, expect, it } from 'vitest';
import { table, toArrowIPC } from 'arquero';
import { gzipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { detectFormat, loadCbsExport, type CbsSource } from '../../src/index.js';
import { expected, fixtureColumns, fixtureCsv, plain } from './fixture.js';

const names = ['persons', 'support', 'employment'] as const;
type Sources = Record<(typeof names)[number], CbsSource>;
const each = (f: (n: (typeof names)[number]) => CbsSource): Sources => ({ persons: f('persons'), support: f('support'), employment: f('employment') });

const parquet = (n: (typeof names)[number]): Uint8Array =>
  new Uint8Array(parquetWriteBuffer({ columnData: Object.entries(fixtureColumns(n)).map(([name, data]) => ({ name, data, type: 'STRING' as const })) }));

const variants: [string, () => Sources][] = [
  ['CSV text', () => each(fixtureCsv)],
  ['CSV bytes', () => each((n) => new TextEncoder().encode(fixtureCsv(n)))],
  ['gzip CSV', () => each((n) => gzipSync(new TextEncoder().encode(fixtureCsv(n)), { mtime: 0 }))],
  ['Arrow IPC stream', () => each((n) => toArrowIPC(table(fixtureColumns(n))))],
  ['Arrow IPC file', () => each((n) => toArrowIPC(table(fixtureColumns(n)), { format: 'file' }))],
  ['Parquet', () => each(parquet)],
  ['arquero table', () => each((n) => table(fixtureColumns(n)))],
];

describe('every reader format loads the fixture to identical columns', () => {
  for (const [label, make] of variants) {
    it(label, async () => {
      const exp = await loadCbsExport(make());
      expect(plain(exp)).toEqual(expected);
      // leading zeros survive
      expect(exp.persons.rinpersoon).toContain('000000003');
    });
  }
});

describe('container details', () => {
  it('reads every member of a multi-member gzip file', async () => {
    const [header, ...rows] = fixtureCsv('employment').trim().split('\n');
    const part1 = gzipSync(new TextEncoder().encode([header, rows[0], rows[1]].join('\n') + '\n'));
    const part2 = gzipSync(new TextEncoder().encode([rows[2], rows[3]].join('\n') + '\n'));
    const both = new Uint8Array(part1.length + part2.length);
    both.set(part1);
    both.set(part2, part1.length);
    expect(plain(await loadCbsExport({ ...each(fixtureCsv), employment: both }))).toEqual(expected);
  });
  it('reads Parquet files with several row groups', async () => {
    const pq = (n: (typeof names)[number]) =>
      new Uint8Array(parquetWriteBuffer({ rowGroupSize: 2, columnData: Object.entries(fixtureColumns(n)).map(([name, data]) => ({ name, data, type: 'STRING' as const })) }));
    expect(plain(await loadCbsExport(each(pq)))).toEqual(expected);
  });
  it('reads Arrow files with several record batches, stream and file format, bytes, byte streams and gzip streams', async () => {
    // One row per batch: every nullable string column crosses batches (dictionary-encoded by arquero).
    const arrow = (n: (typeof names)[number]) => toArrowIPC(table(fixtureColumns(n)), { maxBatchRows: 1, format: n === 'support' ? 'file' : 'stream' });
    const chunks = async function* (bytes: Uint8Array) {
      for (let at = 0; at < bytes.length; at += 3) yield bytes.slice(at, at + 3);
    };
    expect(plain(await loadCbsExport(each(arrow)))).toEqual(expected);
    expect(plain(await loadCbsExport(each((n) => chunks(arrow(n)))))).toEqual(expected);
    expect(plain(await loadCbsExport(each((n) => chunks(gzipSync(arrow(n))))))).toEqual(expected);
  });
});

describe('format detection', () => {
  it('recognises magic numbers', () => {
    expect(detectFormat(gzipSync(new Uint8Array([1, 2, 3])))).toBe('csv.gz');
    expect(detectFormat(parquet('persons'))).toBe('parquet');
    expect(detectFormat(toArrowIPC(table({ a: [1] }), { format: 'file' }))).toBe('arrow');
    expect(detectFormat(toArrowIPC(table({ a: [1] })))).toBe('arrow');
    expect(detectFormat(new TextEncoder().encode('RINPERSOONS;RINPERSOON\n'))).toBe('csv');
  });
  it('honours a forced format', async () => {
    const gz = each((n) => gzipSync(new TextEncoder().encode(fixtureCsv(n))));
    expect(plain(await loadCbsExport(gz, { format: { persons: 'csv.gz', support: 'csv.gz', employment: 'csv.gz' } }))).toEqual(expected);
    await expect(loadCbsExport(each(fixtureCsv), { format: { persons: 'parquet' } })).rejects.toThrow(/needs bytes/);
  });
});

describe('typed columns from columnar formats', () => {
  it('reads numeric person numbers (zero-padded to 9), 8-digit integer dates and Date values', async () => {
    const p = fixtureColumns('persons');
    const s = fixtureColumns('support');
    const e = fixtureColumns('employment');
    const toDate = (v: string | null) => (v === null || v.startsWith('8') || v.startsWith('9') ? null : new Date(Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8))));
    const persons = parquetWriteBuffer({
      columnData: [
        { name: 'RINPERSOONS', data: p['RINPERSOONS']!, type: 'STRING' },
        { name: 'RINPERSOON', data: p['RINPERSOON']!.map(Number), type: 'INT32' },
        { name: 'GBAGEBOORTEJAAR', data: p['GBAGEBOORTEJAAR']!.map((v) => (v === null ? null : Number(v))), type: 'INT32' },
        { name: 'GBAGESLACHT', data: p['GBAGESLACHT']!.map(Number), type: 'INT32' },
        { name: 'GEMEENTE', data: p['GEMEENTE']!, type: 'STRING' },
        { name: 'INKOMEN', data: p['INKOMEN']!.map((v) => (v === null ? null : Number(v))), type: 'DOUBLE' },
      ],
    });
    const support = parquetWriteBuffer({
      columnData: [
        { name: 'RINPERSOONS', data: s['RINPERSOONS']!, type: 'STRING' },
        { name: 'RINPERSOON', data: s['RINPERSOON']!.map(Number), type: 'INT32' },
        { name: 'AANVBUS', data: s['AANVBUS']!.map(Number), type: 'INT32' },
        { name: 'EINDBUS', data: s['EINDBUS']!.map(Number), type: 'INT32' },
        { name: 'REGELING', data: s['REGELING']!, type: 'STRING' },
        { name: 'WERKGEVERTYPE', data: s['WERKGEVERTYPE']!, type: 'STRING' },
      ],
    });
    // Employment as Arrow with real date columns (nulls = ongoing) and bigint person numbers.
    const employment = toArrowIPC(
      table({ ...e, RINPERSOON: e['RINPERSOON']!.map((v) => BigInt(v!)), AANVBUS: e['AANVBUS']!.map(toDate), EINDBUS: e['EINDBUS']!.map(toDate) }),
    );
    const exp = await loadCbsExport({ persons: new Uint8Array(persons), support: new Uint8Array(support), employment });
    expect(plain(exp)).toEqual(expected);
  });
});
