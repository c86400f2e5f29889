import { describe, expect, it } from 'vitest';
import { DataError, loadCbsExport, OPEN_END } from '../../src/index.js';
import { day } from './fixture.js';

// A messy export; the comment on each row says what must happen to it.
const persons = `RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT
R,000000001,1980,1
R,000000002,1985,2
R,000000001,1990,2
R,000000003,1970,1
`; // row 3 repeats person 1 → excluded (duplicate-person)

const support = `RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE
R,000000001,20190101,20191231,Wsw,Pantar
R,000000009,20190101,,Wsw,Pantar
R,000000002,20190601,20190101,Wsw,Pantar
R,000000001,20190101,20191231,Wsw,Pantar
R,000000001,20190601,20200630,Participatiewet,regulier
R,000000003,20100101,20101231,Wsw,Pantar
R,000000003,20140101,20160101,Wsw,Pantar
R,000000002,20210101,20230101,Participatiewet,sociale firma
`;
// 1 kept; 2 unknown-person; 3 end-before-start; 4 duplicate of 1; 5 kept, overlaps 1 (flagged);
// 6 outside the period; 7 start clipped to 2015-01-01; 8 end after the period → ongoing.

const employment = `RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT
R,000000001,E1,20150101,20151231,B
R,000000004,E1,20150101,20151231,B
R,000000001,E1,20150101,20151231,B
R,000000002,E2,20240101,,O
R,000000002,E2,20130101,20250101,O
R,000000003,E3,20200101,20190101,B
`;
// 1 kept; 2 unknown-person; 3 duplicate of 1; 4 starts after the period; 5 clipped at both ends
// (one repaired row, two entries); 6 end-before-start.

const observation = { start: '2015-01-01', end: '2022-12-31' };

describe('quality report on a messy export', () => {
  it('accounts for every row: read = kept + excluded', async () => {
    const exp = await loadCbsExport({ persons, support, employment }, { observation });
    expect(exp.quality.counts).toEqual({
      persons: { read: 4, kept: 3, excluded: 1, repaired: 0 },
      support: { read: 8, kept: 4, excluded: 4, repaired: 2 },
      employment: { read: 6, kept: 2, excluded: 4, repaired: 1 },
    });
    for (const c of Object.values(exp.quality.counts)) expect(c.read).toBe(c.kept + c.excluded);
    expect([exp.persons.length, exp.support.length, exp.employment.length]).toEqual([3, 4, 2]);
  });

  it('lists each issue with its count and example rows', async () => {
    const exp = await loadCbsExport({ persons, support, employment }, { observation });
    const summary = exp.quality.entries.map((e) => [e.table, e.issue, e.action, e.count, [...e.exampleRows]]);
    expect(summary).toEqual([
      ['persons', 'duplicate-person', 'excluded', 1, [3]],
      ['support', 'clipped-end', 'repaired', 1, [8]],
      ['support', 'clipped-start', 'repaired', 1, [7]],
      ['support', 'duplicate-row', 'excluded', 1, [4]],
      ['support', 'end-before-start', 'excluded', 1, [3]],
      ['support', 'outside-observation', 'excluded', 1, [6]],
      ['support', 'overlapping-support', 'flagged', 1, [5]],
      ['support', 'unknown-person', 'excluded', 1, [2]],
      ['employment', 'clipped-end', 'repaired', 1, [5]],
      ['employment', 'clipped-start', 'repaired', 1, [5]],
      ['employment', 'duplicate-row', 'excluded', 1, [3]],
      ['employment', 'end-before-start', 'excluded', 1, [6]],
      ['employment', 'outside-observation', 'excluded', 1, [4]],
      ['employment', 'unknown-person', 'excluded', 1, [2]],
    ]);
    // per table, the excluded entries sum to the excluded count
    for (const table of ['persons', 'support', 'employment'] as const) {
      const sum = exp.quality.entries.filter((e) => e.table === table && e.action === 'excluded').reduce((s, e) => s + e.count, 0);
      expect(sum).toBe(exp.quality.counts[table].excluded);
    }
  });

  it('keeps the right rows, clipped', async () => {
    const exp = await loadCbsExport({ persons, support, employment }, { observation });
    const s = exp.support;
    expect([...s.sourceRow]).toEqual([1, 5, 8, 7]);
    expect([...s.person]).toEqual([0, 0, 1, 2]);
    expect([...s.start]).toEqual([day(2019, 1, 1), day(2019, 6, 1), day(2021, 1, 1), day(2015, 1, 1)]);
    expect([...s.end]).toEqual([day(2019, 12, 31), day(2020, 6, 30), OPEN_END, day(2016, 1, 1)]);
    expect([...s.offsets]).toEqual([0, 2, 3, 4]);
    const e = exp.employment;
    expect([...e.sourceRow]).toEqual([1, 5]);
    expect([...e.start]).toEqual([day(2015, 1, 1), day(2015, 1, 1)]);
    expect([...e.end]).toEqual([day(2015, 12, 31), OPEN_END]);
    expect([...exp.persons.sourceRow]).toEqual([1, 2, 4]);
    expect(exp.persons.birthYear[0]).toBe(1980); // the first of the duplicate rows is kept
  });

  it('sorts again after clipping creates ties', async () => {
    const emp = `RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT
R,000000001,E1,20100101,20201231,O
R,000000001,E2,20120101,20161231,B
`;
    const exp = await loadCbsExport({ persons, support, employment: emp }, { observation });
    expect([...exp.employment.sourceRow]).toEqual([2, 1]);
    expect([...exp.employment.end]).toEqual([day(2016, 12, 31), day(2020, 12, 31)]);
  });

  it('judges duplicates on the rows as read, not after clipping', async () => {
    const emp = `RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT
R,000000001,E1,20100101,20161231,O
R,000000001,E1,20120101,20161231,O
`;
    const exp = await loadCbsExport({ persons, support, employment: emp }, { observation });
    expect(exp.employment.length).toBe(2);
    expect(exp.quality.counts.employment).toEqual({ read: 2, kept: 2, excluded: 0, repaired: 2 });
  });

  it('derives the observation period from the valid spells when not given', async () => {
    const exp = await loadCbsExport({ persons, support, employment });
    // earliest valid start: support row 6 (2010-01-01); latest finite date: employment row 5 (2025-01-01).
    // Excluded rows (unknown person, end before start) do not count.
    expect(exp.observation).toEqual({ start: day(2010, 1, 1), end: day(2025, 1, 1) });
  });
});

describe('strict mode', () => {
  it('turns the first exclusion into a DataError', async () => {
    await expect(loadCbsExport({ persons, support, employment }, { strict: true })).rejects.toMatchObject({ name: 'DataError', file: 'persons', row: 3, column: 'RINPERSOON', value: '000000001' });
    const clean = persons.replace('R,000000001,1990,2\n', '');
    try {
      await loadCbsExport({ persons: clean, support, employment }, { strict: true });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      expect(err).toMatchObject({ file: 'support', row: 2, column: 'RINPERSOON', value: '000000009' });
      expect((err as Error).message).toContain('not present in the persons input');
    }
  });
  it('does not object to repairs and flags', async () => {
    const ok = await loadCbsExport(
      {
        persons: 'RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT\nR,000000001,1980,1\n',
        support: 'RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE\nR,000000001,20140101,20190101,Wsw,Pantar\nR,000000001,20180101,,Wsw,Pantar\n',
        employment: 'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT\nR,000000001,E1,20180101,20181231,O\n',
      },
      { strict: true, observation },
    );
    expect(ok.quality.entries.map((e) => e.issue)).toEqual(['clipped-start', 'overlapping-support']);
  });
});
