// mpdta (R package `did`'s example data: 500 US counties, 2003–2007, log teen employment) as
// records, and a direct computation of cohort means for closed-form checks.
import { readData } from '../reference/helpers.js';

export interface MpdtaRow {
  readonly year: number;
  readonly countyreal: number;
  readonly lpop: number;
  readonly lemp: number;
  readonly 'first.treat': number;
}

export function mpdta(): MpdtaRow[] {
  return readData('mpdta').objects() as MpdtaRow[];
}

export const MPDTA_COLUMNS = { id: 'countyreal', period: 'year', cohort: 'first.treat', outcome: 'lemp' } as const;

/** Mean of lemp(t) − lemp(b) over the counties whose cohort satisfies `member`, straight from the rows. */
export function meanChange(rows: readonly MpdtaRow[], member: (g: number) => boolean, t: number, b: number): number {
  const at = new Map<number, number>();
  const base = new Map<number, number>();
  for (const r of rows) {
    if (!member(r['first.treat'])) continue;
    if (r.year === t) at.set(r.countyreal, r.lemp);
    if (r.year === b) base.set(r.countyreal, r.lemp);
  }
  let s = 0;
  for (const [id, y] of at) s += y - base.get(id)!;
  return s / at.size;
}
