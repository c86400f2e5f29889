import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  contractLengthSpec,
  eventStudySpec,
  figure11Spec,
  figure21Spec,
  figureLocale,
  formatCount,
  formatPercent,
  survivalSpec,
  targetPath,
  targetTrajectorySpec,
} from '../../src/figures/index.js';
import { renderSvg } from '../../src/node/render.js';
import { averages, controlRows, eventStudyRows, kmRows, profileRows, schemeCounts, tenureRows, thresholdRows } from './fixtures.js';

type Row = Record<string, unknown>;
const data = (spec: TopLevelSpec, name: string): Row[] => (spec.datasets?.[name] ?? []) as Row[];
const titleText = (spec: TopLevelSpec): string => {
  const t = spec.title as { text: string | string[] };
  return ([] as string[]).concat(t.text).join(' ');
};
const subtitle = (spec: TopLevelSpec): string => ([] as string[]).concat((spec.title as { subtitle?: string | string[] }).subtitle ?? []).join(' ');
/** Every object in the spec (depth first), to find layers and encodings wherever they sit. */
function walk(node: unknown, out: Row[] = []): Row[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node !== null && typeof node === 'object') {
    out.push(node as Row);
    Object.values(node).forEach((n) => walk(n, out));
  }
  return out;
}
const axisTitles = (spec: TopLevelSpec): string[] =>
  walk(spec)
    .map((o) => (o.axis as Row | undefined)?.title)
    .filter((t): t is string => typeof t === 'string');

function fig21(lang: 'nl' | 'en' = 'nl'): TopLevelSpec {
  return figure21Spec({ rows: profileRows }, { control: { rows: controlRows }, phaseAverages: { rows: averages }, lang });
}

const allSpecs = (lang: 'nl' | 'en'): [string, TopLevelSpec][] => [
  ['figure 2.1', fig21(lang)],
  ['figure 1.1', figure11Spec(schemeCounts, { lang })],
  ['target', targetTrajectorySpec([{ year: 2022, count: 1560 }, { year: 2023, count: 1800 }, { year: 2025, count: 2189 }], { lang })],
  ['event study', eventStudySpec({ rows: eventStudyRows, spec: { reference: [-3, -1] } }, { lang })],
  ['event study, one axis', eventStudySpec(eventStudyRows.map(({ phase: _p, ...r }) => r), { lang, reference: [-3, -1] })],
  ['contract length', contractLengthSpec(tenureRows, { series: thresholdRows, lang })],
  ['survival', survivalSpec(kmRows, { lang })],
];

describe('every figure spec', () => {
  for (const lang of ['nl', 'en'] as const) {
    for (const [name, spec] of allSpecs(lang)) {
      it(`${name} (${lang}) compiles with vega-lite and renders to SVG with marks`, async () => {
        expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
        const warnings: string[] = [];
        const logger = { level: () => logger, warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger), info: () => logger, debug: () => logger, error: (...a: unknown[]) => { throw new Error(a.join(' ')); } };
        const vg = compile(spec, { logger: logger as never }).spec;
        expect(warnings).toEqual([]);
        expect(vg.marks?.length).toBeGreaterThan(0);
        // The spec stands alone: no URL data.
        expect(walk(spec).some((o) => typeof o.url === 'string')).toBe(false);
        const svg = await renderSvg(spec);
        expect(svg.startsWith('<svg')).toBe(true);
        expect((svg.match(/<path|<line|<rect/g) ?? []).length).toBeGreaterThan(10);
        expect(svg).not.toContain('NaN');
      });
    }
  }
});

describe('locale', () => {
  it('Dutch specs format numbers with a decimal comma, English with a point', () => {
    expect(fig21('nl').config?.locale?.number?.decimal).toBe(',');
    expect(fig21('nl').config?.locale?.number?.thousands).toBe('.');
    expect(fig21('en').config?.locale?.number?.decimal).toBe('.');
  });
  it('rendered Dutch numbers use the comma and point, English the point and comma', async () => {
    const textSpec = (lang: 'nl' | 'en'): TopLevelSpec => ({
      config: { locale: figureLocale(lang) },
      data: { values: [{ v: 0.012, n: 4082 }] },
      layer: [
        { mark: { type: 'text', dy: -10 }, encoding: { text: { field: 'v', type: 'quantitative', format: '.1%' } } },
        { mark: { type: 'text', dy: 10 }, encoding: { text: { field: 'n', type: 'quantitative', format: ',d' } } },
      ],
    });
    const nl = await renderSvg(textSpec('nl'));
    expect(nl).toContain('>1,2%<');
    expect(nl).toContain('>4.082<');
    const en = await renderSvg(textSpec('en'));
    expect(en).toContain('>1.2%<');
    expect(en).toContain('>4,082<');
  });
  it('formats percentages and counts by hand-worked examples', () => {
    expect(formatPercent(0.305, 'nl', 1)).toBe('30,5%');
    expect(formatPercent(0.47, 'en')).toBe('47%');
    expect(formatCount(4253, 'nl')).toBe('4.253');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(999, 'nl')).toBe('999');
  });
});

