/**
 * The population SQL on hand-made views, against values worked out by hand: months at the edges of
 * an observation period that starts and ends mid-month, an ongoing spell over two words, spells
 * ending on a month's first day, the anchor row of each trajectory with tied starts and an ongoing
 * trajectory, persons numbered in key order whatever the input order.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchPopulationFromColumns, matchPopulationSql, type MatchPopulationColumns } from '../../src/compare/matchPopulationSql.js';
import { OPEN_END } from '../../src/core/calendar.js';
import type { TrajectoryChoice } from '../../src/panel/supportAnchors.js';

// Day numbers (days since 1970-01-01).
const D = { obsStart: 16815 /* 2016-01-15 */, obsEnd: 18067 /* 2019-06-20 */, jan1_2016: 16801, mar31_2016: 16891, apr1_2016: 16892, may31_2019: 18047, jul1_2019: 18078, jan1_2015: 16436, jan31_2016: 16831 };
const S = { jan1_2017: 17167, jun30_2017: 17347, mar31_2017: 17256, may1_2016: 16922, jan1_2018: 17532, feb1_2018: 17563 };
let con: DuckDBConnection;

beforeAll(async () => {
  con = await (await DuckDBInstance.create(':memory:')).connect();
  // Input order is not key order: E, A, D, B, F, C.
  await con.run(`CREATE TABLE pe_persons AS SELECT * FROM (VALUES
    ('R', '000000005', 1970.0, '2', 'laag'), ('R', '000000001', 1980.0, '1', 'hoog'), ('R', '000000004', 1975.0, '1', NULL),
    ('R', '000000002', NULL, '2', 'laag'), ('R', '000000006', 1990.0, NULL, 'hoog'), ('R', '000000003', 1985.0, '1', 'midden'))
    t(rinpersoons, rinpersoon, birth_year, sex, OPLNIVEAU)`);
  await con.run(`CREATE TABLE pe_employment AS SELECT * FROM (VALUES
    ('R', '000000001', ${D.jan1_2016}, ${OPEN_END}),
    ('R', '000000002', ${D.mar31_2016}, ${D.apr1_2016}),
    ('R', '000000004', ${D.may31_2019}, ${D.jul1_2019}),
    ('R', '000000005', ${D.jan1_2015}, ${D.jan31_2016}))
    t(rinpersoons, rinpersoon, start_day, end_day)`);
  await con.run(`CREATE TABLE pe_support AS SELECT * FROM (VALUES
    ('R', '000000001', ${S.jan1_2017}, ${S.jun30_2017}), ('R', '000000001', ${S.jan1_2017}, ${S.mar31_2017}),
    ('R', '000000006', ${S.may1_2016}, ${OPEN_END}), ('R', '000000006', ${S.jan1_2018}, ${S.feb1_2018}))
    t(rinpersoons, rinpersoon, start_day, end_day)`);
});
afterAll(() => con?.closeSync());

async function population(trajectory: TrajectoryChoice) {
  const observation = { start: D.obsStart, end: D.obsEnd };
  const q = matchPopulationSql(observation, trajectory);
  const columns: MatchPopulationColumns = {
    persons: (await con.runAndReadAll(q.persons)).getColumnsObjectJS() as MatchPopulationColumns['persons'],
    bits: (await con.runAndReadAll(q.bits)).getColumnsObjectJS() as MatchPopulationColumns['bits'],
  };
  return matchPopulationFromColumns(q, observation, trajectory, columns);
}

describe('matchPopulationSql on hand-made views', () => {
  it('numbers persons in key order and reads their variables', async () => {
    const pop = await population('first');
    expect(pop.persons.rinpersoon).toEqual(['000000001', '000000002', '000000003', '000000004', '000000005', '000000006']);
    expect(Array.from(pop.persons.birthYear)).toEqual([1980, NaN, 1985, 1975, 1970, 1990]);
    expect(pop.persons.sex).toEqual({ codes: Int32Array.from([0, 1, 0, 0, 1, -1]), levels: ['1', '2'] });
    expect(pop.persons.covariates['OPLNIVEAU']).toEqual({ codes: Int32Array.from([0, 1, 2, -1, 1, 0]), levels: ['hoog', 'laag', 'midden'] });
  });

  it('sets the employed months of the full months Feb 2016 … May 2019 (40 months, two words)', async () => {
    const { employment } = await population('first');
    expect([employment.firstMonth, employment.months]).toEqual([2016 * 12 + 1, 40]);
    const words = (p: number): number[] => Array.from(employment.bits.subarray(2 * p, 2 * p + 2));
    expect(words(0)).toEqual([-1, 0xff]); // ongoing since before the period: all 40 months
    expect(words(1)).toEqual([0b110, 0]); // 31 March – 1 April 2016: months 1 and 2
    expect(words(2)).toEqual([0, 0]); // no spell
    expect(words(3)).toEqual([0, 1 << 7]); // 31 May – 1 July 2019: May 2019 only (month 39)
    expect(words(4)).toEqual([0, 0]); // ends 31 January 2016, before the first full month
  });

  it.each([
    ['first', S.jan1_2017, S.mar31_2017, S.may1_2016, OPEN_END],
    ['last', S.jan1_2017, S.jun30_2017, S.jan1_2018, S.feb1_2018],
    ['longest', S.jan1_2017, S.jun30_2017, S.may1_2016, OPEN_END],
  ] as const)('trajectory %s anchors each supported person at the row the loader would pick', async (trajectory, start1, end1, start6, end6) => {
    const pop = await population(trajectory);
    expect(Array.from(pop.supported)).toEqual([1, 0, 0, 0, 0, 1]);
    expect([pop.supportStart[0], pop.supportEnd[0], pop.supportStart[5], pop.supportEnd[5]]).toEqual([start1, end1, start6, end6]);
    expect(pop.trajectory).toBe(trajectory);
  });
});

describe('matchPopulationFromColumns refuses results it cannot place', () => {
  const observation = { start: D.obsStart, end: D.obsEnd };
  const q = matchPopulationSql(observation);
  const persons = { p: [0, 1], rinpersoons: ['R', 'R'], rinpersoon: ['000000001', '000000002'], birth_year: [1980, 1981], sex: ['1', '1'], support_start: [null, null], support_end: [null, null] };

  it('persons not ordered by p', () => {
    expect(() => matchPopulationFromColumns(q, observation, 'first', { persons: { ...persons, p: [1, 0] }, bits: {} })).toThrow(/row 1, column "p": got 1, expected 0/);
  });

  it('a word beyond the person\'s words', () => {
    expect(() => matchPopulationFromColumns(q, observation, 'first', { persons, bits: { p: [1], w: [2], bits: [1] } })).toThrow(/population bits, row 1, column "w": got 2/);
  });
});
