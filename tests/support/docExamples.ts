// Runs the JSDoc `@example` blocks of a set of source files as tests: every `expression; // expected`
// line becomes a `toEqual` check, every `import { … } from '…'` line a check that the module really
// provides those names, and every public export of a file must carry an @example.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';
import * as node from '../../src/node/index.js';
import { transformSync } from 'esbuild';

/** Repository root, so that stages name their files as `src/io/csv.ts`. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

type Module = Record<string, unknown>;

export interface DocExampleOptions {
  /** Name of the stage, used in test titles. */
  stage: string;
  /** Source files, relative to the repository root. */
  files: readonly string[];
  /**
   * Files left out, each with the reason (an example that cannot run in isolation must be named here,
   * never dropped silently).
   */
  exclude?: Readonly<Record<string, string>>;
  /** Modules that examples import by package name; 'participation-effects' and 'participation-effects/node' are the package entries by default. Others (node:*, arquero, relative paths) are imported as they are. */
  modules?: Readonly<Record<string, Module>>;
  /** Extra names in scope of every example (fixtures, internal helpers). The package exports and the file's own exports are always in scope. */
  scope?: Readonly<Record<string, unknown>>;
  /** Public API: a file's value export that appears here must have an @example. Defaults to both package entries. */
  publicApi?: Module;
  /** The stage's examples must state at least this many checked values, so the count can only grow. */
  minChecks: number;
  /** Per-example timeout in ms. */
  timeout?: number;
}

/** All `.ts` files of `src/<dir>/` (as repository-relative paths), except the named ones. */
export function stageFiles(dir: string, except: readonly string[] = []): string[] {
  return readdirSync(join(root, 'src', dir))
    .filter((f) => f.endsWith('.ts') && !except.includes(f))
    .sort()
    .map((f) => `src/${dir}/${f}`);
}

