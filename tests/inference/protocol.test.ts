// Every panel estimator returns the one result protocol (rows with the tidy columns, toTable with
// every column, a printed summary, the resolved spec, tests and notes), refuses misspelt options
// with a suggestion, and refuses a wrongly shaped first argument with a SpecificationError.
import { describe, expect, it } from 'vitest';
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { eventStudy } from '../../src/compare/eventStudy.js';
import { SpecificationError } from '../../src/core/errors.js';
import { participationProfile } from '../../src/estimate/participationProfile.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { panelFromLong } from '../../src/panel/panelFromLong.js';
import { loadSynthetic } from '../../src/synth/index.js';
import { panelFromRows, uniformSource, type Row } from '../compare/helpers.js';

const rows: Row[] = [];
const u = uniformSource(8);
for (let i = 0; i < 40; i++) {
  for (const k of [-3, -2, -1, 1, 2]) rows.push({ id: `p${i}`, group: i < 20 ? 'supported' : 'control', phase: k < 0 ? 'before' : 'after', k, y: u() < 0.4 ? 1 : 0 });
}
const panel = panelFromRows(rows, ['supported', 'control']);
const TIDY = ['estimate', 'se', 'ci_low', 'ci_high', 'level', 'method', 'n_persons', 'n_person_months', 'note'];
const TEST_KEYS = ['name', 'statistic', 'distribution', 'df', 'df2', 'p_value', 'null_hypothesis'];

const estimators = {
  participationProfile: (o?: object) => participationProfile(panel, o),
  phaseAverages: (o?: object) => phaseAverages(panel, o),
  diffInDiff: (o?: object) => diffInDiff(panel, o),
  eventStudy: (o?: object) => eventStudy(panel, { reference: [-2, -1], bootstrap: { replications: 99 }, ...o }),
} as const;
const typos: Record<keyof typeof estimators, [object, string]> = {
  participationProfile: [{ levle: 0.9 }, 'level'],
  phaseAverages: [{ paird: true }, 'paired'],
  diffInDiff: [{ clustr: 'set' }, 'cluster'],
  eventStudy: [{ refrence: [-2, -1] }, 'reference'],
};

describe('the result protocol of every panel estimator', () => {
  for (const [name, run] of Object.entries(estimators)) {
    it(`${name}: rows, toTable with every column, spec, tests, notes and summary`, () => {
      const res = run();
      expect(res.kind).toBe(name);
      expect(res.rows.length).toBeGreaterThan(0);
      const table = res.toTable();
      expect(table.numRows()).toBe(res.rows.length);
      const fields = new Set(res.rows.flatMap((r) => Object.keys(r)));
      for (const f of fields) expect(table.columnNames(), `${name}.${f}`).toContain(f);
      for (const c of TIDY) expect(table.columnNames(), `${name} tidy column ${c}`).toContain(c);
      expect(typeof res.spec).toBe('object');
      expect((res.spec as { level: number }).level).toBe(0.95);
      for (const t of res.tests) for (const k of TEST_KEYS) expect(Object.keys(t), `${name} test ${t.name}`).toContain(k);
      expect(res.notes.every((n) => typeof n === 'string')).toBe(true);
      const printed = res.summary();
      expect(printed.split('\n').length).toBeGreaterThan(res.rows.length);
    });
    it(`${name}: a misspelt option is refused with the nearest name`, () => {
      const [bad, near] = typos[name as keyof typeof estimators];
      expect(() => run(bad)).toThrow(SpecificationError);
      expect(() => run(bad)).toThrow(`did you mean "${near}"`);
    });
  }

  it('the event study carries its two pre-trend tests; the wild-bootstrap DiD its test; the spec says the clustering', () => {
    expect(estimators.eventStudy().tests.map((t) => t.distribution)).toEqual(['F', 'F']);
    expect(diffInDiff(panel, { inference: 'wild-bootstrap' }).tests).toHaveLength(1);
    expect(diffInDiff(panel).spec).toMatchObject({ cluster: 'person', inference: 'cr1', bootstrap: null });
    expect(diffInDiff(panel).cluster_reason).toBe('the panel has no matched sets');
  });

  it('wrongly shaped first arguments: a SpecificationError that says what was expected and what came', async () => {
    const fns = { participationProfile, phaseAverages, diffInDiff, eventStudy } as Record<string, (x: unknown) => unknown>;
    for (const [name, fn] of Object.entries(fns)) {
      expect(() => fn(undefined)).toThrow(`${name} expects an EventPanel (from eventPanel or panelFromLong) or its PanelStatistics (panel.statistics()); got undefined`);
      expect(() => fn({ persons: {}, support: {}, employment: {} })).toThrow('got a CbsExport: build the panel with eventPanel(exp) first');
      expect(() => fn(Promise.resolve(panel))).toThrow('got a Promise: await it first');
    }
    const exp = await loadSynthetic({ seed: 1, scale: 0.002 });
    const bad = (f: () => unknown, msg: string) => {
      expect(f).toThrow(SpecificationError);
      expect(f).toThrow(msg);
    };
    bad(() => eventPanel({ export: exp, truth: {} } as never), 'got a SyntheticExport: pass its `.export`');
    bad(() => eventPanel(exp, { befor: 12 } as never), 'eventPanel: unknown option "befor"; did you mean "before"?');
    bad(() => eventPanel(exp, { observation: { start: 20150101, end: '20201231' } }), "write '20150101'");
    bad(() => eventPanel(undefined as never), 'eventPanel expects a CbsExport');
    bad(() => panelFromLong(exp as never, { id: 'id', eventTime: 'k', outcome: 'y' }), 'panelFromLong expects a long table');
    bad(() => panelFromLong([], { id: 'id', eventTim: 'k', outcome: 'y' } as never), 'did you mean "eventTime"');
  });
});
