import type { EventPanel } from '../panel/types.js';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

/** How persons are grouped for cluster-robust inference: `auto` chooses from the design (see {@link resolveClustering}). */
export type ClusterBy = 'auto' | 'person' | 'set';

/**
 * Cluster index (0 … count−1) per panel person. `person` clusters on the person key, so a control
 * used in several matched sets (matching with replacement) is still one cluster; `set` uses the
 * panel's cluster column (matched set), a person without one forming its own cluster.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1, s: 1 }, { id: 'b', k: -1, y: 0, s: 1 }], { id: 'id', eventTime: 'k', outcome: 'y', cluster: 's' });
 * clusterIndex(panel, 'set').count; // 1
 * clusterIndex(panel, 'person').count; // 2
 */
export function clusterIndex(panel: Pick<EventPanel, 'persons'>, by: 'person' | 'set'): { index: Int32Array; count: number } {
  const P = panel.persons.length;
  const index = new Int32Array(P);
  if (by === 'person') {
    const seen = new Map<string, number>();
    for (let p = 0; p < P; p++) {
      const id = panel.persons.id[p];
      let c = seen.get(id);
      if (c === undefined) seen.set(id, (c = seen.size));
      index[p] = c;
    }
    return { index, count: seen.size };
  }
  const seen = new Map<number, number>();
  let count = 0;
  for (let p = 0; p < P; p++) {
    const c = panel.persons.cluster[p];
    if (c < 0) {
      index[p] = count++;
      continue;
    }
    let k = seen.get(c);
    if (k === undefined) seen.set(c, (k = count++));
    index[p] = k;
  }
  return { index, count };
}

/** The clustering an estimator used, and why. */
export interface Clustering {
  readonly by: 'person' | 'set';
  /** Why this clustering (the `auto` rule, or `requested`). */
  readonly reason: string;
  readonly index: Int32Array;
  readonly count: number;
}

/**
 * Resolve `cluster: 'auto' | 'person' | 'set'`. `auto` clusters by matched set when the panel has
 * matched sets and no person belongs to more than one (controls not reused), because the matching
 * ties a treated person's outcome to their controls' (by-person SEs are then about 8–10 % too large);
 * when a control serves in several sets, sets are not independent and `auto` clusters by person.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1, s: 1 }, { id: 'b', k: -1, y: 0, s: 1 }], { id: 'id', eventTime: 'k', outcome: 'y', cluster: 's' });
 * resolveClustering('diffInDiff', panel, 'auto').by; // 'set'
 */
export function resolveClustering(fn: string, panel: Pick<EventPanel, 'persons'>, requested: ClusterBy): Clustering {
  if (requested !== 'auto' && requested !== 'person' && requested !== 'set') {
    throw new SpecificationError(`${fn}: cluster must be 'auto', 'person' or 'set', got ${describeValue(requested)}`);
  }
  if (requested !== 'auto') return { by: requested, reason: 'requested', ...clusterIndex(panel, requested) };
  const { id, cluster } = panel.persons;
  const setOf = new Map<string, number>();
  let hasSets = false;
  let reused = false;
  for (let p = 0; p < panel.persons.length && !reused; p++) {
    if (cluster[p] < 0) continue;
    hasSets = true;
    const s = setOf.get(id[p]);
    if (s === undefined) setOf.set(id[p], cluster[p]);
    else if (s !== cluster[p]) reused = true;
  }
  if (!hasSets) return { by: 'person', reason: 'the panel has no matched sets', ...clusterIndex(panel, 'person') };
  if (reused) return { by: 'person', reason: 'a control serves in more than one matched set, so sets are not independent', ...clusterIndex(panel, 'person') };
  return { by: 'set', reason: 'matched sets share no person (controls not reused)', ...clusterIndex(panel, 'set') };
}

/** Below this many clusters cluster-robust standard errors are unreliable (a note says so). */
export const FEW_CLUSTERS = 30;

/**
 * Notes on the number of clusters behind a clustered estimate: fewer than {@link FEW_CLUSTERS}, or
 * clusters nested in the groups compared (each cluster holds one group only, while clusters are not persons).
 *
 * @example
 * fewClusterNotes(12, false, 'diffInDiff'); // ["only 12 clusters: cluster-robust standard errors are unreliable with fewer than about 30; consider inference: 'wild-bootstrap'"]
 * fewClusterNotes(400, false, 'eventStudy'); // []
 */
export function fewClusterNotes(clusters: number, nested: boolean, fn: string): string[] {
  const notes: string[] = [];
  const hint = fn === 'eventStudy' ? '' : "; consider inference: 'wild-bootstrap'";
  if (clusters < FEW_CLUSTERS) notes.push(`only ${clusters} clusters: cluster-robust standard errors are unreliable with fewer than about ${FEW_CLUSTERS}${hint}`);
  if (nested) notes.push('every cluster holds one group only (clusters nested in treatment): the comparison rests on between-cluster variation');
  return notes;
}

/**
 * Group codes of the treated and control group labels of a panel; a clear error when absent.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', g: 'supported', k: -1, y: 1 }, { id: 'b', g: 'control', k: -1, y: 0 }], { id: 'id', group: 'g', eventTime: 'k', outcome: 'y' });
 * const codes = groupCodes(panel, 'supported', 'control');
 * [panel.groups[codes.treated], panel.groups[codes.control]]; // ['supported', 'control']
 */
export function groupCodes(panel: Pick<EventPanel, 'groups'>, treated: string, control: string): { treated: number; control: number } {
  const t = panel.groups.indexOf(treated);
  const c = panel.groups.indexOf(control);
  if (t < 0 || c < 0) {
    throw new SpecificationError(
      `panel groups are ${JSON.stringify(panel.groups)}; treated group ${JSON.stringify(treated)} and control group ${JSON.stringify(control)} must both be present`,
    );
  }
  if (t === c) throw new SpecificationError('treated and control group must differ');
  return { treated: t, control: c };
}
