/** A cell of a percent-format notebook source. */
export interface SourceCell {
  readonly type: 'markdown' | 'code';
  readonly source: string;
}
/** Cells of a percent-format source (`// %% [markdown]` and `// %%` markers). */
export function parseCells(text: string): SourceCell[];
