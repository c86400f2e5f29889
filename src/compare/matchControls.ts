import type { ColumnTable } from 'arquero';
import { firstFullMonth, lastFullMonth, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import type { CbsExport } from '../io/types.js';
import { supportAnchors, type TrajectoryChoice } from '../panel/supportAnchors.js';
import type { PanelAnchors } from '../panel/types.js';
import { createRandom } from '../core/random.js';
import { balanceColumn, balanceRows, BalanceAccumulator, type BalanceRow, type BalanceVariable } from './balance.js';
import { designColumns, pooledInverseCovariance, rawValues } from './distance.js';
import { PropensityModel } from './propensityModel.js';
import type { LogisticFit } from './logisticRegression.js';
import { canonicalName, cohortLabel, defaultBalanceNames, distanceVariable, exactCodes, PreParticipation, startCohortWidth, type DistanceVariable, type ExactCodes } from './matchCovariates.js';
import { matchOnDistance, matchOnScore, NO_MATCH_CALIPER } from './nearestNeighbour.js';

/** Options of {@link matchControls}. */
export interface MatchControlsOptions {
  /**
   * Exact-matching variables (default `['GBAGESLACHT', 'birthYearBand', 'startYear']`): `GBAGESLACHT`/`sex`,
   * `GBAGEBOORTEJAAR`/`birthYear`, `birthYearBand` (width `birthYearBandWidth`), at most one of
   * `startMonth`/`startQuarter`/`startYear` (calendar month, quarter or year of the supported person's
   * support start: one matching cohort each; finer cohorts measure candidates' `preParticipation`
   * closer to their pseudo anchor, but with `propensity` each adds an intercept to the one model, so
   * `startMonth` makes the fit slow on large exports), or any person covariate.
   */
  readonly exact?: readonly string[];
  /** Distance for nearest-neighbour matching inside exact strata (default `propensity`). */
  readonly distance?: 'propensity' | 'mahalanobis';
  /** Covariates of the distance (default `['birthYear', 'preParticipation']`); categorical ones enter as indicators. */
  readonly covariates?: readonly string[];
  /**
   * Covariates of the balance table (as MatchIt's `addlvariables`, cobalt's `bal.tab`): names as in
   * `covariates` and `exact`, plus `startYear`/`startQuarter`/`startMonth` (calendar time of the
   * (pseudo) anchor in years). Default: the distance covariates, the exact-matching person
   * variables, sex, birth year and every other person covariate of the export. Categorical ones
   * give one binary row per level (`OPLNIVEAU=hoog`). The logit propensity is always added.
   */
  readonly balance?: readonly string[];
  /** Width in years of `birthYearBand` (default 5). */
  readonly birthYearBandWidth?: number;
  /** Months before support start over which `preParticipation` is the share of months employed (default 24). */
  readonly preWindow?: number;
  /** Controls per supported person, k in k:1 (default 1). */
  readonly ratio?: number;
  /** Match with replacement (default false: a control serves at most one supported person of a cohort). */
  readonly replace?: boolean;
  /** Caliper in standard deviations of the logit propensity score (MatchIt's convention); default none. */
  readonly caliper?: number;
  /** Order in which supported persons choose: `largest` propensity first (default for propensity, as MatchIt), `smallest`, `random` (seeded), or `data` (default for mahalanobis). */
  readonly order?: 'largest' | 'smallest' | 'random' | 'data';
  /** Seed for tie-breaking and `random` order (default 1). */
  readonly seed?: number;
  /** Which support trajectory anchors a supported person (default `first`). */
  readonly trajectory?: TrajectoryChoice;
}

/** Why a supported person has no matched control. */
export type UnmatchedReason = 'missing-covariate' | 'no-controls-in-stratum' | 'caliper' | 'controls-exhausted';

/** A supported person left unmatched, with the reason. */
export interface UnmatchedPerson {
  /** Row in the export's persons table. */
  readonly person: number;
  readonly id: string;
  readonly reason: UnmatchedReason;
}

/** An exact stratum with supported persons but no eligible control. */
export interface EmptyStratum {
  readonly cohort: string;
  readonly stratum: string;
  readonly n_supported: number;
}

/** Result of {@link matchControls}. */
export interface MatchResult {
  /** Matched supported persons (group `supported`) and their controls (group `control`, pseudo anchors), for `eventPanel(exp, { anchors })`. */
  readonly anchors: PanelAnchors;
  /** Matched pairs: set (= matched supported person's number), export rows of both, distance. */
  readonly pairs: { readonly set: Int32Array; readonly treated: Int32Array; readonly control: Int32Array; readonly distance: Float64Array };
  /** MatchIt ATT weight per matched person (export row): supported 1; control Σ over its sets of 1/(controls in the set), scaled to sum to the number of distinct controls. */
  readonly weights: { readonly person: Int32Array; readonly group: Int32Array; readonly weight: Float64Array };
  readonly unmatched: readonly UnmatchedPerson[];
  readonly emptyStrata: readonly EmptyStratum[];
  /** Standardised mean differences and variance ratios before and after matching, per `balance` covariate (categorical: per level), then the logit propensity. */
  readonly balance: readonly BalanceRow[];
  /**
   * The propensity model (one, over all cohorts; empty for mahalanobis). Fitted on the distinct
   * (cohort, covariate pattern, group) rows with frequency weights, so `fitted` and `linearPredictor` are per pattern.
   */
  readonly propensityModels: readonly { readonly cohort: string; readonly fit: LogisticFit }[];
  readonly n_supported: number;
  readonly n_matched_supported: number;
  readonly n_candidates: number;
  readonly n_matched_controls: number;
  /** Tidy balance table (one row per covariate). */
  balanceTable(): ColumnTable;
  summary(): string;
}

/** `source[index[i]]` for i < n, as a typed array (a plain loop: `TypedArray.from(x, fn)` is slow). */
function gather<T extends Int32Array | Float64Array>(
  Ctor: { new (n: number): T },
  source: ArrayLike<number>,
  index: ArrayLike<number>,
  n: number,
): T {
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) out[i] = source[index[i]];
  return out;
}

