/**
 * The persons matching draws from, without their spells: one row per person with the person
 * variables, whether the person is supported (and the support start and end that anchor them), and
 * the employed months of the observation period as bits. `matchControls` on it gives the same match
 * as on the export it summarises; a query engine can build it where the spells are (docs/guides/control-groups.md).
 */
import { firstFullMonth, lastFullMonth } from '../core/calendar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { checkExport } from '../io/checkExport.js';
import type { CbsExport, ObservationPeriod, PersonTable } from '../io/types.js';
import { supportAnchors, type TrajectoryChoice } from '../panel/supportAnchors.js';
import type { PanelAnchors } from '../panel/types.js';
import { employmentMonths, monthStride, type EmploymentMonths } from './employmentMonths.js';

/**
 * Matching's input without spells, one row per person (the row number is the person index, as in
 * the export it summarises, so `matchControls(population).anchors` feed `eventPanel(exp, { anchors })`).
 */
export interface MatchPopulation {
  readonly kind: 'MatchPopulation';
  /** Person keys, birth year, sex and covariates, as the export's persons table. */
  readonly persons: PersonTable;
  /** 1: the person has a support trajectory (supported); 0: never supported (a candidate control). */
  readonly supported: Uint8Array;
  /** The trajectory whose start and end anchor a supported person. */
  readonly trajectory: TrajectoryChoice;
  /** Start day of that trajectory (0 for persons never supported). */
  readonly supportStart: Int32Array;
  /** End day of that trajectory, inclusive (`OPEN_END` when ongoing; 0 for persons never supported). */
  readonly supportEnd: Int32Array;
  readonly observation: ObservationPeriod;
  /** Employed months over the full months of the observation period. */
  readonly employment: EmploymentMonths;
}

/** Options of {@link matchPopulationFromExport}. */
export interface MatchPopulationOptions {
  /** Which support trajectory anchors a supported person (default `first`; must be the one `matchControls` is asked for). */
  readonly trajectory?: TrajectoryChoice;
}

/**
 * The {@link MatchPopulation} of an export: its persons table (shared, not copied), the chosen
 * trajectory of every supported person, and the employed months over the full months of the
 * observation period. About 25 bytes per person besides the persons table with ten years observed.
 *
 * @example
 * import { loadSynthetic, matchControls } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 3, scale: 0.02 });
 * const pop = matchPopulationFromExport(exp);
 * const a = matchControls(exp, { ratio: 2 });
 * const b = matchControls(pop, { ratio: 2 });
 * [b.n_candidates === a.n_candidates, b.pairs.control.join() === a.pairs.control.join()]; // [true, true]
 */
export function matchPopulationFromExport(exp: CbsExport, options: MatchPopulationOptions = {}): MatchPopulation {
  checkExport('matchPopulationFromExport', exp);
  checkOptions('matchPopulationFromExport', options, { trajectory: true });
  const trajectory = options.trajectory ?? 'first';
  const anchors = supportAnchors(exp, { trajectory });
  const n = exp.persons.length;
  const supported = new Uint8Array(n);
  const supportStart = new Int32Array(n);
  const supportEnd = new Int32Array(n);
  for (let i = 0; i < anchors.person.length; i++) {
    const p = anchors.person[i];
    supported[p] = 1;
    supportStart[p] = anchors.start[i];
    supportEnd[p] = anchors.end[i];
  }
  const employment = employmentMonths(exp, firstFullMonth(exp.observation.start), lastFullMonth(exp.observation.end));
  return { kind: 'MatchPopulation', persons: exp.persons, supported, trajectory, supportStart, supportEnd, observation: exp.observation, employment };
}

/**
 * Is `value` a {@link MatchPopulation} (rather than an export)?
 *
 * @example
 * isMatchPopulation({ kind: 'MatchPopulation' }); // true
 * isMatchPopulation({ persons: {} }); // false
 */
export function isMatchPopulation(value: unknown): value is MatchPopulation {
  return isPlainObject(value) && value.kind === 'MatchPopulation';
}

/**
 * Check a {@link MatchPopulation} built elsewhere: every per-person column as long as the persons
 * table, the bits `⌈months / 32⌉` words per person, supported persons with an anchor.
 *
 * @example
 * import { loadSynthetic } from 'participation-effects';
 * const pop = matchPopulationFromExport(await loadSynthetic({ seed: 1, scale: 0.002 }));
 * checkMatchPopulation('matchControls', pop); // undefined
 */
export function checkMatchPopulation(fn: string, pop: MatchPopulation): void {
  const p = pop.persons;
  if (!isPlainObject(p) || typeof p.length !== 'number' || !(p.birthYear instanceof Float64Array) || !Array.isArray(p.rinpersoon) || !isPlainObject(p.covariates)) {
    throw new SpecificationError(`${fn}: population.persons must be a persons table (keys, birthYear, sex, covariates); got ${describeValue(p)}`);
  }
  const n = p.length;
  const columns: [string, ArrayLike<number> | readonly string[] | undefined, number][] = [
    ['persons.rinpersoons', p.rinpersoons, n],
    ['persons.rinpersoon', p.rinpersoon, n],
    ['persons.birthYear', p.birthYear, n],
    ['persons.sex.codes', p.sex?.codes, n],
    ['supported', pop.supported, n],
    ['supportStart', pop.supportStart, n],
    ['supportEnd', pop.supportEnd, n],
    ['employment.bits', pop.employment?.bits, n * monthStride(pop.employment?.months ?? 0)],
  ];
  for (const [name, col, want] of columns) {
    if (col?.length !== want) throw new DataError({ file: 'population', column: name, value: col?.length, expected: `${want} values (${n} persons)` });
  }
  if (!(pop.supported instanceof Uint8Array) || !(pop.supportStart instanceof Int32Array) || !(pop.supportEnd instanceof Int32Array) || !(pop.employment.bits instanceof Int32Array)) {
    throw new SpecificationError(`${fn}: population.supported must be a Uint8Array, supportStart/supportEnd and employment.bits Int32Arrays`);
  }
  for (let i = 0; i < n; i++) {
    if (pop.supported[i] > 1) throw new DataError({ file: 'population', row: i + 1, column: 'supported', value: pop.supported[i], expected: '0 or 1' });
    if (pop.supported[i] === 1 && pop.supportEnd[i] < pop.supportStart[i]) throw new DataError({ file: 'population', row: i + 1, column: 'supportEnd', value: pop.supportEnd[i], expected: `a day ≥ supportStart ${pop.supportStart[i]}` });
  }
}

/**
 * The anchors of the supported persons, in person order: as `supportAnchors(exp, { trajectory })`
 * of the export the population summarises.
 *
 * @example
 * import { loadSynthetic, supportAnchors } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.002 });
 * const a = populationAnchors(matchPopulationFromExport(exp, { trajectory: 'last' }));
 * a.start.join() === supportAnchors(exp, { trajectory: 'last' }).start.join(); // true
 */
export function populationAnchors(pop: MatchPopulation): PanelAnchors {
  const n = pop.persons.length;
  let k = 0;
  for (let p = 0; p < n; p++) k += pop.supported[p];
  const person = new Int32Array(k);
  const start = new Int32Array(k);
  const end = new Int32Array(k);
  for (let p = 0, i = 0; p < n; p++) {
    if (!pop.supported[p]) continue;
    person[i] = p;
    start[i] = pop.supportStart[p];
    end[i++] = pop.supportEnd[p];
  }
  return { person, start, end, group: new Int32Array(k), groups: ['supported'] };
}
