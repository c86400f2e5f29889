import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { logisticRegression, eventStudy } from '../../src/compare/index.js';
import { panelFromLong } from '../../src/panel/index.js';

describe('JSDoc examples', () => {
  it('logisticRegression', () => {
    const fit = logisticRegression([[0, 0, 0, 0, 1, 1, 1, 1, 1]], [1, 0, 0, 0, 1, 1, 0, 1, 0]);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(1 / 3), 9);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(3 / 2 / (1 / 3)), 9);
  });

  it('eventStudy', () => {
    const long = table({
      id: ['t1', 't1', 't1', 't2', 't2', 't2', 'c1', 'c1', 'c1', 'c2', 'c2', 'c2'],
      group: ['supported', 'supported', 'supported', 'supported', 'supported', 'supported', 'control', 'control', 'control', 'control', 'control', 'control'],
      k: [-2, -1, 1, -2, -1, 1, -2, -1, 1, -2, -1, 1],
      y: [0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1],
    });
    const es = eventStudy(panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }), { reference: [-1, -1], bootstrap: false });
    expect(es.estimates.map((e) => e.event_time)).toEqual([-2, -1, 1]);
    expect(es.estimates[2].estimate).toBeCloseTo(0.5, 12);
  });
});
