import { describe, expect, it } from 'vitest';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { supportAnchors } from '../../src/panel/supportAnchors.js';
import { PHASES, type EventPanel } from '../../src/panel/types.js';
import { formatMonth } from '../../src/core/calendar.js';
import { DataError, SpecificationError } from '../../src/core/errors.js';
import { buildExport, day } from './buildExport.js';

/** A panel person's rows as `phase k month y` strings, easy to read against hand-worked months. */
function rows(panel: EventPanel, i: number): string[] {
  const out: string[] = [];
  for (let r = panel.offsets[i]; r < panel.offsets[i + 1]; r++) {
    out.push(`${PHASES[panel.phase[r]]} ${panel.eventTime[r]} ${formatMonth(panel.month[r])} ${panel.outcome[r]}`);
  }
  return out;
}

const OBS = ['2018-01-01', '2023-12-31'] as const;
// Person 0: support 15 Mar – 10 Jun 2020, so S = 2020-03 and E = 2020-06.
// Job 1 runs 20 Dec 2019 – 1 Jan 2020 (ends on the first of a month), job 2 from 31 Aug (the last day of a month) to 1 Sep 2020.
const personA = {
  support: [['2020-03-15', '2020-06-10']] as const,
  jobs: [
    ['2019-12-20', '2020-01-01'],
    ['2020-08-31', '2020-09-01'],
  ] as const,
};

