import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Minified browser bundle of an entry that imports `names` from the core entry: size and inputs. */
async function bundleOf(names: readonly string[]): Promise<{ bytes: number; inputs: string[] }> {
  const contents = `import { ${names.join(', ')} } from ${JSON.stringify(`${root}src/index.ts`)};\nconsole.log(${names.join(', ')});\n`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const meta: Metafile = result.metafile;
    // Modules that contributed bytes to the output (the metafile also lists modules parsed and dropped).
  const output = Object.values(meta.outputs)[0]!;
  const inputs = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
  return { bytes: result.outputFiles[0]!.contents.length, inputs };
}

// The ES build keeps one file per source module and the package declares no side effects, so a
// bundler keeps only what an import reaches. The same module graph is measured here from src/.
describe('bundle size of a single import', () => {
  it('wilsonInterval alone stays under 40 KB and pulls in neither arquero, vega, acorn nor the t distribution', async () => {
    const { bytes, inputs } = await bundleOf(['wilsonInterval']);
    expect(bytes).toBeLessThan(40_000);
    expect(inputs.filter((p) => /node_modules\/(arquero|acorn|vega|vega-lite|@uwdata|hyparquet|fflate)\//.test(p))).toEqual([]);
    expect(inputs.filter((p) => p.includes('stats-base-dists-t-quantile'))).toEqual([]);
    expect(inputs.some((p) => p.endsWith('src/inference/wilsonInterval.ts'))).toBe(true);
  });

  it('a figure spec builder alone stays under 30 KB (no vega runtime)', async () => {
    const { bytes, inputs } = await bundleOf(['figure21Spec']);
    expect(bytes).toBeLessThan(30_000);
    expect(inputs.filter((p) => /node_modules\/(vega|vega-lite|arquero)\//.test(p))).toEqual([]);
  });

  it('the limits mean something: the whole estimation pipeline is far larger', async () => {
    const { bytes, inputs } = await bundleOf(['loadCbsExport', 'eventPanel', 'phaseAverages', 'diffInDiff']);
    expect(bytes).toBeGreaterThan(200_000);
    expect(inputs.some((p) => p.includes('stats-base-dists-t-quantile'))).toBe(true);
  });
});
