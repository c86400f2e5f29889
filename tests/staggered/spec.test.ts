// attGtSpec: the dynamic profile and ATT(g,t) by cohort compile with vega-lite and render.
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { aggregate, attGt, attGtSpec, SpecificationError } from '../../src/index.js';
import { renderSvg } from '../../src/node/render.js';
import { mpdta, MPDTA_COLUMNS } from './mpdta.js';

const att = attGt(mpdta(), { columns: MPDTA_COLUMNS, bootstrap: { replications: 199, seed: 2 } });
const dynamic = aggregate(att, { type: 'dynamic' });

describe('attGtSpec', () => {
  for (const lang of ['nl', 'en'] as const) {
    const specs: [string, TopLevelSpec][] = [
      ['dynamic', attGtSpec(dynamic, { lang })],
      ['cohorts', attGtSpec(att, { lang })],
    ];
    for (const [name, spec] of specs) {
      it(`${name} (${lang}) compiles without warnings and renders`, async () => {
        const warnings: string[] = [];
        const logger = { level: () => logger, warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger), info: () => logger, debug: () => logger, error: (...a: unknown[]) => { throw new Error(a.join(' ')); } };
        const vg = compile(spec, { logger: logger as never }).spec;
        expect(warnings).toEqual([]);
        expect(vg.marks?.length).toBeGreaterThan(0);
        const svg = await renderSvg(spec);
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).not.toContain('NaN');
      });
    }
  }
  it('carries the estimates, the band when bootstrapped, and refuses other aggregations', () => {
    const spec = attGtSpec(dynamic, { lang: 'en' }) as { datasets: { estimates: { event_time: number; band_low: number | null }[] }; layer: { mark: { type: string } }[] };
    expect(spec.datasets.estimates.map((r) => r.event_time)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(spec.datasets.estimates.every((r) => r.band_low !== null)).toBe(true);
    expect(spec.layer[0].mark.type).toBe('area');
    expect(() => attGtSpec(aggregate(att, { type: 'group' }))).toThrow(SpecificationError);
  });
});
