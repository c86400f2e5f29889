/// <reference types="vite/client" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every `@example` in src/disclose runs, and each `expr; // value` line must hold.
const modules = import.meta.glob('../../src/disclose/*.ts', { eager: true }) as Record<string, Record<string, unknown>>;
const scope: Record<string, unknown> = {};
for (const m of Object.values(modules)) Object.assign(scope, m);
const dir = join(__dirname, '../../src/disclose');

function examples(source: string): string[][] {
  const blocks: string[][] = [];
  let block: string[] | null = null;
  for (const raw of source.split('\n')) {
    const line = raw.replace(/^\s*\/?\*+ ?/, '');
    if (/^\s*\*\//.test(raw) || (block && /^@\w/.test(line))) {
      if (block) blocks.push(block);
      block = null;
    }
    if (block) block.push(line);
    const inline = /@example (.+?)\s*\*\/\s*$/.exec(raw);
    if (inline) blocks.push([inline[1]]);
    else if (/@example\s*$/.test(line)) block = [];
  }
  return blocks;
}

/** Turn `a; b; expr; // value` (or `expr;` followed by a `// value` line) into code that checks the value. */
function toCheckedCode(lines: string[]): string {
  const out: string[] = [];
  let pendingExpr: string | null = null;
  for (const line of lines) {
    if (/^\s*import /.test(line)) continue;
    const pureComment = /^\s*\/\/\s*(.+)$/.exec(line);
    if (pureComment && pendingExpr !== null) {
      out.push(`__check(${pendingExpr}, (${pureComment[1]}));`);
      pendingExpr = null;
      continue;
    }
    if (pendingExpr !== null) {
      out.push(`${pendingExpr};`);
      pendingExpr = null;
    }
    const m = /^(.*?);\s*\/\/\s*(.+)$/.exec(line);
    if (m && !line.trimStart().startsWith('//')) {
      const parts = m[1].split(';');
      const expr = parts.pop()!;
      out.push(...parts.map((p) => `${p};`), `__check(${expr}, (${m[2]}));`);
    } else {
      out.push(line);
    }
    // A statement line that ends a multi-line expression, e.g. `tableLines(rows, {...});`, may be followed by `// value`.
    if (!m && /;\s*$/.test(line) && !/^\s*(const|let)\b/.test(line)) {
      const last = out.pop()!;
      pendingExpr = last.replace(/;\s*$/, '');
      // Multi-line expressions: gather back to the start of the statement.
      let depth = 0;
      for (const ch of pendingExpr) depth += ch === '(' || ch === '[' || ch === '{' ? 1 : ch === ')' || ch === ']' || ch === '}' ? -1 : 0;
      while (depth < 0 && out.length) {
        const prev = out.pop()!;
        for (const ch of prev) depth += ch === '(' || ch === '[' || ch === '{' ? 1 : ch === ')' || ch === ']' || ch === '}' ? -1 : 0;
        pendingExpr = `${prev}\n${pendingExpr}`;
      }
    }
  }
  if (pendingExpr !== null) out.push(`${pendingExpr};`);
  return out.join('\n');
}

const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
describe('JSDoc examples in src/disclose', () => {
  for (const file of files) {
    const blocks = examples(readFileSync(join(dir, file), 'utf8'));
    blocks.forEach((block, i) => {
      it(`${file} example ${i + 1}`, async () => {
        const code = toCheckedCode(block);
        let checks = 0;
        const check = (actual: unknown, expected: unknown): void => {
          checks++;
          expect(actual).toEqual(expected);
        };
        const names = Object.keys(scope);
        const run = new Function('__check', ...names, `return (async () => {\n${code}\n})();`);
        await run(check, ...names.map((n) => scope[n]));
        expect(checks).toBeGreaterThan(0);
      });
    });
  }
});
