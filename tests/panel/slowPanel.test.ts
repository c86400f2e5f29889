import { describe, expect, it } from 'vitest';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { PHASES } from '../../src/panel/types.js';
import { OPEN_END } from '../../src/core/calendar.js';
import type { ParticipationDefinition } from '../../src/panel/participation.js';
import { buildExport, type TestPerson } from './buildExport.js';

const DAY = 86_400_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The slow way: walk calendar months with Date objects, check each month against the observation
 * period and every spell, and count employed days one day at a time.
 */
function slowPanel(people: TestPerson[], obs: [string, string], before: number, after: number, during: boolean, def: ParticipationDefinition): string[] {
  const obsStart = Date.parse(obs[0]);
  const obsEnd = Date.parse(obs[1]);
  const out: string[] = [];
  people.forEach((p, i) => {
    const sup = [...(p.support ?? [])].sort((a, b) => Date.parse(a[0] as string) - Date.parse(b[0] as string))[0];
    if (!sup) return;
    const jobs = (p.jobs ?? []).map(([s, e]) => [Date.parse(s as string), e === 'open' ? Infinity : Date.parse(e as string)]);
    const s = new Date(sup[0] as string);
    const ongoing = sup[1] === 'open';
    const e = ongoing ? undefined : new Date(sup[1] as string);
    const emit = (phase: string, k: number, y: number, mo: number) => {
      const first = Date.UTC(y, mo, 1);
      const last = Date.UTC(y, mo + 1, 1) - DAY;
      if (first < obsStart || last > obsEnd) return;
      let val: number;
      if (def === 'any-day') val = jobs.some(([a, b]) => a <= last && b >= first) ? 1 : 0;
      else if (def === 'reference-day') val = jobs.some(([a, b]) => a <= last && b >= last) ? 1 : 0;
      else {
        let days = 0;
        for (let d = first; d <= last; d += DAY) if (jobs.some(([a, b]) => a <= d && b >= d)) days++;
        val = days >= def.minDays ? 1 : 0;
      }
      out.push(`${i} ${phase} ${k} ${iso(first).slice(0, 7)} ${val}`);
    };
    for (let k = -before; k <= -1; k++) emit('before', k, s.getUTCFullYear(), s.getUTCMonth() + k);
    if (during) {
      const endY = e ? e.getUTCFullYear() : 9999;
      const endM = e ? e.getUTCMonth() : 0;
      for (let k = 0; ; k++) {
        const d = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + k, 1));
        if (d.getUTCFullYear() > endY || (d.getUTCFullYear() === endY && d.getUTCMonth() > endM) || d.getTime() > obsEnd) break;
        emit('during', k, s.getUTCFullYear(), s.getUTCMonth() + k);
      }
    }
    if (e) for (let k = 1; k <= after; k++) emit('after', k, e.getUTCFullYear(), e.getUTCMonth() + k);
  });
  return out;
}

function randomPeople(rand: () => number, n: number): TestPerson[] {
  const lo = Date.parse('2015-06-01');
  const span = 9 * 365;
  const date = (ms: number) => iso(ms);
  const people: TestPerson[] = [];
  for (let i = 0; i < n; i++) {
    const support: [string, string][] = [];
    const nSup = rand() < 0.15 ? 0 : 1 + Math.floor(rand() * 2);
    for (let j = 0; j < nSup; j++) {
      const s = lo + Math.floor(rand() * span) * DAY;
      const e = rand() < 0.15 ? 'open' : date(s + Math.floor(rand() * 700) * DAY);
      support.push([date(s), e]);
    }
    const jobs: [string, string][] = [];
    const nJobs = Math.floor(rand() * 6);
    for (let j = 0; j < nJobs; j++) {
      const s = lo + Math.floor(rand() * span) * DAY;
      // Many short spells so month boundaries, overlaps and partial months are exercised.
      const e = rand() < 0.1 ? 'open' : date(s + Math.floor(rand() * (rand() < 0.5 ? 40 : 600)) * DAY);
      jobs.push([date(s), e]);
    }
    people.push({ support, jobs });
  }
  return people;
}

describe('eventPanel agrees with a slow calendar walk on random exports', () => {
  const defs: ParticipationDefinition[] = ['any-day', 'reference-day', { minDays: 10 }, { minDays: 25 }];
  const cases = [...defs.map((def) => ({ def, during: true })), { def: 'any-day' as const, during: false }];
  for (const { def, during } of cases) {
    it(`participation ${JSON.stringify(def)}${during ? '' : ', without the during phase'}`, () => {
      const rand = mulberry32(20240 + JSON.stringify(def).length);
      const people = randomPeople(rand, 60);
      const obs: [string, string] = ['2016-03-01', '2023-10-31'];
      const exp = buildExport(obs, people);
      const panel = eventPanel(exp, { before: 24, after: 18, during, participation: def });
      const fast: string[] = [];
      for (let r = 0; r < panel.length; r++) {
        const p = panel.persons.exportIndex[panel.person[r]];
        const m = panel.month[r];
        const label = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        fast.push(`${p} ${PHASES[panel.phase[r]]} ${panel.eventTime[r]} ${label} ${panel.outcome[r]}`);
      }
      const slow = slowPanel(people, obs, 24, 18, during, def);
      expect(slow.length).toBeGreaterThan(500);
      // Every phase the panel asks for occurs, with both outcomes, so each branch of the walk was compared.
      const seen = new Set(slow.map((line) => { const [, phase, , , y] = line.split(' '); return `${phase} ${y}`; }));
      expect([...seen].sort()).toEqual(during ? ['after 0', 'after 1', 'before 0', 'before 1', 'during 0', 'during 1'] : ['after 0', 'after 1', 'before 0', 'before 1']);
      expect(fast).toEqual(slow);
      expect(exp.support.end.includes(OPEN_END)).toBe(true);
    });
  }
});
