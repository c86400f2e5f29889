import { describe, expect, it } from 'vitest';
import { employmentRelationships, NO_DAY } from '../../src/contracts/index.js';
import { toDayNumber } from '../../src/io/dates.js';
import { OPEN_END } from '../../src/core/calendar.js';
import { SpecificationError } from '../../src/core/errors.js';
import { buildExport, mulberry32, type JobSpec } from './build.js';

const d = toDayNumber;

const exp = buildExport({
  persons: 5,
  observation: { start: '2015-01-01', end: '2024-12-31' },
  jobs: [
    // person 0: three back-to-back spells at A (fixed, fixed, open) + an overlapping job at B
    { person: 0, employer: 'A', start: '2018-07-01', end: '2018-12-31', contract: 'B' },
    { person: 0, employer: 'A', start: '2018-01-01', end: '2018-06-30', contract: 'B' },
    { person: 0, employer: 'A', start: '2019-01-01', end: null, contract: 'O' },
    { person: 0, employer: 'B', start: '2018-03-01', end: '2018-04-30', contract: 'B' },
    // person 1: a one-day gap (1 April missing), then a spell nested inside the second one
    { person: 1, employer: 'A', start: '2019-01-01', end: '2019-03-31', contract: 'B' },
    { person: 1, employer: 'A', start: '2019-04-02', end: '2019-06-30', contract: 'B' },
    { person: 1, employer: 'A', start: '2019-05-01', end: '2019-05-31', contract: 'B' },
    // person 2: already employed when the data begin
    { person: 2, employer: 'C', start: '2015-01-01', end: '2016-12-31', contract: 'O' },
    { person: 2, employer: 'A', start: '2016-02-01', end: null, contract: null },
    // person 3: same-day change fixed -> open at A; open -> fixed at C (not a conversion)
    { person: 3, employer: 'A', start: '2020-01-01', end: '2020-06-30', contract: 'B' },
    { person: 3, employer: 'A', start: '2020-06-30', end: '2020-12-31', contract: 'O' },
    { person: 3, employer: 'C', start: '2020-01-01', end: '2020-03-31', contract: 'O' },
    { person: 3, employer: 'C', start: '2020-04-01', end: '2020-09-30', contract: 'B' },
  ],
});

function rows(rel: ReturnType<typeof employmentRelationships>) {
  return Array.from({ length: rel.length }, (_, r) => ({
    person: rel.person[r],
    employer: rel.employerLevels[rel.employer[r]],
    start: rel.start[r],
    end: rel.end[r],
    leftCensored: rel.leftCensored[r],
    spells: rel.spells[r],
    first: rel.firstContract[r] < 0 ? null : rel.contractLevels[rel.firstContract[r]],
    last: rel.lastContract[r] < 0 ? null : rel.contractLevels[rel.lastContract[r]],
    converted: rel.convertedToOpenEnded[r],
    firstOpen: rel.firstOpenEndedStart[r],
  }));
}

