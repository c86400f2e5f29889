import { defineConfig } from 'tsup';

// Two entry points: the core runs in any JS runtime; `node` adds file-system readers.
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Optional native PNG renderer: resolved at run time, never bundled.
  external: ['@resvg/resvg-js'],
});