/** The text of each @example in a source file: multi-line blocks and one-line `/** @example … *\/` comments. */
export function extractExamples(source: string): string[] {
  const out: string[] = [];
  for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const inline = block.match(/^\/\*\*\s*@example\s+(.+?)\s*\*\/$/);
    if (inline) {
      out.push(inline[1]!);
      continue;
    }
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

function parses(text: string): boolean {
  try {
    new Function(`return (${text});`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The expected value stated by a `// …` comment, or null if it states none. A value may be followed
 * by an explanation: `// 0.5 (treated 0 → 0.5)` or `// 0.5: treated 0.5 → 1`; `// ≈ value` states
 * a value that numbers match to 9 decimals (results of iterative fits); `// → value` states a value
 * as printed for readers, that numbers match to the decimals written (`// → 0.305` holds for 0.3052).
 */
export function expectedValue(comment: string): { value: string; approx: Approximation } | null {
  let text = comment.trim();
  const mark = text.startsWith('≈') ? '≈' : text.startsWith('→') ? '→' : '';
  text = text.slice(mark.length).trim();
  const candidates = [text, text.replace(/\s+\([^()]*\)$/, ''), text.split(/:\s|\s—\s/)[0]!];
  const value = candidates.find((c) => c.length > 0 && parses(c));
  if (value === undefined) return null;
  return { value, approx: mark === '≈' ? true : mark === '→' ? `shown:${value}` : false };
}

/**
 * How a stated value is compared: exactly (false), to 9 decimals (true), or as shown to readers
 * (`'shown:<the value as written>'`: every number to the decimals written there).
 */
export type Approximation = boolean | `shown:${string}`;

/** The written decimals of each number literal in a value's source text, in order (`[0.150, 3]` → [3, 0]). */
function writtenDecimals(text: string): number[] {
  const code = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  return [...code.matchAll(/(?<![\w$.])\d+(?:\.(\d+))?(?:e([+-]?\d+))?/gi)].map((m) => Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0)));
}

/**
 * Expected value with every number replaced by a `closeTo` matcher: to 9 decimals, or (`'shown:…'`)
 * to the decimals the number is written with, so that the actual value rounds to what is written.
 */
export function approximately(value: unknown, approx: Approximation = true): unknown {
  const decimals = typeof approx === 'string' ? writtenDecimals(approx.slice('shown:'.length)) : null;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') {
      if (decimals === null) return expect.closeTo(v, 9);
      const d = decimals.shift();
      if (d === undefined) return v;
      // Rounds to the written value: |actual − v| ≤ half a unit of the last written decimal (plus binary rounding error).
      const half = 10 ** -d / 2 + 1e-12;
      return expect.toSatisfy((actual: unknown) => typeof actual === 'number' && Math.abs(actual - v) <= half, `${v.toFixed(d)} as shown`);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

/** Bracket depth change of a line of code, ignoring brackets inside string literals. */
function depthChange(code: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
  }
  return depth;
}

/** Splits `a; b; c` at top-level semicolons (not inside strings or brackets). */
function statements(code: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ';' && depth === 0) {
      parts.push(code.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(code.slice(start));
  return parts;
}

const declares = /^\s*(const|let|var|import|return|throw|if|for|while)\b/;

/**
 * Turns an example into the body of an async function. `import { a, b } from 'm';` becomes
 * `__imports('m', ['a', 'b'])` (plus a declaration of names not already in scope); `expr; // value`
 * (also after other statements on the line, or with `// value` alone on the next line) becomes
 * `__check(expr, (value), line)`.
 */
export function toRunnable(example: string, inScope: ReadonlySet<string>): string {
  const out: string[] = [];
  // A statement that ended on the previous line: `// value` on the next line states its value.
  let pending: { from: number; expr: string } | null = null;
  for (const line of example.split('\n')) {
    const imp = line.match(/^\s*import \{([^}]*)\} from '([^']+)';\s*$/);
    if (imp) {
      const wanted = imp[1]!.split(',').map((n) => n.trim()).filter(Boolean);
      const declare = wanted.filter((n) => !inScope.has(n));
      const spec = JSON.stringify(imp[2]);
      out.push(`await __imports(${spec}, ${JSON.stringify(wanted)});` + (declare.length ? ` const { ${declare.join(', ')} } = await __module(${spec});` : ''));
      pending = null;
      continue;
    }
    const alone = line.match(/^\s*\/\/\s*(.+)$/);
    if (alone) {
      const value = pending && expectedValue(alone[1]!);
      if (pending && value) {
        out.splice(pending.from, out.length - pending.from, `__check(${pending.expr}, (${value.value}), ${JSON.stringify(pending.expr + '; ' + line.trim())}, ${JSON.stringify(value.approx)});`);
      } else out.push(line);
      pending = null;
      continue;
    }
    pending = null;
    const commented = line.match(/^(.*;)\s*\/\/\s*(.+)$/);
    const value = commented && expectedValue(commented[2]!);
    if (commented && value) {
      const parts = statements(commented[1]!);
      parts.pop(); // empty text after the final ';'
      const expr = parts.pop()!;
      if (!declares.test(expr) && expr.trim()) {
        out.push(parts.map((p) => `${p};`).join('') + `__check(${expr}, (${value.value}), ${JSON.stringify(line.trim())}, ${JSON.stringify(value.approx)});`);
        continue;
      }
    }
    out.push(line);
    // A complete expression statement (possibly spread over earlier lines) may have its value on the next line.
    const code = line.replace(/\s*\/\/.*$/, '');
    if (!commented && /;\s*$/.test(code)) {
      let from = out.length - 1;
      let expr = code.replace(/;\s*$/, '');
      let depth = depthChange(expr);
      while (depth < 0 && from > 0) {
        from--;
        depth += depthChange(out[from]!);
        expr = `${out[from]}\n${expr}`;
      }
      const last = statements(expr).pop()!;
      if (depth === 0 && !declares.test(expr) && last === expr) pending = { from, expr };
    }
  }
  return out.join('\n');
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
const identifier = /^[A-Za-z_$][\w$]*$/;

/** Registers the tests: per file, one that its public exports have examples, and one per example; then one for the stage's count of checked values. */
export function describeDocExamples(options: DocExampleOptions): void {
  const { stage, exclude = {}, scope: extra = {}, publicApi = { ...core, ...node }, minChecks, timeout } = options;
  const modules: Record<string, Module> = { 'participation-effects': core, 'participation-effects/node': { ...core, ...node }, ...options.modules };
  for (const file of Object.keys(exclude)) if (!options.files.includes(file)) throw new Error(`${file} is excluded but not among the files`);
  const files = options.files.filter((f) => !(f in exclude));
  let total = 0;

  describe(`@example blocks of the ${stage} stage run and are right`, () => {
    for (const file of files) {
      const path = join(root, file);
      const source = readFileSync(path, 'utf8');
      const found = extractExamples(source);
      const load = (spec: string): Promise<Module> =>
        modules[spec] ? Promise.resolve(modules[spec]!) : import(/* @vite-ignore */ spec.startsWith('.') ? pathToFileURL(join(dirname(path), spec)).href : spec);

      it(`${file}: every public export has an @example`, async () => {
        const own: Module = await import(/* @vite-ignore */ pathToFileURL(path).href);
        for (const name of Object.keys(own).filter((n) => n in publicApi)) {
          const doc = source.match(new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:async )?(?:function|class|const) ${name}\\b`));
          expect(doc?.[1], `${name} has an @example`).toContain('@example');
        }
      });

      found.forEach((example, i) => {
        it(`${file}: example ${i + 1} of ${found.length}`, async () => {
          // Internal helpers (not re-exported from the package) are in scope too: their files' exports.
          const own: Module = await import(/* @vite-ignore */ pathToFileURL(path).href);
          const all: Module = { ...core, ...own, ...extra };
          const names = Object.keys(all).filter((n) => identifier.test(n));
          const check = (actual: unknown, expected: unknown, line: string, approx: Approximation) => {
            total++;
            expect(actual, `${file}: ${line}`).toEqual(approx ? approximately(expected, approx) : expected);
          };
          const imports = async (spec: string, wanted: string[]) => {
            const m = await load(spec);
            for (const n of wanted) expect(m, `${spec} exports ${n}`).toHaveProperty(n);
          };
          // The example runs in its own block, so its declarations may shadow names in scope.
          // Examples are TypeScript (casts, type annotations): strip the types before running them.
          const body = transformSync(`{\n${toRunnable(example, new Set(names))}\n}`, { loader: 'ts', format: undefined }).code;
          await new AsyncFunction(...names, '__check', '__imports', '__module', body)(...names.map((n) => all[n]), check, imports, load);
        }, timeout);
      });
    }

    it(`the ${stage} examples check at least ${minChecks} stated values`, () => {
      // Printed so that a change in coverage is visible in the test log.
      console.info(`${stage}: ${total} @example values checked`);
      expect(total).toBeGreaterThanOrEqual(minChecks);
    });
  });
}
