// Functions in src/ stay at most ~80 lines unless a `// long because:` comment says why
// (scripts/long-functions.mjs lists the others). Long functions of code being rewritten elsewhere
// at the time of writing are listed by name below; the list may only shrink.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { longFunctions, longFunctionsInSrc } from '../../scripts/long-functions.mjs';

interface Long {
  file: string;
  name: string;
  line: number;
  lines: number;
}

describe('function length', () => {
  const found = (longFunctionsInSrc(80) as Long[]).map((f) => `${f.file}: ${f.name} (${f.lines} lines)`);
  it('no function in src/ is longer than 80 lines without a "// long because:" comment', () => {
    expect(found).toEqual([]);
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
