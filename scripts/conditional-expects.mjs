#!/usr/bin/env node
/**
 * Lists the `expect(…)` assertions (and `expectSomething(…)` helpers) in tests/ that sit in a branch of an `if` with nothing showing
 * that the branch ran: such an assertion passes silently when the branch never runs. Parsed with
 * the TypeScript compiler API.
 *
 * A branch counts as shown to run when one of these holds:
 * - the other branch fails the test (`throw …` or `expect.fail(…)`, directly or as the last
 *   statement of its block), so the asserting branch is the only way to pass;
 * - the condition is asserted: some `expect(…)` in the test around the `if` (the function passed
 *   to `it`/`test`; the nearest function outside a test) has an argument
 *   whose text contains the condition's text (whitespace ignored), e.g.
 *   `expect(start !== null).toBe(true)` for `if (start !== null)`;
 * - the branch counts or records its runs (`n++`, `n += …`, `n = …`, `seen.push(…)`/`.add`/`.set`)
 *   into a variable that an `expect(…)` after the `if` (outside it, in the scope that declares the
 *   variable) names, e.g. `expect(n).toBeGreaterThan(0)`.
 * An `expect` belongs to its nearest enclosing branch only (an `if` inside a branch is judged on
 * its own); `else if` chains are judged branch by branch. Conditionals other than `if`
 * (`?:`, `&&`, `switch`) and loops that may run zero times are not checked.
 *
 * Usage: node scripts/conditional-expects.mjs [--json]
 * Exit status 1 when any assertion is listed (and not --json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** All .ts files under a directory, sorted. */
function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

const squash = (s) => s.replace(/\s+/g, '');

/**
 * An assertion call: `expect(x)`, `expect.soft(x)`, or a helper named `expectSomething(…)` (as
 * `expectClose`). Asymmetric matchers (`expect.closeTo(…)`) are not assertions.
 */
function isExpectCall(node) {
  if (!ts.isCallExpression(node)) return false;
  const c = node.expression;
  if (ts.isIdentifier(c)) return c.text === 'expect' || /^expect[A-Z]/.test(c.text);
  return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'expect' && c.name.text === 'soft';
}

/** The whole assertion chain around an `expect(x)` call: `expect(x).not.toBe(y)` as one node. */
function assertionChain(call) {
  let n = call;
  while (n.parent && ((ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) || (ts.isCallExpression(n.parent) && n.parent.expression === n))) n = n.parent;
  return n;
}

/** The branch (then or else statement of an `if`) nearest above `node`, or undefined. */
function enclosingBranch(node) {
  for (let n = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && (p.thenStatement === n || p.elseStatement === n)) return { ifNode: p, branch: n, isElse: p.elseStatement === n };
  }
  return undefined;
}

const TEST_CALLS = new Set(['it', 'test']);

/** The test callback around `node` (the function passed to `it(…)` / `test(…)`, also `it.each(…)(…)`), else its nearest function. */
function enclosingTest(node) {
  let nearest;
  for (let n = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    nearest ??= n;
    const call = n.parent;
    if (call && ts.isCallExpression(call) && call.arguments.includes(n)) {
      let callee = call.expression;
      while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && TEST_CALLS.has(callee.text)) return n;
    }
  }
  return nearest ?? node.getSourceFile();
}

/** Does the statement fail the test: `throw`, `expect.fail(…)`, or a block ending in one? */
function fails(stmt) {
  if (!stmt) return false;
  if (ts.isBlock(stmt)) return stmt.statements.length > 0 && fails(stmt.statements[stmt.statements.length - 1]);
  if (ts.isThrowStatement(stmt)) return true;
  if (ts.isExpressionStatement(stmt) && ts.isCallExpression(stmt.expression)) {
    const c = stmt.expression.expression;
    return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && (c.expression.text === 'expect' || c.expression.text === 'assert') && c.name.text === 'fail';
  }
  return false;
}

/** Every `expect(…)` chain under `node`. */
function assertionsUnder(node) {
  const out = [];
  const visit = (n) => {
    if (isExpectCall(n)) out.push(assertionChain(n));
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** The root identifier of `a`, `a.b`, `a[i]`, `a.b.c`. */
function rootName(expr) {
  let e = expr;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}

const WRITE_OPS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.BarEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken]);
const RECORDING_METHODS = new Set(['push', 'add', 'set', 'unshift']);

