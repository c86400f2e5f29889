// panelStatisticsFromTable: sorting and pooling of rows, persons declared by n = 0 rows, group
// order, spec, and typed errors for missing or unknown columns, bad phases and non-numbers.
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { DataError, panelStatisticsFromTable, SpecificationError } from '../../src/index.js';

/** Columns of rows given as [person number, group, S, E, phase, k, n, Σy] (weight 2, no cluster). */
function columns(rows: [string, string, number, number | null, string | null, number | null, number, number][]) {
  return {
    rinpersoons: rows.map(() => 'R'),
    rinpersoon: rows.map((r) => r[0]),
    group: rows.map((r) => r[1]),
    weight: rows.map(() => 2),
    cluster: rows.map(() => null),
    anchor_start_month: rows.map((r) => r[2]),
    anchor_end_month: rows.map((r) => r[3]),
    phase: rows.map((r) => r[4]),
    event_time: rows.map((r) => r[5]),
    n: rows.map((r) => r[6]),
    sum_y: rows.map((r) => r[7]),
    sum_w: rows.map((r) => 2 * r[6]),
    sum_wy: rows.map((r) => 2 * r[7]),
  };
}

const S = 2020 * 12;

describe('panelStatisticsFromTable', () => {
  it('sorts persons by key and cells by phase and event time, pools repeated cells, keeps declared persons', () => {
    const table = columns([
      ['000000003', 'b', S, null, 'before', -1, 1, 1],
      ['000000001', 'a', S, S + 5, 'after', 2, 1, 0],
      ['000000001', 'a', S, S + 5, 'before', -2, 1, 1],
      ['000000001', 'a', S, S + 5, 'after', 2, 2, 1],
      ['000000002', 'a', S, S + 5, null, null, 0, 0],
      ['000000001', 'a', S, S + 5, 'during', 0, 1, 1],
    ]);
    const s = panelStatisticsFromTable(table, { during: true });
    expect(s.persons.id).toEqual(['R000000001', 'R000000002', 'R000000003']);
    expect([...s.person]).toEqual([0, 0, 0, 2]);
    expect([...s.phase]).toEqual([0, 1, 2, 0]);
    expect([...s.eventTime]).toEqual([-2, 0, 2, -1]);
    // The two rows of person 1, after, k = 2 are one cell: n 1 + 2, Σy 0 + 1, Σw 2 + 4, Σwy 0 + 2.
    expect([s.n[2], s.sumY[2], s.sumW[2], s.sumWY[2]]).toEqual([3, 1, 6, 2]);
    expect([...s.offsets]).toEqual([0, 3, 3, 4]);
    expect(s.groups).toEqual(['a', 'b']);
    expect([...s.persons.group]).toEqual([0, 0, 1]);
    expect([...s.persons.anchorEnd]).toEqual([S + 5, S + 5, -1]);
    expect([...s.persons.cluster]).toEqual([-1, -1, -1]);
    expect([...s.persons.exportIndex]).toEqual([-1, -1, -1]);
    expect(s.binary).toBe(true);
    expect(s.spec).toEqual({ before: 48, after: 48, during: true, definition: 'any-day' });
  });

  it('accepts phase codes, an arquero table, a group order and records the observation period', () => {
    const table = columns([['000000001', 'b', S, S, 'after', 1, 1, 1], ['000000002', 'a', S, S, 'before', -1, 1, 0]]);
    const coded = { ...table, phase: [2, 0] };
    const s = panelStatisticsFromTable(aq.table(coded), { groups: ['b', 'a'], observation: { start: '2019-01-01', end: '2021-12-31' } });
    expect(s.groups).toEqual(['b', 'a']);
    expect([...s.persons.group]).toEqual([0, 1]);
    expect([...s.phase]).toEqual([2, 0]);
    expect(s.spec.observation).toEqual({ startMonth: 2019 * 12, endMonth: 2021 * 12 + 11 });
    expect(() => panelStatisticsFromTable(table, { groups: ['a', 'c'] })).toThrow(/groups lists "c"/);
  });

  it('refuses missing and unknown columns, bad phases, non-numbers and impossible counts, naming row and column', () => {
    const table = columns([['000000001', 'a', S, S, 'after', 1, 1, 1]]);
    const { sum_wy: _drop, ...missing } = table;
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    const e1 = error(() => panelStatisticsFromTable(missing)) as DataError;
    expect(e1).toBeInstanceOf(DataError);
    expect(e1.column).toBe('sum_wy');
    expect((error(() => panelStatisticsFromTable({ ...table, extra: [1] })) as DataError).column).toBe('extra');
    const e2 = error(() => panelStatisticsFromTable({ ...table, phase: ['later'] })) as DataError;
    expect([e2.row, e2.column, e2.value]).toEqual([1, 'phase', 'later']);
    expect(e2.message).toMatch(/'before', 'during' or 'after'/);
    const e3 = error(() => panelStatisticsFromTable({ ...table, sum_y: [Number.NaN] })) as DataError;
    expect([e3.row, e3.column]).toEqual([1, 'sum_y']);
    expect((error(() => panelStatisticsFromTable({ ...table, event_time: [1.5] })) as DataError).column).toBe('event_time');
    expect((error(() => panelStatisticsFromTable({ ...table, weight: [-1] })) as DataError).column).toBe('weight');
    expect((error(() => panelStatisticsFromTable({ ...table, rinpersoon: [''] })) as DataError).column).toBe('rinpersoon');
    expect((error(() => panelStatisticsFromTable({ ...table, sum_y: [2] })) as DataError).column).toBe('sum_y');
    expect((error(() => panelStatisticsFromTable({ ...table, phase: [null] })) as DataError).column).toBe('phase');
    expect((error(() => panelStatisticsFromTable({ ...table, n: [1, 2] })) as DataError).column).toBe('n');
    expect(error(() => panelStatisticsFromTable('rows' as never))).toBeInstanceOf(SpecificationError);
  });
});
