/**
 * Worker thread of the parallel CSV reader: reads one byte range of a spell file into typed
 * columns ({@link readSpellRange}) and transfers them back (no per-row strings cross threads).
 * Started by `parallelSpellReader`; not meant to be imported.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { rangeBuffers, readSpellRange, type SpellRangeTask } from '../io/spellRange.js';

/** What the worker is started with. */
export interface SpellWorkerData {
  readonly task: SpellRangeTask;
  readonly path: string;
  /** The header line's bytes (with its line end, without a byte-order mark). */
  readonly header: Uint8Array;
  /** The byte range `[from, to)`, starting at a record boundary. */
  readonly from: number;
  readonly to: number;
}

if (parentPort) {
  const data = workerData as SpellWorkerData;
  const stream = createReadStream(data.path, { start: data.from, end: data.to - 1, highWaterMark: 1 << 20 });
  const result = await readSpellRange(data.task, data.header, stream as AsyncIterable<Uint8Array>, data.to - data.from);
  parentPort.postMessage(result, rangeBuffers(result));
}
