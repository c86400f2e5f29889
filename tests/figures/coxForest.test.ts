// Forest plot of Cox hazard ratios from a relationshipCox fit.
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { coxForestSpec, loadSynthetic, relationshipCox, SpecificationError } from '../../src/index.js';
import { renderSvg } from '../../src/node/render.js';

describe('coxForestSpec', () => {
  it('plots every coefficient with its interval, and the reference level of each categorical term', async () => {
    const exp = await loadSynthetic({ seed: 3, scale: 0.02 });
    const fit = relationshipCox(exp, { covariates: ['employer-type', 'age'], reference: { employerType: 'regulier' } });
    const spec = coxForestSpec(fit, { lang: 'en' });
    const lines = spec.datasets!.lines as { label: string; hazard_ratio: number; hr_low: number | null; hr_high: number | null; reference: boolean }[];
    expect(lines.map((l) => l.label)).toEqual(['employerType: regulier (reference)', 'employerType: Pantar', 'employerType: sociale firma', 'age']);
    expect(lines[0]).toMatchObject({ hazard_ratio: 1, hr_low: null, reference: true });
    fit.rows.forEach((r, k) => {
      expect(lines[k + 1].hazard_ratio).toBe(r.hazard_ratio);
      expect(lines[k + 1].hr_low).toBe(r.hr_low);
      expect(lines[k + 1].hr_high).toBe(r.hr_high);
    });
    expect(() => compile(spec)).not.toThrow();
    const svg = await renderSvg(spec);
    expect(svg).toContain('<svg');
    expect(svg).toContain('employerType: Pantar');
    expect(coxForestSpec(fit.rows).datasets!.lines).toHaveLength(3); // rows only: no reference lines
    expect(() => coxForestSpec([{ term: 'x', contrast: null, hazard_ratio: Infinity, hr_low: 0, hr_high: Infinity, level: 0.95 }])).toThrow(SpecificationError);
  }, 30_000);
});
