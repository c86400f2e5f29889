import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Rendering fails on the third figure: the job must leave no half-written report behind.
let calls = 0;
vi.mock('../../src/node/render.js', () => ({
  renderSvg: async () => {
    calls++;
    if (calls === 3) throw new Error('renderer crashed');
    return '<svg/>';
  },
}));

const { runJob } = await import('../../src/node/job.js');
const { readCbsExport } = await import('../../src/node/readCbsExport.js');
const F = 'tests/io/fixtures';

describe('the main job fails midway', () => {
  it('leaves neither the output folder nor a temporary folder', async () => {
    const exp = await readCbsExport({ persons: `${F}/persons.csv`, support: `${F}/support.csv`, employment: `${F}/employment.csv` });
    const parent = mkdtempSync(join(tmpdir(), 'pe-job-'));
    const out = join(parent, 'report');
    await expect(runJob(exp, { outDir: out, config: { eventStudy: { replications: 19 } } })).rejects.toThrow('renderer crashed');
    expect(calls).toBe(3);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
