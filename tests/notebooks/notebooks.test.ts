// Checks the committed, executed notebooks (notebooks/*.ipynb) as they are: that every cell ran
// without error and that the outputs hold the expected figures and numbers. It never executes them;
// `npm run notebooks` does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { parseCells } from '../../notebooks/generate.mjs';

const DIR = join(__dirname, '..', '..', 'notebooks');
const NAMES = ['01-explore-export', '02-participation-before-after', '03-control-group', '04-contract-lengths', '05-output-control', '06-staggered-adoption', '07-outcomes'] as const;
const VEGA_LITE = 'application/vnd.vegalite.v5+json';

type Text = string | string[];
interface Output {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: string;
  text?: Text;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: Text;
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}
type Spec = TopLevelSpec & { datasets?: Record<string, Record<string, unknown>[]> };

const join1 = (t: Text | undefined): string => (Array.isArray(t) ? t.join('') : (t ?? ''));
const load = (name: string): Notebook => JSON.parse(readFileSync(join(DIR, `${name}.ipynb`), 'utf8')) as Notebook;
const notebooks = Object.fromEntries(NAMES.map((n) => [n, load(n)])) as Record<(typeof NAMES)[number], Notebook>;
const outputsOf = (nb: Notebook): Output[] => nb.cells.flatMap((c) => c.outputs ?? []);
/** Everything printed to stdout, in order. */
const printed = (nb: Notebook): string => outputsOf(nb).filter((o) => o.output_type === 'stream').map((o) => join1(o.text)).join('');
const charts = (nb: Notebook): Spec[] => outputsOf(nb).flatMap((o) => (o.data && VEGA_LITE in o.data ? [o.data[VEGA_LITE] as Spec] : []));
/** Tables displayed with a markdown text/plain fallback, parsed back into rows. */
function tables(nb: Notebook): Record<string, string>[][] {
  return outputsOf(nb).flatMap((o) => {
    const text = o.data && 'text/html' in o.data ? join1(o.data['text/plain'] as Text) : '';
    const lines = text.trim().split('\n').filter((l) => l.startsWith('|'));
    if (lines.length < 2) return [];
    const cells = (l: string) => l.slice(1, -1).split('|');
    const head = cells(lines[0]);
    return [lines.slice(2).map((l) => Object.fromEntries(cells(l).map((v, i) => [head[i], v])))];
  });
}
const num = (s: string | undefined): number => (s === undefined || s === '' || s === 'null' ? NaN : Number(s));
const hasDatasets = (spec: Spec, ...names: string[]) => names.every((n) => Array.isArray(spec.datasets?.[n]) && spec.datasets![n].length > 0);

