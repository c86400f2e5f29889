import { describe, expect, it } from 'vitest';
import { checkOptions, nearestName, SpecificationError } from '../../src/index.js';

const keys = { level: true, windows: true, bootstrap: { replications: true, seed: true } } as const;

describe('checkOptions', () => {
  it('accepts undefined, an empty object and every known key, nested ones included', () => {
    expect(() => checkOptions('f', undefined, keys)).not.toThrow();
    expect(() => checkOptions('f', {}, keys)).not.toThrow();
    expect(() => checkOptions('f', { level: 0.9, windows: {}, bootstrap: { replications: 9, seed: 1 } }, keys)).not.toThrow();
  });

  it('refuses an unknown key with the function, the key, a suggestion and the valid names', () => {
    expect(() => checkOptions('phaseAverages', { levle: 0.5 }, keys)).toThrow(SpecificationError);
    expect(() => checkOptions('phaseAverages', { levle: 0.5 }, keys)).toThrow(
      'phaseAverages: unknown option "levle"; did you mean "level"? Valid options: bootstrap, level, windows',
    );
  });

  it('gives no suggestion when no valid name is close', () => {
    expect(() => checkOptions('f', { colour: 'red' }, keys)).toThrow('f: unknown option "colour". Valid options: bootstrap, level, windows');
  });

  it('refuses options that are not a plain object', () => {
    for (const bad of [null, 3, 'x', [1], new Map()]) expect(() => checkOptions('f', bad, keys)).toThrow(SpecificationError);
    expect(() => checkOptions('f', null, keys)).toThrow('f: options must be an object, got null');
  });

  it('checks a nested object only when one is given (a nested option may also take a scalar)', () => {
    expect(() => checkOptions('f', { bootstrap: true }, keys)).not.toThrow();
    expect(() => checkOptions('f', { bootstrap: { sede: 1 } }, keys)).toThrow('unknown option "bootstrap.sede"; did you mean "bootstrap.seed"?');
  });

  it('does not read inherited keys as options', () => {
    const inherited = Object.create({ levle: 1 }) as object;
    // Not a plain object: refused as a whole rather than read through its prototype.
    expect(() => checkOptions('f', inherited, keys)).toThrow('options must be an object');
  });
});

describe('nearestName', () => {
  it('finds swaps, insertions, deletions and case changes', () => {
    const names = ['before', 'after', 'during', 'anchors', 'participation'];
    expect(nearestName('befor', names)).toBe('before');
    expect(nearestName('beofre', names)).toBe('before');
    expect(nearestName('AFTER', names)).toBe('after');
    expect(nearestName('particpation', names)).toBe('participation');
    expect(nearestName('durring', names)).toBe('during');
  });

  it('suggests nothing for an unrelated word or an empty list', () => {
    expect(nearestName('weights', ['before', 'after'])).toBeUndefined();
    expect(nearestName('x', [])).toBeUndefined();
  });
});
