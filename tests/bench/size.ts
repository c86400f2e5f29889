/**
 * One benchmark size, in its own process so peak memory is that size's alone.
 * Usage: node --expose-gc --import tsx tests/bench/size.ts <persons>
 */
import { loadCbsExport, synthesizeCbsExport, syntheticTables } from '../../src/index.js';
import type { CbsExport } from '../../src/index.js';
import { makeMeasure, type StepFigure } from './measure.js';

// At scale 1 the generator makes the Amsterdam population (supported persons plus 3 controls each);
const PERSONS_AT_SCALE_1 = 36_000; // measured for a 10-year observation period

type Step = (exp: CbsExport, measure: (label: string, fn: () => unknown) => Promise<unknown>) => Promise<void>;

async function optionalStep(modulePath: string, name: string): Promise<Step | undefined> {
  try {
    const mod = (await import(modulePath)) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? (mod[name] as Step) : undefined;
  } catch (err) {
    console.log(`(skipping ${modulePath}: ${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

const persons = Number(process.argv[2] ?? 10_000);
const label = persons >= 1_000_000 ? `${persons / 1_000_000}M` : `${persons / 1000}k`;
const figures: StepFigure[] = [];
const measure = makeMeasure(label, figures);

const synthetic = (await measure('generate synthetic export (10 years)', () =>
  synthesizeCbsExport({ seed: 1, scale: persons / PERSONS_AT_SCALE_1, observation: { start: '20160101', end: '20251231' } }),
)) as ReturnType<typeof synthesizeCbsExport>;
const tables = syntheticTables(synthetic);
const exp = (await measure('load into the columnar export', () =>
  loadCbsExport(tables, { observation: { start: '20160101', end: '20251231' } }),
)) as CbsExport;
console.log(
  `${label.padEnd(10)} persons ${exp.persons.length}, support spells ${exp.support.length}, employment spells ${exp.employment.length}`,
);

// BENCH_STEPS=staggered,survival runs only those steps (by file name).
const only = process.env.BENCH_STEPS?.split(',');
for (const [file, fn] of [
  ['./panel.js', 'benchPanel'],
  ['./compare.js', 'benchCompare'],
  ['./contracts.js', 'benchContracts'],
  ['./inference.js', 'benchInference'],
  ['./staggered.js', 'benchStaggered'],
  ['./survival.js', 'benchSurvival'],
] as const) {
  if (only && !only.some((name) => file === `./${name}.js`)) continue;
  const step = await optionalStep(file, fn);
  if (step) await step(exp, measure);
}
console.log(`${label.padEnd(10)} peak RSS of this size: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
