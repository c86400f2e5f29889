/**
 * Memory of reading a large Arrow IPC employment file: a stream-format file of `rows` spells in
 * record batches of `batch` rows (written batch by batch, so writing it never holds it whole),
 * read with `readCbsExport`, which reads it batch by batch; and, for contrast, the same file
 * read into memory and decoded as one table, then loaded (as the loader did before it read Arrow
 * in batches); and the same rows as CSV, which streams. All three hold the same export (typed
 * columns of every spell and person) at the end.
 * Each read runs in its own process; prints time and peak RSS.
 *
 * Usage: node --import tsx tests/bench/arrowFile.ts [rows=4000000] [batch=65536]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from '@uwdata/flechette';
import { table, toArrowIPC, toCSV } from 'arquero';
import { arrowMessages } from '../../src/io/arrowMessages.js';
import { sliceChunks } from '../../src/io/byteStream.js';
import { loadCbsExport } from '../../src/index.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';

const [mode = 'run', rowsArg = '4000000', batchArg = '65536'] = ['read', 'whole', 'csv'].includes(process.argv[2]!) ? process.argv.slice(2) : ['run', ...process.argv.slice(2)];
const rows = Number(rowsArg);
const batch = Number(batchArg);
const persons = Math.max(1, Math.floor(rows / 4));
const dir = resolve(fileURLToPath(new URL('../../out/', import.meta.url)), `bench-arrow-${rows}-${batch}`);
const files = { persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: join(dir, 'employment.arrows') };
const csvFile = join(dir, 'employment.csv');
const key = (p: number) => String(p * 7 + 3).padStart(9, '0');
const ymd = (day: number) => new Date(Date.UTC(2012, 0, 1 + day)).toISOString().slice(0, 10).replaceAll('-', '');

/** Writes the export: persons and support as CSV, employment as an Arrow stream, one batch at a time. */
async function write(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(files.persons, 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\n' + Array.from({ length: persons }, (_, p) => `R;${key(p)};${1950 + (p % 50)};${1 + (p % 2)}\n`).join(''));
  writeFileSync(files.support, 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\n' + Array.from({ length: Math.ceil(persons / 10) }, (_, i) => `R;${key(i * 10)};${ymd(i % 3000)};;Participatiewet;regulier\n`).join(''));
  const fd = openSync(files.employment, 'w');
  const csv = openSync(csvFile, 'w');
  writeSync(csv, 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\n');
  for (let from = 0; from < rows; from += batch) {
    const n = Math.min(batch, rows - from);
    const ids = Array.from({ length: n }, (_, j) => from + j);
    const part = table({
      RINPERSOONS: ids.map(() => 'R'),
      RINPERSOON: ids.map((i) => key(i % persons)),
      SBEID: ids.map((i) => `E${i % 313}`),
      AANVBUS: ids.map((i) => ymd((i * 11) % 3000)),
      EINDBUS: ids.map((i) => (i % 9 === 0 ? null : ymd(((i * 11) % 3000) + (i % 400)))),
      SCONTRACTSOORT: ids.map((i) => (i % 13 === 0 ? null : i % 2 ? 'B' : 'O')),
    });
    // Each batch as its own stream: its schema only the first time, its dictionaries and record batch always.
    for await (const m of arrowMessages(sliceChunks(toArrowIPC(part)), files.employment)) if (m.type !== 1 || from === 0) writeSync(fd, m.bytes);
    writeSync(csv, toCSV(part, { delimiter: ';', header: false }));
  }
  closeSync(fd);
  closeSync(csv);
}

const mb = (b: number) => (b / 1e6).toFixed(0);
const peak = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

if (mode === 'csv') {
  const t0 = performance.now();
  const exp = await readCbsExport({ ...files, employment: csvFile }, { observation: { start: '20120101', end: '20251231' }, threads: 1 });
  console.log(`  the same rows as CSV (readCbsExport, streamed, one thread): ${exp.employment.length.toLocaleString('en')} spells in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${peak()}`);
} else if (mode === 'read') {
  const t0 = performance.now();
  const exp = await readCbsExport(files, { observation: { start: '20120101', end: '20251231' } });
  console.log(`  read in batches (readCbsExport): ${exp.employment.length.toLocaleString('en')} spells in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${peak()}`);
} else if (mode === 'whole') {
  // As the loader did before: the whole file in memory, decoded as one table, then loaded. (Decoded
  // by flechette into arrays: arquero's fromArrow misreads dictionaries that change between batches.)
  const t0 = performance.now();
  const arrow = tableFromIPC(readFileSync(files.employment), { useDate: true });
  const employment = table(Object.fromEntries(arrow.schema.fields.map((f) => [f.name, arrow.getChild(f.name).toArray()])));
  const exp = await loadCbsExport({ persons: readFileSync(files.persons), support: readFileSync(files.support), employment }, { observation: { start: '20120101', end: '20251231' } });
  console.log(`  whole file decoded as one table (values as arrays), then loaded: ${exp.employment.length.toLocaleString('en')} spells in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${peak()}`);
} else {
  if (!existsSync(files.employment)) await write();
  console.log(`Arrow employment file: ${rows.toLocaleString('en')} spells in batches of ${batch.toLocaleString('en')}, ${mb(statSync(files.employment).size)} MB; ${persons.toLocaleString('en')} persons`);
  const self = fileURLToPath(import.meta.url);
  for (const m of ['read', 'csv', 'whole']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, m, String(rows), String(batch)], { stdio: 'inherit' });
    if (r.status !== 0) console.log(`  ${m}: exited with status ${r.status}`);
  }
}
