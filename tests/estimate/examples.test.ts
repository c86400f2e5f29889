// Runs every @example of the panel and estimate stages and checks each `expression; // expected` line.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as arquero from 'arquero';
import * as core from '../../src/index.js';

const files = ['panel', 'estimate'].flatMap((dir) =>
  readdirSync(fileURLToPath(new URL(`../../src/${dir}/`, import.meta.url)))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
    .map((f) => `src/${dir}/${f}`),
);

const modules: Record<string, Record<string, unknown>> = { arquero, 'participation-effects': core };

function examples(source: string): string[] {
  const out: string[] = [];
  for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = block.split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, ''));
    const at = lines.findIndex((l) => l.startsWith('@example'));
    if (at < 0) continue;
    const body: string[] = [];
    for (const l of lines.slice(at + 1)) {
      if (l.startsWith('@')) break;
      body.push(l);
    }
    out.push(body.join('\n').trim());
  }
  return out;
}

function toRunnable(example: string, inScope: ReadonlySet<string>): string {
  return example
    .split('\n')
    .map((line) => {
      const imp = line.match(/^import \{([^}]*)\} from '([^']+)';$/);
      if (imp) {
        const wanted = imp[1]!.split(',').map((n) => n.trim());
        const declare = wanted.filter((n) => !inScope.has(n));
        return `__imports(${JSON.stringify(imp[2])}, ${JSON.stringify(wanted)});` + (declare.length ? ` const { ${declare.join(', ')} } = __modules[${JSON.stringify(imp[2])}];` : '');
      }
      const check = line.match(/^(?!const |let |import )(.*);\s*\/\/\s*(.+)$/);
      if (check) return `__check(${check[1]}, (${check[2]}), ${JSON.stringify(line)});`;
      return line;
    })
    .join('\n');
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

describe('@example blocks of src/panel and src/estimate run and are right', () => {
  for (const file of files) {
    const source = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
    it(`${file}: every public export has an example, and each example holds`, async () => {
      const found = examples(source);
      const own = await import(/* @vite-ignore */ `../../${file}`);
      const publicNames = Object.keys(own).filter((n) => n in core);
      for (const name of publicNames) {
        const doc = source.match(new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:async )?(?:function|class|const) ${name}\\b`));
        expect(doc?.[1], `${name} has an @example`).toContain('@example');
      }
      const scope = { ...core, ...own };
      const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      let checks = 0;
      const check = (actual: unknown, expected: unknown, line: string) => {
        checks++;
        expect(actual, line).toEqual(expected);
      };
      for (const ex of found) {
        const imports = (module: string, wanted: string[]) => {
          for (const n of wanted) expect(modules[module], `${module} exports ${n}`).toHaveProperty(n);
        };
        await new AsyncFunction(...names, '__check', '__imports', '__modules', toRunnable(ex, new Set(names)))(...names.map((n) => (scope as Record<string, unknown>)[n]), check, imports, modules);
      }
      if (found.length > 0) expect(checks).toBeGreaterThan(0);
    });
  }
});
