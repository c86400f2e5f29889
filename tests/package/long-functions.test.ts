// Functions in src/ stay at most ~80 lines unless a `// long because:` comment says why
// (scripts/long-functions.mjs lists the others). The stages being rewritten elsewhere at the time
// of writing (src/panel, src/io, src/staggered) and the synthetic-data generator (src/synth) have
// their current long functions listed by name below; the list may only shrink.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { longFunctions, longFunctionsInSrc } from '../../scripts/long-functions.mjs';

interface Long {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** Current long functions of stages edited elsewhere: `file: [function names]`. Shrink it, never grow it. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'src/panel/panelFromLong.ts': ['panelFromLong'],
  'src/staggered/staggeredPanel.ts': ['staggeredPanel'],
  'src/io/csvTokenizer.ts': ['CsvTokenizer.records'],
  'src/synth/synthesize.ts': ['synthesizeCbsExport'],
  'src/synth/employment.ts': ['EmploymentGenerator.buildRun'],
};

describe('function length', () => {
  const found = (longFunctionsInSrc(80) as Long[]).map((f) => `${f.file}: ${f.name} (${f.lines} lines)`);
  const allowed = (s: string) => Object.entries(ALLOWED).some(([file, names]) => names.some((n) => s.startsWith(`${file}: ${n} (`)));

  it('no function in src/ is longer than 80 lines without a "// long because:" comment (outside the allow-list)', () => {
    expect(found.filter((s) => !allowed(s))).toEqual([]);
  });

  it('every allow-listed function is still long (remove it from the list once it is split)', () => {
    for (const [file, names] of Object.entries(ALLOWED)) for (const n of names) expect(found.some((s) => s.startsWith(`${file}: ${n} (`)), `${file}: ${n}`).toBe(true);
  });

  it('the script finds long functions of every form and honours the comment', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
    const src = [
      `export function longOne(x: number) {\n${body(85)}\n  return x;\n}`,
      `export function shortOne(x: number) {\n${body(70)}\n  return x;\n}`,
      `// long because: one table of cases reads best in one place\nfunction excused(x: number) {\n${body(90)}\n  return x;\n}`,
      `const arrow = (x: number) => {\n${body(85)}\n  return x;\n};`,
      `class K {\n  method(x: number) {\n${body(85)}\n    return x;\n  }\n}`,
    ].join('\n\n');
    const names = (longFunctions('x.ts', src, 80) as Long[]).map((f) => [f.name, f.lines]);
    expect(names).toEqual([
      ['longOne', 88],
      ['arrow', 88],
      ['K.method', 88],
    ]);
  });
});
