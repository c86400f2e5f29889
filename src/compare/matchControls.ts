import type { CbsExport } from '../io/types.js';
import { BalanceAccumulator, personColumn } from './balance.js';
import { CandidateBalance } from './candidateBalance.js';
import { designColumns } from './distance.js';
import type { LogisticFit } from './logisticRegression.js';
import { FoundPairs, matchCohort, type CohortContext } from './matchCohort.js';
import { cohortLabel, PreParticipation } from './matchCovariates.js';
import { candidatePool, stratify, supportCohorts, tieRanks, type EmptyStratum, type UnmatchedPerson, type UnmatchedReason } from './matchEligibility.js';
import { isMatchPopulation, matchPopulationFromExport, populationAnchors, type MatchPopulation } from './matchPopulation.js';
import { matchResult, type MatchResult } from './matchResult.js';
import { matchDesign, resolveMatchSpec, type MatchControlsOptions, type MatchDesign } from './matchSpec.js';
import { MatchedPairs, matchedSets } from './matchWeights.js';
import { cohortRows, planCohort, poolValues, type CohortPlan, type CohortRows, type RowSource } from './modelRows.js';
import { PropensityModel } from './propensityModel.js';

/**
 * Matched control group from the never-supported population, as R MatchIt's
 * `method = "nearest"` with `exact =`:
 *
 * 1. **Cohorts and strata.** With `startYear` (`startQuarter`, `startMonth`) in `exact`, supported
 *    persons form one cohort per calendar year (quarter, month) of support start; every
 *    never-supported person (no support trajectory at all) is a candidate in every cohort. Inside a cohort, persons are stratified exactly on the other
 *    `exact` variables.
 * 2. **Distance.** `preParticipation` is the share of months employed in the `preWindow` months
 *    before the anchor: for a supported person their own support start, for a candidate the cohort
 *    anchor (median support-start month of the cohort's supported persons with known covariates), over
 *    months inside the observation period. `propensity`: logit of one logistic regression of
 *    supported vs candidate over every cohort's rows, with an intercept per cohort (as MatchIt
 *    fits one model; a cohort of a few persons does not separate). `mahalanobis`: with the pooled
 *    within-group covariance of the cohort.
 * 3. **Greedy nearest neighbour** in each stratum, in rounds (every supported person gets a first
 *    control, then a second, …), in `order`; ties broken by a seeded random rank. Caliper in SDs of
 *    the logit propensity score over all rows of the model.
 *    Without replacement a control is used at most once within a cohort, but may serve again in
 *    another cohort, with that cohort's pseudo anchors (as in a stacked DiD). Removing it from
 *    later cohorts instead would select the later pools on their own employment history (those
 *    picked earlier were picked for their participation before an earlier anchor), which biased the
 *    DiD upwards by ≈ 0.02 in simulations with no effect. `controlsReused` says whether any control
 *    serves in more than one set.
 * 4. **Controls inherit pseudo anchors**: the support start and end of their matched supported
 *    person. Being never supported, they are unsupported over every window.
 * 5. **Weights** (MatchIt ATT): supported 1; a control gets Σ over its sets of 1/(controls in that
 *    set), scaled so control weights sum to the number of distinct matched controls. In `anchors`,
 *    a control has one row per set with weight scale/(controls in the set), so with replacement
 *    its rows sum to its MatchIt weight and a weighted DiD estimates the ATT.
 *
 * The input is a CbsExport or a {@link MatchPopulation} (persons, support anchors and employed
 * months without the spells: `matchPopulationFromExport(exp)`, or built by SQL where the spells
 * are); both give the same result (docs/guides/control-groups.md). An export is summarised into its
 * population first, so there is one matching path.
 *
 * The result follows the result protocol: `rows`/`toTable()` are the balance table (also
 * `balance`/`balanceTable()`), `summary()` prints it, `spec` holds the resolved options.
 *
 * @example
 * import { loadSynthetic, matchControls, eventPanel, diffInDiff } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 11, scale: 0.05 });
 * const m = matchControls(exp, { covariates: ['birthYear', 'preParticipation', 'OPLNIVEAU', 'HERKOMST'], ratio: 2, caliper: 0.2 });
 * const did = diffInDiff(eventPanel(exp, { anchors: m.anchors }), { cluster: 'set' });
 * did.effect.ci_low < exp.truth.phases.all.effectOnTreated; // true
 * m.spec.ratio; // 2
 * // The regression bias correction with the values each person was matched on:
 * const bc = diffInDiff(eventPanel(exp, { anchors: m.anchors }), { cluster: 'set', biasCorrection: m.matchedValues });
 * bc.spec.biasCorrection?.slice(0, 2); // ['birthYear', 'preParticipation']
 * m.toTable().numRows() === m.rows.length; // true
 */
