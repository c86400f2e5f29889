// Profile of a non-binary outcome when panel persons share clusters: CR1 over cluster sums.
import { describe, expect, it } from 'vitest';
import { panelFromLong, participationProfile } from '../../src/index.js';

describe('participationProfile, non-binary outcome with shared clusters', () => {
  it('sums residuals within a cluster before squaring (CR1 by cluster), worked by hand', () => {
    // k = -1: persons a, b in cluster 1, c in cluster 2, d in cluster 3; y = 1, 3, 4, 8 (mean 4).
    const panel = panelFromLong(
      [
        { id: 'a', k: -1, y: 1, cl: 1 },
        { id: 'b', k: -1, y: 3, cl: 1 },
        { id: 'c', k: -1, y: 4, cl: 2 },
        { id: 'd', k: -1, y: 8, cl: 3 },
      ],
      { id: 'id', eventTime: 'k', outcome: 'y', cluster: 'cl' },
    );
    const row = participationProfile(panel).rows[0];
    // Cluster scores: (1−4)+(3−4) = −4, 0, 4; G = 3: V = 3/2 · 32 / 16 = 3.
    expect(row.estimate).toBeCloseTo(4, 12);
    expect(row.se).toBeCloseTo(Math.sqrt(3), 12);
    expect(row.method).toBe('normal-mean-cr1-cluster');
    // Without shared clusters the person-level formula: 4/3 · (9 + 1 + 0 + 16) / 16.
    const alone = participationProfile(panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'b', k: -1, y: 3 }, { id: 'c', k: -1, y: 4 }, { id: 'd', k: -1, y: 8 }], { id: 'id', eventTime: 'k', outcome: 'y' })).rows[0];
    expect(alone.se).toBeCloseTo(Math.sqrt((4 / 3) * (26 / 16)), 12);
    expect(alone.method).toBe('normal-mean');
  });
});
