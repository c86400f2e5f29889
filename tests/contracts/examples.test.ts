// Runs every @example of the contracts stage (with `exp` a small hand-built export) and checks
// each `expression; // expected` line whose comment is a JavaScript value.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../src/index.js';
import * as contracts from '../../src/contracts/index.js';
import { fixture } from './fixture.js';
import { shareWithWilson } from '../../src/contracts/wilson.js';

const dir = fileURLToPath(new URL('../../src/contracts/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

function examples(source: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const re = /\/\*\*([\s\S]*?)\*\/\s*export\s+(?:async\s+)?(?:function|const|class)\s+(\w+)/g;
  for (const m of source.matchAll(re)) {
    const lines = m[1].split('\n').map((l) => l.replace(/^\s*\*\s?/, ''));
    const at = lines.findIndex((l) => l.startsWith('@example'));
    if (at < 0) continue;
    const body: string[] = [];
    for (const l of lines.slice(at + 1)) {
      if (l.startsWith('@')) break;
      body.push(l);
    }
    out.push({ name: m[2], body: body.join('\n').trim() });
  }
  return out;
}

function isValue(text: string): boolean {
  try {
    new Function(`return (${text});`);
    return true;
  } catch {
    return false;
  }
}

function runnable(example: string): string {
  return example
    .split('\n')
    .map((line) => {
      const imp = line.match(/^import \{([^}]*)\} from 'participation-effects';$/);
      if (imp) return `const {${imp[1]}} = __core;`;
      const check = line.match(/^(?!const |let )(.*);\s*\/\/\s*(.+?)(?:\s+\(.*\))?$/);
      if (check && isValue(check[2])) return `__check(${check[1]}, (${check[2]}), ${JSON.stringify(line)});`;
      return line;
    })
    .join('\n');
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
const publicNames = new Set(Object.keys(contracts));
const { CONTRACT_UNKNOWN, CONTRACT_FIXED, CONTRACT_OPEN_ENDED, DEFAULT_CONTRACT_CODES, NO_DAY, DAYS_PER_YEAR, DAYS_PER_MONTH, DEFAULT_TENURE_BINS, UNKNOWN_BIN, NO_RELATIONSHIP_BIN, NO_SUPPORT_LABEL, MISSING_LABEL, ALL_LABEL, contractKinds, tenureBins, tenureDays, daysToYears, daysToMonths } = contracts;
const scope = { CONTRACT_UNKNOWN, CONTRACT_FIXED, CONTRACT_OPEN_ENDED, DEFAULT_CONTRACT_CODES, NO_DAY, DAYS_PER_YEAR, DAYS_PER_MONTH, DEFAULT_TENURE_BINS, UNKNOWN_BIN, NO_RELATIONSHIP_BIN, NO_SUPPORT_LABEL, MISSING_LABEL, ALL_LABEL, contractKinds, tenureBins, tenureDays, daysToYears, daysToMonths, shareWithWilson };

let totalChecks = 0;

describe('@example blocks of src/contracts run and are right', () => {
  const documented = new Set<string>();
  for (const file of files) {
    const source = readFileSync(dir + file, 'utf8');
    for (const ex of examples(source)) {
      documented.add(ex.name);
      it(`${file}: ${ex.name}`, async () => {
        const check = (got: unknown, want: unknown, line: string) => {
          totalChecks++;
          expect(got, line).toEqual(want);
        };
        const fn = new AsyncFunction('__core', 'exp', '__check', ...Object.keys(scope), runnable(ex.body));
        await fn(core, fixture, check, ...Object.values(scope));
      });
    }
  }
  it('the examples state values that were checked', () => {
    expect(totalChecks).toBeGreaterThanOrEqual(30);
  });
  it('every public value export has an example', () => {
    const missing = [...publicNames].filter((n) => !documented.has(n));
    expect(missing).toEqual([]);
  });
});