describe('employmentRelationships', () => {
  it('merges consecutive and overlapping spells at the same employer, keeps employers apart', () => {
    const rel = employmentRelationships(exp);
    expect(rows(rel)).toEqual([
      { person: 0, employer: 'A', start: d('2018-01-01'), end: OPEN_END, leftCensored: 0, spells: 3, first: 'B', last: 'O', converted: 1, firstOpen: d('2019-01-01') },
      { person: 0, employer: 'B', start: d('2018-03-01'), end: d('2018-04-30'), leftCensored: 0, spells: 1, first: 'B', last: 'B', converted: 0, firstOpen: NO_DAY },
      { person: 1, employer: 'A', start: d('2019-01-01'), end: d('2019-03-31'), leftCensored: 0, spells: 1, first: 'B', last: 'B', converted: 0, firstOpen: NO_DAY },
      { person: 1, employer: 'A', start: d('2019-04-02'), end: d('2019-06-30'), leftCensored: 0, spells: 2, first: 'B', last: 'B', converted: 0, firstOpen: NO_DAY },
      { person: 2, employer: 'C', start: d('2015-01-01'), end: d('2016-12-31'), leftCensored: 1, spells: 1, first: 'O', last: 'O', converted: 0, firstOpen: d('2015-01-01') },
      { person: 2, employer: 'A', start: d('2016-02-01'), end: OPEN_END, leftCensored: 0, spells: 1, first: null, last: null, converted: 0, firstOpen: NO_DAY },
      { person: 3, employer: 'A', start: d('2020-01-01'), end: d('2020-12-31'), leftCensored: 0, spells: 2, first: 'B', last: 'O', converted: 1, firstOpen: d('2020-06-30') },
      { person: 3, employer: 'C', start: d('2020-01-01'), end: d('2020-09-30'), leftCensored: 0, spells: 2, first: 'O', last: 'B', converted: 0, firstOpen: d('2020-01-01') },
    ]);
    expect(Array.from(rel.offsets)).toEqual([0, 2, 4, 6, 8, 8]);
  });

  it('bridges gaps up to the tolerance, not beyond', () => {
    // person 1's gap is one missing day (1 April): bridged from gapDays = 1
    const r1 = rows(employmentRelationships(exp, { gapDays: 1 })).filter((r) => r.person === 1);
    expect(r1).toHaveLength(1);
    expect(r1[0]).toMatchObject({ start: d('2019-01-01'), end: d('2019-06-30'), spells: 3 });
    // person 0's B job is at another employer: never merged with A whatever the tolerance
    const r0 = rows(employmentRelationships(exp, { gapDays: 400 })).filter((r) => r.person === 0);
    expect(r0.map((r) => r.employer)).toEqual(['A', 'B']);
    // person 3 at C: fixed after open stays 'no conversion' even when merged
    expect(rows(employmentRelationships(exp, { gapDays: 400 })).filter((r) => r.person === 3 && r.employer === 'C')[0].converted).toBe(0);
  });

  it('a gap of exactly gapDays + 1 days is not bridged', () => {
    const e = buildExport({
      persons: 1,
      observation: { start: '2015-01-01', end: '2024-12-31' },
      jobs: [
        { person: 0, employer: 'A', start: '2020-01-01', end: '2020-01-31' },
        { person: 0, employer: 'A', start: '2020-03-02', end: '2020-03-31' }, // 30 missing days (1 Feb .. 1 Mar)
      ],
    });
    expect(employmentRelationships(e, { gapDays: 29 }).length).toBe(2);
    expect(employmentRelationships(e, { gapDays: 30 }).length).toBe(1);
  });

  it('rejects an impossible tolerance', () => {
    expect(() => employmentRelationships(exp, { gapDays: -1 })).toThrow(SpecificationError);
    expect(() => employmentRelationships(exp, { gapDays: 1.5 })).toThrow(SpecificationError);
  });
});

describe('employmentRelationships against a naive merge', () => {
  it('agrees with grouping by employer and merging sorted spells, on random data', () => {
    const rand = mulberry32(99);
    const base = d('2015-01-01');
    for (let rep = 0; rep < 30; rep++) {
      const jobs: JobSpec[] = [];
      const persons = 12;
      for (let p = 0; p < persons; p++) {
        const k = Math.floor(rand() * 8);
        for (let j = 0; j < k; j++) {
          const s = base + Math.floor(rand() * 2000);
          const open = rand() < 0.1;
          jobs.push({ person: p, employer: 'ABC'[Math.floor(rand() * 3)], start: s, end: open ? null : s + Math.floor(rand() * 200), contract: rand() < 0.5 ? 'B' : 'O' });
        }
      }
      const gapDays = Math.floor(rand() * 3) * 20;
      const e = buildExport({ persons, observation: { start: '2015-01-01', end: '2024-12-31' }, jobs });
      const rel = employmentRelationships(e, { gapDays });
      const got = Array.from({ length: rel.length }, (_, r) => `${rel.person[r]} ${rel.employerLevels[rel.employer[r]]} ${rel.start[r]} ${rel.end[r]} ${rel.spells[r]}`).sort();
      const want: string[] = [];
      for (let p = 0; p < persons; p++) {
        for (const emp of 'ABC') {
          const mine = jobs
            .filter((j) => j.person === p && j.employer === emp)
            .map((j) => ({ s: j.start as number, e: j.end === null ? OPEN_END : (j.end as number) }))
            .sort((a, b) => a.s - b.s);
          let cur: { s: number; e: number; n: number } | undefined;
          for (const j of mine) {
            if (cur && j.s - cur.e - 1 <= gapDays) {
              cur.e = Math.max(cur.e, j.e);
              cur.n++;
            } else {
              if (cur) want.push(`${p} ${emp} ${cur.s} ${cur.e} ${cur.n}`);
              cur = { s: j.s, e: j.e, n: 1 };
            }
          }
          if (cur) want.push(`${p} ${emp} ${cur.s} ${cur.e} ${cur.n}`);
        }
      }
      expect(got).toEqual(want.sort());
      // sorted by person, then start
      for (let r = 1; r < rel.length; r++) {
        expect(rel.person[r] > rel.person[r - 1] || (rel.person[r] === rel.person[r - 1] && rel.start[r] >= rel.start[r - 1])).toBe(true);
      }
    }
  });
});
