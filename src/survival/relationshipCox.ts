import type { CbsExport } from '../io/types.js';
import { civilFromDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { checkExport } from '../contracts/checkExport.js';
import { activeSupportRow, NO_SUPPORT_LABEL } from '../contracts/population.js';
import { relationshipsOption } from '../contracts/relationships.js';
import { relationshipSurvival, type RelationshipSurvivalOptions } from '../contracts/relationshipSurvival.js';
import type { CoxData } from './coxInput.js';
import { coxRegression, type CoxOptions, type CoxResult } from './coxRegression.js';

/** A covariate of a relationship: support attributes, the first contract type, age and sex, or a person covariate of the export. */
export type RelationshipCovariate = 'scheme' | 'employer-type' | 'first-contract' | 'age' | 'sex' | { readonly covariate: string };

/** Options of {@link relationshipCox}: which relationships (as `relationshipSurvival`), which covariates, and the Cox options. */
export interface RelationshipCoxOptions
  extends Pick<RelationshipSurvivalOptions, 'start' | 'windowMonths' | 'persons' | 'censorAt' | 'leftCensored' | 'unit' | 'relationships' | 'gapDays'>,
    Pick<CoxOptions, 'ties' | 'level' | 'reference' | 'maxIterations'> {
  /** Covariates (default: scheme, employer type, first contract type, age at start). */
  readonly covariates?: readonly RelationshipCovariate[];
  /** A covariate to stratify on instead of estimating its hazard ratio (a separate baseline hazard per level). */
  readonly strata?: RelationshipCovariate;
  /** Robust SEs clustered by person (default, since a person can have several relationships) or model-based (`none`). */
  readonly cluster?: 'person' | 'none';
}

/** Result of {@link relationshipCox}: the Cox fit plus the durations and covariates used and what was left out. */
export interface RelationshipCoxResult extends CoxResult {
  /** The model's input, ready for `coxRegression` with other options. */
  readonly data: CoxData;
  /** Index (into the relationships) of each row of `data`. */
  readonly relationshipIndex: Int32Array;
  /** Relationships left out: as `relationshipSurvival`, plus those with a missing birth year or sex when `age`/`sex` are covariates. */
  readonly excluded: { readonly leftCensored: number; readonly startsAfterCensoring: number; readonly missingCovariate: number };
}

const DEFAULT_COVARIATES: readonly RelationshipCovariate[] = ['scheme', 'employer-type', 'first-contract', 'age'];
const SURVIVAL_KEYS = ['start', 'windowMonths', 'persons', 'censorAt', 'leftCensored', 'unit', 'relationships', 'gapDays'] as const;

function covariateName(c: RelationshipCovariate): string {
  if (typeof c === 'string') return c === 'employer-type' ? 'employerType' : c === 'first-contract' ? 'firstContract' : c;
  return c.covariate;
}

/** The value of one covariate for relationship r of person p (null = missing). */
type Extract = (r: number, p: number, supportRow: number) => string | number | null;

function extractor(exp: CbsExport, rel: ReturnType<typeof relationshipsOption>, c: RelationshipCovariate): Extract {
  const { support, persons } = exp;
  if (c === 'scheme' || c === 'employer-type') {
    const col = c === 'scheme' ? support.scheme : support.employerType;
    return (_r, _p, s) => (s < 0 ? NO_SUPPORT_LABEL : col.codes[s] < 0 ? '(missing)' : col.levels[col.codes[s]]);
  }
  if (c === 'first-contract') return (r) => (rel.firstContract[r] < 0 ? '(missing)' : rel.contractLevels[rel.firstContract[r]]);
  if (c === 'age') return (r, p) => (Number.isNaN(persons.birthYear[p]) ? null : civilFromDay(rel.start[r]).year - persons.birthYear[p]);
  if (c === 'sex') return (_r, p) => (persons.sex.codes[p] < 0 ? null : persons.sex.levels[persons.sex.codes[p]]);
  if (typeof c === 'object' && c !== null && typeof c.covariate === 'string') {
    const col = persons.covariates[c.covariate];
    if (col === undefined) throw new SpecificationError(`relationshipCox: unknown person covariate ${describeValue(c.covariate)} (available: ${Object.keys(persons.covariates).join(', ') || 'none'})`);
    if (col instanceof Float64Array) return (_r, p) => (Number.isNaN(col[p]) ? null : col[p]);
    return (_r, p) => (col.codes[p] < 0 ? null : col.levels[col.codes[p]]);
  }
  throw new SpecificationError(`relationshipCox: a covariate must be 'scheme', 'employer-type', 'first-contract', 'age', 'sex' or { covariate }, got ${describeValue(c)}`);
}

/** What {@link relationshipCoxData} returns: the model input, which relationships it holds, what was left out, and notes. */
export interface RelationshipCoxData {
  readonly data: CoxData;
  readonly relationshipIndex: Int32Array;
  readonly excluded: { readonly leftCensored: number; readonly startsAfterCensoring: number; readonly missingCovariate: number };
  readonly notes: readonly string[];
}

const BUILDER_KEYS = {
  ...Object.fromEntries(SURVIVAL_KEYS.map((k) => [k, true])),
  start: { from: true, to: true },
  covariates: true,
  strata: true,
  cluster: true,
} as const;

/**
 * The input of {@link relationshipCox} without the fit: relationship durations (as
 * `relationshipSurvival`, with delayed entry) and their covariates, strata and person clusters,
 * ready for `coxRegression` with any options.
 *
 * @example
 * import { relationshipCoxData, loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 3, scale: 0.02 });
 * const built = relationshipCoxData(exp, { covariates: ['first-contract', 'age'] });
 * Object.keys(built.data.covariates); // ['firstContract', 'age']
 * built.data.time.length === built.relationshipIndex.length; // true
 */
export function relationshipCoxData(exp: CbsExport, options: Omit<RelationshipCoxOptions, 'ties' | 'level' | 'reference' | 'maxIterations'> = {}): RelationshipCoxData {
  checkExport('relationshipCoxData', exp);
  checkOptions('relationshipCoxData', options, BUILDER_KEYS);
  return buildData(exp, options);
}

function buildData(exp: CbsExport, options: RelationshipCoxOptions): RelationshipCoxData {
  const covariates = options.covariates ?? DEFAULT_COVARIATES;
  if (!Array.isArray(covariates) || covariates.length === 0) throw new SpecificationError(`relationshipCox: covariates must be a non-empty list, got ${describeValue(covariates)}`);
  const cluster = options.cluster ?? 'person';
  if (cluster !== 'person' && cluster !== 'none') throw new SpecificationError(`relationshipCox: cluster must be 'person' or 'none', got ${describeValue(cluster)}`);
  const rel = relationshipsOption('relationshipCox', options.relationships, exp, options.gapDays);
  const survivalOptions: RelationshipSurvivalOptions = { ...Object.fromEntries(SURVIVAL_KEYS.filter((k) => options[k] !== undefined && k !== 'gapDays').map((k) => [k, options[k]])), relationships: rel };
  const surv = relationshipSurvival(exp, survivalOptions);
  const calendar = typeof surv.spec.start === 'object';
  const all = [...covariates, ...(options.strata !== undefined ? [options.strata] : [])];
  const extract = all.map((c) => extractor(exp, rel, c));
  const names = all.map(covariateName);
  const columns: (string | number)[][] = all.map(() => []);
  const keep: number[] = [];
  let missing = 0;
  for (let k = 0; k < surv.relationshipIndex.length; k++) {
    const r = surv.relationshipIndex[k];
    const p = rel.person[r];
    const s = calendar ? activeSupportRow(exp.support, p, Math.max(rel.start[r], exp.observation.start)) : exp.support.offsets[p + 1] > exp.support.offsets[p] ? exp.support.offsets[p] : -1;
    const values = extract.map((f) => f(r, p, s));
    if (values.some((v) => v === null)) {
      missing++;
      continue;
    }
    values.forEach((v, j) => columns[j].push(v as string | number));
    keep.push(k);
  }
  const notes = [...surv.notes.filter((n) => !n.startsWith('Delayed entry'))];
  if (missing > 0) notes.push(`${missing} relationship(s) left out: missing ${names.filter((n) => n === 'age' || n === 'sex').join(' or ') || 'covariate'}.`);
  const cov: Record<string, (string | number)[]> = {};
  covariates.forEach((c, j) => {
    const levels = new Set(columns[j]);
    if (typeof columns[j][0] === 'string' && levels.size < 2) notes.push(`Covariate "${names[j]}" left out: every relationship has the level ${describeValue(columns[j][0])}.`);
    else cov[names[j]] = columns[j];
  });
  if (Object.keys(cov).length === 0) throw new SpecificationError('relationshipCox: no covariate varies among the selected relationships');
  const pick = <T>(a: ArrayLike<T>): T[] => keep.map((k) => a[k]);
  const entry = pick(surv.data.entry);
  const data: CoxData = {
    time: pick(surv.data.time),
    event: pick(surv.data.event),
    ...(entry.some((e) => e > 0) ? { entry } : {}),
    covariates: cov,
    ...(options.strata !== undefined ? { strata: columns[all.length - 1] as string[] } : {}),
    ...(cluster === 'person' ? { cluster: keep.map((k) => rel.person[surv.relationshipIndex[k]]) } : {}),
  };
  return { data, relationshipIndex: Int32Array.from(keep, (k) => surv.relationshipIndex[k]), excluded: { ...surv.excluded, missingCovariate: missing }, notes };
}

/**
 * Cox regression of how long employment relationships last ("which placements last longer"): the
 * relationships and durations of {@link relationshipSurvival} (delayed entry for relationships that
 * began before the data, right-censoring at the end of observation or support), with covariates
 * taken from the support trajectory (scheme, employer type: the trajectory of the person's first
 * support start, or the one in force at the relationship's start for calendar windows), the first
 * contract type, the age in the start year and sex. Robust SEs are clustered by person by default.
 * Categorical covariates with a single level in the selection are left out with a note; relationships
 * with a missing age or sex (when used) are left out and counted.
 *
 * @example
 * import { relationshipCox, loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 3, scale: 0.02 });
 * const fit = relationshipCox(exp, { covariates: ['employer-type', 'age'], reference: { employerType: 'regulier' } });
 * fit.rows.map((r) => r.coefficient); // ['employerTypePantar', 'employerTypesociale firma', 'age']
 * fit.spec.robust; // true
 * fit.rows.every((r) => r.hazard_ratio > 0); // true
 */
export function relationshipCox(exp: CbsExport, options: RelationshipCoxOptions = {}): RelationshipCoxResult {
  checkExport('relationshipCox', exp);
  checkOptions('relationshipCox', options, { ...BUILDER_KEYS, ties: true, level: true, reference: true, maxIterations: true });
  const built = buildData(exp, options);
  const fit = coxRegression(built.data, { ties: options.ties, level: options.level, reference: options.reference, maxIterations: options.maxIterations });
  const notes = built.notes;
  return {
    ...fit,
    notes: [...fit.notes, ...notes],
    summary: () => `${fit.summary()}${notes.length ? `\n${notes.map((n) => `Note: ${n}`).join('\n')}` : ''}`,
    data: built.data,
    relationshipIndex: built.relationshipIndex,
    excluded: built.excluded,
  };
}
