// The final spell columns, worked out by hand, for an employment file sorted by person (columns
// compacted where they were read), the same rows in reverse (gathered into new columns), and a
// sorted file with nothing left out (the columns as read): clipping, exclusion, duplicates.
import { describe, expect, it } from 'vitest';
import { loadCbsExport } from '../../src/index.js';
import { day } from './fixture.js';

const persons = 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR;000000001;1980;1\nR;000000002;1975;2\n';
const support = 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000001;20190101;20201231;Participatiewet;regulier\n';
const header = 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT';
const lines = [
  'R;000000001;000123;20150301;20160630;O', // starts before the period: clipped to 2016-01-01
  'R;000000001;000123;20150301;20160630;O', // exact duplicate: dropped
  'R;000000001;98;20170101;20170331;B',
  'R;000000002;777;20100101;20101231;O', // entirely before the period: excluded
  'R;000000002;0098;20180101;20300101;O', // ends after the period: open end
  'R;000000002;98;20190101;20190131;',
];
const observation = { start: '20160101', end: '20251231' } as const;
const OPEN = 2_147_483_647;

/** What every order of these rows must give, row by row (file row of each kept spell per order). */
const expected = {
  person: [0, 0, 1, 1],
  start: [day(2016, 1, 1), day(2017, 1, 1), day(2018, 1, 1), day(2019, 1, 1)],
  reportedStart: [day(2015, 3, 1), day(2017, 1, 1), day(2018, 1, 1), day(2019, 1, 1)],
  end: [day(2016, 6, 30), day(2017, 3, 31), OPEN, day(2019, 1, 31)],
  employer: ['000123', '98', '0098', '98'],
  contract: ['O', 'B', 'O', ''],
};

async function load(rows: readonly string[]) {
  const exp = await loadCbsExport({ persons, support, employment: [header, ...rows].join('\n') + '\n' }, { observation });
  const e = exp.employment;
  const text = (c: { codes: Int32Array; levels: readonly string[] }, k: number) => (c.codes[k]! < 0 ? '' : c.levels[c.codes[k]!]!);
  return {
    e,
    columns: {
      person: Array.from(e.person),
      start: Array.from(e.start),
      reportedStart: Array.from(e.reportedStart ?? e.start),
      end: Array.from(e.end),
      employer: Array.from({ length: e.length }, (_, k) => text(e.employer, k)),
      contract: Array.from({ length: e.length }, (_, k) => text(e.contract, k)),
    },
    quality: exp.quality,
  };
}

describe('final spell columns', () => {
  it('a file sorted by person, with rows left out and dates clipped', async () => {
    const { e, columns, quality } = await load(lines);
    expect(columns).toEqual(expected);
    expect(Array.from(e.sourceRow)).toEqual([1, 3, 5, 6]);
    expect(Array.from(e.offsets)).toEqual([0, 2, 4]);
    expect(e.employer.levels).toEqual(['000123', '0098', '98']);
    const count = (issue: string) => quality.entries.find((q) => q.table === 'employment' && q.issue === issue)?.count;
    expect([count('duplicate-row'), count('outside-observation'), count('clipped-start'), count('clipped-end')]).toEqual([1, 1, 1, 1]);
  });

  it('the same rows in reverse order', async () => {
    const { e, columns } = await load([...lines].reverse());
    expect(columns).toEqual(expected);
    // Of the two equal rows the later one in the file is dropped: file rows 5 and 6 are the originals' 2 and 1.
    expect(Array.from(e.sourceRow)).toEqual([5, 4, 2, 1]);
  });

  it('a sorted file with nothing left out or clipped keeps the columns as read', async () => {
    const inside = ['R;000000001;5;20170101;20170331;B', 'R;000000002;5;20180101;20181231;O', 'R;000000002;6;20190101;20190131;'];
    const { e, columns } = await load(inside);
    expect(columns.start).toEqual([day(2017, 1, 1), day(2018, 1, 1), day(2019, 1, 1)]);
    expect(columns.reportedStart).toEqual(columns.start);
    expect(columns.employer).toEqual(['5', '5', '6']);
    expect(Array.from(e.sourceRow)).toEqual([1, 2, 3]);
  });
});
