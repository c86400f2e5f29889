import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';
import * as node from '../../src/node.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The JSDoc block right above each `export function|const|class NAME`, by name. */
function declarationDocs(): Map<string, { file: string; doc: string | undefined }> {
  const docs = new Map<string, { file: string; doc: string | undefined }>();
  for (const file of tsFiles(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)) {
      const before = text.slice(0, m.index).trimEnd();
      const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : undefined;
      docs.set(m[1]!, { file: file.replace(src, 'src/'), doc });
    }
  }
  return docs;
}

describe('public API documentation', () => {
  const docs = declarationDocs();
  const exported = [...new Set([...Object.keys(core), ...Object.keys(node)])].sort();

  it('exports a substantial API from both entries, the node entry a superset of the core', () => {
    expect(Object.keys(core).length).toBeGreaterThan(80);
    for (const name of Object.keys(core)) expect(Object.keys(node)).toContain(name);
  });

  it('has a JSDoc block with an @example on every runtime export', () => {
    const undocumented = exported.filter((name) => {
      const d = docs.get(name);
      return d === undefined || d.doc === undefined || !d.doc.includes('@example');
    });
    expect(undocumented).toEqual([]);
  });
});
