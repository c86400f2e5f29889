import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { panelFromLong } from '../../src/panel/panelFromLong.js';
import { panelToTable } from '../../src/panel/panelToTable.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { DataError } from '../../src/core/errors.js';
import { buildExport } from './buildExport.js';

describe('panelFromLong', () => {
  const long = table({
    pid: ['b', 'a', 'a', 'b', 'a', 'b'],
    grp: ['ctl', 'trt', 'trt', 'ctl', 'trt', 'ctl'],
    ph: ['after', 'after', 'before', 'before', 'during', 'before'],
    k: [1, 2, -1, -1, 0, -3],
    y: [0.5, 1, 0, 2, 1, 3],
    w: [2, 1, 1, 2, 1, 2],
  });
  it('sorts rows by person (first appearance), phase and event time', () => {
    const p = panelFromLong(long, { id: 'pid', group: 'grp', phase: 'ph', eventTime: 'k', outcome: 'y', weight: 'w' });
    expect(p.persons.id).toEqual(['b', 'a']);
    expect(p.groups).toEqual(['ctl', 'trt']);
    expect(Array.from(p.persons.group)).toEqual([0, 1]);
    expect(Array.from(p.persons.weight)).toEqual([2, 1]);
    expect(Array.from(p.offsets)).toEqual([0, 3, 6]);
    expect(Array.from(p.phase)).toEqual([0, 0, 2, 0, 1, 2]);
    expect(Array.from(p.eventTime)).toEqual([-3, -1, 1, -1, 0, 2]);
    expect(Array.from(p.outcome)).toEqual([3, 2, 0.5, 0, 1, 1]);
    expect(p.binary).toBe(false);
    expect(p.spec).toEqual({ before: 3, after: 2, during: true, definition: 'long' });
  });
  it('takes the phase from the sign of k when there is no phase column; accepts arrays of objects', () => {
    const p = panelFromLong(
      [
        { id: 1, k: 2, y: true },
        { id: 1, k: -2, y: false },
      ],
      { id: 'id', eventTime: 'k', outcome: 'y' },
    );
    expect(Array.from(p.phase)).toEqual([0, 2]);
    expect(Array.from(p.outcome)).toEqual([0, 1]);
    expect(p.binary).toBe(true);
    expect(p.groups).toEqual(['all']);
    expect(() => panelFromLong([{ id: 1, k: 0, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' })).toThrow(/k = 0 is ambiguous/);
  });
  it('gives clear DataErrors', () => {
    const cols = { id: 'id', eventTime: 'k', outcome: 'y', phase: 'ph' };
    const err = (rows: Record<string, unknown>[], c: Record<string, string> = cols) => {
      try {
        panelFromLong(rows, c as never);
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        return (e as DataError).message;
      }
      throw new Error('expected a DataError');
    };
    expect(err([{ id: 'a', k: -1, y: 1, ph: 'before' }, { id: 'a', k: -1, y: 0, ph: 'before' }])).toMatch(/row 2, column "k".*one row per person, phase and event time/);
    expect(err([{ id: 'a', k: -1, y: 'ja', ph: 'before' }])).toMatch(/row 1, column "y": got "ja", expected a finite number/);
    expect(err([{ id: 'a', k: -1, y: null, ph: 'before' }])).toMatch(/column "y"/);
    expect(err([{ id: 'a', k: -1, y: 1, ph: 'voor' }])).toMatch(/column "ph": got "voor", expected a phase/);
    expect(err([{ id: 'a', k: -1, y: 1, ph: 'before' }], { ...cols, outcome: 'werk' })).toMatch(/column "werk".*expected a column/);
    expect(err([{ id: 'a', k: -1.5, y: 1, ph: 'before' }])).toMatch(/whole number/);
    expect(err([{ id: 'a', k: -1, y: 1, ph: 'before', w: 1 }, { id: 'a', k: -2, y: 1, ph: 'before', w: 2 }], { ...cols, weight: 'w' })).toMatch(/same weight/);
  });
});

describe('panelToTable', () => {
  it('one tidy row per person-month with calendar month', () => {
    const exp = buildExport(['2019-01-01', '2021-12-31'], [{ support: [['2020-03-15', '2020-06-10']], jobs: [['2020-02-03', '2020-02-04']] }]);
    const t = panelToTable(eventPanel(exp, { before: 1, after: 1 }));
    expect(t.objects()).toEqual([
      { id: 'R000000001', group: 'supported', phase: 'before', event_time: -1, month: '2020-02', outcome: 1, weight: 1 },
      { id: 'R000000001', group: 'supported', phase: 'after', event_time: 1, month: '2020-07', outcome: 0, weight: 1 },
    ]);
  });
});
