import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject, type OptionKeys } from '../core/options.js';

const RATE_KEYS = { rate: true, count: true, denominator: true, scale: true, ciLow: true, ciHigh: true, se: true } as const;
const PERCENTILE_KEYS = { columns: true, below: true, above: true, minEachSide: true } as const;
const SHARE_KEYS = { category: true, by: true, count: true, total: true } as const;
const DIMENSION_KEYS = { column: true, total: true } as const;
const IMPLIED_KEYS = { column: true, denominator: true, scale: true } as const;
const MARGIN_KEYS = { rows: true, by: true, columns: true } as const;

/** Every rule name `applyOutputControl` knows; nested objects are checked too. */
export const RULE_KEYS: OptionKeys = {
  personsColumn: true,
  minPersons: true,
  countColumns: true,
  minCount: true,
  complementCounts: true,
  valueColumns: true,
  labelColumns: true,
  minMaxColumns: true,
  minMax: true,
  percentiles: true,
  rates: true,
  rounding: { base: true, columns: true, intervals: true },
  secondary: { dimensions: true, by: true, shares: true },
  impliedCounts: true,
  margins: true,
  level: true,
};

/** Check the items of a list option: each must be a plain object with known keys. */
function checkItems(path: string, value: unknown, keys: OptionKeys, allowString = false): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    if (isPlainObject(value) && path.endsWith('shares')) return checkOptions('applyOutputControl', value, keys, `${path}.`);
    throw new SpecificationError(`applyOutputControl: rules.${path} must be a list, got ${describeValue(value)}`);
  }
  value.forEach((item, i) => {
    if (allowString && typeof item === 'string') return;
    if (!isPlainObject(item)) throw new SpecificationError(`applyOutputControl: rules.${path}[${i}] must be an object, got ${describeValue(item)}`);
    checkOptions('applyOutputControl', item, keys, `${path}[${i}].`);
  });
}

/** A list of column names, when given. */
function stringList(path: string, v: unknown): void {
  if (v !== undefined && !(Array.isArray(v) && v.every((c) => typeof c === 'string'))) throw new SpecificationError(`applyOutputControl: rules.${path} must be a list of column names, got ${describeValue(v)}`);
}

/**
 * Refuse misspelt rule names (`{ minPerson: 50 }` would otherwise run with the defaults), at every
 * level: the rules, `rounding`, `secondary` and the items of `rates`, `percentiles`,
 * `secondary.dimensions`, `secondary.shares`, `impliedCounts` and `margins`.
 *
 * @example
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkRules({ minPerson: 50 })).split(' Valid')[0]; // 'applyOutputControl: unknown option "minPerson"; did you mean "minPersons"?'
 * message(() => checkRules({ rates: [{ rate: 'estimate', cuont: 'count', denominator: 'n' }] })).split(' Valid')[0]; // 'applyOutputControl: unknown option "rates[0].cuont"; did you mean "rates[0].count"?'
 */
export function checkRules(rules: unknown): void {
  checkOptions('applyOutputControl', rules, RULE_KEYS);
  if (rules === undefined) return;
  const r = rules as Record<string, unknown>;
  checkItems('rates', r.rates, RATE_KEYS);
  checkItems('percentiles', r.percentiles, PERCENTILE_KEYS);
  if (r.impliedCounts !== 'auto' && r.impliedCounts !== false) checkItems('impliedCounts', r.impliedCounts, IMPLIED_KEYS, true);
  checkItems('margins', r.margins, MARGIN_KEYS);
  if (isPlainObject(r.secondary)) {
    checkItems('secondary.dimensions', r.secondary.dimensions, DIMENSION_KEYS);
    const shares = r.secondary.shares;
    if (shares !== 'auto' && shares !== false) checkItems('secondary.shares', shares, SHARE_KEYS);
  } else if (r.secondary !== undefined && r.secondary !== 'auto' && r.secondary !== false) {
    throw new SpecificationError(`applyOutputControl: rules.secondary must be 'auto', false or { dimensions, by?, shares? }, got ${describeValue(r.secondary)}`);
  }
  if (r.rounding !== undefined && r.rounding !== null && !isPlainObject(r.rounding)) throw new SpecificationError(`applyOutputControl: rules.rounding must be { base, columns?, intervals? } or null, got ${describeValue(r.rounding)}`);
  for (const k of ['countColumns', 'valueColumns', 'labelColumns', 'minMaxColumns']) stringList(k, r[k]);
  (Array.isArray(r.percentiles) ? r.percentiles : []).forEach((p: { columns?: unknown }, i) => {
    if (!Array.isArray(p.columns)) throw new SpecificationError(`applyOutputControl: rules.percentiles[${i}].columns must be a list of column names, got ${describeValue(p.columns)}`);
    stringList(`percentiles[${i}].columns`, p.columns);
  });
  if (isPlainObject(r.secondary)) {
    if (!Array.isArray(r.secondary.dimensions)) throw new SpecificationError(`applyOutputControl: rules.secondary.dimensions must be a list of { column, total }, got ${describeValue(r.secondary.dimensions)}`);
    stringList('secondary.by', r.secondary.by);
  }
  if (isPlainObject(r.rounding)) {
    if (typeof r.rounding.base !== 'number') throw new SpecificationError(`applyOutputControl: rules.rounding.base must be a whole number, got ${describeValue(r.rounding.base)}`);
    stringList('rounding.columns', r.rounding.columns);
  }
  for (const k of ['personsColumn']) if (r[k] !== undefined && typeof r[k] !== 'string') throw new SpecificationError(`applyOutputControl: rules.${k} must be a column name, got ${describeValue(r[k])}`);
  if (r.minMax !== undefined && r.minMax !== 'remove' && r.minMax !== 'refuse') throw new SpecificationError(`applyOutputControl: rules.minMax must be 'remove' or 'refuse', got ${describeValue(r.minMax)}`);
  for (const k of ['minPersons', 'minCount']) {
    if (r[k] !== undefined && typeof r[k] !== 'number') throw new SpecificationError(`applyOutputControl: rules.${k} must be a whole number, got ${describeValue(r[k])}`);
  }
}
