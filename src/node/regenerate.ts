/** Rebuild the embedded default dataset in data/ from the generator with its fixed seed. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBEDDED_SYNTH_OPTIONS } from '../synth/options.js';
import { synthesizeCbsExport } from '../synth/synthesize.js';
import { syntheticCsvGzip } from '../synth/write.js';
import { EMBEDDED_FILES, embeddedDataPath } from './embedded.js';

/**
 * The embedded dataset's files as bytes: gzip CSVs and truth.json (deterministic).
 *
 * @example
 * const files = embeddedDataFiles();
 * Object.keys(files); // ['persons.csv.gz', 'support.csv.gz', 'employment.csv.gz', 'truth.json']
 */
export function embeddedDataFiles(): Record<string, Uint8Array> {
  const synthetic = synthesizeCbsExport(EMBEDDED_SYNTH_OPTIONS);
  const gz = syntheticCsvGzip(synthetic);
  return {
    [EMBEDDED_FILES.persons]: gz.persons,
    [EMBEDDED_FILES.support]: gz.support,
    [EMBEDDED_FILES.employment]: gz.employment,
    [EMBEDDED_FILES.truth]: new TextEncoder().encode(JSON.stringify(synthetic.truth, null, 1) + '\n'),
  };
}

/**
 * `regenerate-data [--out DIR] [--check]`: write the embedded dataset (default: the package's
 * data/ folder); with `--check`, write nothing and count the files that differ. Returns that count
 * (0 when writing); each file is reported through `log`.
 */
export async function regenerateEmbeddedData(args: readonly string[], log: (line: string) => void = console.log): Promise<number> {
  const outAt = args.indexOf('--out');
  const dir = outAt >= 0 ? args[outAt + 1] : embeddedDataPath();
  const check = args.includes('--check');
  const files = embeddedDataFiles();
  let differ = 0;
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    if (check) {
      const old = await readFile(path).catch(() => undefined);
      const same = old !== undefined && Buffer.compare(old, Buffer.from(bytes)) === 0;
      if (!same) differ++;
      log(`${same ? 'same     ' : 'DIFFERENT'} ${path}`);
    } else {
      await writeFile(path, bytes);
      log(`wrote ${path} (${bytes.length} bytes)`);
    }
  }
  return differ;
}
