// Parallel reading (readCbsExport's `threads`): spell CSV files cut into byte ranges read on worker
// threads must give exactly the export of the one-thread read (deepEqual: columns, codes and their
// order, quality report with example rows, source rows), and exactly its errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSynthetic, SpecificationError, type DataError } from '../../src/index.js';
import { readCbsExport, type CbsPaths } from '../../src/node/index.js';
import { parallelSettings } from '../../src/node/parallelRead.js';

const defaults = { ...parallelSettings };
import { writeCbsCsv } from '../bench/cbsFiles.js';
import { basePath, casePath, FILE_CASES, type FileCase, type Table } from '../fixtures/bad/cases.js';
import { fixturePath } from './fixture.js';

/** Files whose ranges were merged / read again on one thread, as the reader reports them. */
const merged: string[] = [];
const fellBack: string[] = [];
/** Which thread read each chunk. */
const chunkThreads: string[] = [];

beforeAll(() => {
  // Split even the smallest file, into as many ranges as threads.
  parallelSettings.minBytes = 1;
  parallelSettings.rangeBytes = 1;
  parallelSettings.onFile = (file, ok) => (ok ? merged : fellBack).push(file);
  parallelSettings.onChunk = (_file, thread) => chunkThreads.push(thread);
});
afterAll(() => {
  Object.assign(parallelSettings, defaults);
  parallelSettings.onFile = undefined;
  parallelSettings.onChunk = undefined;
});
afterEach(() => {
  merged.length = 0;
  fellBack.length = 0;
  chunkThreads.length = 0;
});

/** The outcome of a read: the export, or the error's class and fields. */
async function outcome(paths: CbsPaths, options: Parameters<typeof readCbsExport>[1]): Promise<unknown> {
  try {
    return { exp: await readCbsExport(paths, { onProgress: () => {}, ...options }) };
  } catch (err) {
    const e = err as DataError;
    return { error: e.constructor.name, message: e.message, file: e.file, row: e.row, column: e.column, value: e.value };
  }
}

describe('reading with threads gives the one-thread export', () => {
  it('on the hand-written fixtures, in 2, 3 and 7 ranges per spell file', async () => {
    const paths = { persons: fixturePath('persons.csv'), support: fixturePath('support.csv'), employment: fixturePath('employment.csv') };
    const one = await outcome(paths, { threads: 1 });
    expect(fellBack).toEqual([]);
    expect(merged).toEqual([]);
    for (const threads of [2, 3, 7]) {
      expect(isDeepStrictEqual(await outcome(paths, { threads }), one), `${threads} threads`).toBe(true);
    }
    expect(merged).toContain(fixturePath('employment.csv'));
  });

  it('on the Dutch fixtures (";" and "," decimals, BOM, CRLF)', async () => {
    const nl = (t: string) => fixturePath(`nl/${t}.csv`);
    const paths = { persons: nl('persons'), support: nl('support'), employment: nl('employment') };
    const one = await outcome(paths, { threads: 1 });
    expect(isDeepStrictEqual(await outcome(paths, { threads: 3 }), one)).toBe(true);
    expect(merged.length + fellBack.length).toBe(2);
  });

  describe('on a synthetic export with excluded rows spread over the ranges', () => {
    let dir = '';
    let paths: CbsPaths;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pe-parallel-'));
      const exp = await loadSynthetic({ seed: 3, scale: 0.05, controlsPerSupported: 2, observation: { start: '20160101', end: '20251231' } });
      const files = writeCbsCsv(exp, dir);
      // Unknown persons, an end before its start and an implausible date, early, in the middle and at the end.
      const lines = readFileSync(files.employment, 'utf8').trimEnd().split('\n');
      const known = lines[1]!.split(';')[1]!;
      const bad = ['X;000000001;E9;20170101;20171231;O', `R;${known};E9;20180101;20170101;B`, `R;${known};E9;18000101;20170101;B`];
      for (const at of [3, Math.floor(lines.length / 2), lines.length]) lines.splice(at, 0, ...bad);
      writeFileSync(files.employment, lines.join('\n') + '\n');
      paths = { persons: files.persons, support: files.support, employment: files.employment };
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('identical exports and quality reports for 1, 2, 3 and 5 threads', async () => {
      const one = (await outcome(paths, { threads: 1 })) as { exp: Awaited<ReturnType<typeof readCbsExport>> };
      const issues = one.exp.quality.entries.filter((e) => e.table === 'employment').map((e) => [e.issue, e.count]);
      expect(issues).toEqual(expect.arrayContaining([['unknown-person', 3], ['end-before-start', 3], ['implausible-date', 3]]));
      for (const threads of [2, 3, 5]) {
        merged.length = 0;
        const many = await outcome(paths, { threads });
        expect(merged, `${threads} threads: both spell files merged`).toEqual([paths.support, paths.employment]);
        expect(isDeepStrictEqual(many, one), `${threads} threads`).toBe(true);
      }
      // Workers read chunks while the main thread reads the persons; the main thread takes the rest.
      expect(chunkThreads).toContain('worker');
      expect(chunkThreads).toContain('main');
    });
  });

  it('gives the same typed error or quality report on every case of the bad-input corpus', async () => {
    const tables: readonly Table[] = ['persons', 'support', 'employment'];
    const pathsOf = (c: FileCase) => Object.fromEntries(tables.map((t) => [t, t !== c.table ? basePath(t) : c.withBase ? [basePath(t), casePath(c)] : casePath(c)])) as unknown as CbsPaths;
    let errors = 0;
    // Persons files are never read in ranges: every third persons case is enough to check that an
    // error there is the same while the spell files are read ahead; every spell case is walked.
    const cases = FILE_CASES.filter((c, i) => c.table !== 'persons' || i % 3 === 0);
    expect(cases.filter((c) => c.table === 'persons').length).toBeGreaterThan(15);
    for (const c of cases) {
      const one = await outcome(pathsOf(c), { ...c.options, threads: 1 });
      const many = await outcome(pathsOf(c), { ...c.options, threads: 2 });
      expect(many, c.id).toEqual(one);
      if ((one as { error?: string }).error !== undefined) errors++;
    }
    // Both kinds of case were compared, and both paths ran: merged ranges and one-thread re-reads.
    expect(errors).toBeGreaterThan(50);
    expect(cases.length - errors).toBeGreaterThan(30);
    expect(merged.length).toBeGreaterThan(50);
    expect(fellBack.length).toBeGreaterThan(20);
  }, 600_000);
});

describe('the threads option', () => {
  it('must be a whole number of at least 1', async () => {
    const paths = { persons: fixturePath('persons.csv'), support: fixturePath('support.csv'), employment: fixturePath('employment.csv') };
    await expect(readCbsExport(paths, { threads: 0 })).rejects.toThrow(SpecificationError);
    await expect(readCbsExport(paths, { threads: 1.5 })).rejects.toThrow(/threads must be a whole number >= 1, got the number 1.5/);
  });
});
