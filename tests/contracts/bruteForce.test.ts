// contractLengths and tenureShareSeries against a brute-force count on random exports, with
// tenure measured by stepping calendar anniversaries with Date.UTC (an independent formulation).
import { describe, expect, it } from 'vitest';
import { contractLengths, employmentRelationships, tenureShareSeries } from '../../src/contracts/index.js';
import { toDayNumber, formatIsoDate } from '../../src/io/dates.js';
import { OPEN_END } from '../../src/core/calendar.js';
import { buildExport, mulberry32, type JobSpec, type SupportSpec } from './build.js';

const DAY = 86_400_000;

/** Completed months: anniversaries (same day of month, or the 1st of the next month when the month is too short) on or before `day`. */
function monthsByAnniversary(start: number, day: number): number {
  const s = new Date(start * DAY);
  let k = 0;
  for (;;) {
    const y = s.getUTCFullYear();
    const m = s.getUTCMonth() + k + 1;
    let ann = Date.UTC(y, m, s.getUTCDate());
    if (new Date(ann).getUTCDate() !== s.getUTCDate()) ann = Date.UTC(y, m + 1, 1);
    if (ann / DAY > day) return k;
    k++;
  }
}

describe('tenure distributions against brute force', () => {
  it('bins, unknown and no-relationship counts agree on random exports', () => {
    const rand = mulberry32(2024);
    const obsStart = toDayNumber('2015-01-01');
    for (let rep = 0; rep < 20; rep++) {
      const persons = 25;
      const jobs: JobSpec[] = [];
      const support: SupportSpec[] = [];
      for (let p = 0; p < persons; p++) {
        if (rand() < 0.8) {
          const s = obsStart + Math.floor(rand() * 2500);
          support.push({ person: p, start: s, end: rand() < 0.3 ? null : s + Math.floor(rand() * 1500), scheme: rand() < 0.5 ? 'Wsw' : 'Participatiewet' });
        }
        const k = Math.floor(rand() * 5);
        for (let j = 0; j < k; j++) {
          const s = rand() < 0.15 ? obsStart : obsStart + Math.floor(rand() * 3000);
          jobs.push({ person: p, employer: 'ABCD'[Math.floor(rand() * 4)], start: s, end: rand() < 0.3 ? null : s + Math.floor(rand() * 1200) });
        }
      }
      const exp = buildExport({ persons, observation: { start: '2015-01-01', end: '2024-12-31' }, jobs, support });
      const rel = employmentRelationships(exp);
      const day = obsStart + 300 + Math.floor(rand() * 3000);
      const edges = [6, 12, 24];
      const want = { bins: [0, 0, 0, 0], unknown: 0, none: 0 };
      for (let p = 0; p < persons; p++) {
        const inSupport = support.some((s) => s.person === p && (s.start as number) <= day && (s.end === null || (s.end as number) >= day));
        if (!inSupport) continue;
        let best: { months: number; censored: boolean } | undefined;
        for (let r = 0; r < rel.length; r++) {
          if (rel.person[r] !== p || rel.start[r] > day || (rel.end[r] !== OPEN_END && rel.end[r] < day)) continue;
          const months = monthsByAnniversary(rel.start[r], day);
          const censored = rel.start[r] <= obsStart;
          if (!best || months > best.months || (months === best.months && censored)) best = { months, censored };
        }
        if (!best) want.none++;
        else if (best.censored && best.months < 24) want.unknown++;
        else want.bins[edges.filter((e) => best!.months >= e).length]++;
      }
      const got = contractLengths(exp, { at: day, relationships: rel }).rows;
      const count = (bin: string) => got.find((r) => r.bin === bin)?.count ?? 0;
      expect([count('< 6 months'), count('6–12 months'), count('1–2 years'), count('> 2 years'), count('unknown'), count('no relationship')], formatIsoDate(day)).toEqual([
        ...want.bins,
        want.unknown,
        want.none,
      ]);
      // the series' threshold share on the same day is the top bin over the binned persons
      const series = tenureShareSeries(exp, { from: day, to: day, relationships: rel, day: 'last' });
      const last = new Date(day * DAY);
      const lastDay = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 0) / DAY;
      const onLast = contractLengths(exp, { at: lastDay, relationships: rel, bins: [24] }).rows;
      expect(series.rows.length ? [series.rows[0].count, series.rows[0].n] : [0, 0]).toEqual(
        onLast.length ? [onLast[1].count, onLast[1].n] : [0, 0],
      );
    }
  });
});
