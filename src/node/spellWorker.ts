/**
 * Worker thread of the parallel CSV reader: claims chunks (byte ranges of spell files) through a
 * counter shared with the other threads, reads each into typed columns ({@link readSpellRange})
 * and transfers them back (no per-row strings cross threads). Started by `parallelSpellReader`;
 * not meant to be imported.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { rangeBuffers, readSpellRange, SPELL_RANGE, SPELL_READY, type SpellRangeResult, type SpellRangeTask } from '../io/spellRange.js';

/** One byte range of a spell file. */
export interface SpellChunk {
  readonly task: SpellRangeTask;
  readonly path: string;
  /** The header line's bytes (with its line end, without a byte-order mark). */
  readonly header: Uint8Array;
  /** The byte range `[from, to)`, starting at a record boundary. */
  readonly from: number;
  readonly to: number;
}

/** The chunks of one read, as posted to each worker, and the counter through which threads claim them. */
export interface SpellWorkerData {
  readonly tag: typeof SPELL_RANGE;
  readonly chunks: readonly SpellChunk[];
  /** One Int32: the index of the next chunk to claim (`Atomics.add`). */
  readonly counter: SharedArrayBuffer;
}

const port = parentPort;

/** Claim chunks until none is left, posting each result (its buffers transferred), then say so. */
async function readChunks(data: SpellWorkerData): Promise<void> {
  const counter = new Int32Array(data.counter);
  for (let j = Atomics.add(counter, 0, 1); j < data.chunks.length; j = Atomics.add(counter, 0, 1)) {
    const c = data.chunks[j]!;
    let result: SpellRangeResult;
    try {
      result = await readSpellRange(c.task, c.header, createReadStream(c.path, { start: c.from, end: c.to - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>, c.to - c.from);
    } catch (err) {
      result = { fallback: `the worker failed: ${err instanceof Error ? err.message : String(err)}` } as SpellRangeResult;
    }
    port!.postMessage({ tag: SPELL_RANGE, index: j, result }, rangeBuffers(result));
  }
  port!.postMessage({ tag: SPELL_RANGE, finished: true });
}

// One read per message; the worker stays for the next one (the reader keeps a pool of them).
// Messages are tagged, so that nothing else that may use the port (a module loader) is taken for a task.
port?.on('message', (data: SpellWorkerData) => {
  if (data?.tag === SPELL_RANGE) void readChunks(data);
});
// Only now that the listener is attached may the reader send tasks.
port?.postMessage({ tag: SPELL_READY });
