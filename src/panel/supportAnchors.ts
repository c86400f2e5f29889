import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, nearestName } from '../core/options.js';
import { checkExport } from '../io/checkExport.js';
import type { CbsExport, Categorical } from '../io/types.js';
import type { PanelAnchors } from './types.js';

/** Which support trajectory anchors a person who has several. */
export type TrajectoryChoice = 'first' | 'last' | 'longest';

/** Options of {@link supportAnchors}. */
export interface SupportAnchorOptions {
  /** `first` (earliest start, default), `last` (latest start) or `longest` (longest duration; ongoing counts as longest, ties go to the earliest). */
  readonly trajectory?: TrajectoryChoice;
  /**
   * Split supported persons into groups by a characteristic: `scheme` or `employerType` of the
   * anchoring trajectory, `sex`, or the name of a person covariate. Default: one group `supported`.
   * Persons with a missing value get the group `(missing)`.
   */
  readonly group?: string;
  /** Keep only these group labels, in this order (default: every label, sorted). */
  readonly groups?: readonly string[];
}

/**
 * Group label for persons whose grouping characteristic is missing.
 *
 * @example
 * import { MISSING_GROUP } from 'participation-effects';
 * MISSING_GROUP; // '(missing)'
 */
export const MISSING_GROUP = '(missing)';

/**
 * Default anchors: every person with a support trajectory, anchored at the start and end day
 * of one chosen trajectory (docs/methods/README.md).
 *
 * @example
 * import { loadSynthetic, supportAnchors } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.01 }); // or loadCbsExport(...)
 * const anchors = supportAnchors(exp, { trajectory: 'first' });
 * anchors.groups; // ['supported']
 * supportAnchors(exp, { group: 'scheme' }).groups; // ['Participatiewet', 'Wsw']
 */
export function supportAnchors(exp: CbsExport, options: SupportAnchorOptions = {}): PanelAnchors {
  checkExport('supportAnchors', exp);
  checkOptions('supportAnchors', options, { trajectory: true, group: true, groups: true });
  const trajectory = options.trajectory ?? 'first';
  if (trajectory !== 'first' && trajectory !== 'last' && trajectory !== 'longest') {
    throw new SpecificationError(`trajectory must be 'first', 'last' or 'longest', got ${JSON.stringify(trajectory)}`);
  }
  const { support, persons } = exp;
  const offsets = support.offsets;
  const chosen: number[] = [];
  const personIdx: number[] = [];
  for (let p = 0; p < persons.length; p++) {
    const a = offsets[p];
    const b = offsets[p + 1];
    if (b <= a) continue;
    let pick = a;
    if (trajectory === 'last') {
      // Rows are sorted by start; the last row has the latest start.
      pick = b - 1;
    } else if (trajectory === 'longest') {
      let best = support.end[a] - support.start[a];
      for (let r = a + 1; r < b; r++) {
        const len = support.end[r] - support.start[r];
        if (len > best) {
          best = len;
          pick = r;
        }
      }
    }
    chosen.push(pick);
    personIdx.push(p);
  }

  const n = chosen.length;
  const person = Int32Array.from(personIdx);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = support.start[chosen[i]];
    end[i] = support.end[chosen[i]];
  }

  const labels = groupLabels(exp, options.group, chosen, personIdx);
  const present = options.groups === undefined ? [...new Set(labels)].sort() : checkGroups(options.groups, labels, options.group);
  const code = new Map(present.map((g, i) => [g, i]));
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (code.has(labels[i])) keep.push(i);
  const group = new Int32Array(keep.length);
  for (let j = 0; j < keep.length; j++) group[j] = code.get(labels[keep[j]])!;
  if (keep.length === n) return { person, start, end, group, groups: present };
  const pick = (arr: Int32Array) => Int32Array.from(keep, (i) => arr[i]);
  return { person: pick(person), start: pick(start), end: pick(end), group, groups: present };
}

/** The requested group labels: each must be a label some supported person has (a typo would silently drop its persons). */
function checkGroups(groups: readonly string[], labels: readonly string[], by: string | undefined): readonly string[] {
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) throw new SpecificationError(`groups must be a list of group labels, got ${describeValue(groups)}`);
  const found = [...new Set(labels)].sort();
  for (const g of groups) {
    if (found.includes(g)) continue;
    const near = nearestName(g, found);
    throw new SpecificationError(`groups lists "${g}", which no supported person has${near === undefined ? '' : ` (did you mean "${near}"?)`}; the labels of group ${by === undefined ? '(none)' : `"${by}"`} are ${found.map((x) => JSON.stringify(x)).join(', ')}`);
  }
  return groups;
}

function groupLabels(exp: CbsExport, by: string | undefined, chosen: number[], personIdx: number[]): string[] {
  if (by === undefined) return chosen.map(() => 'supported');
  const label = (col: Categorical, row: number) => {
    const c = col.codes[row];
    return c < 0 ? MISSING_GROUP : col.levels[c];
  };
  if (by === 'scheme') return chosen.map((r) => label(exp.support.scheme, r));
  if (by === 'employerType') return chosen.map((r) => label(exp.support.employerType, r));
  if (by === 'sex') return personIdx.map((p) => label(exp.persons.sex, p));
  const cov = exp.persons.covariates[by];
  if (cov === undefined) {
    const known = ['scheme', 'employerType', 'sex', ...Object.keys(exp.persons.covariates)];
    throw new SpecificationError(`group: unknown characteristic ${JSON.stringify(by)}; known: ${known.join(', ')}`);
  }
  if (cov instanceof Float64Array) return personIdx.map((p) => (Number.isNaN(cov[p]) ? MISSING_GROUP : String(cov[p])));
  return personIdx.map((p) => label(cov, p));
}
