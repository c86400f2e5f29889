import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli.js';
import { checkAnalysisConfig, EXAMPLE_CONFIG, parseAnalysisConfig } from '../../src/node/config.js';

const F = 'tests/io/fixtures';
const INPUTS = ['--persons', `${F}/persons.csv`, '--support', `${F}/support.csv`, '--employment', `${F}/employment.csv`];

async function run(args: readonly string[], isTTY = false): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY });
  return { code, out, err };
}

/** Data rows of a CSV fixture (lines after the header), counted here independently of the loader. */
const dataRows = (file: string): number => readFileSync(`${F}/${file}`, 'utf8').trim().split('\n').length - 1;

describe('participation-effects check', () => {
  it('prints the summary and the quality report of an export and exits 0', async () => {
    const { code, out, err } = await run(['check', ...INPUTS]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe(`persons ${dataRows('persons.csv')}, support trajectories ${dataRows('support.csv')}, employment spells ${dataRows('employment.csv')}`);
    expect(out.join('\n')).toMatch(/persons\s+3 read\s+3 kept\s+0 excluded/);
  });

  it('exits 1 with a message naming the file when an input is missing', async () => {
    const { code, err } = await run(['check', '--persons', `${F}/nope.csv`, '--support', `${F}/support.csv`, '--employment', `${F}/employment.csv`]);
    expect(code).toBe(1);
    expect(err[0]).toContain('data error');
    expect(err[0]).toContain('nope.csv');
  });

  it('exits 1 naming file, row and column for an unreadable value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-cli-'));
    const bad = readFileSync(`${F}/support.csv`, 'utf8').replace(/\b(20\d\d)(\d\d)(\d\d)\b/, '$1-13-45');
    writeFileSync(join(dir, 'support.csv'), bad);
    const { code, err } = await run(['check', '--persons', `${F}/persons.csv`, '--support', join(dir, 'support.csv'), '--employment', `${F}/employment.csv`]);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/support\.csv, row \d+, column "\w+"/);
  });
});

describe('usage errors exit 2 and every command has --help', () => {
  it.each(['report', 'check', 'demo', 'init', 'schema'])('%s --help prints its usage and exits 0', async (command) => {
    const { code, out } = await run([command, '--help']);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`^participation-effects ${command}`));
  });

  it('an unknown command, an unknown option, a missing input, a bad language', async () => {
    expect((await run(['reprot'])).code).toBe(2);
    expect((await run(['report', '--bogus'])).code).toBe(2);
    const missing = await run(['report', '--persons', 'p.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('missing --support, --employment');
    expect((await run(['report', ...INPUTS, '--lang', 'de'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it('a misspelt configuration key is a usage error naming the nearest valid key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-cli-'));
    writeFileSync(join(dir, 'a.json'), '{ "pannel": { "before": 12 } }');
    const { code, err } = await run(['check', ...INPUTS, '--config', join(dir, 'a.json')]);
    expect(code).toBe(2);
    expect(err[0]).toContain('did you mean "panel"');
  });
});

describe('participation-effects report', () => {
  it('writes the report folder, refuses to overwrite it or an input, and replaces it with --overwrite', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pe-cli-')), 'report');
    const first = await run(['report', ...INPUTS, '--out', out, '--quiet', '--lang', 'en']);
    expect(first).toMatchObject({ code: 0, out: [], err: [] });
    const files = readdirSync(out);
    for (const f of ['report.html', 'summary.csv', 'summary.json', 'profile.csv', 'output-control.txt', 'figure-2-1.svg', 'figure-2-1.vl.json', 'survival.svg']) expect(files).toContain(f);
    // Three persons: output control withholds every headline number (fewer than 10 persons behind it).
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { rows: { estimate: number | null }[] };
    expect(summary.rows.length).toBeGreaterThan(0);
    expect(summary.rows.every((r) => r.estimate === null)).toBe(true);
    // Neutral titles when no population is configured (English: "people").
    expect(readFileSync(join(out, 'figure-2-1.vl.json'), 'utf8')).toContain('Labour participation of people with a work disability');
    expect(readFileSync(join(out, 'figure-2-1.vl.json'), 'utf8')).not.toContain('Amsterdam');
    const again = await run(['report', ...INPUTS, '--out', out, '--quiet']);
    expect(again.code).toBe(2);
    expect(again.err[0]).toContain('refusing to overwrite');
    const input = await run(['report', ...INPUTS, '--out', F, '--overwrite', '--quiet']);
    expect(input.code).toBe(2);
    expect(input.err[0]).toContain('contains the input');
    expect((await run(['report', ...INPUTS, '--out', out, '--overwrite', '--quiet'])).code).toBe(0);
  }, 120_000);

  it('shows progress on stderr only on a terminal, and names the configured population in the titles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-cli-'));
    writeFileSync(join(dir, 'analysis.json'), '// test\n{ "figures": { "population": "Utrechters", "programme": "Werkfit" }, "eventStudy": { "replications": 19 } }');
    const tty = await run(['report', ...INPUTS, '--out', join(dir, 'a'), '--config', join(dir, 'analysis.json')], true);
    expect(tty.code).toBe(0);
    expect(tty.err.some((l) => l.startsWith('… '))).toBe(true);
    expect(readFileSync(join(dir, 'a', 'figure-2-1.vl.json'), 'utf8')).toContain('Arbeidsparticipatie voor Utrechters met een arbeidsbeperking');
    expect(readFileSync(join(dir, 'a', 'contract-length.vl.json'), 'utf8')).toContain('Utrechters met ondersteuning via Werkfit');
    const pipe = await run(['report', ...INPUTS, '--out', join(dir, 'b'), '--config', join(dir, 'analysis.json')], false);
    expect(pipe.code).toBe(0);
    expect(pipe.err).toEqual([]);
    expect(pipe.out.join('\n')).toContain('Wrote 15 files');
  }, 120_000);
});

