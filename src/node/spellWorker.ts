/**
 * Worker thread of the parallel CSV reader: reads one byte range of a spell file into typed
 * columns ({@link readSpellRange}) and transfers them back (no per-row strings cross threads).
 * Started by `parallelSpellReader`; not meant to be imported.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { rangeBuffers, readSpellRange, SPELL_RANGE, SPELL_READY, type SpellRangeTask } from '../io/spellRange.js';

/** One range to read, as posted to the worker. */
export interface SpellWorkerData {
  readonly tag: typeof SPELL_RANGE;
  readonly task: SpellRangeTask;
  readonly path: string;
  /** The header line's bytes (with its line end, without a byte-order mark). */
  readonly header: Uint8Array;
  /** The byte range `[from, to)`, starting at a record boundary. */
  readonly from: number;
  readonly to: number;
}

// One range per message; the worker stays for the next one (the reader keeps a pool of them).
const port = parentPort;
// Messages are tagged, so that nothing else that may use the port (a module loader) is taken for a task.
port?.on('message', (data: SpellWorkerData) => {
  if (data?.tag !== SPELL_RANGE) return;
  const read = async () => readSpellRange(data.task, data.header, createReadStream(data.path, { start: data.from, end: data.to - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>, data.to - data.from);
  void read().then(
    (result) => port.postMessage({ tag: SPELL_RANGE, result }, rangeBuffers(result)),
    (err: unknown) => port.postMessage({ tag: SPELL_RANGE, result: { fallback: `the worker failed: ${err instanceof Error ? err.message : String(err)}` } }),
  );
});
// Only now that the listener is attached may the reader send tasks.
port?.postMessage({ tag: SPELL_READY });
