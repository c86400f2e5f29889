import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOutputControl } from '../../src/disclose/index.js';
import { lineRemainders, recoverBySubtraction, shareRemainders } from './recover.js';

type Cell = { year: number; region: string; sector: string; n: number; count: number; estimate: number };

/**
 * A seeded random table with margins: 1 or 2 dimensions (2–4 categories each), 1–2 years as independent
 * sub-tables, many small cells; totals are the exact sums of the cells, estimate = count / n.
 */
const tables = fc
  .record({
    years: fc.integer({ min: 1, max: 2 }),
    regions: fc.integer({ min: 2, max: 4 }),
    sectors: fc.integer({ min: 1, max: 4 }),
    cells: fc.array(fc.tuple(fc.integer({ min: 0, max: 45 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 32, maxLength: 32 }),
  })
  .map(({ years, regions, sectors, cells }) => {
    const rows: Cell[] = [];
    const regionNames = [...Array(regions).keys()].map((i) => `r${i}`);
    const sectorNames = sectors === 1 ? ['-'] : [...Array(sectors).keys()].map((i) => `s${i}`);
    let k = 0;
    for (let y = 0; y < years; y++) {
      const inner = new Map<string, { n: number; count: number }>();
      for (const r of regionNames)
        for (const s of sectorNames) {
          const [n, share] = cells[k++ % cells.length];
          inner.set(`${r}|${s}`, { n, count: Math.round(n * share) });
        }
      for (const r of [...regionNames, 'Totaal'])
        for (const s of sectors === 1 ? sectorNames : [...sectorNames, 'Totaal']) {
          let n = 0;
          let count = 0;
          for (const [key, v] of inner) {
            const [kr, ks] = key.split('|');
            if ((r === 'Totaal' || r === kr) && (s === 'Totaal' || s === ks)) {
              n += v.n;
              count += v.count;
            }
          }
          rows.push({ year: 2019 + y, region: r, sector: s, n, count, estimate: n > 0 ? count / n : 0 });
        }
    }
    return { rows, dimensions: sectors === 1 ? ['region'] : ['region', 'sector'] };
  });

const threshold = fc.integer({ min: 3, max: 15 });
const runs = { seed: 20250101, numRuns: 300 };

describe('output control on random tables with margins', () => {
  it('never publishes a row with fewer persons, or a count or complement below the threshold', () => {
    let published = 0;
    fc.assert(
      fc.property(tables, threshold, ({ rows }, minPersons) => {
        const result = applyOutputControl(rows, { minPersons });
        result.rows.forEach((r, i) => {
          if (r.n === null) return;
          published++;
          expect(rows[i].n).toBeGreaterThanOrEqual(minPersons);
          expect(rows[i].count).toBeGreaterThanOrEqual(minPersons);
          expect(rows[i].n - rows[i].count).toBeGreaterThanOrEqual(minPersons);
          // Published values are the exact ones (no rounding asked for).
          expect([r.n, r.count, r.estimate]).toEqual([rows[i].n, rows[i].count, rows[i].estimate]);
        });
      }),
      runs,
    );
    // The checks ran on published rows, not only on fully withheld tables.
    expect(published).toBeGreaterThan(200);
  });

  it('leaves no withheld cell recoverable by one subtraction from a published total', () => {
    fc.assert(
      fc.property(tables, threshold, ({ rows, dimensions }, minPersons) => {
        const result = applyOutputControl(rows, { minPersons });
        for (const column of ['n', 'count'])
          expect(recoverBySubtraction(rows, result.rows, dimensions, 'Totaal', column, ['year'])).toEqual([]);
      }),
      runs,
    );
  });

  it('leaves on every line a withheld sum (total minus published cells) of 0 or at least the threshold', () => {
    fc.assert(
      fc.property(tables, threshold, ({ rows, dimensions }, minPersons) => {
        const result = applyOutputControl(rows, { minPersons });
        // The complement n − count of the rate estimate = count / n is additive too.
        const withComplement = (rs: readonly Record<string, unknown>[]) => rs.map((r) => ({ ...r, complement: r.n === null ? null : (r.n as number) - (r.count as number) }));
        for (const column of ['n', 'count', 'complement'])
          for (const line of lineRemainders(withComplement(rows), withComplement(result.rows), dimensions, 'Totaal', column, ['year']))
            expect(line.withheld === 0 || line.remainder === 0 || line.remainder >= minPersons, `${column}: ${JSON.stringify(line)}`).toBe(true);
      }),
      runs,
    );
  });

  it('leaves in every distribution over a shared n a remainder (n minus published counts) of 0 or at least the threshold', () => {
    // 1–4 groups, each a distribution of 2–6 bins with many small counts; n = the group's sum.
    const distributions = fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 4 }).map((groups) =>
      groups.flatMap((counts, g) => {
        const n = counts.reduce((a, b) => a + b, 0);
        return counts.map((count, b) => ({ group: `g${g}`, bin: `b${b}`, bin_index: b, n, count, share: n > 0 ? count / n : 0 }));
      }),
    );
    fc.assert(
      fc.property(distributions, threshold, (rows, minPersons) => {
        const result = applyOutputControl(rows, { minPersons });
        for (const line of shareRemainders(result.rows, ['group'])) expect(line.withheld === 0 || line.remainder === 0 || line.remainder >= minPersons, JSON.stringify(line)).toBe(true);
      }),
      runs,
    );
  });

  it('publishes rates that equal the published rounded count over the published rounded denominator', () => {
    let published = 0;
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 10 }), ({ rows }, base) => {
        const result = applyOutputControl(rows, { rounding: { base } });
        result.rows.forEach((r, i) => {
          if (r.n === null) return;
          published++;
          expect(rows[i].n).toBeGreaterThanOrEqual(10);
          expect((r.n as number) % base).toBe(0);
          expect((r.count as number) % base).toBe(0);
          expect(Math.abs((r.n as number) - rows[i].n)).toBeLessThanOrEqual(base / 2);
          expect(r.estimate as number).toBeCloseTo((r.count as number) / (r.n as number), 12);
        });
      }),
      { seed: 7, numRuns: 200 },
    );
    expect(published).toBeGreaterThan(100);
  });
});

describe('output control of shares published without their counts', () => {
  // Groups with n persons and a share rounded to 3 decimals (as a published table would print it); some rows
  // lack n. The implied count share × n must reach the threshold, and so must n minus it.
  const shareTables = fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1000 }), fc.boolean()), { minLength: 1, maxLength: 12 }).map((cells) =>
    cells.map(([n, permille, known], i) => ({ group: `g${i}`, n: known || i === 0 ? n : null, share: n > 0 ? Math.round((Math.round((permille / 1000) * n) / n) * 1000) / 1000 : 0 })),
  );
  it('never publishes a share whose implied count or complement is below the threshold, nor one with an unknown n', () => {
    let published = 0;
    fc.assert(
      fc.property(shareTables, threshold, (rows, minPersons) => {
        const result = applyOutputControl(rows, { minPersons });
        result.rows.forEach((r, i) => {
          const n = rows[i].n;
          const shown = r.share !== null;
          if (shown) published++;
          // A published share has a known n of at least the threshold, and count and complement at least the threshold.
          expect(!shown || (n !== null && n >= minPersons && rows[i].share * n >= minPersons - 1e-6 && n - rows[i].share * n >= minPersons - 1e-6), JSON.stringify(rows[i])).toBe(true);
          // A row with an unknown n is always withheld.
          expect(n !== null || !shown).toBe(true);
        });
      }),
      runs,
    );
    expect(published).toBeGreaterThan(300);
  });
});
