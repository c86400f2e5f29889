#!/usr/bin/env node
/**
 * Lists the functions in src/ longer than 80 lines that carry no `// long because:` comment (in the
 * function or on the lines just above it). Functions are found with the TypeScript compiler API:
 * declarations, methods, constructors, accessors, and arrow/function expressions; a function's
 * length is its line count from the first to the last line of its node (comments inside count).
 *
 * Usage: node scripts/long-functions.mjs [--max 80] [--json]
 * Exit status 1 when any function is listed (and not --json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const MARK = /\/\/\s*long because:/;

/** All .ts files under a directory, sorted. */
function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/** A readable name of a function node: its own name, the variable or property it is assigned to, or `(anonymous)`. */
function functionName(node, sf) {
  if (ts.isConstructorDeclaration(node)) return `${className(node)}.constructor`;
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))) {
    return ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) ? `${className(node)}.${node.name.text}` : node.name.text;
  }
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `(anonymous at line ${line + 1})`;
}

function className(node) {
  const cls = node.parent;
  return cls && cls.name ? cls.name.text : '(class)';
}

/**
 * Functions of one source text longer than `max` lines without the marker: { name, line, lines }.
 *
 * @param {string} fileName
 * @param {string} text
 * @param {number} max
 */
export function longFunctions(fileName, text, max = 80) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = last - first + 1;
      if (length > max) {
        // The marker may sit in the function or in the comment block just above it.
        const above = sf.getLineAndCharacterOfPosition(node.getFullStart()).line;
        const span = lines.slice(above, last + 1).join('\n');
        if (!MARK.test(span)) found.push({ name: functionName(node, sf), line: first + 1, lines: length });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every long unmarked function under src/: { file, name, line, lines }, file relative to the repository. */
export function longFunctionsInSrc(max = 80) {
  return tsFiles(join(root, 'src')).flatMap((f) => longFunctions(f, readFileSync(f, 'utf8'), max).map((x) => ({ file: relative(root, f).split('\\').join('/'), ...x })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--max');
  const max = at > 0 ? Number(process.argv[at + 1]) : 80;
  const list = longFunctionsInSrc(max);
  if (process.argv.includes('--json')) console.log(JSON.stringify(list, null, 2));
  else {
    for (const f of list) console.log(`${f.file}:${f.line}  ${f.name}  ${f.lines} lines`);
    console.log(`${list.length} function(s) longer than ${max} lines without a "// long because:" comment`);
    process.exitCode = list.length > 0 ? 1 : 0;
  }
}
