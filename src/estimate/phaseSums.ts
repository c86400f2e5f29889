import type { EventPanel } from '../panel/types.js';
import type { PersonClusters, PersonPhaseStatistics } from './personPhaseStatistics.js';

/**
 * One group's sufficient statistics for phase averages: per cluster that takes part, Σw·y and Σw for
 * before, during and after (stride 6), and the persons and person-months per phase.
 */
export interface GroupPhaseSums {
  /** Clusters that take part (rows of `sums`). */
  readonly clusters: number;
  /** Per cluster: Σw·y, Σw for before, during, after (stride 6). */
  readonly sums: Float64Array;
  readonly persons: readonly [number, number, number];
  readonly months: readonly [number, number, number];
  /** Persons with a before or an after month (the change's persons). */
  readonly personsEither: number;
}

/**
 * Sums for the persons of group `g` with weight > 0 (and, when `paired`, observed before and after).
 *
 * @example
 * // used by phaseAverages; see its example
 */
export function groupPhaseSums(panel: Pick<EventPanel, 'persons'>, stats: PersonPhaseStatistics, clusters: PersonClusters, g: number, withDuring: boolean, paired: boolean): GroupPhaseSums {
  const { weight, group } = panel.persons;
  const { count, sumY } = stats;
  const slot = new Map<number, number>();
  const sums: number[] = [];
  const persons: [number, number, number] = [0, 0, 0];
  const months: [number, number, number] = [0, 0, 0];
  let personsEither = 0;
  for (let p = 0; p < panel.persons.length; p++) {
    if (group[p] !== g || !(weight[p] > 0)) continue;
    const cb = count[p * 3];
    const ca = count[p * 3 + 2];
    if (paired && (cb === 0 || ca === 0)) continue;
    if (cb + ca + (withDuring ? count[p * 3 + 1] : 0) === 0) continue;
    let o = slot.get(clusters.cluster[p]);
    if (o === undefined) {
      slot.set(clusters.cluster[p], (o = sums.length));
      sums.push(0, 0, 0, 0, 0, 0);
    }
    for (let ph = 0; ph < 3; ph++) {
      const n = count[p * 3 + ph];
      if (n === 0 || (ph === 1 && !withDuring)) continue;
      sums[o + ph * 2] += weight[p] * sumY[p * 3 + ph];
      sums[o + ph * 2 + 1] += weight[p] * n;
      persons[ph]++;
      months[ph] += n;
    }
    if (cb + ca > 0) personsEither++;
  }
  return { clusters: sums.length / 6, sums: Float64Array.from(sums), persons, months, personsEither };
}
