// Runs every @example of the synth stage (and its Node files) and checks each `expression; // expected` line.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as arquero from 'arquero';
import * as hyparquetWriter from 'hyparquet-writer';
import * as core from '../../src/index.js';
import * as embedded from '../../src/node/embedded.js';
import * as regenerate from '../../src/node/regenerate.js';
const node = { ...embedded, embeddedDataFiles: regenerate.embeddedDataFiles };

const srcDir = fileURLToPath(new URL('../../src/synth/', import.meta.url));
const files = [
  ...readdirSync(srcDir).filter((f) => f.endsWith('.ts')).map((f) => `src/synth/${f}`),
  'src/node/embedded.ts',
  'src/node/regenerate.ts',
].filter((f) => f !== 'src/synth/index.ts');

const modules: Record<string, Record<string, unknown>> = { arquero, 'hyparquet-writer': hyparquetWriter, 'participation-effects': core, 'participation-effects/node': { ...core, ...node } };

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
      // Imported names are in scope already; only check that the module really provides them.
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

describe('@example blocks run and are right', () => {
  for (const file of files) {
    const source = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
    it(`${file}: every public export has an example, and each example holds`, async () => {
      const found = examples(source);
      // Public = re-exported from the package entry points (values; types need no example).
      const own = await import(/* @vite-ignore */ `../../${file}`);
      const publicNames = Object.keys(own).filter((n) => n in core || n in node);
      for (const name of publicNames) {
        const doc = source.match(new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:async )?(?:function|class|const) ${name}\\b`));
        expect(doc?.[1], `${name} has an @example`).toContain('@example');
      }
      // Internal helpers (not re-exported from the package) are in scope too: their files' exports.
      const scope = { ...core, ...node, ...own };
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
    }, 60_000);
  }
});
