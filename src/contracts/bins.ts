import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';

/** Tenure bins as month edges: bin i is [edges[i-1], edges[i]) completed months; the last is open. */
export interface TenureBins {
  readonly edges: readonly number[];
  readonly labels: readonly string[];
}

/**
 * The report's bins: `< 6 months`, `6–12 months`, `1–2 years`, `> 2 years` (edges 6, 12, 24
 * completed months; the top bin holds tenures of 24 completed months or more).
 *
 * @example
 * DEFAULT_TENURE_BINS.labels[3]; // '> 2 years'
 */
export const DEFAULT_TENURE_BINS: TenureBins = {
  edges: [6, 12, 24],
  labels: ['< 6 months', '6–12 months', '1–2 years', '> 2 years'],
};

/**
 * Label of the row of persons whose left-censored tenure cannot be binned.
 *
 * @example
 * UNKNOWN_BIN; // 'unknown'
 */
export const UNKNOWN_BIN = 'unknown';
/**
 * Label of the row of persons in the population without an active relationship.
 *
 * @example
 * NO_RELATIONSHIP_BIN; // 'no relationship'
 */
export const NO_RELATIONSHIP_BIN = 'no relationship';

function duration(months: number): string {
  return months % 12 === 0 && months > 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} months`;
}

/**
 * Bins from month edges, with readable labels (`< 6 months`, `6–18 months`, `1–2 years`, `> 2 years`).
 *
 * @example
 * tenureBins([12, 36]).labels; // ['< 1 year', '1–3 years', '> 3 years']
 */
export function tenureBins(edges: readonly number[]): TenureBins {
  if (!Array.isArray(edges)) throw new SpecificationError(`tenureBins expects an array of month edges, got ${describeValue(edges)}`);
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isInteger(edges[i]) || edges[i] <= 0 || (i > 0 && edges[i] <= edges[i - 1])) {
      throw new SpecificationError(`bins must be strictly increasing positive whole months, got [${edges.map(String).join(', ')}]`);
    }
  }
  if (edges.length === 0) return { edges: [], labels: ['any tenure'] };
  const labels = [`< ${duration(edges[0])}`];
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1];
    const b = edges[i];
    labels.push(a % 12 === 0 && b % 12 === 0 ? `${a / 12}–${b / 12} years` : `${a}–${b} months`);
  }
  labels.push(`> ${duration(edges[edges.length - 1])}`);
  return { edges: [...edges], labels };
}

/** Resolve the `bins` option: undefined → defaults, an array of month edges, or a full {@link TenureBins}. */
export function resolveBins(bins: readonly number[] | TenureBins | undefined): TenureBins {
  if (bins === undefined) return DEFAULT_TENURE_BINS;
  if (Array.isArray(bins)) return tenureBins(bins as readonly number[]);
  if (!isPlainObject(bins) || !Array.isArray(bins.edges) || !Array.isArray(bins.labels))
    throw new SpecificationError(`bins must be an array of month edges or { edges, labels }, got ${describeValue(bins)}`);
  const b = bins as TenureBins;
  const checked = tenureBins(b.edges);
  if (b.labels.length !== checked.labels.length) throw new SpecificationError(`bins: ${b.edges.length} edges need ${checked.labels.length} labels, got ${b.labels.length}`);
  return { edges: checked.edges, labels: [...b.labels] };
}
