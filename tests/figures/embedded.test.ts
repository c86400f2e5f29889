import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { participationProfile, phaseAverages } from '../../src/estimate/index.js';
import { figure21Spec } from '../../src/figures/index.js';
import { readEmbeddedExport } from '../../src/node/embedded.js';
import { renderPng, renderSvg } from '../../src/node/render.js';
import { eventPanel } from '../../src/panel/index.js';

describe('figure 2.1 from the embedded data', () => {
  it('shows participation of about 30 % before and 47 % after support, as the report', async () => {
    const exp = await readEmbeddedExport();
    const panel = eventPanel(exp, { before: 48, after: 48 });
    const spec = figure21Spec(participationProfile(panel), { phaseAverages: phaseAverages(panel) });
    const averages = spec.datasets?.averages as { phase: string; estimate: number; label: string }[];
    const before = averages.find((a) => a.phase === 'before')!;
    const after = averages.find((a) => a.phase === 'after')!;
    expect(before.estimate).toBeGreaterThan(0.29);
    expect(before.estimate).toBeLessThan(0.31);
    expect(after.estimate).toBeGreaterThan(0.46);
    expect(after.estimate).toBeLessThan(0.48);
    // The labels print the estimates rounded to whole percents (30 % ± 1 point, 47 % ± 1 point).
    expect(before.label).toBe(`gemiddeld ${Math.round(before.estimate * 100)}%`);
    expect(after.label).toBe(`gemiddeld ${Math.round(after.estimate * 100)}%`);
    // 48 months on each side, every month drawn.
    const profile = spec.datasets?.profile as { phase: string; event_time: number }[];
    expect(profile.filter((p) => p.phase === 'before').map((p) => p.event_time)).toEqual(Array.from({ length: 48 }, (_, i) => i - 48));
    expect(profile.filter((p) => p.phase === 'after').map((p) => p.event_time)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    const svg = await renderSvg(spec);
    expect(svg).toContain(before.label);
    expect(svg).toContain(after.label);
    // For looking at, not for the repository (out/ is ignored).
    mkdirSync('out', { recursive: true });
    writeFileSync('out/figure21-embedded.png', await renderPng(spec, { scale: 1.5 }));
  }, 120_000);
});
