// The loader against a plain reference implementation (row objects, Array.sort), on random exports.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCbsDate, loadCbsExport, OPEN_END } from '../../src/index.js';
import { day } from './fixture.js';

const BASE = day(2015, 1, 1);
const ymd = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

const spellRow = fc.record({
  person: fc.integer({ min: 0, max: 7 }), // persons 0..5 may exist; 6, 7 never do
  start: fc.integer({ min: 0, max: 2000 }),
  length: fc.integer({ min: -30, max: 1500 }),
  open: fc.boolean(),
  a: fc.constantFrom('', 'x', 'y', 'z'),
  b: fc.constantFrom('', 'p', 'q'),
});
const exportArb = fc.record({
  personKeys: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }),
  support: fc.array(spellRow, { minLength: 1, maxLength: 25 }), // a header-only input is a DataError (corpus)
  employment: fc.array(spellRow, { minLength: 1, maxLength: 25 }),
  observation: fc.option(fc.record({ start: fc.integer({ min: 0, max: 1200 }), length: fc.integer({ min: 0, max: 1500 }) })),
});

type Row = { person: number; start: number; length: number; open: boolean; a: string; b: string };
const key = (p: number) => String(p).padStart(9, '0');

function reference(rows: Row[], firstIndex: Map<number, number>) {
  const read = rows.map((r, i) => ({ row: i + 1, person: firstIndex.get(r.person), start: BASE + r.start, end: r.open ? OPEN_END : BASE + r.start + r.length, a: r.a, b: r.b }));
  const known = read.filter((r) => r.person !== undefined && r.end >= r.start);
  const seen = new Set<string>();
  const unique = known.filter((r) => {
    const k = [r.person, r.start, r.end, r.a, r.b].join('|');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { unique, excludedBefore: read.length - unique.length };
}

describe('loader agrees with a reference implementation', () => {
  it('on random exports', async () => {
    let withoutValidSpells = 0;
    await fc.assert(
      fc.asyncProperty(exportArb, async ({ personKeys, support, employment, observation }) => {
        const firstIndex = new Map<number, number>();
        personKeys.forEach((k) => firstIndex.has(k) || firstIndex.set(k, firstIndex.size));
        const persons = 'RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT\n' + personKeys.map((k) => `R,${key(k)},1980,1\n`).join('');
        const spells = (header: string, rows: Row[]) => header + rows.map((r) => `R,${key(r.person)},${ymd(BASE + r.start)},${r.open ? '' : ymd(BASE + r.start + r.length)},${r.a},${r.b}\n`).join('');
        const sText = spells('RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE\n', support);
        const eText = spells('RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,SBEID,SCONTRACTSOORT\n', employment);

        const refS = reference(support, firstIndex);
        const refE = reference(employment, firstIndex);
        const all = [...refS.unique, ...refE.unique];
        let obs: { start: number; end: number };
        if (observation) obs = { start: BASE + observation.start, end: BASE + observation.start + observation.length };
        else if (all.length > 0) obs = { start: Math.min(...all.map((r) => r.start)), end: Math.max(...all.map((r) => Math.max(r.start, r.end === OPEN_END ? -Infinity : r.end))) };
        else {
          await expect(loadCbsExport({ persons, support: sText, employment: eText })).rejects.toThrow(/observation/);
          withoutValidSpells++;
          return;
        }
        const exp = await loadCbsExport({ persons, support: sText, employment: eText }, observation ? { observation: { start: formatCbsDate(obs.start), end: formatCbsDate(obs.end) } } : {});
        expect(exp.observation).toEqual(obs);
        expect(exp.persons.length).toBe(firstIndex.size);
        expect(exp.quality.counts.persons).toEqual({ read: personKeys.length, kept: firstIndex.size, excluded: personKeys.length - firstIndex.size, repaired: 0 });

        for (const [table, ref, n] of [['support', refS, support.length], ['employment', refE, employment.length]] as const) {
          const inside = ref.unique.filter((r) => r.end >= obs.start && r.start <= obs.end);
          const clipped = inside
            .map((r) => ({ ...r, start: Math.max(r.start, obs.start), end: r.end !== OPEN_END && r.end > obs.end ? OPEN_END : r.end }))
            .sort((x, y) => x.person! - y.person! || x.start - y.start || x.end - y.end || x.row - y.row);
          const t = exp[table];
          expect([...t.sourceRow]).toEqual(clipped.map((r) => r.row));
          expect([...t.person]).toEqual(clipped.map((r) => r.person));
          expect([...t.start]).toEqual(clipped.map((r) => r.start));
          expect([...t.end]).toEqual(clipped.map((r) => r.end));
          const offsets = [0];
          for (let p = 0; p < firstIndex.size; p++) offsets.push(offsets[p]! + clipped.filter((r) => r.person === p).length);
          expect([...t.offsets]).toEqual(offsets);
          const repaired = inside.filter((r) => r.start < obs.start || (r.end !== OPEN_END && r.end > obs.end)).length;
          expect(exp.quality.counts[table]).toEqual({ read: n, kept: clipped.length, excluded: n - clipped.length, repaired });
          // categories: decode and compare with the text as read
          const [c1, c2] = table === 'support' ? [exp.support.scheme, exp.support.employerType] : [exp.employment.employer, exp.employment.contract];
          const decode = (c: { codes: Int32Array; levels: readonly string[] }) => Array.from(c.codes, (k) => (k < 0 ? '' : c.levels[k]));
          // employment writes a, b into SBEID, SCONTRACTSOORT; support into REGELING, WERKGEVERTYPE
          expect(decode(c1)).toEqual(clipped.map((r) => r.a));
          expect(decode(c2)).toEqual(clipped.map((r) => r.b));
          for (const c of [c1, c2]) expect([...c.levels]).toEqual([...c.levels].sort());
        }
      }),
      { numRuns: 300, seed: 20250101 },
    );
    // Some exports had no valid spell and no observation option: the loader refused them.
    expect(withoutValidSpells).toBeGreaterThan(0);
  });
});
