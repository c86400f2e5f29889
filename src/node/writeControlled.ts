import { checkOptions, isPlainObject } from '../core/options.js';
import { isControlled, type ControlledTable } from '../disclose/applyOutputControl.js';
import { formatOutputControlReport } from '../disclose/report.js';
import type { TableInput } from '../disclose/tableInput.js';
import { toControlledCsv, toControlledJson, type ControlledWriteOptions } from '../disclose/writers.js';
import { writeFilesAs, type AtomicWriteOptions } from './atomicWrite.js';

/** Options of the Node writers: those of the text writers, plus what may be replaced. */
export interface ControlledFileOptions extends ControlledWriteOptions {
  /** Replace existing files (default false: an existing file is refused with a `SpecificationError` naming its path). */
  readonly overwrite?: boolean;
  /** Paths of the job's inputs, never overwritten. */
  readonly inputs?: readonly string[];
}

function split(fn: string, options: ControlledFileOptions): [ControlledWriteOptions, AtomicWriteOptions] {
  checkOptions(fn, options, { force: true, delimiter: true, overwrite: true, inputs: true });
  if (!isPlainObject(options)) return [options, {}];
  const { overwrite = false, inputs, ...text } = options as ControlledFileOptions;
  return [text, { overwrite, ...(inputs ? { inputs } : {}) }];
}

/**
 * Write a controlled table as CSV, with the output-control report next to it (`<path>.output-control.txt`)
 * to attach to the export request. Both files are written completely before either appears (a
 * failure leaves neither half-written); an existing file is refused unless `{ overwrite: true }`, and an
 * input of the job (`inputs`) is never overwritten. Throws for a table that has not passed output control unless
 * `{ force: true }`; a forced file starts with a `# NOT OUTPUT-CONTROLLED…` line and gets no report.
 *
 * @example
 * import { applyOutputControl } from 'participation-effects';
 * import { writeControlledCsv } from 'participation-effects/node';
 * await writeControlledCsv('out/participation.csv', applyOutputControl([{ group: 'A', n: 40, estimate: 0.3 }]));
 */
export async function writeControlledCsv(path: string, result: ControlledTable | TableInput, options: ControlledFileOptions = {}): Promise<void> {
  const [textOptions, fileOptions] = split('writeControlledCsv', options);
  const files: Record<string, string> = { [path]: toControlledCsv(result, textOptions) };
  if (isControlled(result)) files[`${path}.output-control.txt`] = formatOutputControlReport(result.report);
  await writeFilesAs('writeControlledCsv', files, fileOptions);
}

/**
 * Write a controlled table as JSON `{ output_control, columns, rows }` (the report is inside).
 * Refuses an existing file unless `{ overwrite: true }`.
 * Throws for a table that has not passed output control unless `{ force: true }`; a forced file says
 * `output_control: { controlled: false, warning: "NOT OUTPUT-CONTROLLED…" }`.
 *
 * @example
 * import { applyOutputControl } from 'participation-effects';
 * import { writeControlledJson } from 'participation-effects/node';
 * await writeControlledJson('out/participation.json', applyOutputControl([{ group: 'A', n: 40, estimate: 0.3 }]));
 */
export async function writeControlledJson(path: string, result: ControlledTable | TableInput, options: ControlledFileOptions = {}): Promise<void> {
  const [textOptions, fileOptions] = split('writeControlledJson', options);
  await writeFilesAs('writeControlledJson', { [path]: toControlledJson(result, textOptions) }, fileOptions);
}
