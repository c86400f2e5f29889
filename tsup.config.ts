import { defineConfig, type Options } from 'tsup';

// ES modules: one output file per source module (no bundling), so a bundler that imports a single
// function keeps only the modules it reaches (the package declares itself free of side effects).
// CommonJS: bundled per entry. The command line (dist/cli.js) is ES only.
// Types: one declaration file per entry. No source maps in the tarball.
const shared: Options = {
  target: 'node20',
  sourcemap: false,
  // Optional native PNG renderer and the optional DuckDB engine: resolved at run time, never bundled.
  external: ['@resvg/resvg-js', '@duckdb/node-api'],
};

export default defineConfig([
  {
    ...shared,
    entry: ['src/**/*.ts'],
    format: ['esm'],
    bundle: false,
    dts: false,
  },
  {
    ...shared,
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['cjs'],
    splitting: true,
    treeshake: true,
    dts: false,
  },
  {
    ...shared,
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm', 'cjs'],
    dts: { only: true },
  },
]);
