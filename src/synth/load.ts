import { SpecificationError } from '../core/errors.js';
import type { CbsExport } from '../io/types.js';
import { loadCbsExport, type LoadCbsOptions } from '../io/load.js';
import { formatCbsDate } from '../io/dates.js';
import { synthesizeCbsExport } from './synthesize.js';
import { syntheticTables } from './write.js';
import type { SynthOptions } from './options.js';
import type { SyntheticTruth } from './types.js';

/** A loaded synthetic export: the usual {@link CbsExport} plus the truth it was generated with. */
export type SyntheticCbsExport = CbsExport & { readonly truth: SyntheticTruth };

/**
 * Generate a synthetic export and load it with `loadCbsExport` (the generator's observation
 * period is passed on, so unobserved months stay missing). The result is an ordinary
 * `CbsExport` with a `truth` field.
 *
 * @example
 * const exp = await loadSynthetic({ seed: 7, scale: 0.01, effect: 0 });
 * exp.persons.length === exp.quality.counts.persons.kept; // true
 * exp.truth.effect; // 0
 */
export async function loadSynthetic(options: SynthOptions = {}, loadOptions: Omit<LoadCbsOptions, 'observation'> = {}): Promise<SyntheticCbsExport> {
  if (loadOptions !== undefined && typeof loadOptions === 'object' && loadOptions !== null && 'observation' in loadOptions) {
    throw new SpecificationError('loadSynthetic: the observation period comes from the synthesis options (options.observation), not from the load options');
  }
  const synthetic = synthesizeCbsExport(options);
  const tables = syntheticTables(synthetic);
  const exp = await loadCbsExport(tables, {
    ...loadOptions,
    observation: { start: formatCbsDate(synthetic.observation.start), end: formatCbsDate(synthetic.observation.end) },
  });
  return { ...exp, truth: synthetic.truth };
}
