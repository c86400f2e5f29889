// A small hand-written population with tenures worked out by hand at 2019-01-31.
import { buildExport } from './build.js';

export const fixture = buildExport({
  persons: 9,
  observation: { start: '2015-01-01', end: '2024-12-31' },
  support: [
    ...[0, 1, 2, 3, 4, 5, 6].map((p) => ({ person: p, start: '2015-01-01', end: null, scheme: 'Participatiewet', employerType: 'regulier' })),
    { person: 7, start: '2015-01-01', end: '2018-12-31', scheme: 'Participatiewet', employerType: 'Pantar' },
    { person: 8, start: '2015-01-01', end: null, scheme: 'Wsw', employerType: 'sociale firma' },
  ],
  jobs: [
    { person: 0, employer: 'A', start: '2018-08-01', end: null }, // 5 completed months on 2019-01-31
    { person: 1, employer: 'A', start: '2018-07-31', end: null }, // exactly 6
    { person: 2, employer: 'B', start: '2017-02-01', end: null }, // 23
    { person: 3, employer: 'B', start: '2017-01-31', end: null }, // exactly 24
    { person: 4, employer: 'C', start: '2015-01-01', end: null }, // left-censored, >= 48
    // person 5: no job
    { person: 6, employer: 'D', start: '2016-06-01', end: null }, // 31 (longest)
    { person: 6, employer: 'E', start: '2018-12-01', end: null }, // 1 (most recent)
    { person: 7, employer: 'F', start: '2015-01-01', end: null }, // left-censored; out of support on 2019-01-31
    { person: 8, employer: 'G', start: '2018-02-01', end: null }, // 11
  ],
  covariates: { region: ['Noord', 'Noord', 'Zuid', 'Zuid', 'Zuid', null, 'Noord', 'Noord', 'Zuid'] },
});

/** Wilson interval as the roots of (phat - p)^2 = z^2 p (1 - p) / n, solved as a quadratic. */
export function wilsonRoots(count: number, n: number, z = 1.959963984540054): [number, number] {
  const phat = count / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * phat + (z * z) / n);
  const c = phat * phat;
  const disc = Math.sqrt(b * b - 4 * a * c);
  return [(-b - disc) / (2 * a), (-b + disc) / (2 * a)];
}
