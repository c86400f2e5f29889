import { describe, expect, it } from 'vitest';
import { coxRegression, relationshipCox, relationshipCoxData, relationshipSurvival, SpecificationError } from '../../src/index.js';
import { buildExport } from '../contracts/build.js';

// Eight persons, each starting one job in 2016–2018 after support start; half of the jobs end.
const base = buildExport({
  persons: 8,
  observation: { start: '2015-01-01', end: '2024-12-31' },
  support: [
    { person: 0, start: '2015-03-01', end: null, scheme: 'Participatiewet', employerType: 'regulier' },
    { person: 1, start: '2015-03-01', end: null, scheme: 'Participatiewet', employerType: 'Pantar' },
    { person: 2, start: '2015-03-01', end: null, scheme: 'Wsw', employerType: 'regulier' },
    { person: 3, start: '2015-03-01', end: null, scheme: 'Wsw', employerType: 'Pantar' },
    { person: 4, start: '2015-03-01', end: null, scheme: 'Participatiewet', employerType: 'regulier' },
    { person: 5, start: '2015-03-01', end: null, scheme: 'Participatiewet', employerType: 'Pantar' },
    { person: 6, start: '2015-03-01', end: null, scheme: 'Wsw', employerType: 'regulier' },
    { person: 7, start: '2015-03-01', end: null, scheme: 'Wsw', employerType: 'Pantar' },
  ],
  jobs: [
    { person: 0, employer: 'A', start: '2016-01-01', end: '2016-06-30', contract: 'B' },
    { person: 1, employer: 'B', start: '2016-02-01', end: '2017-01-31', contract: 'B' },
    { person: 2, employer: 'C', start: '2016-03-01', end: null, contract: 'O' },
    { person: 3, employer: 'D', start: '2017-01-01', end: '2019-12-31', contract: 'O' },
    { person: 4, employer: 'E', start: '2017-05-01', end: '2017-09-30', contract: 'O' },
    { person: 5, employer: 'F', start: '2018-01-01', end: null, contract: 'B' },
    { person: 6, employer: 'G', start: '2018-02-01', end: '2021-01-31', contract: 'O' },
    { person: 7, employer: 'H', start: '2018-06-01', end: null, contract: 'O' },
  ],
});
const exp = { ...base, persons: { ...base.persons, birthYear: Float64Array.from([1990, 1985, 1970, 1960, 1995, 1980, NaN, 1975]) } };
const window = { start: { from: '2016-01-01', to: '2018-12-31' } } as const;

describe('relationshipCox', () => {
  it('builds the covariates per relationship and fits the same model as coxRegression on them', () => {
    // Four covariates and four events separate: the fit is refused with the coefficient named.
    expect(() => relationshipCox(exp, { ...window, covariates: ['scheme', 'employer-type', 'first-contract', 'age'] })).toThrow(
      'coxRegression: the information matrix is singular at the estimate (coefficient "firstContractO" may be infinite: the events separate on it)',
    );
    const fit = relationshipCoxData(exp, { ...window, covariates: ['scheme', 'employer-type', 'first-contract', 'age'] });
    // Person 6 has no birth year: left out and counted.
    expect(fit.excluded.missingCovariate).toBe(1);
    expect(fit.notes).toContain('1 relationship(s) left out: missing age.');
    expect(fit.data.covariates).toEqual({
      scheme: ['Participatiewet', 'Participatiewet', 'Wsw', 'Wsw', 'Participatiewet', 'Participatiewet', 'Wsw'],
      employerType: ['regulier', 'Pantar', 'regulier', 'Pantar', 'regulier', 'Pantar', 'Pantar'],
      firstContract: ['B', 'B', 'O', 'O', 'O', 'B', 'O'],
      age: [2016 - 1990, 2016 - 1985, 2016 - 1970, 2017 - 1960, 2017 - 1995, 2018 - 1980, 2018 - 1975],
    });
    expect(fit.data.cluster).toEqual([0, 1, 2, 3, 4, 5, 7]);
    const surv = relationshipSurvival(exp, window);
    const keep = [0, 1, 2, 3, 4, 5, 7];
    expect(fit.data.time).toEqual(keep.map((k) => surv.data.time[k]));
    expect(fit.data.event).toEqual(keep.map((k) => surv.data.event[k]));
    expect(fit.data.event).toEqual([1, 1, 0, 1, 1, 0, 0]);
    const small = relationshipCox(exp, { ...window, covariates: ['age'] });
    const direct = coxRegression({ ...fit.data, covariates: { age: fit.data.covariates.age } });
    expect(small.coefficients).toEqual(direct.coefficients);
    expect(small.names).toEqual(['age']);
    expect(small.spec.robust).toBe(true);
  });

  it('stratifies, drops a one-level covariate with a note, and refuses unknown options', () => {
    const fit = relationshipCox(exp, { ...window, covariates: ['employer-type', 'sex'], strata: 'scheme', cluster: 'none' });
    expect(fit.names).toEqual(['employerTyperegulier']);
    expect(fit.notes).toContain('Covariate "sex" left out: every relationship has the level the string "1".');
    expect(fit.spec.strata).toEqual(['Participatiewet', 'Wsw']);
    expect(fit.spec.robust).toBe(false);
    expect(() => relationshipCox(exp, { covariate: ['age'] } as never)).toThrow('relationshipCox: unknown option "covariate"; did you mean "covariates"?');
    expect(() => relationshipCox(exp, { ...window, covariates: [{ covariate: 'region' }] })).toThrow(SpecificationError);
    expect(() => relationshipCox(exp, { ...window, covariates: ['sex'] })).toThrow('relationshipCox: no covariate varies among the selected relationships');
  });
});
