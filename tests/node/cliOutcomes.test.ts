import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli.js';

async function run(args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false });
  return { code, out, err };
}

/**
 * A hand-made export whose outcome shares are known by counting whole months. 12 supported
 * persons, support 2015-01-01 … 2015-12-31, so the 48-month windows are 2011-01 … 2014-12 (before)
 * and 2016-01 … 2019-12 (after), every month observed (observation 2010 … 2019):
 * - jobs 2013-01 … 2014-12 (24 months) at €3000 a month for persons 0–5 and €500 for 6–11, and
 *   2016-01 … 2017-12 at €3000 for everyone; the minimum wage lies between (about €1,450–1,600 a
 *   month in those years): above it 6·24 / (12·48) = 0.25 before, 12·24 / (12·48) = 0.5 after;
 * - bijstand 2011-01 … 2012-12 for everyone (24 / 48 = 0.5 before) and 2018-01 … 2019-12 for
 *   persons 0–2 (3·24 / (12·48) = 0.125 after).
 * 12 never-supported persons with the same birth years, sexes and 2013–2014 jobs (at €2000) serve
 * as controls, so the matching has counterparts; they add no supported person-months. Wage, hours
 * and benefit columns carry non-default names, mapped by the configuration.
 */
function writeExport(dir: string): { args: string[]; config: string } {
  const id = (i: number) => String(i + 1).padStart(9, '0');
  const persons = ['RINPERSOONS,RINPERSOON,GBAGEBOORTEJAAR,GBAGESLACHT'];
  const support = ['RINPERSOONS,RINPERSOON,AANVBUS,EINDBUS,REGELING,WERKGEVERTYPE'];
  const jobs = ['RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT,LOON,UREN'];
  const benefits = ['RINPERSOONS,RINPERSOON,BEGIN,EIND,SOORT'];
  for (let i = 0; i < 24; i++) persons.push(`R,${id(i)},${1970 + (i % 12)},${1 + (i % 2)}`);
  for (let i = 12; i < 24; i++) jobs.push(`R,${id(i)},100000003,20130101,20141231,B,2000.00,150`);
  for (let i = 0; i < 12; i++) {
    support.push(`R,${id(i)},20150101,20151231,Participatiewet,regulier`);
    jobs.push(`R,${id(i)},100000001,20130101,20141231,B,${i < 6 ? '3000.00' : '500.00'},150`);
    jobs.push(`R,${id(i)},100000002,20160101,20171231,O,3000.00,150`);
    benefits.push(`R,${id(i)},20110101,20121231,bijstand`);
    if (i < 3) benefits.push(`R,${id(i)},20180101,20191231,bijstand`);
  }
  const files = { persons, support, employment: jobs, benefits };
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), lines.join('\n') + '\n');
  const config = join(dir, 'analysis.json');
  writeFileSync(
    config,
    JSON.stringify({
      columns: { employment: { wage: 'LOON', hours: 'UREN' }, benefits: { start: 'BEGIN', end: 'EIND', type: 'SOORT' } },
      observation: { start: '2010-01-01', end: '2019-12-31' },
      eventStudy: { replications: 19 },
      outputControl: { minPersons: 3 },
    }),
  );
  const args = ['--persons', join(dir, 'persons.csv'), '--support', join(dir, 'support.csv'), '--employment', join(dir, 'employment.csv'), '--benefits', join(dir, 'benefits.csv'), '--config', config];
  return { args, config };
}

describe('report and check with wages and benefit spells', () => {
  it('check reads the benefits file through the configured columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-outcomes-'));
    const { args } = writeExport(dir);
    const { code, out, err } = await run(['check', ...args]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe('persons 24, support trajectories 12, employment spells 36, benefit spells 15');
  });

  it('report puts earnings above the minimum wage and benefit receipt before/after in the headline table and report.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-outcomes-'));
    const { args } = writeExport(dir);
    const outDir = join(dir, 'report');
    const { code, out, err } = await run(['report', ...args, '--out', outDir, '--lang', 'en']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const rows = (JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { rows: { quantity: string; estimate: number | null; n_persons: number }[] }).rows;
    const value = (q: string) => rows.find((r) => r.quantity === q);
    expect(value('earnings above minimum wage before support')!.estimate).toBeCloseTo(0.25, 9);
    expect(value('earnings above minimum wage after support')!.estimate).toBeCloseTo(0.5, 9);
    expect(value('earnings above minimum wage change after − before')!.estimate).toBeCloseTo(0.25, 9);
    expect(value('on benefits (bijstand) before support')!.estimate).toBeCloseTo(0.5, 9);
    expect(value('on benefits (bijstand) after support')!.estimate).toBeCloseTo(0.125, 9);
    expect(value('on benefits (bijstand) after support')!.n_persons).toBe(12);
    // Participation from the same spells: jobs in 24 of 48 months before and after.
    expect(value('participation before support')!.estimate).toBeCloseTo(0.5, 9);
    expect(out.join('\n')).toMatch(/Share on benefits \(bijstand\)[^\n]*\n\s+before\s+50\.0 %/);
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('earnings above minimum wage before support');
    expect(html).toContain('on benefits (bijstand) after support');
  }, 120_000);

  it('without wages or benefits the headline table has no outcome rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-outcomes-'));
    const { args } = writeExport(dir);
    const jobs = readFileSync(join(dir, 'employment.csv'), 'utf8').split('\n').map((l) => l.split(',').slice(0, 6).join(',')).join('\n');
    writeFileSync(join(dir, 'employment.csv'), jobs);
    writeFileSync(join(dir, 'analysis.json'), JSON.stringify({ observation: { start: '2010-01-01', end: '2019-12-31' }, eventStudy: { replications: 19 }, outputControl: { minPersons: 3 } }));
    const outDir = join(dir, 'report');
    const noBenefits = args.filter((a, i) => a !== '--benefits' && args[i - 1] !== '--benefits');
    expect((await run(['report', ...noBenefits, '--out', outDir, '--quiet'])).code).toBe(0);
    const rows = (JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { rows: { quantity: string }[] }).rows;
    expect(rows.some((r) => /minimum wage|benefits/.test(r.quantity))).toBe(false);
    expect(rows.some((r) => r.quantity === 'participation before support')).toBe(true);
  }, 120_000);
});
