// Property: random byte mutations (flip, delete, insert, truncate) of a small valid export, plain
// or gzip-compressed, either load with read = kept + excluded for every input, or throw a
// DataError / SpecificationError. Never a TypeError, RangeError or a dependency's own error.
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError, loadCbsExport, SpecificationError } from '../../src/index.js';
import { BASE, type Table } from '../fixtures/bad/cases.js';

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number };

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (bytes.length === 0) return m.kind === 'insert' ? Uint8Array.from(m.bytes) : bytes;
  const at = m.at % bytes.length;
  switch (m.kind) {
    case 'flip': {
      const out = bytes.slice();
      out[at]! ^= m.mask;
      return out;
    }
    case 'delete':
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
    case 'insert':
      return Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    case 'truncate':
      return bytes.subarray(0, at);
  }
}

// Inserted bytes favour what breaks CSV: delimiters, quotes, line ends, digits, high bytes.
const interesting = fc.oneof(fc.constantFrom(0x2c, 0x3b, 0x22, 0x0a, 0x0d, 0x30, 0x39, 0x2d, 0x20, 0x00, 0xe9, 0xff, 0x1f, 0x8b), fc.integer({ min: 0, max: 255 }));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(interesting, { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const TABLES: readonly Table[] = ['persons', 'support', 'employment'];
const encoder = new TextEncoder();

describe('random byte mutations of a valid export', () => {
  it('load with read = kept + excluded, or throw a DataError or SpecificationError', async () => {
    const outcomes = { loaded: 0, dataError: 0, specificationError: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TABLES), fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (table, gzip, mutations) => {
        const plain = encoder.encode(BASE[table]);
        let bytes: Uint8Array = gzip ? new Uint8Array(gzipSync(plain)) : plain;
        for (const m of mutations) bytes = mutate(bytes, m);
        const sources = { persons: encoder.encode(BASE.persons), support: encoder.encode(BASE.support), employment: encoder.encode(BASE.employment), [table]: bytes };
        try {
          const exp = await loadCbsExport(sources);
          for (const t of TABLES) {
            const c = exp.quality.counts[t];
            if (c.read !== c.kept + c.excluded) return false;
            const excluded = exp.quality.entries.filter((e) => e.table === t && e.action === 'excluded').reduce((s, e) => s + e.count, 0);
            if (excluded !== c.excluded) return false;
          }
          if (exp.persons.length !== exp.quality.counts.persons.kept) return false;
          outcomes.loaded++;
          return true;
        } catch (error) {
          if (error instanceof DataError) outcomes.dataError++;
          else if (error instanceof SpecificationError) outcomes.specificationError++;
          else throw error;
          return true;
        }
      }),
      { seed: 20261202, numRuns: 200 },
    );
    // Both outcomes occur, so the property is not passing vacuously.
    expect(outcomes.loaded).toBeGreaterThan(10);
    expect(outcomes.dataError).toBeGreaterThan(10);
    expect(outcomes.loaded + outcomes.dataError + outcomes.specificationError).toBe(200);
  }, 60_000);
});