/** Names of the variables a branch writes to or records into. */
function writtenNames(branch) {
  const names = new Set();
  const visit = (n) => {
    if ((ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
      const r = rootName(n.operand);
      if (r) names.add(r);
    } else if (ts.isBinaryExpression(n) && WRITE_OPS.has(n.operatorToken.kind)) {
      const r = rootName(n.left);
      if (r) names.add(r);
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && RECORDING_METHODS.has(n.expression.name.text)) {
      const r = rootName(n.expression.expression);
      if (r) names.add(r);
    }
    ts.forEachChild(n, visit);
  };
  visit(branch);
  return names;
}

/** The innermost function or block above `from` that declares `name` (a variable or parameter), else the source file. */
function declaringScope(from, name) {
  const declares = (scope) => {
    let found = false;
    const visit = (n) => {
      if (found) return;
      if ((ts.isVariableDeclaration(n) || ts.isParameter(n)) && ts.isIdentifier(n.name) && n.name.text === name) found = true;
      // Do not look into nested functions or blocks: their declarations are not in this scope.
      else if (n === scope || !(ts.isFunctionLike(n) || ts.isBlock(n))) ts.forEachChild(n, visit);
    };
    visit(scope);
    return found;
  };
  for (let n = from.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      if (n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return n;
      if (n.body && declares(n.body)) return n.body;
    } else if (ts.isBlock(n) || ts.isSourceFile(n)) {
      if (declares(n)) return n;
    } else if ((ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) && n.initializer && declares(n.initializer)) return n;
  }
  return from.getSourceFile();
}

/** Does the expression mention the identifier `name`? */
function mentions(node, name) {
  let found = false;
  const visit = (n) => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Is the branch shown to run (see the file comment)? */
function branchShownToRun({ ifNode, branch, isElse }) {
  if (fails(isElse ? ifNode.thenStatement : ifNode.elseStatement)) return true;
  const condition = squash(ifNode.expression.getText());
  const fn = enclosingTest(ifNode);
  const inIf = (n) => n.pos >= ifNode.pos && n.end <= ifNode.end;
  if (!isElse && assertionsUnder(fn).some((a) => !inIf(a) && ts.isCallExpression(a) && a.arguments !== undefined && squash(assertionArgs(a)).includes(condition))) return true;
  for (const name of writtenNames(branch)) {
    const scope = declaringScope(ifNode, name);
    if (assertionsUnder(scope).some((a) => a.pos >= ifNode.end && mentions(a, name))) return true;
  }
  return false;
}

/** The text of the arguments of the `expect(…)` call at the root of an assertion chain. */
function assertionArgs(chain) {
  let n = chain;
  while (!isExpectCall(n)) n = ts.isCallExpression(n) || ts.isPropertyAccessExpression(n) ? n.expression : undefined;
  return n.arguments.map((a) => a.getText()).join(',');
}

/**
 * Assertions of one source text that sit in an `if` branch not shown to run: { line, condition, branch }.
 *
 * @param {string} fileName
 * @param {string} text
 */
export function conditionalExpects(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const byBranch = new Map();
  const visit = (n) => {
    if (isExpectCall(n)) {
      const b = enclosingBranch(n);
      if (b && !byBranch.has(b.branch)) byBranch.set(b.branch, { ...b, first: n });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const found = [];
  for (const b of byBranch.values()) {
    if (branchShownToRun(b)) continue;
    found.push({
      line: sf.getLineAndCharacterOfPosition(b.first.getStart(sf)).line + 1,
      condition: b.ifNode.expression.getText(sf).replace(/\s+/g, ' ').slice(0, 80),
      branch: b.isElse ? 'else' : 'then',
    });
  }
  return found.sort((x, y) => x.line - y.line);
}

/** Every such assertion under tests/: { file, line, condition, branch }, file relative to the repository. */
export function conditionalExpectsInTests() {
  return tsFiles(join(root, 'tests')).flatMap((f) => conditionalExpects(f, readFileSync(f, 'utf8')).map((x) => ({ file: relative(root, f).split('\\').join('/'), ...x })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const list = conditionalExpectsInTests();
  if (process.argv.includes('--json')) console.log(JSON.stringify(list, null, 2));
  else {
    for (const f of list) console.log(`${f.file}:${f.line}  ${f.branch === 'else' ? 'else of ' : ''}if (${f.condition})`);
    console.log(`${list.length} assertion(s) inside an if branch not shown to run`);
    process.exitCode = list.length > 0 ? 1 : 0;
  }
}
