// An assertion inside an `if` passes silently when the branch never runs: every such assertion in
// tests/ comes with something showing that its branch ran (scripts/conditional-expects.mjs).
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { conditionalExpects, conditionalExpectsInTests } from '../../scripts/conditional-expects.mjs';

interface Found {
  file?: string;
  line: number;
  condition: string;
  branch: 'then' | 'else';
}

const check = (body: string): [number, string, string][] =>
  (conditionalExpects('x.test.ts', `it('t', () => {\n${body}\n});`) as Found[]).map((f) => [f.line, f.branch, f.condition]);

describe('assertions inside an if', () => {
  it('none in tests/ without a sign that its branch ran', () => {
    const found = (conditionalExpectsInTests() as Found[]).map((f) => `${f.file}:${f.line} ${f.branch} of if (${f.condition})`);
    expect(found).toEqual([]);
  });

  it('flags an assertion in either branch with nothing showing the branch ran', () => {
    expect(check('for (const r of rows) {\n  if (r.se === null) expect(r.estimate).toBe(0);\n  else expect(r.se).toBeGreaterThan(0);\n}')).toEqual([
      [3, 'then', 'r.se === null'],
      [4, 'else', 'r.se === null'],
    ]);
    // An `expectSomething` helper counts as an assertion; an asymmetric matcher does not.
    expect(check('if (x) expectClose(a, b, 1e-9, "a");\nif (y) z = expect.closeTo(1, 9);')).toEqual([[2, 'then', 'x']]);
    // A counter that no assertion reads, or one read only inside the if, shows nothing.
    expect(check('let n = 0;\nif (x) {\n  expect(a).toBe(1);\n  n++;\n  expect(n).toBe(1);\n}')).toEqual([[4, 'then', 'x']]);
  });

  it('accepts a counter asserted after the if, an asserted condition, or a failing other branch', () => {
    expect(check('let n = 0;\nfor (const r of rows) if (r.ok) {\n  expect(r.v).toBe(1);\n  n++;\n}\nexpect(n).toBeGreaterThan(0);')).toEqual([]);
    expect(check('const seen = [];\nrows.forEach((r) => {\n  if (r.ok) {\n    expect(r.v).toBe(1);\n    seen.push(r);\n  }\n});\nexpect(seen.length).toBe(3);')).toEqual([]);
    expect(check('expect(rows.filter((r) => r.s > 0).length).toBe(4);\nrows.forEach((r) => {\n  if (r.s > 0) expect(r.v).toBe(1);\n});')).toEqual([]);
    expect(check('if (e instanceof DataError) expect(e.row).toBe(3);\nelse throw new Error("expected a DataError");')).toEqual([]);
    // An if nested in a branch is judged on its own; its assertions do not count for the outer branch.
    expect(check('let k = 0;\nif (a) {\n  if (b) {\n    expect(1).toBe(1);\n    k++;\n  }\n}\nexpect(k).toBe(1);')).toEqual([]);
  });
});