function checkInt(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new SpecificationError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  return v;
}

/**
 * Matched control group from the never-supported population (design §4), as R MatchIt's
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
 *    DiD upwards by ≈ 0.02 in simulations with no effect.
 * 4. **Controls inherit pseudo anchors**: the support start and end of their matched supported
 *    person. Being never supported, they are unsupported over every window.
 * 5. **Weights** (MatchIt ATT): supported 1; a control gets Σ over its sets of 1/(controls in that
 *    set), scaled so control weights sum to the number of distinct matched controls. In `anchors`,
 *    a control has one row per set with weight scale/(controls in the set), so with replacement
 *    its rows sum to its MatchIt weight and a weighted DiD estimates the ATT.
 *
 * @example
 * import { loadSynthetic, matchControls, eventPanel, diffInDiff } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 11, scale: 0.05 });
 * const m = matchControls(exp, { covariates: ['birthYear', 'preParticipation', 'OPLNIVEAU', 'HERKOMST'], ratio: 2, caliper: 0.2 });
 * const did = diffInDiff(eventPanel(exp, { anchors: m.anchors }), { cluster: 'set' });
 * did.ci_low < exp.truth.phases.all.effectOnTreated; // true
 */
export function matchControls(exp: CbsExport, options: MatchControlsOptions = {}): MatchResult {
  const exactNames = options.exact ?? ['GBAGESLACHT', 'birthYearBand', 'startYear'];
  const distance = options.distance ?? 'propensity';
  if (distance !== 'propensity' && distance !== 'mahalanobis') throw new SpecificationError(`distance must be 'propensity' or 'mahalanobis', got ${JSON.stringify(distance)}`);
  const covNames = options.covariates ?? ['birthYear', 'preParticipation'];
  const bandWidth = checkInt('birthYearBandWidth', options.birthYearBandWidth ?? 5, 1);
  const preWindow = checkInt('preWindow', options.preWindow ?? 24, 1);
  const ratio = options.ratio ?? 1;
  if (!Number.isInteger(ratio) || ratio < 1) throw new SpecificationError(`ratio must be a whole number ≥ 1, got ${ratio}`);
  const replace = options.replace ?? false;
  const caliper = options.caliper;
  if (caliper !== undefined) {
    if (!(caliper > 0) || !Number.isFinite(caliper)) throw new SpecificationError(`caliper must be a positive number of standard deviations, got ${caliper}`);
    if (distance !== 'propensity') throw new SpecificationError('caliper is in standard deviations of the logit propensity score: it needs distance "propensity"');
  }
  const order = options.order ?? (distance === 'propensity' ? 'largest' : 'data');
  if (!['largest', 'smallest', 'random', 'data'].includes(order)) throw new SpecificationError(`order must be largest, smallest, random or data, got ${JSON.stringify(order)}`);
  if (distance === 'mahalanobis' && (order === 'largest' || order === 'smallest')) throw new SpecificationError(`order "${order}" sorts by propensity score; with mahalanobis use "data" or "random"`);
  const seed = options.seed ?? 1;
  if (covNames.length === 0) throw new SpecificationError('covariates: at least one distance covariate is needed');

  const persons = exp.persons;
  const nX = persons.length;
  const idOf = (p: number): string => persons.rinpersoons[p] + persons.rinpersoon[p];
  const cohortNames = exactNames.filter((n) => startCohortWidth(n) !== undefined);
  if (cohortNames.length > 1) throw new SpecificationError(`exact: use one support-start cohort, not ${cohortNames.join(' and ')}`);
  // Support-start cohort width in months; 0 = one cohort.
  const cohortWidth = cohortNames.length === 1 ? startCohortWidth(cohortNames[0])! : 0;
  const exactVars: ExactCodes[] = exactNames.filter((n) => startCohortWidth(n) === undefined).map((n) => exactCodes(exp, n, bandWidth));
  const distVars: DistanceVariable[] = covNames.map((n) => distanceVariable(exp, n, bandWidth));
  const balanceNames = options.balance ?? defaultBalanceNames(exp, covNames, exactNames);
  if (!Array.isArray(balanceNames) || balanceNames.some((n) => typeof n !== 'string')) throw new SpecificationError('balance must be an array of covariate names');
  // Each balance variable once; one that is also a distance covariate reuses that covariate's values.
  const balVars: BalanceVariable[] = [];
  const balDistIndex: number[] = [];
  const seenBalance = new Set<string>();
  for (const n of balanceNames) {
    const c = canonicalName(n);
    if (seenBalance.has(c)) continue;
    seenBalance.add(c);
    const width = startCohortWidth(n);
    balVars.push(width !== undefined ? { name: n, kind: 'start', width } : distanceVariable(exp, n, bandWidth, 'balance'));
    balDistIndex.push(covNames.findIndex((d) => canonicalName(d) === c));
  }

  // Person stratum key: mixed radix over the exact codes; −1 when any is missing.
  const radix = exactVars.reduce((r, v) => r * (v.levels.length + 1), 1);
  if (!(radix < 2 ** 52)) throw new SpecificationError(`exact: too many combinations of ${exactVars.map((v) => v.name).join(', ')} to stratify on`);
  const key = new Float64Array(nX);
  for (let p = 0; p < nX; p++) {
    let k = 0;
    for (const v of exactVars) {
      const c = v.codes[p];
      if (c < 0) {
        k = -1;
        break;
      }
      k = k * (v.levels.length + 1) + c;
    }
    key[p] = k;
  }
  const stratumLabel = (p: number): string => exactVars.map((v) => `${v.name}=${v.levels[v.codes[p]]}`).join(', ') || '(all)';

  // Candidates: never supported, exact variables known; grouped by stratum key.
  const candidatesByKey = new Map<number, number[]>();
  let nCandidates = 0;
  for (let p = 0; p < nX; p++) {
    if (exp.support.offsets[p + 1] > exp.support.offsets[p] || key[p] < 0) continue;
    nCandidates++;
    let list = candidatesByKey.get(key[p]);
    if (!list) candidatesByKey.set(key[p], (list = []));
    list.push(p);
  }

  const treatedAnchors = supportAnchors(exp, { trajectory: options.trajectory ?? 'first' });
  const nT = treatedAnchors.person.length;
  const unmatched: UnmatchedPerson[] = [];
  const emptyStrata: EmptyStratum[] = [];
  const cohorts = new Map<number, number[]>();
  for (let i = 0; i < nT; i++) {
    const p = treatedAnchors.person[i];
    if (key[p] < 0) {
      unmatched.push({ person: p, id: idOf(p), reason: 'missing-covariate' });
      continue;
    }
    const c = cohortWidth > 0 ? Math.floor(monthOfDay(treatedAnchors.start[i]) / cohortWidth) : 0;
    let list = cohorts.get(c);
    if (!list) cohorts.set(c, (list = []));
    list.push(i);
  }

  const obsStartMonth = firstFullMonth(exp.observation.start);
  const obsEndMonth = lastFullMonth(exp.observation.end);
  const pre = new PreParticipation(exp, preWindow, obsStartMonth, obsEndMonth);
  const tieRank = new Int32Array(nX);
  {
    const perm = createRandom(seed).shuffle(Int32Array.from({ length: nX }, (_, i) => i));
    for (let i = 0; i < nX; i++) tieRank[perm[i]] = i;
  }
  const pairTreatedRow: number[] = [];
  const pairControl: number[] = [];
  const pairDistance: number[] = [];
  const models: { cohort: string; fit: LogisticFit }[] = [];
  const balance = new BalanceAccumulator([
    ...balVars.map((v) => (v.kind === 'categorical' ? { name: v.name, levels: v.levels } : { name: v.name })),
    ...(distance === 'propensity' ? [{ name: 'propensity (logit)' }] : []),
  ]);

  // The model rows of a cohort: its supported persons (measured at their own support start), then
  // the candidates of its strata (measured at the cohort anchor, the median start month of the
  // supported persons with known covariates: with month cohorts, exactly their start month),
  // keeping rows with every distance covariate known. Built twice (model fit, then matching) rather
  // than kept: cohorts × candidates rows would not fit in memory.
  const buildRows = (tRows: Int32Array, strataKeys: readonly number[], report: boolean) => {
    const nTRows = tRows.length;
    let nRows = nTRows;
    for (const k of strataKeys) nRows += candidatesByKey.get(k)!.length;
    const personOfRow = new Int32Array(nRows);
    const anchorOfRow = new Int32Array(nRows);
    for (let r = 0; r < nTRows; r++) {
      personOfRow[r] = treatedAnchors.person[tRows[r]];
      anchorOfRow[r] = monthOfDay(treatedAnchors.start[tRows[r]]);
    }
    let r = nTRows;
    for (const k of strataKeys) for (const p of candidatesByKey.get(k)!) personOfRow[r++] = p;
    const ok = new Uint8Array(nRows).fill(1);
    const rawT = distVars.map((v) => rawValues(v, personOfRow, anchorOfRow, pre, 0, nTRows));
    for (const col of rawT) for (let j = 0; j < nTRows; j++) if (Number.isNaN(col[j])) ok[j] = 0;
    const known: number[] = [];
    for (let j = 0; j < nTRows; j++) if (ok[j]) known.push(anchorOfRow[j]);
    known.sort((x, y) => x - y);
    anchorOfRow.fill(known.length > 0 ? known[(known.length - 1) >> 1] : 0, nTRows);
    const raw = distVars.map((v, i) => {
      const col = rawValues(v, personOfRow, anchorOfRow, pre, nTRows, nRows);
      col.set(rawT[i].subarray(0, nTRows));
      return col;
    });
    for (const col of raw) for (let j = nTRows; j < nRows; j++) if (Number.isNaN(col[j])) ok[j] = 0;
    const kept = new Int32Array(nRows);
    let nKept = 0;
    let nKeptT = 0;
    for (let j = 0; j < nRows; j++) {
      if (ok[j]) {
        kept[nKept++] = j;
        if (j < nTRows) nKeptT++;
      } else if (report && j < nTRows) unmatched.push({ person: personOfRow[j], id: idOf(personOfRow[j]), reason: 'missing-covariate' });
    }
    return {
      nT: nKeptT,
      tAnchor: gather(Int32Array, tRows, kept, nKeptT),
      person: gather(Int32Array, personOfRow, kept, nKept),
      anchor: gather(Int32Array, anchorOfRow, kept, nKept),
      raw: raw.map((col) => gather(Float64Array, col, kept, nKept)),
    };
  };

  // Pass 1, per cohort: strata with candidates, and the propensity model's rows.
  interface CohortPlan {
    readonly label: string;
    readonly seed: number;
    /** Anchor rows of the supported persons in strata with candidates. */
    readonly tRows: Int32Array;
    readonly strata: readonly number[];
  }
  const plans: CohortPlan[] = [];
  const cohortKeys = [...cohorts.keys()].sort((a, b) => a - b);
  const labels = cohortKeys.map((c) => (cohortWidth > 0 ? cohortLabel(c, cohortWidth) : 'all'));
  const propensity = distance === 'propensity' ? new PropensityModel(distVars, labels) : undefined;
  cohortKeys.forEach((cohortKey, ci) => {
    const rowsT = cohorts.get(cohortKey)!;
    const cohortLabelText = labels[ci];
    const strata = new Map<number, number[]>();
    for (const i of rowsT) {
      const k = key[treatedAnchors.person[i]];
      let list = strata.get(k);
      if (!list) strata.set(k, (list = []));
      list.push(i);
    }
    const tRows: number[] = [];
    const strataKeys: number[] = [];
    for (const [k, list] of strata) {
      if (!candidatesByKey.has(k)) {
        emptyStrata.push({ cohort: cohortLabelText, stratum: stratumLabel(treatedAnchors.person[list[0]]), n_supported: list.length });
        for (const i of list) unmatched.push({ person: treatedAnchors.person[i], id: idOf(treatedAnchors.person[i]), reason: 'no-controls-in-stratum' });
        continue;
      }
      for (const i of list) tRows.push(i);
      strataKeys.push(k);
    }
    if (tRows.length === 0) return;
    const plan: CohortPlan = { label: cohortLabelText, seed: seed + cohortKey, tRows: Int32Array.from(tRows), strata: strataKeys };
    const rows = buildRows(plan.tRows, strataKeys, true);
    if (rows.nT === 0) return;
    if (rows.nT === rows.person.length) {
      for (let j = 0; j < rows.nT; j++) unmatched.push({ person: rows.person[j], id: idOf(rows.person[j]), reason: 'no-controls-in-stratum' });
      emptyStrata.push({ cohort: cohortLabelText, stratum: '(every stratum: no candidate with known covariates)', n_supported: rows.nT });
      return;
    }
    if (propensity) for (let j = 0; j < rows.person.length; j++) propensity.add(ci, j < rows.nT ? 1 : 0, rows.raw, j);
    plans.push(plan);
  });

  let caliperWidth = Infinity;
  if (propensity && plans.length > 0) {
    models.push({ cohort: 'all', fit: propensity.fit() });
    if (caliper !== undefined) caliperWidth = caliper * propensity.scoreSd();
  }

  // Pass 2, per cohort: distances, balance before matching, and matching stratum by stratum.
  for (const cohort of plans) {
    const ci = labels.indexOf(cohort.label);
    const rows0 = buildRows(cohort.tRows, cohort.strata, false);
    const raw = rows0.raw;
    const m = rows0.person.length;
    const nKeptT = rows0.nT;
    const rows = Array.from({ length: m }, (_, j) => j);
    let score: Float64Array = new Float64Array(0);
    let mahal: Float64Array | undefined;
    let design: { columns: Float64Array[]; names: string[] } | undefined;
    if (propensity) {
      score = new Float64Array(m);
      for (let j = 0; j < m; j++) score[j] = propensity.score(ci, raw, j);
    } else {
      design = designColumns(distVars, raw, rows);
      if (design.columns.length === 0) throw new SpecificationError(`cohort ${cohort.label}: every distance covariate is constant`);
      mahal = pooledInverseCovariance(design.columns, nKeptT, cohort.label, design.names);
    }
    const balCols = balVars.map((v, i) => (balDistIndex[i] >= 0 ? raw[balDistIndex[i]] : balanceColumn(v, rows0.person, rows0.anchor, pre)));
    if (propensity) balCols.push(score);
    balance.addBefore(balCols, nKeptT, m);

    const byStratumT = new Map<number, number[]>();
    const byStratumC = new Map<number, number[]>();
    for (let j = 0; j < m; j++) {
      const p = rows0.person[j];
      const target = j < nKeptT ? byStratumT : byStratumC;
      let list = target.get(key[p]);
      if (!list) target.set(key[p], (list = []));
      list.push(j);
    }
    const cohortPairs: number[][] = [];
    const rng = createRandom(cohort.seed);
    for (const [k, tj] of byStratumT) {
      const cj = byStratumC.get(k) ?? [];
      const tScore = propensity ? gather(Float64Array, score, tj, tj.length) : new Float64Array(tj.length);
      const idx = new Int32Array(tj.length);
      for (let i = 0; i < idx.length; i++) idx[i] = i;
      if (order === 'largest') idx.sort((a, b) => tScore[b] - tScore[a] || a - b);
      else if (order === 'smallest') idx.sort((a, b) => tScore[a] - tScore[b] || a - b);
      else if (order === 'random') rng.shuffle(idx);
      const cTie = new Int32Array(cj.length);
      for (let i = 0; i < cj.length; i++) cTie[i] = tieRank[rows0.person[cj[i]]];
      const sink = (t: number, c: number, d: number): void => {
        cohortPairs.push([tj[t], cj[c], d]);
      };
      let reason: Uint8Array;
      if (propensity) {
        reason = matchOnScore(tScore, idx, gather(Float64Array, score, cj, cj.length), cTie, ratio, replace, caliperWidth, sink);
      } else {
        const cols = design!.columns;
        const q = cols.length;
        const diff = new Float64Array(q);
        const dist = (t: number, c: number): number => {
          for (let a = 0; a < q; a++) diff[a] = cols[a][tj[t]] - cols[a][cj[c]];
          let s = 0;
          for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s += diff[a] * mahal![a * q + b] * diff[b];
          return Math.sqrt(Math.max(0, s));
        };
        reason = matchOnDistance(tj.length, idx, cj.length, cTie, dist, ratio, replace, sink);
      }
      for (let t = 0; t < tj.length; t++) {
        if (reason[t] === 0) continue;
        const p = rows0.person[tj[t]];
        unmatched.push({ person: p, id: idOf(p), reason: reason[t] === NO_MATCH_CALIPER ? 'caliper' : 'controls-exhausted' });
      }
    }
    const setCount = new Map<number, number>();
    for (const [tjRow] of cohortPairs) setCount.set(tjRow, (setCount.get(tjRow) ?? 0) + 1);
    const controlRows = new Int32Array(cohortPairs.length);
    const controlWeights = new Float64Array(cohortPairs.length);
    cohortPairs.forEach(([tjRow, cjRow, d], i) => {
      pairTreatedRow.push(rows0.tAnchor[tjRow]);
      pairControl.push(rows0.person[cjRow]);
      pairDistance.push(d);
      controlRows[i] = cjRow;
      controlWeights[i] = 1 / setCount.get(tjRow)!;
    });
    balance.addAfter(balCols, Int32Array.from(setCount.keys()), controlRows, controlWeights);
  }

  // Sets numbered by matched supported person; weights as MatchIt.
  const setOfAnchor = new Map<number, number>();
  for (const a of pairTreatedRow) if (!setOfAnchor.has(a)) setOfAnchor.set(a, setOfAnchor.size);
  const perSet = new Int32Array(setOfAnchor.size);
  for (const a of pairTreatedRow) perSet[setOfAnchor.get(a)!]++;
  const distinctControls = new Set(pairControl).size;
  const nMatchedT = setOfAnchor.size;
  const scale = nMatchedT > 0 ? distinctControls / nMatchedT : 0;
  const nPairs = pairControl.length;
  const nA = nMatchedT + nPairs;
  const aPerson = new Int32Array(nA);
  const aStart = new Int32Array(nA);
  const aEnd = new Int32Array(nA);
  const aGroup = new Int32Array(nA);
  const aWeight = new Float64Array(nA);
  const aCluster = new Int32Array(nA);
  const anchorRows = [...setOfAnchor.keys()].sort((a, b) => a - b);
  const setId = new Map<number, number>();
  anchorRows.forEach((a, s) => setId.set(a, s));
  anchorRows.forEach((a, s) => {
    aPerson[s] = treatedAnchors.person[a];
    aStart[s] = treatedAnchors.start[a];
    aEnd[s] = treatedAnchors.end[a];
    aWeight[s] = 1;
    aCluster[s] = s;
  });
  const personWeight = new Map<number, number>();
  const pSet = new Int32Array(nPairs);
  for (let i = 0; i < nPairs; i++) {
    const a = pairTreatedRow[i];
    const s = setId.get(a)!;
    const w = scale / perSet[setOfAnchor.get(a)!];
    const r = nMatchedT + i;
    aPerson[r] = pairControl[i];
    aStart[r] = treatedAnchors.start[a];
    aEnd[r] = treatedAnchors.end[a];
    aGroup[r] = 1;
    aWeight[r] = w;
    aCluster[r] = s;
    pSet[i] = s;
    personWeight.set(pairControl[i], (personWeight.get(pairControl[i]) ?? 0) + w);
  }
  const wPerson = new Int32Array(nMatchedT + personWeight.size);
  const wGroup = new Int32Array(wPerson.length);
  const wWeight = new Float64Array(wPerson.length);
  anchorRows.forEach((a, s) => {
    wPerson[s] = treatedAnchors.person[a];
    wWeight[s] = 1;
  });
  let wi = nMatchedT;
  for (const [p, w] of personWeight) {
    wPerson[wi] = p;
    wGroup[wi] = 1;
    wWeight[wi++] = w;
  }

  const balanceResult = balance.rows();
  const result: Omit<MatchResult, 'balanceTable' | 'summary'> = {
    anchors: { person: aPerson, start: aStart, end: aEnd, group: aGroup, groups: ['supported', 'control'], weight: aWeight, cluster: aCluster },
    pairs: {
      set: pSet,
      treated: Int32Array.from(pairTreatedRow, (a) => treatedAnchors.person[a]),
      control: Int32Array.from(pairControl),
      distance: Float64Array.from(pairDistance),
    },
    weights: { person: wPerson, group: wGroup, weight: wWeight },
    unmatched,
    emptyStrata,
    balance: balanceResult,
    propensityModels: models,
    n_supported: nT,
    n_matched_supported: nMatchedT,
    n_candidates: nCandidates,
    n_matched_controls: distinctControls,
  };
  return { ...result, balanceTable: () => balanceRows(balanceResult), summary: () => matchSummary(result) };
}

function matchSummary(r: Omit<MatchResult, 'balanceTable' | 'summary'>): string {
  const reasons = new Map<string, number>();
  for (const u of r.unmatched) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const width = Math.max(24, ...r.balance.map((b) => b.covariate.length));
  const lines = [
    `Matched ${r.n_matched_supported} of ${r.n_supported} supported persons to ${r.n_matched_controls} distinct controls (of ${r.n_candidates} never-supported candidates)`,
    ...[...reasons].map(([k, v]) => `  unmatched (${k}): ${v}`),
    r.emptyStrata.length > 0 ? `  exact strata without controls: ${r.emptyStrata.length}` : '  every exact stratum had controls',
    '  balance: standardised mean difference before → after; variance ratio before → after (numeric)',
    ...r.balance.map((b) => {
      const ratio = b.binary ? '' : `   ${fmt(b.variance_ratio_before)} → ${fmt(b.variance_ratio_after)}`;
      return `    ${b.covariate.padEnd(width)} ${fmt(b.smd_before)} → ${fmt(b.smd_after)}${ratio}`;
    }),
  ];
  return lines.join('\n');
}

function fmt(x: number | null): string {
  return x === null ? '   NA' : x.toFixed(3).padStart(6);
}

export type { BalanceRow };
