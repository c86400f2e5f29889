// API misuses (tests/validation/misuse.ts): each gives its typed error with the stated message,
// or output control withholds the row for the stated reason. Never a TypeError or RangeError.
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError, SpecificationError, type ControlledTable } from '../../src/index.js';
import { MISUSE_CASES, misuseContext, type MisuseContext } from './misuse.js';

let ctx: MisuseContext;
beforeAll(async () => {
  ctx = await misuseContext();
}, 120_000);

describe('API misuses give typed errors or withheld rows', () => {
  it('has unique ids', () => {
    expect(new Set(MISUSE_CASES.map((c) => c.id)).size).toBe(MISUSE_CASES.length);
  });

  const run = async (c: (typeof MISUSE_CASES)[number]): Promise<{ result?: unknown; error?: unknown }> => {
    try {
      return { result: await c.call(ctx) };
    } catch (error) {
      return { error };
    }
  };
  // Cases split by what they expect, so that every test's assertions run unconditionally.
  const errorCases = MISUSE_CASES.flatMap((c) => ('error' in c.expect ? [{ c, want: c.expect }] : []));
  const withheldCases = MISUSE_CASES.flatMap((c) => ('error' in c.expect ? [] : [{ c, want: c.expect }]));
  it('every case expects an error or a withheld row', () => {
    expect(errorCases.length + withheldCases.length).toBe(MISUSE_CASES.length);
    expect(errorCases.length).toBeGreaterThan(0);
    expect(withheldCases.length).toBeGreaterThan(0);
  });

  for (const { c, want } of errorCases) {
    it(`${c.id} → ${want.error}`, async () => {
      const { error } = await run(c);
      expect(error, `${c.id}: expected a ${want.error}, got ${error === undefined ? 'a result' : String(error)}`).toBeInstanceOf(want.error === 'DataError' ? DataError : SpecificationError);
      expect((error as Error).message).toContain(want.message);
      // The column and row the error names, where the case states them.
      const stated = Object.fromEntries(Object.entries({ column: want.column, row: want.row }).filter(([, v]) => v !== undefined));
      const named = Object.fromEntries(Object.keys(stated).map((k) => [k, (error as DataError)[k as 'column' | 'row']]));
      expect(named, c.id).toEqual(stated);
    });
  }
  for (const { c, want } of withheldCases) {
    it(`${c.id} → withheld: ${want.reason}`, async () => {
      const { result, error } = await run(c);
      if (error !== undefined) throw error;
      const at = want.suppressed;
      const rows = (result as ControlledTable).rows;
      const row = rows[at]!;
      expect(row.suppressed).toBe(true);
      expect(String(row.suppression_reason).split('; ')).toContain(want.reason);
      // The other rows are published.
      expect(rows.flatMap((r, i) => (i !== at && r.suppressed !== false ? [i + 1] : [])), `${c.id}: rows withheld besides row ${at + 1}`).toEqual([]);
    });
  }
});
