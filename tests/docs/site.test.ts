// The documentation site's sources hang together: every guide is in the site (typedoc.json), linked
// from the README and run by a test of its own; no text users read cites a design document.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/docExamples.js';
import { runnableBlocks } from '../support/markdownBlocks.js';

const guides = readdirSync(join(root, 'docs/guides')).filter((f) => f.endsWith('.md')).sort();
const typedoc = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { projectDocuments: string[]; entryPoints: string[]; treatWarningsAsErrors: boolean };
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('documentation site sources', () => {
  it('has the guides the README promises', () => {
    for (const name of ['getting-started', 'reading-your-export', 'methods', 'control-groups', 'durability', 'output-control', 'cli', 'performance']) expect(guides).toContain(`${name}.md`);
  });

  it('puts every guide and the methods document into the site, and the README links to every guide', () => {
    for (const guide of guides) {
      expect(typedoc.projectDocuments).toContain(`docs/guides/${guide}`);
      expect(readme).toContain(`](docs/guides/${guide})`);
    }
    expect(typedoc.projectDocuments).toContain('docs/methods/README.md');
    expect(typedoc.treatWarningsAsErrors).toBe(true);
  });

  it('documents every stage of the public API as a module of the reference', () => {
    const stages = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, 'src', d.name, 'index.ts')));
    for (const stage of stages) expect(typedoc.entryPoints).toContain(`src/${stage.name}/index.ts`);
  });

  it('runs the code blocks of README.md and of every guide in a test', () => {
    expect(runnableBlocks(readme).length).toBeGreaterThan(0);
    for (const guide of guides) {
      const test = join(root, 'tests/docs', guide.replace(/\.md$/, '.test.ts'));
      expect(existsSync(test), `${test} runs docs/guides/${guide}`).toBe(true);
      expect(readFileSync(test, 'utf8')).toContain(`'docs/guides/${guide}'`);
    }
  });

  it('cites no design document and no "§" anywhere users read', () => {
    const markdown = ['README.md', 'data/README.md', ...guides.map((g) => `docs/guides/${g}`), ...readdirSync(join(root, 'docs/methods')).filter((f) => f.endsWith('.md')).map((f) => `docs/methods/${f}`)];
    for (const file of markdown) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/§|design\.md|design document/i);
  });
});
