import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isControlled, type ControlledTable } from '../disclose/applyOutputControl.js';
import { formatOutputControlReport } from '../disclose/report.js';
import type { TableInput } from '../disclose/tableInput.js';
import { toControlledCsv, toControlledJson, type ControlledWriteOptions } from '../disclose/writers.js';

/**
 * Write a controlled table as CSV, with the output-control report next to it (`<path>.output-control.txt`)
 * to attach to the export request. Throws for a table that has not passed output control unless
 * `{ force: true }`; a forced file starts with a `# NOT OUTPUT-CONTROLLED…` line and gets no report.
 *
 * @example
 * import { applyOutputControl } from 'participation-effects';
 * import { writeControlledCsv } from 'participation-effects/node';
 * await writeControlledCsv('out/participation.csv', applyOutputControl([{ group: 'A', n: 40, estimate: 0.3 }]));
 */
export async function writeControlledCsv(path: string, result: ControlledTable | TableInput, options: ControlledWriteOptions = {}): Promise<void> {
  const text = toControlledCsv(result, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
  if (isControlled(result)) await writeFile(`${path}.output-control.txt`, formatOutputControlReport(result.report), 'utf8');
}

/**
 * Write a controlled table as JSON `{ output_control, columns, rows }` (the report is inside).
 * Throws for a table that has not passed output control unless `{ force: true }`; a forced file says
 * `output_control: { controlled: false, warning: "NOT OUTPUT-CONTROLLED…" }`.
 *
 * @example
 * import { applyOutputControl } from 'participation-effects';
 * import { writeControlledJson } from 'participation-effects/node';
 * await writeControlledJson('out/participation.json', applyOutputControl([{ group: 'A', n: 40, estimate: 0.3 }]));
 */
export async function writeControlledJson(path: string, result: ControlledTable | TableInput, options: ControlledWriteOptions = {}): Promise<void> {
  const text = toControlledJson(result, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}
