import { fromCSV } from 'arquero';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecificationError } from '../../src/core/errors.js';
import { applyOutputControl, formatOutputControlReport, isControlled, isSuppressed, NOT_CONTROLLED_MARK, suppressedKeys, toControlledCsv, toControlledJson } from '../../src/disclose/index.js';
import { writeControlledCsv, writeControlledJson } from '../../src/node/writeControlled.js';

const rows = [
  { employer: 'regulier', n: 120, count: 60, estimate: 0.5 },
  { employer: 'sociale firma', n: 8, count: 4, estimate: 0.5 },
  { employer: 'Pantar', n: 60, count: 30, estimate: 0.5 },
  { employer: 'Totaal', n: 188, count: 94, estimate: 0.5 },
];
const result = applyOutputControl(rows);
const dir = mkdtempSync(join(tmpdir(), 'disclose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('core writers', () => {
  it('write a controlled table; withheld values are empty', () => {
    const csv = toControlledCsv(result, { delimiter: ';' });
    expect(csv.split('\n')[0]).toBe('employer;n;count;estimate;suppressed;suppression_reason');
    const back = fromCSV(csv, { delimiter: ';' }).objects() as Record<string, unknown>[];
    expect(back.map((r) => r.n)).toEqual([120, null, null, 188]);
    const json = JSON.parse(toControlledJson(result));
    expect(json.output_control.controlled).toBe(true);
    expect(json.output_control.rowsWithheld).toBe(2);
    expect(json.rows[1]).toEqual({ employer: 'sociale firma', n: null, count: null, estimate: null, suppressed: true, suppression_reason: 'primary:min-persons; primary:min-count; primary:min-count-complement' });
  });

  it('refuse an unchecked table, also one that only claims to be controlled', () => {
    expect(() => toControlledCsv(rows)).toThrow(SpecificationError);
    expect(() => toControlledJson(rows)).toThrow(/not passed output control/);
    const fake = { controlled: true, rows, columns: Object.keys(rows[0]) };
    expect(isControlled(fake)).toBe(false);
    expect(() => toControlledCsv(fake as never)).toThrow(SpecificationError);
  });

  it('write an unchecked table only when forced, marked as not output-controlled', () => {
    const csv = toControlledCsv(rows, { force: true });
    expect(csv.split('\n')[0]).toBe(`# ${NOT_CONTROLLED_MARK}`);
    expect(fromCSV(csv, { comment: '#' }).numRows()).toBe(4);
    const json = JSON.parse(toControlledJson(rows, { force: true }));
    expect(json.output_control).toEqual({ controlled: false, warning: NOT_CONTROLLED_MARK });
    expect(json.rows[1].n).toBe(8);
  });

  it('keep a controlled table from being edited after the check', () => {
    expect(() => {
      (result.rows[1] as Record<string, unknown>).n = 8;
    }).toThrow(TypeError);
    expect(() => (result.rows as unknown as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('Node writers', () => {
  it('write CSV with the report next to it, and JSON with the report inside', async () => {
    const csvPath = join(dir, 'sub', 'employers.csv');
    await writeControlledCsv(csvPath, result);
    expect(readFileSync(csvPath, 'utf8')).toBe(toControlledCsv(result));
    expect(readFileSync(`${csvPath}.output-control.txt`, 'utf8')).toBe(formatOutputControlReport(result.report));
    const jsonPath = join(dir, 'employers.json');
    await writeControlledJson(jsonPath, result);
    expect(JSON.parse(readFileSync(jsonPath, 'utf8')).output_control.controlled).toBe(true);
  });

  it('refuse to write an unchecked table and leave no file', async () => {
    const path = join(dir, 'unchecked.csv');
    await expect(writeControlledCsv(path, rows)).rejects.toThrow(SpecificationError);
    await expect(writeControlledJson(join(dir, 'unchecked.json'), rows)).rejects.toThrow(SpecificationError);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(dir, 'unchecked.json'))).toBe(false);
    await writeControlledCsv(path, rows, { force: true });
    expect(readFileSync(path, 'utf8').startsWith('# NOT OUTPUT-CONTROLLED')).toBe(true);
    expect(existsSync(`${path}.output-control.txt`)).toBe(false);
  });
});

describe('Node writers never replace a file unasked', () => {
  it('refuse an existing file, naming its path, and leave it as it was', async () => {
    const path = join(dir, 'existing.csv');
    writeFileSync(path, 'old');
    await expect(writeControlledCsv(path, result)).rejects.toThrow(SpecificationError);
    await expect(writeControlledCsv(path, result)).rejects.toThrow(`writeControlledCsv: refusing to overwrite ${path}: it exists`);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(existsSync(`${path}.output-control.txt`)).toBe(false);
    const json = join(dir, 'existing.json');
    writeFileSync(json, 'old');
    await expect(writeControlledJson(json, result)).rejects.toThrow(`writeControlledJson: refusing to overwrite ${json}: it exists`);
    expect(readFileSync(json, 'utf8')).toBe('old');
  });

  it('refuse when only the report next to the CSV exists', async () => {
    const path = join(dir, 'report-exists.csv');
    writeFileSync(`${path}.output-control.txt`, 'old report');
    await expect(writeControlledCsv(path, result)).rejects.toThrow(`refusing to overwrite ${path}.output-control.txt`);
    expect(existsSync(path)).toBe(false);
  });

  it('replace with overwrite: true, but never an input of the job', async () => {
    const path = join(dir, 'replace.csv');
    writeFileSync(path, 'old');
    await writeControlledCsv(path, result, { overwrite: true });
    expect(readFileSync(path, 'utf8')).toBe(toControlledCsv(result));
    await expect(writeControlledCsv(path, result, { overwrite: true, inputs: [path] })).rejects.toThrow(`writeControlledCsv: refusing to write ${path}: it is an input of this job`);
    await expect(writeControlledJson(path, result, { ovewrite: true } as never)).rejects.toThrow(`writeControlledJson: unknown option "ovewrite"; did you mean "overwrite"?`);
  });
});

describe('report and figure helpers', () => {
  it('name the suppressed points for a caption', () => {
    expect(result.rows.map((r) => isSuppressed(r))).toEqual([false, true, true, false]);
    expect(isSuppressed(result.rows[1], 'estimate')).toBe(true);
    expect(suppressedKeys(result, ['employer'])).toEqual(['sociale firma', 'Pantar']);
    const partly = applyOutputControl([{ g: 'A', n: 40, mean: 5, median: 4, n_below: 5, n_above: 30 }]);
    expect(isSuppressed(partly.rows[0], 'mean')).toBe(false);
    expect(isSuppressed(partly.rows[0], 'median')).toBe(true);
    expect(suppressedKeys(partly, ['g'], 'mean')).toEqual([]);
  });

  it('report rules, hits and counts without any withheld value', () => {
    const text = formatOutputControlReport(result.report);
    expect(text).toContain('minimum persons per row: 10 (column n)');
    expect(text).toContain('secondary suppression: dimensions employer (total "Totaal")');
    expect(text).toContain('2\tn\tprimary:min-persons\temployer=sociale firma');
    expect(text).toContain('3\testimate\tsecondary:total\temployer=Pantar');
    expect(result.report.hits).toHaveLength(6);
    // The withheld persons (8 and 60) and counts (4 and 30) appear nowhere in the report.
    const json = JSON.stringify(result.report);
    for (const v of ['8', '60', '30', '68']) expect(json).not.toMatch(new RegExp(`[^0-9.]${v}[^0-9]`));
  });
});
