/** Why a published value was withheld or changed. */
export type SuppressionReason =
  | 'primary:min-persons'
  | 'primary:min-count'
  | 'primary:min-count-complement'
  | 'primary:percentile-sides'
  | 'secondary:total'
  | 'secondary:complement'
  | 'secondary:linked-totals'
  | 'secondary:withheld-sum'
  | 'rounding:interval-not-recomputable'
  | 'rounding:zero-denominator';

/**
 * Working state of output control over one table: which rows are withheld entirely (all value columns),
 * which single cells are withheld, and why.
 */
export interface SuppressionState {
  readonly rows: Record<string, unknown>[];
  /** 1 where every value of the row is withheld. */
  readonly whole: Uint8Array;
  /** Reasons per row, in the order the rules hit it. */
  readonly reasons: SuppressionReason[][];
  /** Single cells withheld in rows that are otherwise published: row → column → reason. */
  readonly cells: Map<number, Map<string, SuppressionReason>>;
}

/** @example newSuppressionState([{ n: 3 }]).whole[0]; // 0 */
export function newSuppressionState(rows: Record<string, unknown>[]): SuppressionState {
  return { rows, whole: new Uint8Array(rows.length), reasons: rows.map(() => []), cells: new Map() };
}

/** @example const s = newSuppressionState([{ n: 3 }]); withholdRow(s, 0, 'primary:min-persons'); s.whole[0]; // 1 */
export function withholdRow(state: SuppressionState, row: number, reason: SuppressionReason): void {
  state.whole[row] = 1;
  if (!state.reasons[row].includes(reason)) state.reasons[row].push(reason);
}

/** @example const s = newSuppressionState([{ median: 4 }]); withholdCell(s, 0, 'median', 'primary:percentile-sides'); s.cells.get(0)?.get('median'); // 'primary:percentile-sides' */
export function withholdCell(state: SuppressionState, row: number, column: string, reason: SuppressionReason): void {
  let cells = state.cells.get(row);
  if (!cells) state.cells.set(row, (cells = new Map()));
  if (!cells.has(column)) cells.set(column, reason);
  if (!state.reasons[row].includes(reason)) state.reasons[row].push(reason);
}
