import { describe, expect, it } from 'vitest';
import {
  DataError,
  diffInDiff,
  eventPanel,
  isPanelStatistics,
  loadSynthetic,
  panelFromLong,
  panelStatistics,
  panelToTable,
  phaseAverages,
  SpecificationError,
  type EventPanel,
} from '../../src/index.js';
import { checkStatistics } from '../../src/panel/checkPanel.js';
import { statisticsMethod } from '../../src/panel/statisticsFromPanel.js';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

// A 3-person long panel: a (weight 2, 3 months), b (weight 0.5, a during month, 2 months after),
// c (weight 1, group control, one month before).
const long = [
  { id: 'a', g: 'supported', ph: 'after', k: 2, y: 0.5, w: 2 },
  { id: 'a', g: 'supported', ph: 'before', k: -1, y: 1, w: 2 },
  { id: 'a', g: 'supported', ph: 'before', k: -2, y: 0, w: 2 },
  { id: 'b', g: 'supported', ph: 'during', k: 0, y: 3, w: 0.5 },
  { id: 'b', g: 'supported', ph: 'after', k: 1, y: 2, w: 0.5 },
  { id: 'b', g: 'supported', ph: 'after', k: 2, y: 4, w: 0.5 },
  { id: 'c', g: 'control', ph: 'before', k: -1, y: 1, w: 1 },
];
const columns = { id: 'id', group: 'g', phase: 'ph', eventTime: 'k', outcome: 'y', weight: 'w' } as const;

