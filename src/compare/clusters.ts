import type { EventPanel } from '../panel/types.js';
import { SpecificationError } from '../core/errors.js';

/** How persons are grouped for cluster-robust inference. */
export type ClusterBy = 'person' | 'set';

/**
 * Cluster index (0 … count−1) per panel person. `person` clusters on the person key, so a control
 * used in several matched sets (matching with replacement) is still one cluster; `set` uses the
 * panel's cluster column (matched set), a person without one forming its own cluster.

 */
export function clusterIndex(panel: EventPanel, by: ClusterBy): { index: Int32Array; count: number } {
  const P = panel.persons.length;
  const index = new Int32Array(P);
  if (by === 'person') {
    const seen = new Map<string, number>();
    for (let p = 0; p < P; p++) {
      const id = panel.persons.id[p];
      let c = seen.get(id);
      if (c === undefined) {
        c = seen.size;
        seen.set(id, c);
      }
      index[p] = c;
    }
    return { index, count: seen.size };
  }
  if (by !== 'set') throw new SpecificationError(`cluster must be 'person' or 'set', got ${JSON.stringify(by)}`);
  const seen = new Map<number, number>();
  let count = 0;
  for (let p = 0; p < P; p++) {
    const c = panel.persons.cluster[p];
    if (c < 0) {
      index[p] = count++;
      continue;
    }
    let k = seen.get(c);
    if (k === undefined) {
      k = count++;
      seen.set(c, k);
    }
    index[p] = k;
  }
  return { index, count };
}

/** Group codes of the treated and control group labels of a panel; a clear error when absent. */
export function groupCodes(panel: EventPanel, treated: string, control: string): { treated: number; control: number } {
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