describe('eventPanel: participation definitions at month boundaries', () => {
  const exp = buildExport(OBS, [personA]);
  it('any-day: a spell touching a month by one day makes it a participation month', () => {
    const p = eventPanel(exp, { before: 3, after: 3 });
    expect(rows(p, 0)).toEqual([
      'before -3 2019-12 1',
      'before -2 2020-01 1',
      'before -1 2020-02 0',
      'after 1 2020-07 0',
      'after 2 2020-08 1',
      'after 3 2020-09 1',
    ]);
    expect(p.persons.anchorStart[0]).toBe(2020 * 12 + 2);
    expect(p.persons.anchorEnd[0]).toBe(2020 * 12 + 5);
    expect(p.spec.definition).toBe('any-day');
  });
  it('reference-day: only months whose last day is employed', () => {
    const p = eventPanel(exp, { before: 3, after: 3, participation: 'reference-day' });
    // 31 Dec 2019 is inside job 1; 31 Jan is not; 31 Aug is the job's first day; 30 Sep is after job 2.
    expect(rows(p, 0).map((s) => s.at(-1))).toEqual(['1', '0', '0', '0', '1', '0']);
  });
  it('minDays: counts employed days in the month', () => {
    // December: 20..31 = 12 days; January: 1 day; August 1 day; September 1 day.
    expect(Array.from(eventPanel(exp, { before: 3, after: 3, participation: { minDays: 12 } }).outcome)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(Array.from(eventPanel(exp, { before: 3, after: 3, participation: { minDays: 13 } }).outcome)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(eventPanel(exp, { before: 3, after: 3, participation: { minDays: 1 } }).outcome)).toEqual([1, 1, 0, 0, 1, 1]);
  });
  it('minDays: overlapping spells are not double counted, adjacent ones add up', () => {
    const e = buildExport(OBS, [
      {
        support: [['2019-07-01', '2019-07-31']],
        jobs: [
          ['2019-05-01', '2019-05-10'],
          ['2019-05-06', '2019-05-15'], // overlaps: May has 15 distinct days, not 20
          ['2019-06-01', '2019-06-10'],
          ['2019-06-11', '2019-06-12'], // adjacent: June has 12 days
        ],
      },
    ]);
    const at = (n: number) => Array.from(eventPanel(e, { before: 2, after: 0, participation: { minDays: n } }).outcome);
    expect(at(15)).toEqual([1, 0]);
    expect(at(13)).toEqual([1, 0]);
    expect(at(16)).toEqual([0, 0]);
    expect(at(12)).toEqual([1, 1]);
  });
  it('rejects impossible participation definitions', () => {
    expect(() => eventPanel(exp, { participation: { minDays: 0 } })).toThrow(SpecificationError);
    expect(() => eventPanel(exp, { participation: { minDays: 32 } })).toThrow(SpecificationError);
    expect(() => eventPanel(exp, { participation: 'monthly' as never })).toThrow(SpecificationError);
    expect(() => eventPanel(exp, { before: -1 })).toThrow(SpecificationError);
    expect(() => eventPanel(exp, { after: 2.5 })).toThrow(SpecificationError);
  });
});

describe('eventPanel: observation windows', () => {
  it('clips to the observation period: only whole months inside it are observed', () => {
    const exp = buildExport(['2020-01-01', '2020-08-15'], [personA]);
    // August is only half observed, so it is missing; December 2019 lies before the period.
    expect(rows(eventPanel(exp, { before: 3, after: 3 }), 0)).toEqual(['before -2 2020-01 1', 'before -1 2020-02 0', 'after 1 2020-07 0']);
    // Same via the override, on an export with a longer period.
    const wide = buildExport(OBS, [personA]);
    expect(rows(eventPanel(wide, { before: 3, after: 3, observation: { start: '2020-01-01', end: '20200815' } }), 0)).toHaveLength(3);
    expect(() => eventPanel(wide, { observation: { start: '2020-01-02', end: '2020-01-31' } })).toThrow(SpecificationError);
  });
  it('support starting near the start of the data has a short before phase', () => {
    const exp = buildExport(OBS, [{ support: [['2018-02-15', '2018-04-30']], jobs: [['2018-01-05', '2018-06-30']] }]);
    expect(rows(eventPanel(exp, { before: 3, after: 3 }), 0)).toEqual(['before -1 2018-01 1', 'after 1 2018-05 1', 'after 2 2018-06 1', 'after 3 2018-07 0']);
  });
  it('ongoing support has no after phase; during runs to the end of the data', () => {
    const exp = buildExport(OBS, [
      { support: [['2021-01-10', 'open']], jobs: [['2021-01-10', 'open']] },
      { support: [['2023-06-01', '2024-03-31']] }, // ends after the data: also ongoing
    ]);
    const p = eventPanel(exp, { before: 2, after: 6, during: true });
    expect(p.persons.anchorEnd[0]).toBe(-1);
    const r0 = rows(p, 0);
    expect(r0.slice(0, 3)).toEqual(['before -2 2020-11 0', 'before -1 2020-12 0', 'during 0 2021-01 1']);
    expect(r0).toHaveLength(2 + 36);
    expect(r0.at(-1)).toBe('during 35 2023-12 1');
    const r1 = rows(p, 1);
    expect(r1.filter((s) => s.startsWith('after'))).toEqual([]);
    expect(r1.filter((s) => s.startsWith('during'))).toHaveLength(7); // 2023-06 … 2023-12
  });
  it('per-person bounds (e.g. emigration) cut the observed months; the rest of the data is untouched', () => {
    const exp = buildExport(OBS, [
      { support: [['2020-03-01', '2020-03-31']], jobs: [['2019-01-01', 'open']] },
      { support: [['2020-03-01', '2020-03-31']], jobs: [['2019-01-01', 'open']] },
    ]);
    const bounds = { person: Int32Array.of(0, 0), start: Int32Array.of(day('2020-01-01'), day('2019-06-01')), end: Int32Array.of(day('2020-05-15'), day('2030-01-01')) };
    const p = eventPanel(exp, { before: 3, after: 3, observationBounds: bounds });
    expect(rows(p, 0)).toEqual(['before -2 2020-01 1', 'before -1 2020-02 1', 'after 1 2020-04 1']);
    expect(rows(p, 1)).toHaveLength(6);
    expect(() => eventPanel(exp, { observationBounds: { person: Int32Array.of(5), start: Int32Array.of(0), end: Int32Array.of(1) } })).toThrow(DataError);
  });
});

describe('eventPanel: anchors and groups', () => {
  const persons = [
    {
      sex: 'V',
      support: [
        ['2019-01-01', '2019-02-28', 'Participatiewet'],
        ['2021-05-01', '2022-10-31', 'Wsw'],
        ['2023-01-01', '2023-01-31', 'Wsw'],
      ] as const,
      jobs: [['2020-12-01', '2020-12-31']] as const,
    },
    { sex: 'M', support: [['2020-03-15', '2020-06-10', 'Wsw']] as const },
    { sex: 'M', jobs: [['2020-07-01', 'open']] as const }, // never supported
  ];
  const exp = buildExport(OBS, persons);
  it('default anchors: every supported person, first trajectory, group supported', () => {
    const p = eventPanel(exp, { before: 1, after: 1 });
    expect(p.persons.length).toBe(2);
    expect(p.groups).toEqual(['supported']);
    expect(Array.from(p.persons.exportIndex)).toEqual([0, 1]);
    expect(p.persons.id[0]).toBe('R000000001');
    expect(rows(p, 0)).toEqual(['before -1 2018-12 0', 'after 1 2019-03 0']);
  });
  it('trajectory choice: first, longest, last', () => {
    expect(rows(eventPanel(exp, { before: 1, after: 1, trajectory: 'longest' }), 0)).toEqual(['before -1 2021-04 0', 'after 1 2022-11 0']);
    expect(rows(eventPanel(exp, { before: 1, after: 1, trajectory: 'last' }), 0)).toEqual(['before -1 2022-12 0', 'after 1 2023-02 0']);
    const ongoing = buildExport(OBS, [{ support: [['2019-01-01', '2019-12-31'], ['2020-01-01', 'open']] }]);
    expect(supportAnchors(ongoing, { trajectory: 'longest' }).end[0]).toBe(day('open'));
  });
  it('groups by scheme of the anchoring trajectory, or by sex', () => {
    const byScheme = eventPanel(exp, { group: 'scheme' });
    expect(byScheme.groups).toEqual(['Participatiewet', 'Wsw']);
    expect(Array.from(byScheme.persons.group)).toEqual([0, 1]);
    const bySex = eventPanel(exp, { group: 'sex', groups: ['V'] });
    expect(bySex.groups).toEqual(['V']);
    expect(Array.from(bySex.persons.exportIndex)).toEqual([0]);
    expect(() => eventPanel(exp, { group: 'shoeSize' })).toThrow(SpecificationError);
  });
  it('explicit anchors: a control with pseudo anchors, weights and clusters', () => {
    const anchors = {
      person: Int32Array.of(1, 2),
      start: Int32Array.of(day('2020-03-15'), day('2020-03-15')),
      end: Int32Array.of(day('2020-06-10'), day('2020-06-10')),
      group: Int32Array.of(0, 1),
      groups: ['treated', 'control'],
      weight: Float64Array.of(1, 0.5),
      cluster: Int32Array.of(7, 7),
    };
    const p = eventPanel(exp, { before: 2, after: 2, anchors });
    expect(p.groups).toEqual(['treated', 'control']);
    expect(rows(p, 1)).toEqual(['before -2 2020-01 0', 'before -1 2020-02 0', 'after 1 2020-07 1', 'after 2 2020-08 1']);
    expect(Array.from(p.persons.weight)).toEqual([1, 0.5]);
    expect(Array.from(p.persons.cluster)).toEqual([7, 7]);
    expect(() => eventPanel(exp, { anchors, group: 'sex' })).toThrow(SpecificationError);
    expect(() => eventPanel(exp, { anchors: { ...anchors, end: Int32Array.of(0, 0) } })).toThrow(DataError);
    expect(() => eventPanel(exp, { anchors: { ...anchors, weight: Float64Array.of(1, -1) } })).toThrow(DataError);
  });
  it('a person anchored twice without explicit clusters stays one cluster', () => {
    const anchors = { person: Int32Array.of(2, 2, 1), start: Int32Array.of(day('2020-03-15'), day('2021-03-15'), day('2020-03-15')), end: Int32Array.of(day('2020-06-10'), day('2021-06-10'), day('2020-06-10')), group: Int32Array.of(0, 0, 0), groups: ['control'] };
    const p = eventPanel(exp, { anchors });
    expect(p.persons.cluster[0]).toBe(p.persons.cluster[1]);
    expect(p.persons.cluster[0]).not.toBe(p.persons.cluster[2]);
  });
});
