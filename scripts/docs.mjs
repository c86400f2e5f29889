// `npm run docs`: builds the documentation site into out/docs (TypeDoc: the API reference from the
// JSDoc, one module per pipeline stage, plus the guides in docs/guides and the methods in
// docs/methods; see typedoc.json), then checks the site. Fails on any TypeDoc warning
// (treatWarningsAsErrors: unresolved {@link}s, types that are used but not exported, relative links
// to files that do not exist), on a link inside the site whose target page or #anchor does not
// exist, and on text that cites a design document or "§" (users have no such document).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out', 'docs');
const require = createRequire(import.meta.url);

const typedoc = join(dirname(require.resolve('typedoc/package.json')), 'bin', 'typedoc');
// `--check-only`: check an existing out/docs without rebuilding it.
const build = process.argv.includes('--check-only') ? { status: 0 } : spawnSync(process.execPath, [typedoc, '--options', join(root, 'typedoc.json')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('docs: TypeDoc reported warnings or errors (see above)');
  process.exit(1);
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const pages = files(out).filter((f) => f.endsWith('.html'));
const idsOf = new Map();
const ids = (page) => {
  if (!idsOf.has(page)) idsOf.set(page, new Set([...readFileSync(page, 'utf8').matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1])));
  return idsOf.get(page);
};

const problems = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  const where = relative(out, page);
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const link = m[1].replace(/&amp;/g, '&');
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link === '' || link.startsWith('//')) continue; // external: not fetched
    const [path, fragment] = link.split('#');
    const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path.split('?')[0]));
    checked++;
    if (!existsSync(target)) problems.push(`${where}: link to ${link}: no such file in the site`);
    else if (fragment && target.endsWith('.html') && !ids(target).has(decodeURIComponent(fragment))) problems.push(`${where}: link to ${link}: no anchor "${fragment}" there`);
  }
}

// Text users read must not cite a document they do not have.
const forbidden = [/§/, /design\.md/i, /design document/i, /design §/i, /\bdesign\s+section\b/i];
const sources = ['README.md', 'data/README.md', ...files(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => relative(root, f))];
for (const file of [...pages, ...sources.map((f) => join(root, f))]) {
  const text = readFileSync(file, 'utf8');
  for (const pattern of forbidden) {
    const at = text.search(pattern);
    if (at >= 0) problems.push(`${relative(root, file)}: cites a design document (${pattern}): …${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}…`);
  }
}

if (problems.length > 0) {
  console.error(`docs: ${problems.length} problem(s) in the site:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`docs: out/docs built; ${pages.length} pages, ${checked} links inside the site checked, no reference to a design document`);
