import { toArrowIPC, toCSV, type ColumnTable } from 'arquero';
import { gzipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportToTables, formatCbsDate, loadCbsExport, type CbsExport, type CbsSource } from '../../src/index.js';
import { readEmbeddedExport } from '../../src/node/embedded.js';

type Name = 'persons' | 'support' | 'employment' | 'benefits';
const NAMES: readonly Name[] = ['persons', 'support', 'employment', 'benefits'];

/** Every column of the columnar export, as plain arrays, so two loads can be compared whole. */
function columns(exp: CbsExport): Record<string, unknown[]> {
  const cat = (c: { codes: Int32Array; levels: readonly string[] }) => Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
  const p = exp.persons;
  const out: Record<string, unknown[]> = {
    'persons.rinpersoons': [...p.rinpersoons],
    'persons.rinpersoon': [...p.rinpersoon],
    'persons.birthYear': Array.from(p.birthYear),
    'persons.sex': cat(p.sex),
    'observation': [exp.observation.start, exp.observation.end],
  };
  for (const [name, col] of Object.entries(p.covariates)) out[`persons.${name}`] = col instanceof Float64Array ? Array.from(col) : cat(col);
  const s = exp.support;
  Object.assign(out, {
    'support.person': Array.from(s.person),
    'support.start': Array.from(s.start),
    'support.end': Array.from(s.end),
    'support.scheme': cat(s.scheme),
    'support.employerType': cat(s.employerType),
    'support.offsets': Array.from(s.offsets),
  });
  const e = exp.employment;
  Object.assign(out, {
    'employment.person': Array.from(e.person),
    'employment.employer': cat(e.employer),
    'employment.start': Array.from(e.start),
    'employment.end': Array.from(e.end),
    'employment.contract': cat(e.contract),
    'employment.offsets': Array.from(e.offsets),
    'employment.wage': e.wage ? Array.from(e.wage) : null,
    'employment.hours': e.hours ? Array.from(e.hours) : null,
  });
  const b = exp.benefits;
  if (b) {
    Object.assign(out, {
      'benefits.person': Array.from(b.person),
      'benefits.start': Array.from(b.start),
      'benefits.end': Array.from(b.end),
      'benefits.type': cat(b.type),
      'benefits.offsets': Array.from(b.offsets),
    });
  }
  return out;
}

/** All columns as text, as a CBS export ships them (leading zeros, YYYYMMDD dates). */
function textColumns(t: ColumnTable): { name: string; data: string[]; type: 'STRING' }[] {
  return t.columnNames().map((name) => ({ name, data: (t.array(name) as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v))), type: 'STRING' as const }));
}

// The embedded export written back out in CBS layout and read again through every reader
// format must give exactly the same columnar export.
describe('every reader format round-trips the embedded export', () => {
  let original: CbsExport;
  let tables: Record<Name, ColumnTable>;
  let want: Record<string, unknown[]>;
  const observation = () => ({ start: formatCbsDate(original.observation.start), end: formatCbsDate(original.observation.end) });

  beforeAll(async () => {
    original = await readEmbeddedExport();
    tables = exportToTables(original) as Record<Name, ColumnTable>;
    want = columns(original);
  }, 120_000);

  const formats: [string, (t: ColumnTable) => CbsSource][] = [
    ['arquero table', (t) => t],
    // With `;` the loader reads `,` as the decimal separator (the Dutch convention), so the
    // amounts are written that way.
    ['CSV text with ; and a BOM', (t) => `\uFEFF${toCSV(t.columnNames().includes('SBASISLOON') ? t.derive(Object.fromEntries(['SBASISLOON', 'SBASISUREN'].map((c) => [c, `d => d['${c}'] == null ? '' : op.replace('' + d['${c}'], '.', ',')`]))) : t, { delimiter: ';' })}`],
    ['gzip CSV bytes', (t) => gzipSync(new TextEncoder().encode(toCSV(t)))],
    ['Arrow IPC', (t) => toArrowIPC(t.derive(Object.fromEntries(t.columnNames().map((c) => [c, `d => d['${c}'] == null ? '' : '' + d['${c}']`]))))],
    ['Parquet', (t) => new Uint8Array(parquetWriteBuffer({ columnData: textColumns(t) }))],
  ];
  it('the embedded export has wages, hours and bijstand spells', () => {
    expect(original.employment.wage?.length).toBe(original.employment.length);
    expect(original.employment.hours?.length).toBe(original.employment.length);
    expect(original.benefits!.length).toBeGreaterThan(100_000);
    expect(original.benefits!.type.levels).toEqual(['bijstand']);
  });
  for (const [label, encode] of formats) {
    it(label, async () => {
      const sources = Object.fromEntries(NAMES.map((n) => [n, encode(tables[n])])) as Record<Name, CbsSource>;
      const back = await loadCbsExport(sources, { observation: observation() });
      expect(back.quality.counts).toEqual(original.quality.counts);
      const got = columns(back);
      expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
      for (const key of Object.keys(want)) expect(got[key], key).toEqual(want[key]);
      expect(back.persons.rinpersoon.every((id) => /^\d{9}$/.test(id))).toBe(true);
      expect(back.persons.rinpersoon.filter((id) => id.startsWith('0')).length).toBeGreaterThan(1000);
    }, 60_000); // the whole embedded export (about 6 MB compressed) through each format: seconds, more on a busy machine
  }
});