describe('figure 2.1', () => {
  it('carries the profile rows as given, minus the suppressed one, with a legend name per group', () => {
    const points = data(fig21(), 'profile');
    const shown = [...profileRows.slice(0, 5), ...controlRows];
    expect(points).toHaveLength(shown.length);
    shown.forEach((row, i) => expect(points[i]).toMatchObject(row));
    expect(points.filter((p) => p.group === 'supported').every((p) => p.series === 'Met ondersteuning')).toBe(true);
    expect(points.filter((p) => p.group === 'control').every((p) => p.series === 'Controlegroep')).toBe(true);
    // The suppressed month (after, k = 3, supported) is not drawn ...
    expect(points.some((p) => p.group === 'supported' && p.event_time === 3)).toBe(false);
  });

  it('mentions suppressed points in the caption and the subtitle', () => {
    const spec = fig21();
    expect(subtitle(spec)).toContain('1 waarde is niet getoond vanwege outputcontrole (primary:min-persons)');
    expect((spec.usermeta as Row).suppressed).toBe(1);
    expect(spec.description).toContain('outputcontrole');
    expect(subtitle(figure21Spec({ rows: profileRows.slice(0, 5) }))).not.toContain('outputcontrole');
  });

  it('draws the interval band from ci_low to ci_high and the line from rate', () => {
    const marks = walk(fig21()).filter((o) => o.mark !== undefined);
    const areas = marks.filter((o) => (o.mark as Row).type === 'area');
    expect(areas.length).toBe(2); // before and after panels
    for (const a of areas) {
      const enc = a.encoding as Record<string, Row>;
      expect(enc.y.field).toBe('ci_low');
      expect(enc.y2.field).toBe('ci_high');
    }
    const lines = marks.filter((o) => (o.mark as Row).type === 'line');
    expect(lines.map((l) => ((l.encoding as Record<string, Row>).y.field))).toEqual(['rate', 'rate']);
  });

  it('draws the phase averages as reference lines over their phase, labelled with their values', () => {
    const avg = data(fig21(), 'averages');
    // 'change' is not a phase: not drawn.
    expect(avg.map((a) => [a.group, a.phase, a.estimate])).toEqual([
      ['supported', 'before', 0.3],
      ['supported', 'after', 0.47],
      ['control', 'before', 0.45],
      ['control', 'after', 0.4625],
    ]);
    expect(avg.map((a) => a.label)).toEqual(['gemiddeld 30%', 'gemiddeld 47%', 'gemiddeld 45%', 'gemiddeld 46%']);
    // Label above the line for the highest average of its phase, below for the others.
    expect(avg.map((a) => a.above)).toEqual([false, true, true, false]);
    const rules = walk(fig21()).filter((o) => (o.mark as Row | undefined)?.type === 'rule');
    expect(rules).toHaveLength(2);
    // Before: from k = -3 to -1; after: 1 to 3 (the control group's k = 3 is shown).
    expect(rules.map((r) => { const e = r.encoding as Record<string, Row>; return [e.x.datum, e.x2.datum, e.y.field]; })).toEqual([
      [-3, -1, 'estimate'],
      [1, 3, 'estimate'],
    ]);
  });

  it('has the report title in Dutch and an English translation, with matching axis titles', () => {
    expect(titleText(fig21('nl'))).toBe('Figuur 2.1 - Arbeidsparticipatie voor Amsterdammers met een arbeidsbeperking voor en na ondersteuning (met 95% betrouwbaarheidsintervallen)');
    expect(titleText(fig21('en'))).toBe('Figure 2.1 - Labour participation of Amsterdam residents with a work disability before and after support (with 95% confidence intervals)');
    expect(axisTitles(fig21('nl'))).toEqual(expect.arrayContaining(['Arbeidsparticipatie', 'Maanden voor start ondersteuning', 'Maanden na einde ondersteuning']));
    expect(axisTitles(fig21('en'))).toEqual(expect.arrayContaining(['Labour participation', 'Months before start of support', 'Months after end of support']));
    expect(data(fig21('en'), 'averages')[0].label).toBe('average 30%');
  });

  it('shows the support period as a labelled gap between the before and after panels, y from 0 to 100 %', async () => {
    const spec = fig21() as unknown as { hconcat: Row[] };
    expect(spec.hconcat).toHaveLength(3);
    expect(JSON.stringify(spec.hconcat[1])).toContain('tijdens ondersteuning');
    const yScales = walk(spec).filter((o) => o.field === 'ci_low').map((o) => (o.scale as Row).domain);
    expect(yScales).toEqual([[0, 1], [0, 1]]);
    const svg = await renderSvg(fig21());
    for (const text of ['100%', '0%', 'gemiddeld 30%', 'gemiddeld 47%', 'tijdens ondersteuning', 'Controlegroep']) expect(svg).toContain(text);
  });

  it('accepts profile rows directly and a custom group label', () => {
    const spec = figure21Spec(profileRows, { groupLabels: { supported: 'Sociaal Werk' } });
    expect(new Set(data(spec, 'profile').map((p) => p.series))).toEqual(new Set(['Sociaal Werk']));
  });
});