export function matchControls(input: CbsExport | MatchPopulation, options: MatchControlsOptions = {}): MatchResult {
  const spec = resolveMatchSpec(input, options);
  const pop = isMatchPopulation(input) ? input : matchPopulationFromExport(input, { trajectory: spec.trajectory });
  const persons = pop.persons;
  const design = matchDesign(persons, spec);
  const unmatchedList: UnmatchedPerson[] = [];
  const unmatched = (p: number, reason: UnmatchedReason): void => {
    unmatchedList.push({ person: p, id: persons.rinpersoons[p] + persons.rinpersoon[p], reason });
  };
  const emptyStrata: EmptyStratum[] = [];
  const strata = stratify(design.exactVars, persons.length);
  const tieRank = tieRanks(persons.length, spec.seed);
  const anchors = populationAnchors(pop);
  const pre = new PreParticipation(pop.employment, spec.preWindow);
  const pool = candidatePool(pop.supported, strata, tieRank);
  const poolBits = design.distVars.some((v) => v.kind === 'preParticipation') ? pre.gatherRows(pool.persons) : undefined;
  const source: RowSource = { anchors, strata, pool, distVars: design.distVars, pre, poolValues: poolValues(design.distVars, pool, pre), poolBits };
  const cohorts = supportCohorts(anchors, strata, design.cohortWidth, unmatched);
  const labels = cohorts.keys.map((c) => (design.cohortWidth > 0 ? cohortLabel(c, design.cohortWidth) : 'all'));
  const propensity = spec.distance === 'propensity' ? new PropensityModel(design.distVars, labels) : undefined;
  const plans = planCohorts(source, cohorts.keys, cohorts.rows, labels, propensity, emptyStrata, unmatched);

  const models: { cohort: string; fit: LogisticFit }[] = [];
  let caliperWidth = Infinity;
  if (propensity && plans.length > 0) {
    models.push({ cohort: 'all', fit: propensity.fit() });
    if (spec.caliper !== null) caliperWidth = spec.caliper * propensity.scoreSd();
  }
  const personColumns = design.balVars.map(personColumn);
  const candidateBalance = new CandidateBalance(
    design.balVars.map((v, i) => (v.kind === 'numeric' ? { values: v.values } : v.kind === 'categorical' ? { values: personColumns[i]!, levels: v.levels.length } : undefined)),
    source.pool,
    usableCandidates(source),
    source.pool.persons.length * plans.length,
  );
  const ctx: CohortContext = { design, source, propensity, caliperWidth, tieRank, balance: balanceAccumulator(design), personColumns, candidateBalance, pairs: new MatchedPairs(design.distVars.length), found: new FoundPairs(), unmatched };
  for (const [plan, ci, rows] of plans) matchCohort(ctx, plan, rows ?? cohortRows(source, plan), ci);

  const n_candidates = source.pool.persons.length;
  const sets = matchedSets(ctx.pairs, anchors);
  const matchedValues = designColumns(design.distVars, sets.raw, sets.anchors.person.length);
  return matchResult(ctx.balance.rows(), spec, { sets, matchedValues: { names: matchedValues.names, values: matchedValues.columns }, unmatched: unmatchedList, emptyStrata, propensityModels: models, n_supported: anchors.person.length, n_candidates });
}

/** Model rows kept from pass 1 for pass 2, at most (≈ 24 bytes each with two covariates). */
const CACHED_ROWS = 12_000_000;

/** Pool candidates with every anchor-independent distance covariate known (1), in pool order. */
function usableCandidates(source: RowSource): Uint8Array {
  const usable = new Uint8Array(source.pool.persons.length).fill(1);
  for (const col of source.poolValues) if (col) for (let i = 0; i < usable.length; i++) if (col[i] !== col[i]) usable[i] = 0;
  return usable;
}

function balanceAccumulator(design: MatchDesign): BalanceAccumulator {
  return new BalanceAccumulator([
    ...design.balVars.map((v) => (v.kind === 'categorical' ? { name: v.name, levels: v.levels } : { name: v.name })),
    ...(design.spec.distance === 'propensity' ? [{ name: 'propensity (logit)' }] : []),
  ]);
}

/**
 * Pass 1, per cohort: the strata with candidates, and the propensity model's rows. Cohorts whose
 * supported persons all lack a covariate, or without any candidate with known covariates, drop out.
 */
function planCohorts(
  source: RowSource,
  keys: readonly number[],
  rows: readonly Int32Array[],
  labels: readonly string[],
  propensity: PropensityModel | undefined,
  emptyStrata: EmptyStratum[],
  unmatched: (p: number, reason: UnmatchedReason) => void,
): [CohortPlan, number, CohortRows | undefined][] {
  const plans: [CohortPlan, number, CohortRows | undefined][] = [];
  let kept = 0;
  keys.forEach((key, ci) => {
    const label = labels[ci];
    const empty = (stratum: string, n: number): void => {
      emptyStrata.push({ cohort: label, stratum, n_supported: n });
    };
    const plan = planCohort(source, key, label, rows[ci], empty, unmatched);
    if (!plan) return;
    const r = cohortRows(source, plan, unmatched);
    if (r.nT === 0) return;
    if (r.nT === r.person.length) {
      for (let j = 0; j < r.nT; j++) unmatched(r.person[j], 'no-controls-in-stratum');
      empty('(every stratum: no candidate with known covariates)', r.nT);
      return;
    }
    if (propensity) for (let j = 0; j < r.person.length; j++) propensity.add(ci, j < r.nT ? 1 : 0, r.raw, j);
    // Keep the rows for pass 2 while they take little memory (default cohorts at 1M persons: 8M rows).
    kept += r.person.length;
    plans.push([plan, ci, kept <= CACHED_ROWS ? r : undefined]);
  });
  return plans;
}

export type { MatchControlsOptions, MatchSpec } from './matchSpec.js';
export type { EmptyStratum, UnmatchedPerson, UnmatchedReason } from './matchEligibility.js';
export type { MatchResult } from './matchResult.js';
export type { BalanceRow } from './balance.js';
