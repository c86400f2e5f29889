// Runs every ```ts / ```js block of a markdown file (README.md, docs/guides/*.md) as a test, with the
// conventions of the JSDoc @example runner (tests/support/docExamples.ts):
//   expr; // value        the value must equal `value` (`// ≈ value`: to 9 decimals;
//                          `// → value`: numbers to the decimals written, as shown to readers)
//   console.log(expr);    followed directly by `// …` comment lines: those lines are the printed
//   // printed line        output, compared line by line (trailing spaces ignored; a line `// …`
//   // …                   stands for any number of lines)
// Each block runs on its own, as a reader would paste it: it must import what it uses.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';
import * as node from '../../src/node/index.js';
import { approximately, root, toRunnable, type Approximation } from './docExamples.js';

type Module = Record<string, unknown>;

/** A fenced code block: its language, text and the 1-based line of its first code line. */
export interface MarkdownBlock {
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

const RUNNABLE = new Set(['ts', 'typescript', 'js', 'javascript']);

/** The fenced code blocks of a markdown text, in order. */
export function markdownBlocks(text: string): MarkdownBlock[] {
  const lines = text.split('\n');
  const out: MarkdownBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!.match(/^(\s*)```(\w*)/);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) body.push(lines[j++]!);
    out.push({ lang: open[2]!, code: body.join('\n'), line: i + 2 });
    i = j;
  }
  return out;
}

/** The blocks a test must run (```ts, ```typescript, ```js, ```javascript). */
export function runnableBlocks(text: string): MarkdownBlock[] {
  return markdownBlocks(text).filter((b) => RUNNABLE.has(b.lang));
}

/**
 * Rewrites a block for {@link toRunnable}: an `import { … }` over several lines becomes one line, and
 * `console.log(args);` followed by comment lines becomes `__printed([args], [lines], where)`.
 */
export function prepareBlock(code: string, where: string): string {
  const joined = code.replace(/^import \{([^}]*)\} from ('[^']+');/gm, (_m, names: string) => `import { ${names.replace(/\s+/g, ' ').trim().replace(/,$/, '')} } from ${_m.match(/'[^']+'/)![0]};`);
  const lines = joined.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const log = lines[i]!.match(/^(\s*)console\.log\((.*)\);\s*$/);
    const printed: string[] = [];
    while (log && i + 1 + printed.length < lines.length && /^\s*\/\/( |$)/.test(lines[i + 1 + printed.length]!)) {
      printed.push(lines[i + 1 + printed.length]!.replace(/^\s*\/\/ ?/, ''));
    }
    if (log && printed.length > 0) {
      out.push(`${log[1]}__printed([${log[2]}], ${JSON.stringify(printed)}, ${JSON.stringify(`${where}: console.log(${log[2]})`)});`);
      for (let k = 0; k < printed.length; k++) out.push('');
      i += printed.length;
    } else out.push(lines[i]!);
  }
  return out.join('\n');
}

/** True when the printed lines match the expected ones, where an expected `…` line stands for any lines. */
export function printedMatches(actual: readonly string[], expected: readonly string[]): boolean {
  const a = actual.map((l) => l.trimEnd());
  const e = expected.map((l) => l.trimEnd());
  const match = (i: number, j: number): boolean => {
    if (j === e.length) return i === a.length;
    if (e[j] === '…') {
      for (let k = i; k <= a.length; k++) if (match(k, j + 1)) return true;
      return false;
    }
    return i < a.length && a[i] === e[j] && match(i + 1, j + 1);
  };
  return match(0, 0);
}

export interface MarkdownBlockOptions {
  /** Markdown file, relative to the repository root. */
  file: string;
  /** The file's blocks must check at least this many stated values and printed outputs together. */
  minChecks: number;
  /** Modules blocks import by name, in addition to the package entries (others are imported as they are). */
  modules?: Readonly<Record<string, Module>>;
  /** Per-block timeout in ms. */
  timeout?: number;
  /**
   * Only the blocks this accepts (e.g. to split a long guide over two test files, so that each
   * stays short); by default all. The count of checks is then of these blocks.
   */
  only?: (block: MarkdownBlock, index: number) => boolean;
  /** Runs once in the blocks' working directory (a fresh temporary folder) before the first block, e.g. to write the files a block reads. */
  setup?: (dir: string) => Promise<void> | void;
}

// The embedded export is read once per test file: blocks call readEmbeddedExport() as readers do,
// and library functions only read a CbsExport, never change it.
let embedded: Promise<unknown> | undefined;
const nodeEntry: Module = {
  ...core,
  ...node,
  readEmbeddedExport: (...args: Parameters<typeof node.readEmbeddedExport>) => (args.length > 0 ? node.readEmbeddedExport(...args) : (embedded ??= node.readEmbeddedExport())),
};

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

/** Registers one test per runnable block of a markdown file, and one for its count of checks. */
export function describeMarkdownBlocks(options: MarkdownBlockOptions): void {
  const { file, minChecks, timeout = 120_000 } = options;
  const modules: Record<string, Module> = { 'participation-effects': core, 'participation-effects/node': nodeEntry, ...options.modules };
  const load = (spec: string): Promise<Module> => (modules[spec] ? Promise.resolve(modules[spec]!) : import(/* @vite-ignore */ spec));
  const blocks = runnableBlocks(readFileSync(join(root, file), 'utf8')).filter((b, i) => options.only?.(b, i) ?? true);
  let total = 0;

  describe(`code blocks of ${file} run as written and print what they say`, () => {
    beforeAll(async () => {
      // Blocks read and write relative paths (their own input files, out/…): in a scratch folder.
      const dir = mkdtempSync(join(tmpdir(), 'pe-doc-blocks-'));
      process.chdir(dir);
      await options.setup?.(dir);
    }, 300_000);
    it('has runnable blocks', () => expect(blocks.length).toBeGreaterThan(0));
    for (const block of blocks) {
      const where = `${file}:${block.line}`;
      it(`block at line ${block.line}`, async () => {
        const check = (actual: unknown, expected: unknown, line: string, approx: Approximation) => {
          total++;
          expect(actual, `${where}: ${line} (actual: ${format(actual)})`).toEqual(approx ? approximately(expected, approx) : expected);
        };
        const printed = (args: unknown[], lines: string[], what: string) => {
          total++;
          const text = format(...args).split('\n');
          // Without a `…` line the output must match line for line; with one, as printedMatches says. Either
          // way the lines are compared, for a readable diff (printed output that matches counts as the lines).
          const wanted = lines.map((l) => l.trimEnd());
          const shown = lines.includes('…') && printedMatches(text, lines) ? wanted : text.map((l) => l.trimEnd());
          expect(shown, `${what} printed:\n${text.join('\n')}\n\nexpected:\n${lines.join('\n')}`).toEqual(wanted);
        };
        const imports = async (spec: string, wanted: string[]) => {
          const m = await load(spec);
          for (const n of wanted) expect(m, `${where}: ${spec} exports ${n}`).toHaveProperty(n);
        };
        // Printing without a stated output is allowed, but kept out of the test log.
        const quiet = { ...console, log: () => {} };
        const body = transformSync(`{\n${toRunnable(prepareBlock(block.code, where), new Set())}\n}`, { loader: 'ts' }).code;
        await new AsyncFunction('__check', '__printed', '__imports', '__module', 'console', body)(check, printed, imports, load, quiet);
      }, timeout);
    }
    it(`checks at least ${minChecks} stated values and outputs`, () => {
      console.info(`${file}: ${total} values and outputs checked`);
      expect(total).toBeGreaterThanOrEqual(minChecks);
    });
  });
}
