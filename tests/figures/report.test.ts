import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractLengthSpec, eventStudySpec, figure11Spec, figure21Spec, survivalSpec, targetTrajectorySpec } from '../../src/figures/index.js';
import { buildReportHtml, writeReport, type ReportOptions } from '../../src/node/report.js';
import { renderPng } from '../../src/node/render.js';
import { launchChromium } from '../support/browser.js';
import { averages, controlRows, eventStudyRows, kmRows, profileRows, schemeCounts, tenureRows, thresholdRows } from './fixtures.js';

const report: ReportOptions = {
  title: 'Werken met een arbeidsbeperking: <herberekening>',
  lang: 'nl',
  sections: [
    { heading: 'Figuur 2.1', spec: figure21Spec(profileRows, { control: controlRows, phaseAverages: averages }), text: 'Eerste alinea.\n\nTweede alinea.' },
    { heading: 'Figuur 1.1', spec: figure11Spec(schemeCounts) },
    { heading: 'Groeidoelstelling', spec: targetTrajectorySpec(schemeCounts) },
    { heading: 'Event study', spec: eventStudySpec(eventStudyRows, { reference: [-3, -1] }) },
    { heading: 'Duur dienstverbanden', spec: contractLengthSpec(tenureRows, { series: thresholdRows }) },
    { heading: 'Kaplan–Meier', spec: survivalSpec(kmRows) },
    { heading: 'Gemiddelden per fase', table: averages },
  ],
  quality: {
    counts: { persons: { read: 10, kept: 9, excluded: 1, repaired: 0 }, support: { read: 5, kept: 5, excluded: 0, repaired: 1 }, employment: { read: 20, kept: 20, excluded: 0, repaired: 0 } },
    entries: [
      { table: 'persons', issue: 'duplicate-row', action: 'excluded', count: 1, description: 'Dubbele persoon' },
      { table: 'support', issue: 'open-end', action: 'repaired', count: 1, description: 'Lege einddatum <leeg>' },
    ],
  },
};

describe('buildReportHtml', () => {
  const html = buildReportHtml(report);
  it('bundles vega, vega-lite and vega-embed and loads nothing from the network', () => {
    expect(html).toContain('vegaEmbed');
    expect(html.length).toBeGreaterThan(700_000);
    // No external scripts, stylesheets or fetches: every <script> is inline.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
  });
  it('inlines every spec, escapes text, and shows tables and the quality report', () => {
    const specs = JSON.parse(html.match(/<script type="application\/json" id="report-specs">([\s\S]*?)<\/script>/)![1]) as unknown[];
    expect(specs).toEqual(report.sections.filter((s) => s.spec !== undefined).map((s) => JSON.parse(JSON.stringify(s.spec))));
    expect(html).toContain('<title>Werken met een arbeidsbeperking: &lt;herberekening&gt;</title>');
    expect(html).toContain('<p>Eerste alinea.</p>\n<p>Tweede alinea.</p>');
    // Phase averages table: Dutch decimal comma.
    expect(html).toContain('<td class="num">0,47</td>');
    expect(html).toContain('<h2>Datakwaliteit</h2>');
    expect(html).toContain('Lege einddatum &lt;leeg&gt;');
    // Captions under the figures come from the specs and mention output control.
    expect(html).toContain('<figcaption>Figuur 2.1 - Arbeidsparticipatie');
    expect(html).toMatch(/<figcaption>[^<]*outputcontrole/);
  });
});

describe('writeReport', () => {
  it('writes report.html, a .vl.json and an .svg per figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-report-'));
    const out = await writeReport(dir, report);
    expect(out.figures.map((f) => f.svg.slice(dir.length + 1))).toEqual([
      'figuur-2-1.svg', 'figuur-1-1.svg', 'groeidoelstelling.svg', 'event-study.svg', 'duur-dienstverbanden.svg', 'kaplan-meier.svg',
    ]);
    for (const f of out.figures) {
      expect(readFileSync(f.svg, 'utf8').startsWith('<svg')).toBe(true);
      expect(JSON.parse(readFileSync(f.spec, 'utf8')).$schema).toContain('vega-lite/v6');
    }
    expect(readFileSync(out.html, 'utf8')).toContain('<h1>');
  });
});

describe('renderPng', () => {
  it('renders a PNG with text drawn from system fonts', async () => {
    const png = await renderPng(figure21Spec(profileRows, { phaseAverages: averages }), { scale: 1 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width from the IHDR chunk matches the SVG's width: the image is the whole figure.
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    expect(width).toBeGreaterThan(600);
    expect(png.length).toBeGreaterThan(20_000);
  });
});

describe('report in a headless browser', () => {
  it('renders every chart from file:// with no console errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-report-browser-'));
    const out = await writeReport(dir, report);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(out.html).href);
      await page.waitForFunction(() => document.querySelectorAll('.chart[data-rendered], .chart[data-error]').length === document.querySelectorAll('.chart').length, undefined, { timeout: 30_000 });
      const charts = await page.$$eval('.chart', (els) => els.map((el) => ({ error: el.getAttribute('data-error'), marks: el.querySelectorAll('svg .mark-area path, svg .mark-line path, svg .mark-rect path, svg .mark-rule line, svg .mark-symbol path, svg .mark-text text').length })));
      expect(charts).toHaveLength(6);
      for (const c of charts) {
        expect(c.error).toBeNull();
        expect(c.marks).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
      // Dutch locale in the browser too: the y axis of figure 2.1 reads 0%–100%.
      const firstChartText = await page.$eval('#chart-0', (el) => el.textContent ?? '');
      expect(firstChartText).toContain('100%');
      expect(firstChartText).toContain('gemiddeld 47%');
      mkdirSync('out', { recursive: true });
      await page.screenshot({ path: join('out', 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 90_000);
});