describe('figure 1.1', () => {
  const spec = figure11Spec(schemeCounts);
  it('stacks the counts as given, Wsw below Participatiewet, suppressed counts left out', () => {
    const bars = data(spec, 'counts');
    const shown = schemeCounts.filter((r) => r.count !== null);
    expect(bars).toHaveLength(shown.length);
    shown.forEach((row, i) => expect(bars[i]).toMatchObject(row));
    expect(bars.map((b) => b.scheme_order)).toEqual([0, 1, 0, 0, 1]);
    const y = walk(spec).find((o) => o.field === 'count' && o.stack !== undefined) as Row;
    expect(y.stack).toBe('zero');
  });
  it('prints totals per year (4,082 in 2016 and 4,253 in 2025) and none for a year with a withheld part', () => {
    expect(data(spec, 'totals')).toEqual([
      { year: 2016, total: 4082, label: '4.082' },
      { year: 2025, total: 4253, label: '4.253' },
    ]);
    expect(subtitle(spec)).toContain('1 waarde is niet getoond vanwege outputcontrole (n < 10)');
  });
  it('switches language', () => {
    expect(titleText(spec)).toContain('Totalen sociaal werk op 1 januari');
    expect(titleText(figure11Spec(schemeCounts, { lang: 'en' }))).toContain('People in social work on 1 January');
    expect(axisTitles(figure11Spec(schemeCounts, { lang: 'en' }))).toContain('People working on 1 January');
  });
});

