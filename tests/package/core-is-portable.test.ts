import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The core entry must run in browsers and Deno: bundling it for the browser platform must
// not pull in any Node built-in (node:fs, path, ...). esbuild fails to resolve them there.
describe('core entry portability', () => {
  it('bundles for the browser with no Node built-in imports', async () => {
    const nodeImports: string[] = [];
    const result = await build({
      entryPoints: [`${root}src/index.ts`],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'forbid-node-builtins',
          setup(b) {
            b.onResolve({ filter: /^(node:|fs$|path$|os$|url$|zlib$|crypto$|child_process$|worker_threads$|stream$|module$)/ }, (args) => {
              nodeImports.push(`${args.path} (from ${args.importer.replace(root, '')})`);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    expect(nodeImports).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text.length).toBeGreaterThan(1000);
  });

  it('the node entry is the one that may use the file system', async () => {
    const result = await build({
      entryPoints: [`${root}src/node.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      packages: 'external',
    });
    expect(result.errors).toEqual([]);
  });
});
