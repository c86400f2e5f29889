import type { QualityReport } from '../io/types.js';
import type { PanelShape } from './types.js';

/**
 * Sufficient statistics of an event panel: one cell per panel person × phase × event time with
 * the person-months `n`, the outcome sum `sumY` and their weighted versions `sumW = w·n` and
 * `sumWY = w·sumY` (w the person's analysis weight). Every panel estimator (participation profile,
 * phase averages, change, difference-in-differences, event study) is a function of these cells and
 * the per-person columns, so a query engine can compute them where the data lives
 * (docs/guides/scale.md) and hand back a table of a few columns instead of the spells.
 *
 * Cells are sorted by person, then phase, then event time, like the panel's rows; `offsets` gives
 * each person's slice. A cell built from a monthly panel holds one person-month (`n` = 1); a cell
 * with `n` > 1 pools person-months that share person, phase and event time.
 */
export interface PanelStatistics extends PanelShape {
  /** Marks the object as panel statistics (an {@link EventPanel} has no `kind`). */
  readonly kind: 'panel-statistics';
  /** Person-months per cell (≥ 1). */
  readonly n: Int32Array;
  /** Σ outcome per cell. */
  readonly sumY: Float64Array;
  /** Σ weight per cell (the person's weight × n). */
  readonly sumW: Float64Array;
  /** Σ weight × outcome per cell. */
  readonly sumWY: Float64Array;
  /** Person-months left out because the outcome was missing (outcomes other than participation). */
  readonly missingOutcome?: number;
  /** The checks of the files the statistics were computed from, when a query engine read them (`duckdbPanelStatistics` with `check: 'full'`). */
  readonly quality?: QualityReport;
}

/**
 * True when `x` is a {@link PanelStatistics} (and not an event panel).
 *
 * @example
 * isPanelStatistics({ kind: 'panel-statistics' }); // true
 * isPanelStatistics({ length: 0 }); // false
 */
export function isPanelStatistics(x: unknown): x is PanelStatistics {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'panel-statistics';
}