describe('panelStatistics: the cells of a panel', () => {
  it('a 3-person long panel, cells worked out by hand (sorted by person, phase, event time)', () => {
    const panel = panelFromLong(long, columns);
    const s = panelStatistics(panel);
    expect(s.kind).toBe('panel-statistics');
    expect(isPanelStatistics(s)).toBe(true);
    // By hand: a: before −2 (y 0), before −1 (y 1), after 2 (y 0.5); b: during 0 (3), after 1 (2), after 2 (4); c: before −1 (1).
    expect(s.length).toBe(7);
    expect(Array.from(s.person)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(Array.from(s.phase)).toEqual([0, 0, 2, 1, 2, 2, 0]);
    expect(Array.from(s.eventTime)).toEqual([-2, -1, 2, 0, 1, 2, -1]);
    expect(Array.from(s.n)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(s.sumY)).toEqual([0, 1, 0.5, 3, 2, 4, 1]);
    expect(Array.from(s.sumW)).toEqual([2, 2, 2, 0.5, 0.5, 0.5, 1]);
    expect(Array.from(s.sumWY)).toEqual([0, 2, 1, 1.5, 1, 2, 1]);
    expect(Array.from(s.offsets)).toEqual([0, 3, 6, 7]);
    expect(s.groups).toEqual(['control', 'supported']);
    expect(Array.from(s.persons.group)).toEqual([1, 1, 0]);
    expect(s.binary).toBe(false);
    expect(s.spec).toEqual({ before: 2, after: 2, during: true, definition: 'long' });
    // The per-person columns are the panel's, not a copy.
    expect(s.persons).toBe(panel.persons);
  });

  it('rows sharing person, phase and event time pool into one cell: n, Σy, Σw, Σwy added up', () => {
    const panel = panelFromLong(long.slice(0, 3), columns);
    // Two rows at (a, before, −1) in a hand-built panel (panelFromLong refuses duplicates; a query engine may pool).
    const dup: EventPanel = {
      ...panel,
      length: 4,
      person: Int32Array.of(0, 0, 0, 0),
      phase: Uint8Array.of(0, 0, 0, 2),
      eventTime: Int16Array.of(-2, -1, -1, 2),
      outcome: Float64Array.of(0, 1, 1, 0.5),
      month: new Int32Array(4).fill(-1),
      offsets: Int32Array.of(0, 4),
    };
    const s = dup.statistics();
    expect(s.length).toBe(3);
    expect(Array.from(s.eventTime)).toEqual([-2, -1, 2]);
    expect(Array.from(s.n)).toEqual([1, 2, 1]);
    expect(Array.from(s.sumY)).toEqual([0, 2, 0.5]);
    expect(Array.from(s.sumW)).toEqual([2, 4, 2]);
    expect(Array.from(s.sumWY)).toEqual([0, 4, 1]);
    expect(Array.from(s.offsets)).toEqual([0, 3]);
    // The pooled mean before is the mean over the three person-months: (0 + 1 + 1) / 3.
    expect(phaseAverages(s).rows[0].estimate).toBeCloseTo(2 / 3, 15);
    expect(phaseAverages(s).rows[0].n_person_months).toBe(3);
  });

  it('an export panel: one cell per observed person-month, sums equal to the rows', async () => {
    const exp = await loadSynthetic({ seed: 3, scale: 0.01 });
    const panel = eventPanel(exp, { before: 12, after: 12, outcome: { daysWorked: true } });
    const s = panel.statistics();
    expect(s.length).toBe(panel.length);
    expect(panel.length).toBeGreaterThan(100);
    let sum = 0;
    for (let r = 0; r < panel.length; r++) sum += panel.outcome[r];
    expect(s.sumY.reduce((a, b) => a + b, 0)).toBe(sum);
    expect(Array.from(s.offsets)).toEqual(Array.from(panel.offsets));
    expect(s.missingOutcome).toBe(panel.missingOutcome);
    expect(s.spec).toBe(panel.spec);
  });

  it('every panel carries the one shared statistics() method; panels stay JSON-serialisable and comparable', () => {
    const a = panelFromLong(long, columns);
    const b = panelFromLong(long, columns);
    expect(a.statistics).toBe(statisticsMethod);
    expect(a).toEqual(b);
    const json = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
    expect('statistics' in json).toBe(false);
    expect(json.length).toBe(7);
    // Statistics are plain data: JSON keeps every field.
    expect(Object.keys(JSON.parse(JSON.stringify(a.statistics()))).sort()).toEqual(['binary', 'eventTime', 'groups', 'kind', 'length', 'n', 'offsets', 'person', 'persons', 'phase', 'spec', 'sumW', 'sumWY', 'sumY']);
    // A copy of a panel (spread) still computes its own statistics.
    expect({ ...a, outcome: Float64Array.from(a.outcome, (y) => y * 2) }.statistics().sumY[0]).toBe(0);
    const detached = a.statistics;
    expect(() => detached()).toThrow(SpecificationError);
    expect(message(() => detached())).toBe('statistics() must be called on its panel, as panel.statistics(); to pass it around, use panelStatistics(panel)');
  });

  it('refusals: functions that need rows say so; malformed statistics are named', () => {
    const s = panelFromLong(long, columns).statistics();
    expect(message(() => panelToTable(s as never))).toBe(
      "panelToTable expects an EventPanel (from eventPanel or panelFromLong); got PanelStatistics: panelToTable needs the panel's person-month rows (outcome and calendar month per row), which statistics pool away; pass the EventPanel itself",
    );
    expect(() => panelStatistics(s as never)).toThrow('got PanelStatistics');
    expect(message(() => phaseAverages({ ...s, sumY: new Float64Array(2) }))).toBe('phaseAverages: PanelStatistics need sumY as a typed array of 7 cells; got a Float64Array');
    expect(message(() => phaseAverages({ ...s, offsets: Int32Array.of(0, 7) }))).toBe('phaseAverages: PanelStatistics need offsets as an Int32Array of 4 entries ending at 7');
    const bad = Int32Array.from(s.n);
    bad[4] = 0;
    expect(() => checkStatistics('phaseAverages', { ...s, n: bad })).toThrow(DataError);
    expect(message(() => phaseAverages({ ...s, n: bad }))).toBe('panel statistics, row 5, column "n": got 0, expected at least one person-month per cell');
    // Cells out of person order (the offsets say person 0 owns cells 1–3).
    const shuffled = Int32Array.from(s.person);
    [shuffled[2], shuffled[3]] = [shuffled[3], shuffled[2]];
    expect(message(() => diffInDiff({ ...s, person: shuffled }, { treated: 'supported', control: 'control' }))).toBe('panel statistics, row 3, column "person": got 1, expected person 0: cells sorted by person, as offsets say');
  });
});
