/** Why a published value was withheld or changed. */
export type SuppressionReason =
  | 'primary:min-persons'
  | 'primary:min-count'
  | 'primary:min-count-complement'
  | 'primary:count-unknown'
  | 'primary:implied-count'
  | 'primary:implied-count-complement'
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
  /**
   * Rows before this index are the table's; rows from it on are margins published elsewhere: they take
   * part in the additive lines but can never be withheld (they are out already).
   */
  readonly tableRows: number;
}

/** @example newSuppressionState([{ n: 3 }]).whole[0]; // 0 */
export function newSuppressionState(rows: Record<string, unknown>[], margins: readonly Record<string, unknown>[] = []): SuppressionState {
  const all = margins.length === 0 ? rows : [...rows, ...margins];
  return { rows: all, whole: new Uint8Array(all.length), reasons: all.map(() => []), cells: new Map(), tableRows: rows.length };
}

/**
 * Whether a row can still be withheld: a table row not withheld yet (margins published elsewhere never can).
 *
 * @example
 * const s = newSuppressionState([{ n: 3 }], [{ n: 3 }]);
 * [canWithhold(s, 0), canWithhold(s, 1)]; // [true, false]
 */
export function canWithhold(state: SuppressionState, row: number): boolean {
  return row < state.tableRows && !state.whole[row];
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
