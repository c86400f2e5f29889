import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoResult } from '../../src/node/demo.js';

// The README's main job, end to end on the embedded data: what it writes and that the
// numbers in its outputs are the report's.
describe('npm run demo', () => {
  let dir: string;
  let result: DemoResult;
  const printed: string[] = [];
  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'pe-demo-')), 'out');
    result = await runDemo(['--out', dir], undefined, (line) => printed.push(...line.split('\n')));
  }, 300_000);

  it('prints the lines docs/guides/getting-started.md shows as its output, in that order', async () => {
    const guide = await readFile(new URL('../../docs/guides/getting-started.md', import.meta.url), 'utf8');
    const shown = guide.split('```text\n')[1]!.split('\n```')[0]!.split('\n').filter((l) => l.trim() !== '');
    expect(shown.length).toBeGreaterThan(5);
    let at = 0;
    for (const line of shown) {
      const found = printed.findIndex((p, i) => i >= at && p.trimEnd() === line.trimEnd());
      expect(found, `printed by the demo (after line ${at}): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('writes every figure as spec and SVG, the summary tables and the report page', async () => {
    const files = await readdir(dir);
    for (const name of ['figure-2-1', 'figure-1-1', 'target-2026', 'event-study', 'contract-length', 'survival']) {
      expect(files).toContain(`${name}.vl.json`);
      expect(files).toContain(`${name}.svg`);
      expect(await readFile(join(dir, `${name}.svg`), 'utf8')).toMatch(/^<svg/);
    }
    for (const name of ['summary.csv', 'summary.json', 'profile.csv', 'output-control.txt', 'report.html']) expect(files).toContain(name);
  });

  it('reports the published before/after participation within 1.5 percentage points', () => {
    const before = result.summary.find((r) => r.quantity === 'participation before support');
    const after = result.summary.find((r) => r.quantity === 'participation after support');
    expect(Math.abs(before!.estimate! - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(after!.estimate! - 0.47)).toBeLessThan(0.015);
    expect(before!.ci_low!).toBeLessThan(before!.estimate!);
    expect(after!.ci_high!).toBeGreaterThan(after!.estimate!);
  });

  it('draws in figure 2.1 the same phase averages it reports in summary.json', async () => {
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { rows: { quantity: string; estimate: number }[] };
    const spec = JSON.parse(await readFile(join(dir, 'figure-2-1.vl.json'), 'utf8')) as { datasets: Record<string, { quantity?: string; estimate?: number; group?: string }[]> };
    const drawn = Object.values(spec.datasets).flat().filter((r) => r.group === 'supported' && (r.quantity === 'before' || r.quantity === 'after'));
    const want = (q: string) => summary.rows.find((r) => r.quantity === `participation ${q} support`)!.estimate;
    expect(drawn.find((r) => r.quantity === 'before')!.estimate).toBeCloseTo(want('before'), 12);
    expect(drawn.find((r) => r.quantity === 'after')!.estimate).toBeCloseTo(want('after'), 12);
  });

  it('writes only output-controlled tables: no published person count below 10', async () => {
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { rows: { n_persons: number; estimate: number | null }[]; output_control: unknown };
    expect(summary.output_control).toBeTruthy();
    const published = summary.rows.filter((row) => row.estimate !== null);
    // The check below runs on rows that were published, and there are such rows.
    expect(published.length).toBeGreaterThan(0);
    for (const row of published) expect(row.n_persons).toBeGreaterThanOrEqual(10);
    // Withheld rows publish no person count either.
    for (const row of summary.rows.filter((r) => r.estimate === null)) expect(row.n_persons).toBeNull();
    const csv = await readFile(join(dir, 'profile.csv'), 'utf8');
    expect(csv).not.toMatch(/NOT OUTPUT-CONTROLLED/);
  });

  it('produced the figure 2.1 SVG that the README shows (rerun the demo and copy it when this fails)', async () => {
    const committed = await readFile(new URL('../../data/figures/figure-2-1.svg', import.meta.url), 'utf8');
    expect(await readFile(join(dir, 'figure-2-1.svg'), 'utf8')).toBe(committed);
  });

  it('puts all six figures into one self-contained page', async () => {
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html.match(/"\$schema":"https:\/\/vega\.github\.io\/schema\/vega-lite\/v6/g)?.length).toBeGreaterThanOrEqual(6);
  });
});