describe('growth target', () => {
  it('reproduces the report: 1,640 net over five years, 328 a year, 2,544 due by end 2024, 3,200 by end 2026', () => {
    const path = targetPath();
    expect(path.map((p) => p.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
    expect(path.map((p) => p.due)).toEqual([1560, 1888, 2216, 2544, 2872, 3200]);
    expect(path[path.length - 1].due - path[0].due).toBe(1640);
  });
  it('draws the actual Participatiewet counts against the path and labels the gap at the last count', () => {
    const spec = targetTrajectorySpec(schemeCounts);
    expect(data(spec, 'actual').map((r) => [r.year, r.count])).toEqual([[2016, 582], [2025, 2189]]);
    expect(data(spec, 'gap')).toEqual([{ year: 2025, due: 2544, count: 2189, label: 'beoogd: 2.544' }]);
    expect(data(spec, 'end')[0].label).toBe('doel eind 2026: 3.200');
    expect(subtitle(spec)).toContain('outputcontrole');
    expect(titleText(targetTrajectorySpec(schemeCounts, { lang: 'en' }))).toContain('growth target for end 2026');
  });
  it('refuses a target year before the start', () => {
    expect(() => targetPath({ start: 2026, targetYear: 2022 })).toThrow(/target year/);
  });
});

describe('event study', () => {
  const spec = eventStudySpec({ rows: eventStudyRows, spec: { reference: [-3, -1] } });
  it('carries the estimates, minus the suppressed one, and the reference window', () => {
    const est = data(spec, 'estimates');
    expect(est).toHaveLength(5);
    eventStudyRows.slice(0, 5).forEach((row, i) => expect(est[i]).toMatchObject(row as unknown as Row));
    expect(data(spec, 'reference')).toEqual([{ from: -3.5, to: -0.5, label: 'referentieperiode' }]);
    expect(subtitle(spec)).toContain('1 waarde is niet getoond');
  });
  it('encodes pointwise intervals as rules from ci_low to ci_high and the uniform band as an area', () => {
    const objs = walk(spec);
    const rules = objs.filter((o) => (o.mark as Row | undefined)?.type === 'rule' && (o.encoding as Record<string, Row>).y2 !== undefined);
    expect(rules.map((r) => [(r.encoding as Record<string, Row>).y.field, (r.encoding as Record<string, Row>).y2.field])).toEqual([['ci_low', 'ci_high'], ['ci_low', 'ci_high']]);
    const areas = objs.filter((o) => (o.mark as Row | undefined)?.type === 'area');
    expect(areas.map((a) => [(a.encoding as Record<string, Row>).y.field, (a.encoding as Record<string, Row>).y2.field])).toEqual([['band_low', 'band_high'], ['band_low', 'band_high']]);
    // A zero line in each panel.
    expect(objs.filter((o) => (o.encoding as Record<string, Row> | undefined)?.y?.field === 'zero')).toHaveLength(2);
  });
  it('switches axis titles with the language', () => {
    expect(axisTitles(spec)).toContain('Verschil in arbeidsparticipatie (procentpunt)');
    expect(axisTitles(eventStudySpec(eventStudyRows, { lang: 'en' }))).toContain('Difference in labour participation (percentage points)');
  });
});

describe('contract length', () => {
  const spec = contractLengthSpec(tenureRows, { series: thresholdRows });
  it('stacks the tenure bins per date in their order, with the rows as given', () => {
    const dist = data(spec, 'distribution');
    tenureRows.forEach((row, i) => expect(dist[i]).toMatchObject(row));
    expect(dist.map((r) => r.bin_order)).toEqual([0, 1, 2, 0, 1, 2]);
    const bar = walk(spec).find((o) => (o.mark as Row | undefined)?.type === 'bar') as Row;
    expect(((bar.encoding as Record<string, Row>).y).stack).toBe('zero');
  });
  it('draws the > 2 years share with its band (ci_low to ci_high): 27 % in January 2019, 52 % in December 2023', () => {
    const series = data(spec, 'threshold');
    expect(series.map((r) => [r.date, r.share])).toEqual([['2019-01-01', 0.27], ['2021-01-01', 0.4], ['2023-12-01', 0.52]]);
    const area = walk(spec).find((o) => (o.mark as Row | undefined)?.type === 'area') as Row;
    expect([(area.encoding as Record<string, Row>).y.field, (area.encoding as Record<string, Row>).y2.field]).toEqual(['ci_low', 'ci_high']);
  });
  it('leaves out suppressed and unknown-tenure rows and notes left censoring', () => {
    const rows = [
      ...tenureRows.slice(0, 2),
      { ...tenureRows[2], share: null, suppressed: true, reason: 'n < 10' },
      { date: '2019-01-01', bin: 'unknown', n: 200, count: 12, share: null, bin_index: 3 },
      { ...tenureRows[5], n_left_censored: 7 },
    ];
    const s = contractLengthSpec(rows);
    expect(data(s, 'distribution').map((r) => r.bin)).toEqual(['< 1 jaar', '1-2 jaar', '> 2 jaar']);
    expect(subtitle(s)).toContain('1 waarde is niet getoond vanwege outputcontrole (n < 10)');
    expect(subtitle(s)).toContain('ondergrens');
  });
});

describe('survival', () => {
  it('draws step curves from the rows, starting at 100 % at time 0, with bands from lower to upper', () => {
    const spec = survivalSpec(kmRows);
    const steps = data(spec, 'steps');
    expect(steps[0]).toMatchObject({ time: 0, surv: 1, lower: 1, upper: 1, origin: true });
    kmRows.forEach((row, i) => expect(steps[i + 1]).toMatchObject(row));
    const objs = walk(spec).filter((o) => o.mark !== undefined);
    const line = objs.find((o) => (o.mark as Row).type === 'line') as Row;
    expect((line.mark as Row).interpolate).toBe('step-after');
    const area = objs.find((o) => (o.mark as Row).type === 'area') as Row;
    expect((area.mark as Row).interpolate).toBe('step-after');
    expect([(area.encoding as Record<string, Row>).y.field, (area.encoding as Record<string, Row>).y2.field]).toEqual(['lower', 'upper']);
    // Censoring ticks at 3 and 6.
    expect(data(spec, 'censored').map((c) => c.time)).toEqual([3, 6]);
  });
  it('accepts a fit with curves as parallel arrays (NaN bounds become null)', () => {
    const spec = survivalSpec({ level: 0.9, curves: [{ group: 'a', time: [1, 2], n_risk: [2, 1], n_event: [1, 1], n_censor: [0, 0], surv: [0.5, 0], lower: [0.1, NaN], upper: [1, NaN] }] });
    expect(data(spec, 'steps').map((s) => [s.time, s.surv, s.lower])).toEqual([[0, 1, 1], [1, 0.5, 0.1], [2, 0, null]]);
    expect(titleText(spec)).toContain('90% betrouwbaarheidsintervallen');
  });
  it('switches language and leaves suppressed steps out', () => {
    const spec = survivalSpec([...kmRows, { group: 'Pantar', time: 4, n_risk: 3, n_event: 1, n_censor: 0, surv: null, lower: null, upper: null, suppressed: true }], { lang: 'en', unit: 'days' });
    expect(axisTitles(spec)).toEqual(expect.arrayContaining(['Share of relationships still running', 'Time since start of relationship (days)']));
    expect(data(spec, 'steps').some((s) => s.group === 'Pantar')).toBe(false);
    expect(subtitle(spec)).toContain('1 value is not shown because of output control.');
  });
});
