// Writes the notebooks (*.ipynb, without outputs) from their sources in src/*.ts.
// A source is a TypeScript file in "percent" format: `// %% [markdown]` starts a markdown cell
// (its lines are comments, `// ` stripped), `// %%` starts a code cell.
// Usage: node notebooks/generate.mjs [name …]; then `npm run notebooks` executes them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Cells of a percent-format source: `{ type: 'markdown' | 'code', source: string }`. */
export function parseCells(text) {
  const cells = [];
  let current = null;
  for (const line of text.split('\n')) {
    const marker = /^\/\/ %%(?:\s+\[(markdown)\])?\s*$/.exec(line);
    if (marker) {
      current = { type: marker[1] === 'markdown' ? 'markdown' : 'code', lines: [] };
      cells.push(current);
    } else if (current) {
      current.lines.push(current.type === 'markdown' ? line.replace(/^\/\/ ?/, '') : line);
    }
  }
  return cells.map(({ type, lines }) => {
    while (lines.length > 0 && lines[0].trim() === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    return { type, source: lines.join('\n') };
  });
}

function toNotebook(name, cells) {
  return {
    cells: cells.map((c, i) => {
      // Stable ids, so regenerating an unchanged notebook changes nothing.
      const id = createHash('sha1').update(`${name}:${i}:${c.source}`).digest('hex').slice(0, 12);
      const lines = c.source.split('\n').map((l, j, all) => (j < all.length - 1 ? `${l}\n` : l));
      return c.type === 'markdown'
        ? { cell_type: 'markdown', id, metadata: {}, source: lines }
        : { cell_type: 'code', execution_count: null, id, metadata: {}, outputs: [], source: lines };
    }),
    metadata: {
      kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/x.typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const wanted = process.argv.slice(2);
  for (const file of readdirSync(join(here, 'src')).filter((f) => f.endsWith('.ts')).sort()) {
    const name = basename(file, '.ts');
    if (wanted.length > 0 && !wanted.some((w) => name.startsWith(w))) continue;
    const cells = parseCells(readFileSync(join(here, 'src', file), 'utf8'));
    writeFileSync(join(here, `${name}.ipynb`), `${JSON.stringify(toNotebook(name, cells), null, 1)}\n`);
    console.log(`wrote notebooks/${name}.ipynb (${cells.length} cells)`);
  }
}
