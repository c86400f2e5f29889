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

  for (const c of MISUSE_CASES) {
    const kind = 'error' in c.expect ? c.expect.error : `withheld: ${c.expect.reason}`;
    it(`${c.id} → ${kind}`, async () => {
      let result: unknown;
      let error: unknown;
      try {
        result = await c.call(ctx);
      } catch (e) {
        error = e;
      }
      if ('error' in c.expect) {
        expect(error, `${c.id}: expected a ${c.expect.error}, got ${error === undefined ? 'a result' : String(error)}`).toBeInstanceOf(c.expect.error === 'DataError' ? DataError : SpecificationError);
        expect((error as Error).message).toContain(c.expect.message);
        if (c.expect.column !== undefined) expect((error as DataError).column).toBe(c.expect.column);
        if (c.expect.row !== undefined) expect((error as DataError).row).toBe(c.expect.row);
      } else {
        if (error !== undefined) throw error;
        const at = c.expect.suppressed;
        const rows = (result as ControlledTable).rows;
        const row = rows[at]!;
        expect(row.suppressed).toBe(true);
        expect(String(row.suppression_reason).split('; ')).toContain(c.expect.reason);
        // The other rows are published.
        rows.forEach((r, i) => {
          if (i !== at) expect(r.suppressed, `${c.id}: row ${i + 1}`).toBe(false);
        });
      }
    });
  }
});
