// After the declaration build: the published .d.ts files name the library's own PublicColumnTable
// instead of importing arquero's ColumnTable, so that a consumer's strict `tsc` without skipLibCheck
// never checks arquero's (or flechette's) declaration files. Fails when any reference is left.
import { readFileSync, writeFileSync } from 'node:fs';

const files = ['dist/index.d.ts', 'dist/index.d.cts', 'dist/node.d.ts', 'dist/node.d.cts'];
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  const own = file.includes('/index.');
  text = text.replace(/^import \{ ColumnTable \} from 'arquero';\n/m, own ? 'type ColumnTable = PublicColumnTable;\n' : "import { PublicColumnTable as ColumnTable } from './index.js';\n");
  text = text.replace(/^import 'arquero';\n/m, '');
  const left = text.split('\n').filter((line) => /^(import|export)\b.*['"](arquero|@uwdata\/[^'"]+)['"]/.test(line));
  if (left.length > 0) throw new Error(`${file} still imports arquero types:\n${left.join('\n')}`);
  if (own && !/interface PublicColumnTable\b/.test(text)) throw new Error(`${file} lacks the PublicColumnTable declaration`);
  writeFileSync(file, text);
}
console.log(`public types: ${files.length} declaration files name PublicColumnTable, not arquero's ColumnTable`);
