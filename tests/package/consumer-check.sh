#!/usr/bin/env bash
# Install the packed tarball into a scratch project with no overrides, as a user would, and use it:
# an ES module script, a CommonJS script, strict tsc (no skipLibCheck) on a TypeScript consumer,
# the command line on a small CSV export, and a browser bundle of one import.
# Usage: tests/package/consumer-check.sh   (builds first when dist/ is missing)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
[ -f dist/index.js ] && [ -f dist/cli.js ] || npm run build
scratch="$(mktemp -d "${TMPDIR:-/tmp}/pe-consumer-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

echo "== pack"
tarball="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
listing="$(tar tzf "$scratch/$tarball")"
if grep -q '\.map$' <<<"$listing"; then echo "source maps in the tarball" >&2; exit 1; fi
for f in package/LICENSE package/dist/cli.js package/schema/analysis.schema.json; do
  grep -qx "$f" <<<"$listing" || { echo "$f missing from the tarball" >&2; exit 1; }
done
ts_version="$(node -p "require('./node_modules/typescript/package.json').version")"
types_version="$(node -p "require('./node_modules/@types/node/package.json').version")"

echo "== install $tarball into a scratch project (no overrides)"
cd "$scratch"
mkdir app && cd app
cat > package.json <<'JSON'
{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --loglevel=error "../$tarball" "typescript@$ts_version" "@types/node@$types_version" >/dev/null
if node -e "process.exit(require('./package.json').overrides ? 0 : 1)"; then echo "consumer has overrides" >&2; exit 1; fi

echo "== ES module script"
cat > esm.mjs <<'JS'
import { wilsonInterval } from 'participation-effects';
import { readCbsExport } from 'participation-effects/node';
// Wilson score interval for 30 of 100 at 95 %, written out here.
const z = 1.959963984540054, n = 100, p = 0.3;
const centre = (p + z * z / (2 * n)) / (1 + z * z / n);
const half = (z / (1 + z * z / n)) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
const w = wilsonInterval(30, 100);
if (Math.abs(w.ci_low - (centre - half)) > 1e-12 || Math.abs(w.ci_high - (centre + half)) > 1e-12) throw new Error(`wilsonInterval ${JSON.stringify(w)}`);
if (typeof readCbsExport !== 'function') throw new Error('node entry incomplete');
console.log(`esm ok: [${w.ci_low.toFixed(4)}, ${w.ci_high.toFixed(4)}]`);
JS
node esm.mjs

echo "== CommonJS script"
cat > cjs.cjs <<'JS'
const pe = require('participation-effects');
const pn = require('participation-effects/node');
if (pe.tCritical(0.95, 10).toFixed(4) !== '2.2281') throw new Error('tCritical');
if (typeof pn.runJob !== 'function') throw new Error('node entry incomplete');
console.log('cjs ok:', Object.keys(pe).length, 'exports');
JS
node cjs.cjs

echo "== strict tsc without skipLibCheck"
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true, "noEmit": true, "skipLibCheck": false, "types": ["node"] }, "include": ["consumer.mts"] }
JSON
cat > consumer.mts <<'TS'
import { applyOutputControl, wilsonInterval, type PublicColumnTable } from 'participation-effects';
import { readCbsExport, runJob, type AnalysisConfig } from 'participation-effects/node';
const interval: { estimate: number } = wilsonInterval(3, 10);
const table: PublicColumnTable = applyOutputControl([{ group: 'A', n: 40, estimate: 0.3 }]).toTable();
const config: AnalysisConfig = { lang: 'en', panel: { before: 24 } };
export async function report(dir: string): Promise<number> {
  const exp = await readCbsExport({ persons: 'persons.csv', support: 'support.csv', employment: 'employment.csv' });
  const { files } = await runJob(exp, { outDir: dir, config });
  return files.length + table.numRows() + interval.estimate;
}
TS
npx tsc -p .
echo "tsc ok"

echo "== command line on a small CSV export"
cp "$repo"/tests/io/fixtures/{persons,support,employment}.csv .
npx participation-effects check --persons persons.csv --support support.csv --employment employment.csv
npx participation-effects report --persons persons.csv --support support.csv --employment employment.csv --out report --quiet
[ -f report/report.html ] && [ -f report/figure-2-1.svg ] || { echo "report incomplete" >&2; exit 1; }
set +e
npx participation-effects report --persons persons.csv --support support.csv --employment employment.csv --out report --quiet 2>/dev/null
code=$?
set -e
[ "$code" = 2 ] || { echo "expected exit 2 for an existing output folder, got $code" >&2; exit 1; }
echo "cli ok: $(ls report | wc -l) files in report/"

echo "== browser bundle of one import"
echo "import { wilsonInterval } from 'participation-effects'; console.log(wilsonInterval(1, 2));" > one.mjs
"$repo/node_modules/.bin/esbuild" one.mjs --bundle --minify --platform=browser --format=esm --outfile=one.js --log-level=error
bytes="$(wc -c < one.js)"
[ "$bytes" -lt 40000 ] || { echo "wilsonInterval bundle is $bytes bytes" >&2; exit 1; }
echo "bundle ok: $bytes bytes"
echo "== consumer check passed"
