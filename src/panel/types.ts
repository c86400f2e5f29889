/**
 * The event-time panel: person-months relative to a person's support anchors, columnar.
 * Only observed person-months are stored (unobserved is missing, never zero), sorted by
 * person, then phase, then event time; `offsets` gives each person's slice.
 */
import type { PanelStatistics } from './panelStatistics.js';

/** Phases of event time: before support start, during support, after support end. */
export type Phase = 'before' | 'during' | 'after';

/**
 * Phase names by their code in {@link EventPanel.phase}.
 *
 * @example
 * PHASES[2]; // 'after'
 */
export const PHASES: readonly Phase[] = ['before', 'during', 'after'];

/**
 * Phase code as stored in {@link EventPanel.phase}.
 *
 * @example
 * PHASES[PHASE_CODE.after]; // 'after'
 */
export const PHASE_CODE: Readonly<Record<Phase, number>> = { before: 0, during: 1, after: 2 };

/** Per-person columns of a panel (index = panel person). */
export interface PanelPersons {
  readonly length: number;
  /** Person key as text (`RINPERSOONS` + `RINPERSOON` for exports, the id column for long panels). */
  readonly id: readonly string[];
  /** Row in the export's persons table, or -1 when the panel was built from a long table. */
  readonly exportIndex: Int32Array;
  /** Group code, index into {@link EventPanel.groups}. */
  readonly group: Int32Array;
  /** Analysis weight (1 unless matching or the user says otherwise). */
  readonly weight: Float64Array;
  /** Cluster for inference (matched set, or the person itself): an integer id; -1 = the person itself. */
  readonly cluster: Int32Array;
  /** Anchor month numbers (support start S and end E); -1 when unknown, E = -1 also when support is ongoing. */
  readonly anchorStart: Int32Array;
  readonly anchorEnd: Int32Array;
}

/** Resolved options the panel was built with, carried along for estimators and figures. */
export interface PanelSpec {
  /** Months before S in phase `before` (k = -before … -1). */
  readonly before: number;
  /** Months after E in phase `after` (k = 1 … after). */
  readonly after: number;
  /** Whether phase `during` rows are present. */
  readonly during: boolean;
  /**
   * The outcome's label: the participation definition used (`any-day`, …), another outcome
   * (`earnings:month`, `days-worked`, `earnings-above:minimum-wage`, `benefit:bijstand`, …), or
   * `'long'` for {@link panelFromLong}.
   */
  readonly definition: string;
  /** Observation period as inclusive month numbers, or undefined for long panels. */
  readonly observation?: { readonly startMonth: number; readonly endMonth: number };
}

/**
 * What an event panel and its sufficient statistics share: the per-person columns, the group
 * labels, and per row (panel) or cell (statistics) the person, phase and event time, sorted by
 * person, then phase, then event time.
 */
export interface PanelShape {
  readonly persons: PanelPersons;
  /** Group labels (e.g. `['supported']`, or `['supported', 'control']`). */
  readonly groups: readonly string[];
  /** Number of rows (panel: observed person-months) or cells (statistics). */
  readonly length: number;
  /** Panel person index per row or cell. */
  readonly person: Int32Array;
  /** Phase code per row or cell (see {@link PHASES}). */
  readonly phase: Uint8Array;
  /** Event time k per row or cell: negative before S, counted from S during, positive after E. */
  readonly eventTime: Int16Array;
  /** CSR offsets by panel person, length persons + 1. */
  readonly offsets: Int32Array;
  /** True when the outcome is an indicator and every value is 0 or 1 (amounts such as earnings never are). */
  readonly binary: boolean;
  /** Resolved options the panel was built with. */
  readonly spec: PanelSpec;
}

/** A columnar event-time panel. */
export interface EventPanel extends PanelShape {
  /** Outcome per row: 0/1 participation (or another indicator), an amount (earnings, hours, days), or any number for long panels. */
  readonly outcome: Float64Array;
  /** Calendar month number per row, or -1 when unknown (long panels). */
  readonly month: Int32Array;
  /**
   * Person-months inside the windows and observed but left out because the outcome is missing
   * (e.g. a job without a wage); present for outcomes other than participation.
   */
  readonly missingOutcome?: number;
  /**
   * The panel's sufficient statistics (one cell per person × phase × event time with n, Σy, Σw,
   * Σwy; see `panelStatistics`), which every panel estimator accepts in place of the panel.
   * Call it on the panel (`panel.statistics()`); JSON leaves it out.
   */
  statistics(): PanelStatistics;
}

/**
 * Who is in a panel and relative to which dates: one row per panel person. `eventPanel`
 * derives this from the support trajectories by default; `matchControls` returns it for
 * treated persons plus their matched controls (with pseudo anchors).
 */
export interface PanelAnchors {
  /** Row in the export's persons table. */
  readonly person: Int32Array;
  /** Anchor start S as a day number. */
  readonly start: Int32Array;
  /** Anchor end E as a day number ({@link core!OPEN_END} when support is ongoing: no `after` phase). */
  readonly end: Int32Array;
  /** Group code per row, index into `groups`. */
  readonly group: Int32Array;
  readonly groups: readonly string[];
  /** Analysis weight per row (default 1). */
  readonly weight?: Float64Array;
  /** Cluster id per row (e.g. matched set); default: each person its own cluster. */
  readonly cluster?: Int32Array;
}
