// The figures take results as the estimators return them, and refuse misspelt options and wrongly
// shaped inputs with a SpecificationError that says what was expected and what came.
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../../src/core/errors.js';
import { contractLengths, kaplanMeier, relationshipSurvival, supportCountsOnJanuaryFirst, tenureShareSeries } from '../../src/contracts/index.js';
import {
  contractLengthSpec,
  figure11Spec,
  figure21Spec,
  figureLabels,
  figureLocale,
  formatCount,
  formatPercent,
  splitSuppressed,
  survivalSpec,
  targetPath,
  targetTrajectorySpec,
} from '../../src/figures/index.js';
import { fixture } from '../contracts/fixture.js';
import { kmRows, schemeCounts, tenureRows } from './fixtures.js';

const data = (spec: TopLevelSpec, name: string): Record<string, unknown>[] => (spec.datasets?.[name] ?? []) as Record<string, unknown>[];

describe('figures take results as the estimators return them', () => {
  it('survivalSpec: a Kaplan–Meier fit (level from its spec), a relationshipSurvival result, or rows with ci_low/ci_high', () => {
    const fit = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 0, 1, 1] }, { level: 0.9 });
    const fromFit = survivalSpec(fit);
    expect(data(fromFit, 'steps').map((s) => [s.time, s.surv])).toEqual([[0, 1], [1, 0.75], [2, 0.75], [3, 0.375], [4, 0]]);
    expect(JSON.stringify(fromFit.title)).toContain('90%');
    // The tidy rows carry ci_low/ci_high; they are drawn as the band.
    const fromRows = survivalSpec(fit.rows);
    expect(data(fromRows, 'steps').map((s) => s.lower)).toEqual(data(fromFit, 'steps').map((s) => s.lower));
    const res = relationshipSurvival(fixture, { start: { from: '2016-01-01', to: '2018-12-31' }, group: 'employer-type' });
    expect(data(survivalSpec(res), 'steps').length).toBe(res.rows.length + 2);
  });

  it('figure11Spec, targetTrajectorySpec and contractLengthSpec take the results themselves', () => {
    const counts = supportCountsOnJanuaryFirst(fixture, { years: [2016, 2019] });
    expect(data(figure11Spec(counts), 'totals').map((t) => [t.year, t.total])).toEqual([[2016, 9], [2019, 8]]);
    expect(data(targetTrajectorySpec(counts), 'actual').map((a) => a.year)).toEqual([2016, 2019]);
    const lengths = contractLengths(fixture, { at: '2019-01-31' });
    const series = tenureShareSeries(fixture, { from: '2019-01', to: '2019-03' });
    const spec = contractLengthSpec(lengths, { series });
    expect(data(spec, 'distribution').length).toBe(4);
    expect(data(spec, 'threshold').length).toBe(3);
  });
});

describe('figures refuse misspelt options and wrong shapes', () => {
  const refuses = (f: () => unknown, message: string | RegExp) => {
    expect(f).toThrow(SpecificationError);
    expect(f).toThrow(message);
  };
  it('options', () => {
    refuses(() => survivalSpec(kmRows, { unti: 'days' } as never), 'survivalSpec: unknown option "unti"; did you mean "unit"?');
    refuses(() => figure11Spec(schemeCounts, { lnag: 'en' } as never), 'did you mean "lang"?');
    refuses(() => contractLengthSpec(tenureRows, { serie: [] } as never), 'did you mean "series"?');
    refuses(() => targetTrajectorySpec(schemeCounts, { targetyear: 2030 } as never), 'did you mean "targetYear"?');
    refuses(() => targetPath({ target: '3200' } as never), 'targetPath: target must be a number, got the string "3200"');
    refuses(() => survivalSpec(kmRows, { lang: 'de' } as never), "survivalSpec: lang must be 'nl' or 'en', got the string \"de\"");
    refuses(() => survivalSpec(kmRows, { width: -5 }), 'survivalSpec: width must be a positive number of pixels, got the number -5');
    refuses(() => figureLabels('fr' as never), "figureLabels: lang must be 'nl' or 'en'");
    refuses(() => figureLocale('de' as never), "figureLocale: lang must be 'nl' or 'en', got the string \"de\"");
    refuses(() => formatPercent(null as never, 'nl'), 'formatPercent: share must be a finite number, got null');
    refuses(() => formatCount('4082' as never, 'nl'), 'formatCount: count must be a finite number, got the string "4082"');
  });
  it('main arguments', () => {
    refuses(() => figure21Spec({} as never), 'figure21Spec expects result rows (an array of row objects) or a result with `rows`; got an empty object');
    refuses(() => figure11Spec(null as never), 'figure11Spec expects result rows (an array of row objects) or a result with `rows`; got null');
    refuses(() => figure11Spec([{ year: 2016, count: 3 }] as never), 'figure11Spec: row 1 lacks "scheme" (expected rows with year, scheme, count)');
    refuses(() => contractLengthSpec([1, 2] as never), 'contractLengthSpec: row 1 is the number 1, expected a row object');
    refuses(() => survivalSpec({ time: [1], event: [1] } as never), /survivalSpec expects Kaplan–Meier step rows .*; got an object with keys time, event/);
    refuses(() => survivalSpec({ curves: [{ group: 'a', time: [1] }] } as never), /survivalSpec: curve 1 needs arrays of one length/);
    refuses(() => splitSuppressed('x' as never), 'splitSuppressed expects an array of result rows, got the string "x"');
  });
});
