/**
 * Writes a loaded export as CBS-style CSV files (`;`-separated, `,` decimals, `YYYYMMDD` dates,
 * ongoing ends `99991231`) for the reading benchmarks, row by row without building tables.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatCbsDate, OPEN_END, type Categorical, type CbsExport } from '../../src/index.js';

export interface CbsFiles {
  readonly persons: string;
  readonly support: string;
  readonly employment: string;
  readonly bytes: number;
}

class LineWriter {
  private readonly fd: number;
  private lines: string[] = [];
  private size = 0;
  constructor(path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.push(header);
  }
  push(line: string): void {
    this.lines.push(line);
    this.size += line.length;
    if (this.size > 1 << 22) this.flush();
  }
  flush(): void {
    if (this.lines.length > 0) writeSync(this.fd, this.lines.join('\n') + '\n');
    this.lines = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const level = (c: Categorical, i: number) => (c.codes[i]! < 0 ? '' : c.levels[c.codes[i]!]!);

/** Write the export's three inputs to `dir`; returns the paths and their total size. */
export function writeCbsCsv(exp: CbsExport, dir: string): CbsFiles {
  const dates = new Map<number, string>();
  const date = (d: number) => {
    if (d === OPEN_END) return '99991231';
    let s = dates.get(d);
    if (s === undefined) dates.set(d, (s = formatCbsDate(d)));
    return s;
  };
  const paths = { persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: join(dir, 'employment.csv') };
  const p = exp.persons;
  const covariates = Object.entries(p.covariates);
  const pw = new LineWriter(paths.persons, ['RINPERSOONS', 'RINPERSOON', 'GBAGEBOORTEJAAR', 'GBAGESLACHT', ...covariates.map(([n]) => n)].join(';'));
  for (let i = 0; i < p.length; i++) {
    let line = `${p.rinpersoons[i]};${p.rinpersoon[i]};${Number.isNaN(p.birthYear[i]!) ? '' : p.birthYear[i]};${level(p.sex, i)}`;
    for (const [, c] of covariates) line += ';' + (c instanceof Float64Array ? (Number.isNaN(c[i]!) ? '' : String(c[i]).replace('.', ',')) : level(c, i));
    pw.push(line);
  }
  pw.close();
  const s = exp.support;
  const sw = new LineWriter(paths.support, 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE');
  for (let i = 0; i < s.length; i++) sw.push(`${p.rinpersoons[s.person[i]!]};${p.rinpersoon[s.person[i]!]};${date(s.start[i]!)};${date(s.end[i]!)};${level(s.scheme, i)};${level(s.employerType, i)}`);
  sw.close();
  const e = exp.employment;
  const ew = new LineWriter(paths.employment, 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT');
  for (let i = 0; i < e.length; i++) ew.push(`${p.rinpersoons[e.person[i]!]};${p.rinpersoon[e.person[i]!]};${level(e.employer, i)};${date(e.start[i]!)};${date(e.end[i]!)};${level(e.contract, i)}`);
  ew.close();
  const bytes = statSync(paths.persons).size + statSync(paths.support).size + statSync(paths.employment).size;
  return { ...paths, bytes };
}
