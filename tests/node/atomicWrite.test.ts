import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecificationError } from '../../src/core/errors.js';
import { checkTarget, writeFileAtomic, writeFilesAtomic, writeFolderAtomic } from '../../src/node/atomicWrite.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'pe-atomic-'));

describe('writeFileAtomic', () => {
  it('writes, refuses an existing file without overwrite, replaces it with overwrite', async () => {
    const dir = scratch();
    const path = join(dir, 'a.txt');
    await writeFileAtomic(path, 'one');
    await expect(writeFileAtomic(path, 'two')).rejects.toThrow(/refusing to overwrite .*a\.txt: it exists/);
    expect(readFileSync(path, 'utf8')).toBe('one');
    await writeFileAtomic(path, 'two', { overwrite: true });
    expect(readFileSync(path, 'utf8')).toBe('two');
    // No temporary file is left next to it.
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('never overwrites an input, even with overwrite, also through another spelling of its path', async () => {
    const dir = scratch();
    const input = join(dir, 'persons.csv');
    writeFileSync(input, 'x');
    await expect(writeFileAtomic(join(dir, '.', 'sub', '..', 'persons.csv'), 'y', { overwrite: true, inputs: [input] })).rejects.toThrow(SpecificationError);
    expect(readFileSync(input, 'utf8')).toBe('x');
  });

  it('refuses unknown option names with the nearest valid one', () => {
    expect(() => checkTarget('writeFileAtomic', join(scratch(), 'b'), { overwirte: true } as never)).toThrow('did you mean "overwrite"');
  });
});

describe('writeFolderAtomic', () => {
  it('a failure midway leaves no folder and no temporary folder', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    let wrote = 0;
    await expect(
      writeFolderAtomic(dir, async (tmp) => {
        await writeFile(join(tmp, 'summary.csv'), 'a,b\n1,2\n');
        wrote++;
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(wrote).toBe(1);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a failure while replacing keeps the old folder exactly as it was', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await mkdir(dir);
    writeFileSync(join(dir, 'old.txt'), 'old');
    await expect(
      writeFolderAtomic(dir, async (tmp) => {
        await writeFile(join(tmp, 'new.txt'), 'new');
        throw new Error('render failed');
      }, { overwrite: true }),
    ).rejects.toThrow('render failed');
    expect(readdirSync(dir)).toEqual(['old.txt']);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('replaces an existing folder as a whole only with overwrite, and never one that holds an input', async () => {
    const parent = scratch();
    const dir = join(parent, 'report');
    await mkdir(dir);
    writeFileSync(join(dir, 'stale.txt'), 'stale');
    const fill = async (tmp: string) => writeFile(join(tmp, 'fresh.txt'), 'fresh');
    await expect(writeFolderAtomic(dir, fill)).rejects.toThrow(/refusing to overwrite/);
    await expect(writeFolderAtomic(parent, fill, { overwrite: true, inputs: [join(dir, 'stale.txt')] })).rejects.toThrow(/contains the input/);
    await writeFolderAtomic(dir, fill, { overwrite: true });
    expect(readdirSync(dir)).toEqual(['fresh.txt']);
    expect(readdirSync(parent)).toEqual(['report']);
  });
});

describe('writeFilesAtomic', () => {
  it('when one file of a group cannot be written, none of them appears', async () => {
    const dir = scratch();
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    await expect(writeFilesAtomic({ [join(dir, 't.csv')]: 'a\n', [join(notAFolder, 't.csv.output-control.txt')]: 'report' })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
