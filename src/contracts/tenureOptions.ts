import type { CbsExport } from '../io/types.js';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import { levelOption } from './levelOption.js';
import { checkPopulation, GroupResolver, parseDateOption, schemeMask, type DateLike, type GroupBy, type Population } from './population.js';
import { relationshipsOption, type EmploymentRelationships } from './relationships.js';
import type { RelationshipPick } from './tenure.js';

/** Options every tenure function shares. */
export interface TenureCommonOptions {
  readonly population?: Population;
  readonly scheme?: string | readonly string[];
  readonly group?: GroupBy;
  readonly pick?: RelationshipPick;
  readonly level?: number;
  readonly relationships?: EmploymentRelationships;
  readonly gapDays?: number;
}

/** Option names shared by the tenure functions, for `checkOptions`. */
export const TENURE_COMMON_KEYS = {
  population: true,
  scheme: true,
  group: { covariate: true, labels: true },
  pick: true,
  level: true,
  relationships: true,
  gapDays: true,
} as const;

/** The shared options resolved: the relationships, groups and scheme mask to count with. */
export interface TenureCommon {
  readonly population: Population;
  readonly scheme: readonly string[] | null;
  readonly pick: RelationshipPick;
  readonly level: number;
  readonly rel: EmploymentRelationships;
  readonly groups: GroupResolver;
  readonly mask: Uint8Array | undefined;
}

/** Resolve and check the shared tenure options (defaults filled in). */
export function resolveTenureCommon(fn: string, cbsExport: CbsExport, options: TenureCommonOptions): TenureCommon {
  const population = options.population ?? 'in-support';
  checkPopulation(population, cbsExport.persons.length);
  const pick = options.pick ?? 'longest';
  if (pick !== 'longest' && pick !== 'most-recent') throw new SpecificationError(`${fn}: pick must be 'longest' or 'most-recent', got ${describeValue(pick)}`);
  const mask = schemeMask(cbsExport.support, options.scheme);
  const scheme = options.scheme === undefined ? null : typeof options.scheme === 'string' ? [options.scheme] : [...options.scheme];
  return {
    population,
    scheme,
    pick,
    level: levelOption(fn, options.level),
    rel: relationshipsOption(fn, options.relationships, cbsExport, options.gapDays),
    groups: new GroupResolver(cbsExport, options.group),
    mask,
  };
}

/** Resolve the `at` option (one date or a list) into day numbers, in the order given. */
export function resolveDates(fn: string, at: unknown): number[] {
  if (at === undefined) throw new SpecificationError(`${fn}: option "at" (the reference date or dates) is required`);
  const list = Array.isArray(at) ? (at as readonly DateLike[]) : [at as DateLike];
  if (list.length === 0) throw new SpecificationError(`${fn}: at: give at least one reference date`);
  return list.map((d) => parseDateOption(d, `${fn}: at`));
}
