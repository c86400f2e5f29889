import { describe, expect, it } from 'vitest';
import { readEmbeddedExport } from '../../src/node/embedded.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';

// The report: participation averaged 30 % over the years before support and 47 % after it ends.
describe('on the embedded default data', () => {
  it("the supported group's phase averages land within ±1.5 pp of the report's 30 % and 47 %", async () => {
    const exp = await readEmbeddedExport();
    const res = phaseAverages(eventPanel(exp));
    const before = res.rows.find((r) => r.quantity === 'before')!;
    const after = res.rows.find((r) => r.quantity === 'after')!;
    expect(before.group).toBe('supported');
    expect(Math.abs(before.estimate! - 0.3)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(after.estimate! - 0.47)).toBeLessThanOrEqual(0.015);
    expect(before.ci_low!).toBeLessThan(before.estimate!);
    expect(after.ci_high!).toBeGreaterThan(after.estimate!);
  }, 120_000);
});
