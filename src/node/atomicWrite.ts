/**
 * Node-only: writers that leave either the complete old output or the complete new output, never
 * a half-written one. A file is written to a temporary file in its target folder and renamed into
 * place (a rename within one folder is atomic); several files are written into a temporary folder
 * next to the target and moved into place only when all of them are complete.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';

/** When a writer may replace what is there. */
export interface AtomicWriteOptions {
  /** Replace an existing file or folder (default false: refuse). */
  readonly overwrite?: boolean;
  /** Paths of the inputs of the job: never overwritten, and never inside a folder that is replaced. */
  readonly inputs?: readonly string[];
}

const KEYS = { overwrite: true, inputs: true } as const;

/** Absolute path with symbolic links resolved as far as the path exists. */
function canonical(path: string): string {
  let p = resolve(path);
  const rest: string[] = [];
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) break;
    rest.unshift(basename(p));
    p = parent;
  }
  return join(realpathSync(p), ...rest);
}

const inside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
};

/**
 * Throws a SpecificationError when writing `target` could destroy an input (the target is an input,
 * or a folder that contains one) or an existing output (unless `overwrite: true`).
 *
 * @example
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkTarget('report', 'data/persons.csv.gz', { overwrite: true, inputs: ['data/persons.csv.gz'] })); // 'report: refusing to write data/persons.csv.gz: it is an input of this job'
 * message(() => checkTarget('report', '.', { overwrite: true, inputs: ['data/persons.csv.gz'] })); // 'report: refusing to replace .: it contains the input data/persons.csv.gz'
 */
export function checkTarget(fn: string, target: string, options: AtomicWriteOptions = {}): void {
  checkOptions(fn, options, KEYS);
  const t = canonical(target);
  for (const input of options.inputs ?? []) {
    const i = canonical(input);
    if (i === t) throw new SpecificationError(`${fn}: refusing to write ${target}: it is an input of this job`);
    if (inside(i, t)) throw new SpecificationError(`${fn}: refusing to replace ${target}: it contains the input ${input}`);
  }
  if (existsSync(t) && options.overwrite !== true) throw new SpecificationError(`${fn}: refusing to overwrite ${target}: it exists (pass overwrite: true, or --overwrite on the command line)`);
}

const tempName = (target: string, kind: string): string => join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);

/**
 * Write one file atomically: into a temporary file in the same folder, then renamed over the
 * target. Refuses an existing target unless `overwrite: true`, and always refuses an input.
 *
 * @example
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(mkdtempSync(join(tmpdir(), 'pe-')), 'a.txt');
 * await writeFileAtomic(path, 'one');
 * await writeFileAtomic(path, 'two', { overwrite: true });
 * readFileSync(path, 'utf8'); // 'two'
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) throw new SpecificationError(`writeFileAtomic: content must be a string or a Uint8Array, got ${describeValue(content)}`);
  checkTarget('writeFileAtomic', path, options);
  await mkdir(dirname(resolve(path)), { recursive: true });
  const temp = tempName(resolve(path), 'tmp');
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Write a set of files atomically as one folder: `fill` writes into a fresh temporary folder next
 * to `dir`; only when it resolves is the folder moved into place (an existing `dir` is replaced
 * only with `overwrite: true`). When `fill` throws, the temporary folder is removed and `dir` is
 * left as it was. Returns what `fill` returned.
 *
 * @example
 * import { mkdtempSync, readdirSync } from 'node:fs';
 * import { writeFile } from 'node:fs/promises';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const dir = join(mkdtempSync(join(tmpdir(), 'pe-')), 'report');
 * await writeFolderAtomic(dir, async (tmp) => { await writeFile(join(tmp, 'a.txt'), 'a'); await writeFile(join(tmp, 'b.txt'), 'b'); });
 * readdirSync(dir).sort(); // ['a.txt', 'b.txt']
 */
export async function writeFolderAtomic<T>(dir: string, fill: (tempDir: string) => Promise<T>, options: AtomicWriteOptions = {}): Promise<T> {
  checkTarget('output folder', dir, options);
  const target = resolve(dir);
  if (existsSync(target) && !(await stat(target)).isDirectory()) throw new SpecificationError(`writeFolderAtomic: ${dir} exists and is not a folder`);
  await mkdir(dirname(target), { recursive: true });
  const temp = tempName(target, 'tmp');
  await mkdir(temp);
  let result: T;
  try {
    result = await fill(temp);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  // Move the old folder aside first, so the new one appears complete and the old one is kept until then.
  const old = existsSync(target) ? tempName(target, 'old') : undefined;
  if (old) await rename(target, old);
  try {
    await rename(temp, target);
  } catch (err) {
    if (old) await rename(old, target);
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  if (old) await rm(old, { recursive: true, force: true });
  return result;
}

/**
 * Write several files that belong together (a table and its output-control report) into one
 * folder: all are written to a temporary folder first and then renamed into place, so a failure
 * while writing leaves none of them. Refuses existing targets unless `overwrite: true`.
 *
 * @example
 * import { mkdtempSync, readdirSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const dir = mkdtempSync(join(tmpdir(), 'pe-'));
 * await writeFilesAtomic({ [join(dir, 't.csv')]: 'a\n1\n', [join(dir, 't.csv.output-control.txt')]: 'ok' });
 * readdirSync(dir).sort(); // ['t.csv', 't.csv.output-control.txt']
 */
export async function writeFilesAtomic(files: Readonly<Record<string, string | Uint8Array>>, options: AtomicWriteOptions = {}): Promise<void> {
  await writeFilesAs('writeFilesAtomic', files, options);
}

/** {@link writeFilesAtomic}, with errors naming the public function `fn` that writes. */
export async function writeFilesAs(fn: string, files: Readonly<Record<string, string | Uint8Array>>, options: AtomicWriteOptions = {}): Promise<void> {
  const paths = Object.keys(files);
  for (const p of paths) checkTarget(fn, p, options);
  const temps: [string, string][] = [];
  try {
    for (const p of paths) {
      await mkdir(dirname(resolve(p)), { recursive: true });
      const temp = tempName(resolve(p), 'tmp');
      temps.push([temp, p]);
      await writeFile(temp, files[p]!);
    }
  } catch (err) {
    for (const [temp] of temps) await rm(temp, { force: true });
    throw err;
  }
  for (const [temp, p] of temps) await rename(temp, p);
}