describe('init and schema', () => {
  it('init writes the commented example, which parses and refuses to be overwritten', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pe-cli-')), 'analysis.json');
    expect((await run(['init', '--out', file, '-q'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(EXAMPLE_CONFIG);
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l.trimStart().startsWith('//')).length).toBeGreaterThan(5);
    expect(parseAnalysisConfig(EXAMPLE_CONFIG).durability?.at).toEqual(['2019-01-31', '2021-12-31', '2023-12-31']);
    expect((await run(['init', '--out', file])).code).toBe(2);
  });

  it('the published schema names exactly the keys the configuration accepts, and the example uses only those', async () => {
    const { code, out } = await run(['schema']);
    expect(code).toBe(0);
    const schema = JSON.parse(out.join('\n')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    const keys = Object.keys(schema.properties).sort();
    // Every schema key is accepted by the checker, and a key outside the schema is refused.
    expect(() => checkAnalysisConfig(Object.fromEntries(keys.map((k) => [k, k === 'lang' ? 'en' : k === '$schema' ? 'x' : k === 'openEndSentinels' ? [] : {}])))).not.toThrow();
    expect(() => checkAnalysisConfig({ notInSchema: 1 })).toThrow('unknown option');
    const example = parseAnalysisConfig(EXAMPLE_CONFIG) as Record<string, unknown>;
    let nested = 0;
    for (const [k, v] of Object.entries(example)) {
      expect(keys).toContain(k);
      const sub = schema.properties[k]!.properties;
      if (sub && v && typeof v === 'object' && !Array.isArray(v)) {
        for (const kk of Object.keys(v)) expect(Object.keys(sub), `${k}.${kk}`).toContain(kk);
        nested++;
      }
    }
    // The example has nested objects (e.g. columns), so their keys were checked too.
    expect(nested).toBeGreaterThan(0);
  });
});

describe('participation-effects regenerate-data', () => {
  it('--check compares without writing and exits 1 when files differ (here: none there)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-regen-'));
    const lines: string[] = [];
    const code = await main(['regenerate-data', '--check', '--out', dir], { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l), isTTY: false });
    expect(code).toBe(1);
    // persons, support, employment, benefits and truth.json
    expect(lines.filter((l) => l.startsWith('DIFFERENT'))).toHaveLength(5);
    expect(readdirSync(dir)).toEqual([]);
  }, 180_000);
});
