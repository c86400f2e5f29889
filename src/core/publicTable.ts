/**
 * The part of an arquero `ColumnTable` that the published type declarations promise. At run time
 * every table the library returns is a full arquero table (`toTable()`, `panelToTable`, …) and every
 * input that takes a table accepts one; the declarations name only these methods so that a
 * consumer's `tsc --strict` does not have to check arquero's own declaration files. For arquero's
 * verbs, import arquero and cast: `result.toTable() as unknown as import('arquero').ColumnTable`.
 */
export interface PublicColumnTable {
  /** Number of rows. */
  numRows(): number;
  /** Number of columns. */
  numCols(): number;
  /** Column names, in order. */
  columnNames(filter?: (name: string, index: number, array: string[]) => boolean): string[];
  /** The values of one column as an array. */
  array(name: string, constructor?: unknown): ArrayLike<unknown>;
  /** The value of one cell (row 0 by default). */
  get(name: string, row?: number): unknown;
  /** The rows as plain objects. */
  objects(options?: object): object[];
  /** The table as CSV text. */
  toCSV(options?: object): string;
  /** Print the table to the console. */
  print(options?: object | number): unknown;
}
