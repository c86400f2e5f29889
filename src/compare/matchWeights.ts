/**
 * From matched pairs to matched sets: set numbers, the pseudo anchors of the controls, and the
 * MatchIt ATT weights.
 */
import type { PanelAnchors } from '../panel/types.js';

/**
 * Matched pairs as they are found: the supported person's anchor row, the control (export row),
 * their distance, and the values of the `q` distance covariates each was matched on, in growable
 * typed arrays.
 *
 * @example
 * const p = new MatchedPairs(1);
 * p.add(3, 17, 0.25, [new Float64Array([0.5, 0.25])], 0, 1);
 * [p.length, p.control[0], p.treatedValues[0], p.controlValues[0]]; // [1, 17, 0.5, 0.25]
 */
export class MatchedPairs {
  length = 0;
  anchor: Int32Array = new Int32Array(1024);
  control: Int32Array = new Int32Array(1024);
  distance: Float64Array = new Float64Array(1024);
  /** Covariate values (q per pair) of the supported person and of the control. */
  treatedValues: Float64Array;
  controlValues: Float64Array;

  constructor(readonly q = 0) {
    this.treatedValues = new Float64Array(1024 * q);
    this.controlValues = new Float64Array(1024 * q);
  }

  /** Add a pair; `raw[i][t]` and `raw[i][c]` are the covariate values of its model rows t and c. */
  add(anchorRow: number, control: number, distance: number, raw: readonly Float64Array[] = [], t = 0, c = 0): void {
    if (this.length === this.anchor.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const out = new (a.constructor as { new (n: number): T })(2 * a.length);
        out.set(a);
        return out;
      };
      this.anchor = grow(this.anchor);
      this.control = grow(this.control);
      this.distance = grow(this.distance);
      this.treatedValues = grow(this.treatedValues);
      this.controlValues = grow(this.controlValues);
    }
    for (let i = 0; i < this.q; i++) {
      this.treatedValues[this.length * this.q + i] = raw[i][t];
      this.controlValues[this.length * this.q + i] = raw[i][c];
    }
    this.anchor[this.length] = anchorRow;
    this.control[this.length] = control;
    this.distance[this.length++] = distance;
  }
}

/** Matched sets, pseudo anchors and weights (the fields of the match result they fill). */
export interface MatchedSets {
  readonly anchors: PanelAnchors;
  readonly pairs: { readonly set: Int32Array; readonly treated: Int32Array; readonly control: Int32Array; readonly distance: Float64Array };
  readonly weights: { readonly person: Int32Array; readonly group: Int32Array; readonly weight: Float64Array };
  readonly n_matched_supported: number;
  readonly n_matched_controls: number;
  readonly controlsReused: boolean;
  /** Per distance covariate, the value each anchor row was matched on (categorical: the level code). */
  readonly raw: readonly Float64Array[];
}

/**
 * Number the sets by matched supported person (in anchor order) and weigh as MatchIt's ATT:
 * supported 1; a control Σ over its sets of 1/(controls in the set), scaled so control weights sum
 * to the number of distinct matched controls. In `anchors` a control has one row per set with
 * weight scale/(controls in the set), the supported person's start and end, and the set as cluster.
 */
export function matchedSets(found: MatchedPairs, supported: PanelAnchors): MatchedSets {
  const nPairs = found.length;
  const nAnchors = supported.person.length;
  // Set of each matched anchor row: its rank among matched anchor rows; controls per set.
  const setOfAnchor = new Int32Array(nAnchors).fill(-1);
  for (let i = 0; i < nPairs; i++) setOfAnchor[found.anchor[i]] = 0;
  let nSets = 0;
  for (let a = 0; a < nAnchors; a++) if (setOfAnchor[a] === 0) setOfAnchor[a] = ++nSets;
  for (let a = 0; a < nAnchors; a++) setOfAnchor[a]--;
  const perSet = new Int32Array(nSets);
  for (let i = 0; i < nPairs; i++) perSet[setOfAnchor[found.anchor[i]]]++;
  // Distinct controls in order of first appearance, and each control's slot among them (by export row).
  let maxPerson = -1;
  for (let i = 0; i < nPairs; i++) maxPerson = Math.max(maxPerson, found.control[i]);
  const slot = new Int32Array(maxPerson + 1).fill(-1);
  const controls: number[] = [];
  for (let i = 0; i < nPairs; i++) {
    const c = found.control[i];
    if (slot[c] < 0) slot[c] = controls.push(c) - 1;
  }
  const distinct = controls.length;
  const controlWeight = new Float64Array(distinct);
  const scale = nSets > 0 ? distinct / nSets : 0;

  const nA = nSets + nPairs;
  const anchors = { person: new Int32Array(nA), start: new Int32Array(nA), end: new Int32Array(nA), group: new Int32Array(nA), weight: new Float64Array(nA), cluster: new Int32Array(nA) };
  for (let a = 0; a < nAnchors; a++) {
    const s = setOfAnchor[a];
    if (s < 0) continue;
    anchors.person[s] = supported.person[a];
    anchors.start[s] = supported.start[a];
    anchors.end[s] = supported.end[a];
    anchors.weight[s] = 1;
    anchors.cluster[s] = s;
  }
  const q = found.q;
  const raw = Array.from({ length: q }, () => new Float64Array(nA));
  const pairSet = new Int32Array(nPairs);
  const treated = new Int32Array(nPairs);
  for (let i = 0; i < nPairs; i++) {
    const a = found.anchor[i];
    const s = setOfAnchor[a];
    const w = scale / perSet[s];
    const r = nSets + i;
    anchors.person[r] = found.control[i];
    anchors.start[r] = supported.start[a];
    anchors.end[r] = supported.end[a];
    anchors.group[r] = 1;
    anchors.weight[r] = w;
    anchors.cluster[r] = s;
    pairSet[i] = s;
    treated[i] = supported.person[a];
    controlWeight[slot[found.control[i]]] += w;
    for (let v = 0; v < q; v++) {
      raw[v][s] = found.treatedValues[i * q + v];
      raw[v][r] = found.controlValues[i * q + v];
    }
  }
  const weights = { person: new Int32Array(nSets + distinct), group: new Int32Array(nSets + distinct), weight: new Float64Array(nSets + distinct) };
  weights.person.set(anchors.person.subarray(0, nSets));
  weights.weight.fill(1, 0, nSets);
  for (let k = 0; k < distinct; k++) {
    weights.person[nSets + k] = controls[k];
    weights.group[nSets + k] = 1;
    weights.weight[nSets + k] = controlWeight[k];
  }
  return {
    anchors: { ...anchors, groups: ['supported', 'control'] },
    pairs: { set: pairSet, treated, control: found.control.slice(0, nPairs), distance: found.distance.slice(0, nPairs) },
    weights,
    n_matched_supported: nSets,
    n_matched_controls: distinct,
    controlsReused: distinct < nPairs,
    raw,
  };
}
