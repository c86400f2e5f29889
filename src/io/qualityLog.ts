/** Collects what the loader excluded, repaired or flagged, and enforces `strict`. */
import { DataError, type DataErrorDetails } from '../core/errors.js';
import type { QualityCounts, QualityEntry, QualityReport } from './types.js';

export type TableName = 'persons' | 'support' | 'employment' | 'benefits';

/** What each issue means, as written in the report. */
export const ISSUE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'duplicate-person': 'person key already seen on an earlier row; the first row is kept',
  'unknown-person': 'person key not present in the persons input',
  'end-before-start': 'end date before start date',
  'duplicate-row': 'exact duplicate of an earlier row (person, dates and categories)',
  'outside-observation': 'spell lies entirely outside the observation period',
  'clipped-start': 'spell starts before the observation period; start set to its first day (tenure is left-censored)',
  'clipped-end': 'spell ends after the observation period; treated as ongoing (end = OPEN_END, right-censored)',
  'implausible-date': 'a start or end date outside the plausible window (options.plausibleDates, default 1950-01-01 through 2100-12-31)',
  'implausible-birth-year': 'birth year outside the plausible range (options.plausibleBirthYears, default 1900 through 2100) or not a whole number; set to missing',
  'encoding-windows-1252': 'the file is not valid UTF-8; read as Windows-1252 (pass options.encoding to choose)',
  'observation-stretched': 'the derived observation period is stretched by a few outlying dates; these rows define its ends (pass options.observation to set it)',
  'numeric-with-text': 'a covariate that is numeric in most rows holds values that are not numbers; read as categorical (force a type with options.covariateTypes)',
  'overlapping-support': "support trajectory overlaps an earlier trajectory of the same person; kept as read",
  'missing-wage': 'employment spell without a wage (empty wage column); kept, and its months are missing (not zero) in earnings outcomes',
  'missing-hours': 'employment spell without hours (empty hours column); kept, and its months are missing (not zero) in hours outcomes',
};

interface Tally {
  count: number;
  rows: number[];
}

/** Mutable accumulator behind a {@link QualityReport}. */
export class QualityLog {
  private readonly tallies = new Map<string, Tally>();
  private readonly read: Record<TableName, number> = { persons: 0, support: 0, employment: 0, benefits: 0 };
  private readonly excluded: Record<TableName, number> = { persons: 0, support: 0, employment: 0, benefits: 0 };
  /** Benefit spells are an optional input: counted in the report only when read. */
  private benefitsRead = false;
  // One byte per source row: a row clipped at both ends is still one repaired row.
  private readonly repairedRows: Record<TableName, Uint8Array> = { persons: new Uint8Array(0), support: new Uint8Array(0), employment: new Uint8Array(0), benefits: new Uint8Array(0) };
  private readonly repaired: Record<TableName, number> = { persons: 0, support: 0, employment: 0, benefits: 0 };

  constructor(private readonly strict: boolean) {}

  setRead(table: TableName, rows: number): void {
    this.read[table] = rows;
    if (table === 'benefits') this.benefitsRead = true;
    this.repairedRows[table] = new Uint8Array(rows + 1);
  }

  /** Record an excluded row; under `strict` it becomes a {@link DataError} instead. */
  exclude(table: TableName, issue: string, row: number, error: () => DataErrorDetails): void {
    if (this.strict) {
      const details = error();
      throw new DataError({ ...details, expected: `${details.expected} (strict: ${ISSUE_DESCRIPTIONS[issue] ?? issue})` });
    }
    this.excluded[table]++;
    this.tally(table, 'excluded', issue, row);
  }

  repair(table: TableName, issue: string, row: number): void {
    if (this.repairedRows[table][row] === 0) {
      this.repairedRows[table][row] = 1;
      this.repaired[table]++;
    }
    this.tally(table, 'repaired', issue, row);
  }

  flag(table: TableName, issue: string, row: number): void {
    this.tally(table, 'flagged', issue, row);
  }

  private tally(table: TableName, action: QualityEntry['action'], issue: string, row: number): void {
    const key = `${table}\u0000${action}\u0000${issue}`;
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { count: 0, rows: [] }));
    t.count++;
    if (t.rows.length < 10) t.rows.push(row);
  }

  report(): QualityReport {
    const counts = {} as Record<TableName, QualityCounts>;
    for (const table of ['persons', 'support', 'employment', 'benefits'] as const) {
      if (table === 'benefits' && !this.benefitsRead) continue;
      counts[table] = {
        read: this.read[table],
        kept: this.read[table] - this.excluded[table],
        excluded: this.excluded[table],
        repaired: this.repaired[table],
      };
    }
    const entries: QualityEntry[] = [];
    for (const [key, t] of this.tallies) {
      const [table, action, issue] = key.split('\u0000') as [TableName, QualityEntry['action'], string];
      entries.push({ table, issue, action, count: t.count, description: ISSUE_DESCRIPTIONS[issue] ?? issue, exampleRows: [...t.rows].sort((a, b) => a - b) });
    }
    const order = { persons: 0, support: 1, employment: 2, benefits: 3 };
    entries.sort((a, b) => order[a.table] - order[b.table] || (a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0));
    return { counts, entries };
  }
}
