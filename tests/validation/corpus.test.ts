// The bad-input corpus (tests/fixtures/bad/cases.ts): every malformed file gives its typed error,
// naming file, row, column and value, or exactly its counted quality entries; nothing else escapes.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, SpecificationError, type CbsExport } from '../../src/index.js';
import { readCbsExport } from '../../src/node/index.js';
import { BASE, basePath, casePath, FILE_CASES, type ErrorExpectation, type FileCase, type QualityExpectation, type Table } from '../fixtures/bad/cases.js';

const TABLES: readonly Table[] = ['persons', 'support', 'employment'];

function paths(c: FileCase): Record<Table, string | string[]> {
  const out = {} as Record<Table, string | string[]>;
  for (const t of TABLES) out[t] = t !== c.table ? basePath(t) : c.withBase ? [basePath(t), casePath(c)] : casePath(c);
  return out;
}

async function load(c: FileCase): Promise<{ exp?: CbsExport; error?: unknown }> {
  try {
    return { exp: await readCbsExport(paths(c), { ...c.options, onProgress: () => {} }) };
  } catch (error) {
    return { error };
  }
}

/** Base row counts: persons 6, support 4, employment 7 (plus the rows of a second file). */
const baseRows = (t: Table) => BASE[t].trim().split('\n').length - 1;

function checkError(c: FileCase, expected: ErrorExpectation, error: unknown): void {
  expect(error, `${c.id}: expected a ${expected.error}`).toBeInstanceOf(expected.error === 'DataError' ? DataError : SpecificationError);
  const e = error as Error;
  expect(e.message, c.id).toContain(expected.message);
  if (expected.error !== 'DataError') return;
  const d = error as DataError;
  // The error names the file it is about: the case's file (the base files are valid).
  expect(basename(d.file), c.id).toBe(basename(casePath(c)));
  expect(e.message.startsWith(d.file), c.id).toBe(true);
  // Row, column and value where the case states them (row null: an error not tied to a row).
  const stated = Object.entries({ row: expected.row, column: expected.column, value: expected.value }).filter(([, v]) => v !== undefined);
  const named = Object.fromEntries(stated.map(([k]) => [k, d[k as 'row' | 'column' | 'value']]));
  expect(named, `${c.id}: row, column, value`).toEqual(Object.fromEntries(stated.map(([k, v]) => [k, v ?? undefined])));
}

function checkQuality(c: FileCase, expected: QualityExpectation, exp: CbsExport): void {
  const entries = exp.quality.entries.map((e) => [e.table, e.issue, e.action, e.count]);
  const sort = (xs: unknown[][]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  expect(sort(entries), `${c.id}: quality entries`).toEqual(sort(expected.quality.map((q) => [...q])));
  for (const t of TABLES) {
    const counts = exp.quality.counts[t];
    expect(counts.read, `${c.id}: ${t} read = kept + excluded`).toBe(counts.kept + counts.excluded);
    const excluded = exp.quality.entries.filter((e) => e.table === t && e.action === 'excluded').reduce((s, e) => s + e.count, 0);
    expect(counts.excluded, `${c.id}: ${t} excluded = sum of exclusion entries`).toBe(excluded);
    // The counts the case states; else an input the case leaves alone reads the base rows.
    const want = expected.counts?.[t];
    const untouched = !c.withBase && t !== c.table;
    const got = want ? { read: counts.read, kept: counts.kept, excluded: counts.excluded, ...(want.repaired !== undefined ? { repaired: counts.repaired } : {}) } : untouched ? { read: counts.read } : {};
    expect(got, `${c.id}: ${t} counts`).toEqual(want ?? (untouched ? { read: baseRows(t) } : {}));
  }
  expected.check?.(exp);
}

describe('the bad-input corpus', () => {
  it('has at least 100 file cases with unique ids, and its files on disk are the ones cases.ts builds', () => {
    expect(FILE_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(FILE_CASES.map((c) => c.id)).size).toBe(FILE_CASES.length);
    for (const c of FILE_CASES) {
      const built = c.content();
      const bytes = typeof built === 'string' ? Buffer.from(built) : Buffer.from(built);
      expect(readFileSync(casePath(c)).equals(bytes), `${c.id}: run npx tsx tests/fixtures/bad/generate.ts`).toBe(true);
    }
  });

  it('loads the base export cleanly', async () => {
    const exp = await readCbsExport({ persons: basePath('persons'), support: basePath('support'), employment: basePath('employment') }, { onProgress: () => {} });
    expect(exp.quality.entries).toEqual([]);
    expect([exp.persons.length, exp.support.length, exp.employment.length]).toEqual([6, 4, 7]);
    expect(exp.observation).toEqual({ start: Date.UTC(2015, 0, 1) / 864e5, end: Date.UTC(2020, 11, 31) / 864e5 });
  });

  // Cases split by what they expect, so that every test's assertions run unconditionally.
  const errorCases = FILE_CASES.flatMap((c) => ('error' in c.expect ? [{ c, want: c.expect }] : []));
  const qualityCases = FILE_CASES.flatMap((c) => ('error' in c.expect ? [] : [{ c, want: c.expect }]));
  it('every case expects an error or quality entries', () => {
    expect(errorCases.length + qualityCases.length).toBe(FILE_CASES.length);
    expect(errorCases.length).toBeGreaterThan(0);
    expect(qualityCases.length).toBeGreaterThan(0);
  });
  for (const { c, want } of errorCases) {
    it(`${c.id}: ${c.what} → ${want.error}`, async () => {
      const { exp, error } = await load(c);
      expect(exp, `${c.id}: loaded, but should have thrown`).toBeUndefined();
      checkError(c, want, error);
    });
  }
  for (const { c, want } of qualityCases) {
    it(`${c.id}: ${c.what} → ${want.quality.length} quality entr${want.quality.length === 1 ? 'y' : 'ies'}`, async () => {
      const { exp, error } = await load(c);
      if (error !== undefined) throw error;
      checkQuality(c, want, exp!);
    });
  }
});
