// The DuckDB engine gives exactly the cells of the in-memory panel: every person-month of
// eventPanel(readCbsExport(files), options) is a cell with n = 1, Σy = y, Σw = w, Σwy = w·y, and
// the panel persons (with zero cells too), their weights and cluster partition are the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorColumns, boundColumns, eventPanel, matchControls, type EventPanelOptions } from '../../src/index.js';
import { duckdbPanelStatistics, type DuckdbPanelOptions } from '../../src/node/index.js';
import { panelPersons, sortedWithOffsets, statisticsDiff } from '../support/panelCells.js';
import { edgeFiles, syntheticFiles, type Written } from './duckdbFixtures.js';

type Options = EventPanelOptions & DuckdbPanelOptions;

async function expectSame(w: Written, memory: EventPanelOptions, engine: DuckdbPanelOptions = memory as DuckdbPanelOptions): Promise<void> {
  const panel = eventPanel(w.exp, memory);
  const stats = await duckdbPanelStatistics(w.files, { ...engine, read: { observation: w.observation }, threads: 2 });
  expect(stats.kind).toBe('panel-statistics');
  expect(sortedWithOffsets(stats)).toBe(true);
  expect(stats.length).toBe(panel.length);
  expect(statisticsDiff(stats, panel)).toEqual([]);
  expect(panelPersons(stats)).toEqual(panelPersons(panel));
  expect(stats.groups).toEqual(panel.groups);
  expect(stats.spec).toEqual(panel.spec);
  expect(stats.binary).toBe(panel.binary);
}

describe('duckdbPanelStatistics on hand-written edge cases', () => {
  let w: Written;
  beforeAll(async () => {
    w = await edgeFiles();
  });
  const cases: [string, Options][] = [
    ['defaults', {}],
    ['short windows', { before: 3, after: 2 }],
    ['reference day', { participation: 'reference-day' }],
    ['at least 15 days', { participation: { minDays: 15 } }],
    ['at least 20 days, during', { participation: { minDays: 20 }, during: true }],
    ['last trajectory', { trajectory: 'last', during: true }],
    ['longest trajectory', { trajectory: 'longest', during: true }],
    ['groups by scheme', { group: 'scheme' }],
    ['groups by a person column, two kept', { group: 'OPLNIVEAU', groups: ['laag', '(missing)'] }],
    ['observation override', { observation: { start: '2019-03-01', end: '2020-12-31' } }],
    ['windows of 0 months', { before: 0, after: 0, during: true }],
  ];
  for (const [name, options] of cases) it(name, () => expectSame(w, options));

  it('the edge cases are what they claim: ties by end date, no after phase when ongoing, persons without months kept', async () => {
    const stats = await duckdbPanelStatistics(w.files, { read: { observation: w.observation } });
    // Person 1's first trajectory is 2019-07 (the earliest start); person 4 has no support in the period.
    expect(stats.persons.id).toEqual(['R000000001', 'R000000002', 'R000000003', 'R000000005']);
    expect(stats.persons.anchorEnd[1]).toBe(-1);
    // Person 5's support is in the last whole month: 27 months before, none after.
    expect(stats.offsets[4]! - stats.offsets[3]!).toBe(27);
    const tie = await duckdbPanelStatistics(w.files, { read: { observation: w.observation }, trajectory: 'last' });
    // Same start 2020-03-10: the later end (2020-06-30) sorts last.
    expect(tie.persons.anchorEnd[0]).toBe(2020 * 12 + 5);
  });
});

describe('duckdbPanelStatistics on a synthetic export with several trajectories per person', () => {
  let w: Written;
  beforeAll(async () => {
    w = await syntheticFiles(5, 0.04);
  }, 120_000);
  const cases: [string, Options][] = [
    ['defaults (first trajectory, any day)', {}],
    ['last trajectory, during', { trajectory: 'last', during: true }],
    ['longest trajectory, reference day', { trajectory: 'longest', participation: 'reference-day' }],
    ['at least 10 days, by employer type', { participation: { minDays: 10 }, group: 'employerType' }],
  ];
  for (const [name, options] of cases) it(name, () => expectSame(w, options), 60_000);

  it('has persons with several trajectories, ongoing support and persons without after months', () => {
    const s = w.exp.support;
    let several = 0;
    let ongoing = 0;
    for (let p = 0; p < w.exp.persons.length; p++) if (s.offsets[p + 1]! - s.offsets[p]! > 1) several++;
    for (let r = 0; r < s.length; r++) if (s.end[r] === 2147483647) ongoing++;
    expect(several).toBeGreaterThan(50);
    expect(ongoing).toBeGreaterThan(50);
  });

  it('per-person observation bounds', async () => {
    const n = w.exp.persons.length;
    const person = Int32Array.from({ length: Math.floor(n / 4) }, (_, i) => i * 4);
    // Bounds from a day inside the period to a day inside it, some open-ended, one person twice.
    const start = Int32Array.from(person, (p) => w.exp.observation.start + ((p * 37) % 900));
    const end = Int32Array.from(person, (p, i) => (i % 5 === 0 ? 2147483647 : start[i]! + 400 + ((p * 53) % 1500)));
    const bounds = { person: Int32Array.from([...person, 0]), start: Int32Array.from([...start, w.exp.observation.start + 20]), end: Int32Array.from([...end, w.exp.observation.end - 20]) };
    await expectSame(w, { observationBounds: bounds }, { observationBounds: boundColumns(w.exp.persons, bounds) });
  }, 60_000);

  it('matched controls as explicit anchors, with weights and matched sets (clusters)', async () => {
    const m = matchControls(w.exp, { covariates: ['birthYear', 'preParticipation'], ratio: 2, replace: true });
    expect(m.anchors.weight!.some((x) => x !== 1)).toBe(true);
    await expectSame(w, { anchors: m.anchors, during: true }, { anchors: anchorColumns(w.exp.persons, m.anchors), during: true });
    // Without clusters, a person anchored twice is one cluster, as in eventPanel.
    const { cluster: _c, ...noClusters } = m.anchors;
    await expectSame(w, { anchors: noClusters }, { anchors: anchorColumns(w.exp.persons, noClusters) });
  }, 120_000);
});