describe('every notebook, as committed', () => {
  it.each(NAMES)('%s ran completely with the Deno kernel and without errors', (name) => {
    const nb = notebooks[name];
    expect(nb.metadata.kernelspec?.name).toBe('deno');
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(3);
    // Executed in order, each once: counts 1, 2, 3, …
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    const errors = outputsOf(nb).filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'));
    expect(errors.map((o) => `${o.ename ?? ''} ${o.evalue ?? join1(o.text)}`)).toEqual([]);
    // Outputs are plain: no ANSI colour codes, no unawaited promises.
    const text = JSON.stringify(outputsOf(nb));
    expect(text).not.toContain('\\u001b[');
    expect(text).not.toContain('Promise {');
    expect(nb.cells.filter((c) => c.cell_type === 'markdown').length).toBeGreaterThan(3);
  });

  it.each(NAMES)('%s matches its source in notebooks/src', (name) => {
    const source = parseCells(readFileSync(join(DIR, 'src', `${name}.ts`), 'utf8'));
    const cells = notebooks[name].cells.map((c) => ({ type: c.cell_type, source: join1(c.source) }));
    expect(cells).toEqual(source);
  });

  it.each(NAMES)('%s: every chart is a valid Vega-Lite spec, with an SVG fallback', (name) => {
    const withChart = outputsOf(notebooks[name]).filter((o) => o.data && VEGA_LITE in o.data);
    for (const o of withChart) {
      const spec = o.data![VEGA_LITE] as Spec;
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
      expect(() => compile(spec)).not.toThrow();
      expect(join1(o.data!['image/svg+xml'] as Text)).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
  });
});

describe('01 explore export', () => {
  const nb = notebooks['01-explore-export'];
  it('shows the quality report with rows read = kept + excluded', () => {
    const lines = printed(nb).split('\n').filter((l) => /^(persons|support|employment)\s+\d/.test(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      const [read, kept, excluded] = l.match(/\d+/g)!.map(Number);
      expect(read).toBe(kept + excluded);
      expect(read).toBeGreaterThan(0);
    }
  });
  it('reads a ;-separated extract back with its own column names', () => {
    expect(printed(nb)).toMatch(/RINPERSOONS;RINPERSOON;begindatum;einddatum;regeling;werkgever_type/);
    const summaries = outputsOf(nb).filter((o) => o.output_type === 'execute_result').map((o) => join1(o.data!['text/plain'] as Text));
    expect(summaries.some((s) => /persons: 500,/.test(s))).toBe(true);
  });
  it('draws figure 1.1 with about 4,100 persons in social work on 1 January 2016 and 2025', () => {
    const fig = charts(nb).find((s) => hasDatasets(s, 'counts', 'totals'));
    expect(fig).toBeDefined();
    const totals = fig!.datasets!.totals as { year: number; total: number }[];
    const total = (y: number) => totals.find((t) => t.year === y)!.total;
    // The report: 4,082 (2016) and 4,253 (2025); the synthetic export follows the published stock.
    expect(Math.abs(total(2016) - 4082)).toBeLessThan(100);
    expect(Math.abs(total(2025) - 4253)).toBeLessThan(100);
    const counts = fig!.datasets!.counts as { year: number; scheme: string; count: number }[];
    const sum2025 = counts.filter((c) => c.year === 2025).reduce((s, c) => s + c.count, 0);
    expect(sum2025).toBe(total(2025));
  });
});

describe('02 participation before and after', () => {
  const nb = notebooks['02-participation-before-after'];
  const fig = charts(nb).find((s) => hasDatasets(s, 'profile', 'averages'));
  const averages = (fig?.datasets?.averages ?? []) as { phase: string; estimate: number; ci_low: number; ci_high: number }[];
  const phase = (p: string) => averages.find((a) => a.phase === p)!;
  it('shows figure 2.1 inline with the before and after phase averages of the report (30 % and 47 %)', () => {
    expect(fig).toBeDefined();
    expect(phase('before').estimate).toBeGreaterThan(0.285);
    expect(phase('before').estimate).toBeLessThan(0.315);
    expect(phase('after').estimate).toBeGreaterThan(0.455);
    expect(phase('after').estimate).toBeLessThan(0.485);
    for (const p of ['before', 'after']) expect(phase(p).ci_low).toBeLessThan(phase(p).estimate);
  });
  it('draws 48 months on each side, each with an interval around its rate, and no during phase', () => {
    const profile = fig!.datasets!.profile as { phase: string; event_time: number; rate: number; ci_low: number; ci_high: number }[];
    expect(profile.filter((p) => p.phase === 'before')).toHaveLength(48);
    expect(profile.filter((p) => p.phase === 'after')).toHaveLength(48);
    expect(profile.filter((p) => p.phase === 'during')).toHaveLength(0);
    for (const p of profile) expect(p.ci_low <= p.rate && p.rate <= p.ci_high).toBe(true);
  });
  it('prints the change as the difference of the two averages, and participation during support near 100 %', () => {
    const text = printed(nb);
    const change = Number(text.match(/change:\s+([\d.]+) percentage points/)![1]);
    expect(change).toBeCloseTo((phase('after').estimate - phase('before').estimate) * 100, 1);
    expect(Number(text.match(/during support: ([\d.]+) %/)![1])).toBeGreaterThan(97);
  });
  it('the robustness table has paired and bootstrap variants, each with before < after', () => {
    const robust = tables(nb).find((t) => t[0]?.variant !== undefined)!;
    for (const variant of ['paired', 'bootstrap']) {
      const get = (q: string) => num(robust.find((r) => r.variant === variant && r.quantity === q)?.estimate);
      expect(get('after') - get('before')).toBeGreaterThan(0.1);
      expect(get('change')).toBeCloseTo(get('after') - get('before'), 5);
    }
  });
});

describe('03 control group', () => {
  const nb = notebooks['03-control-group'];
  const summary = tables(nb).find((t) => t[0]?.design !== undefined)!;
  it('estimates a positive DiD against controls matched on characteristics, near the generator effect (0.155)', () => {
    const b = summary.find((r) => r.design.includes('education'))!;
    expect(num(b.did)).toBeGreaterThan(0.1);
    expect(num(b.did)).toBeLessThan(0.21);
    expect(num(b.ci_low)).toBeGreaterThan(0);
    expect(num(b.ci_low)).toBeLessThan(num(b.did));
    expect(num(b.ci_high)).toBeGreaterThan(num(b.did));
  });
  it('has a balance table whose standardised differences are small after matching', () => {
    const balance = tables(nb).filter((t) => t[0]?.smd_after !== undefined);
    expect(balance).toHaveLength(2);
    for (const t of balance) for (const r of t) expect(Math.abs(num(r.smd_after))).toBeLessThan(0.1);
  });
  it('shows event studies with uniform bands at least as wide as the pointwise intervals, and figure 2.1 with the controls', () => {
    const studies = charts(nb).filter((s) => hasDatasets(s, 'estimates'));
    expect(studies).toHaveLength(2);
    for (const s of studies) {
      const after = (s.datasets!.estimates as { phase: string; ci_low: number; ci_high: number; band_low: number; band_high: number }[]).filter((e) => e.phase === 'after');
      expect(after.length).toBe(48);
      for (const e of after) expect(e.band_low <= e.ci_low && e.band_high >= e.ci_high).toBe(true);
    }
    expect(charts(nb).some((s) => hasDatasets(s, 'profile') && JSON.stringify(s.datasets).includes('"control"'))).toBe(true);
    expect(printed(nb)).toMatch(/pre-trend test/);
  });
});

describe('04 contract lengths', () => {
  const nb = notebooks['04-contract-lengths'];
  it('draws the > 2 years share rising from about 27 % (January 2019) to about 52 % (December 2023)', () => {
    const fig = charts(nb).find((s) => hasDatasets(s, 'distribution', 'threshold'));
    expect(fig).toBeDefined();
    const series = fig!.datasets!.threshold as { date: string; share: number }[];
    expect(series).toHaveLength(60);
    const first = series.find((s) => s.date.startsWith('2019-01'))!;
    const last = series.find((s) => s.date.startsWith('2023-12'))!;
    expect(first.share).toBeGreaterThan(0.24);
    expect(first.share).toBeLessThan(0.3);
    expect(last.share).toBeGreaterThan(0.49);
    expect(last.share).toBeLessThan(0.55);
  });
  it('the tenure bins of each date add up to 1', () => {
    const bins = tables(nb).find((t) => t[0]?.bin !== undefined)!;
    for (const date of ['2019-01-01', '2023-12-31']) {
      const shares = bins.filter((r) => r.date === date && r.bin !== 'no relationship').map((r) => num(r.share));
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
  it('shows Kaplan–Meier curves that start at 1 and never rise, medians inside their intervals, and a log-rank test', () => {
    const fig = charts(nb).find((s) => hasDatasets(s, 'steps'));
    expect(fig).toBeDefined();
    const steps = fig!.datasets!.steps as { group: string; time: number; surv: number }[];
    for (const g of new Set(steps.map((s) => s.group))) {
      const surv = steps.filter((s) => s.group === g).sort((a, b) => a.time - b.time).map((s) => s.surv);
      expect(surv[0]).toBeLessThanOrEqual(1);
      for (let i = 1; i < surv.length; i++) expect(surv[i]).toBeLessThanOrEqual(surv[i - 1] + 1e-12);
    }
    const medians = tables(nb).find((t) => t[0]?.median_months !== undefined)!;
    expect(medians.length).toBeGreaterThan(1);
    for (const m of medians) expect(num(m.ci_low) <= num(m.median_months) && num(m.median_months) <= num(m.ci_high)).toBe(true);
    expect(printed(nb)).toMatch(/log-rank test: chi2\(\d\) = [\d.]+/);
  });
});

describe('05 output control', () => {
  const nb = notebooks['05-output-control'];
  it('withholds small cells with a reason, and no table leaves a small remainder', () => {
    const all = tables(nb);
    const withheld = all.flat().filter((r) => r.suppressed === 'true');
    expect(withheld.length).toBeGreaterThan(0);
    for (const r of withheld) expect(r.suppression_reason).toMatch(/^(primary|secondary):/);
    // Published person counts are never below 10.
    const published = all.flat().filter((r) => r.suppressed === 'false' && r.persons !== undefined);
    // The check runs on published rows with a person count, and there are such rows.
    expect(published.length).toBeGreaterThan(0);
    for (const r of published) expect(num(r.persons)).toBeGreaterThanOrEqual(10);
    const checks = all.filter((t) => t[0]?.withheld_persons_together !== undefined);
    expect(checks).toHaveLength(2);
    for (const check of checks) {
      expect(check.every((r) => r.safe === 'true')).toBe(true);
      for (const r of check) {
        const together = num(r.withheld_persons_together);
        expect(together === 0 || together >= 10).toBe(true);
      }
    }
    expect(withheld.some((r) => r.suppression_reason === 'secondary:withheld-sum')).toBe(true);
  });
  it('prints the output-control report and refuses to write an unchecked table', () => {
    const text = printed(nb);
    expect(text).toContain('Output control report');
    expect(text).toContain('tenure-2016.csv.output-control.txt');
    expect(text).toMatch(/refused: .*output control/);
  });
  it('rounds published counts to multiples of 5 with shares recomputed from them', () => {
    const rounded = tables(nb).find((t) => t[0]?.method?.includes('rounded to base 5'))!;
    for (const r of rounded) {
      expect(num(r.n) % 5).toBe(0);
      expect(num(r.count) % 5).toBe(0);
      expect(num(r.share)).toBeCloseTo(num(r.count) / num(r.n), 5);
    }
  });
});

describe('06 staggered adoption', () => {
  const nb = notebooks['06-staggered-adoption'];
  it('shows the dynamic profile with a simultaneous band that contains the pointwise intervals, and ATT(g,t) by cohort', () => {
    const dynamic = charts(nb).filter((s) => (s.usermeta as { figure?: string } | undefined)?.figure === 'att-gt-dynamic');
    expect(dynamic.length).toBe(2);
    const est = dynamic[0].datasets!.estimates as { event_time: number; estimate: number; ci_low: number; ci_high: number; band_low: number; band_high: number }[];
    expect(Math.min(...est.map((r) => r.event_time))).toBe(-24);
    expect(Math.max(...est.map((r) => r.event_time))).toBe(96);
    for (const r of est) expect(r.band_low <= r.ci_low && r.ci_high <= r.band_high).toBe(true);
    // Before the start the profile is near zero; during the first year of support it is large.
    for (const r of est.filter((x) => x.event_time < 0)) expect(Math.abs(r.estimate)).toBeLessThan(0.03);
    expect(est.find((r) => r.event_time === 12)!.estimate).toBeGreaterThan(0.3);
    const cohorts = charts(nb).find((s) => (s.usermeta as { figure?: string } | undefined)?.figure === 'att-gt-cohorts');
    expect(new Set((cohorts!.datasets!.estimates as { group: number }[]).map((r) => r.group)).size).toBe(4);
  });
  it('prints the reg and dr estimates with their pre-trend tests, and the matched DiD next to the late profile', () => {
    const text = printed(nb);
    const overall = (label: string) => Number(new RegExp(`${label}: simple ATT ([\\d.]+)`).exec(text)![1]);
    const reg = overall('no adjustment \\(reg\\)');
    const dr = overall('doubly robust \\(dr\\)');
    expect(Math.abs(reg - dr)).toBeLessThan(0.02);
    expect(text).toMatch(/doubly robust \(dr\): .*pre-trend/);
    const did = Number(/matched DiD \(after support end vs before start\): ([\d.]+)/.exec(text)![1]);
    const late = Number(/mean effect 6–8 years after the start: ([\d.]+)/.exec(text)![1]);
    expect(did).toBeGreaterThan(0.1);
    expect(Math.abs(late - did)).toBeLessThan(0.1);
  });
});

describe('07 outcomes', () => {
  const nb = notebooks['07-outcomes'];
  /** '30.5 %' → 0.305; '356' → 356. */
  const value = (s: string | undefined): number => (s?.endsWith(' %') ? Number(s.slice(0, -2)) / 100 : num(s));
  const phases = tables(nb).find((t) => t[0]?.before !== undefined)!;
  const dids = tables(nb).find((t) => t[0]?.DiD !== undefined)!;
  const row = (t: Record<string, string>[], outcome: string) => t.find((r) => r.outcome === outcome)!;
  it('reproduces the participation headline (30.5 % → 46.6 %) next to earnings, earnings above minimum wage and bijstand', () => {
    expect(value(row(phases, 'participation').before)).toBeCloseTo(0.305, 3);
    expect(value(row(phases, 'participation').after)).toBeCloseTo(0.466, 3);
    const above = row(phases, 'earnings above minimum wage');
    expect(value(above.after)).toBeGreaterThan(value(above.before));
    // Earning above the minimum wage implies working: never more common than participation.
    expect(value(above.before)).toBeLessThan(value(row(phases, 'participation').before));
    const bijstand = row(phases, 'on bijstand');
    expect(value(bijstand.after)).toBeLessThan(value(bijstand.before));
    expect(value(bijstand.change)).toBeCloseTo(value(bijstand.after) - value(bijstand.before), 2);
  });
  it('estimates matched DiDs: participation 15.9 points, bijstand down with an interval below zero, earnings above the wage premium alone', () => {
    expect(value(row(dids, 'participation').DiD)).toBeCloseTo(0.159, 3);
    const [low, high] = row(dids, 'on bijstand')['95 % CI']!.split(' … ').map(value);
    expect(high).toBeLessThan(0);
    expect(low).toBeLessThan(value(row(dids, 'on bijstand').DiD));
    const text = printed(nb);
    const premium = Number(/truth: earnings effect on the treated € ([\d.]+)/.exec(text)![1]);
    const did = Number(/DiD earnings € ([\d.]+)/.exec(text)![1]);
    expect(premium).toBeGreaterThan(0);
    expect(did).toBeGreaterThan(premium);
  });
  it('draws the Cox forest plot of relationshipCox with reference levels at 1', () => {
    expect(printed(nb)).toMatch(/Cox regression \(\d+ rows, \d+ events\)/);
    const forest = charts(nb).find((s) => hasDatasets(s, 'lines'));
    expect(forest).toBeDefined();
    const lines = forest!.datasets!.lines as { label: string; hazard_ratio: number }[];
    expect(lines.map((l) => l.label)).toContain('employerType: regulier (reference)');
    expect(lines.find((l) => l.label === 'employerType: regulier (reference)')!.hazard_ratio).toBe(1);
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });
  it('shows adjusted survival per scheme: falling over time, Wsw relationships lasting longer (its hazard ratio is below 1)', () => {
    const adjusted = tables(nb).find((t) => t[0]?.still_running !== undefined)!;
    expect(adjusted.map((r) => num(r.months))).toEqual([12, 24, 36, 60, 12, 24, 36, 60]);
    for (const scheme of ['Participatiewet', 'Wsw']) {
      const s = adjusted.filter((r) => r.scheme === scheme).map((r) => value(r.still_running));
      expect(s.length).toBe(4);
      for (let k = 1; k < 4; k++) expect(s[k]).toBeLessThan(s[k - 1]!);
    }
    const at60 = (scheme: string) => value(adjusted.find((r) => r.scheme === scheme && num(r.months) === 60)!.still_running);
    expect(at60('Wsw')).toBeGreaterThan(at60('Participatiewet'));
  });
});
