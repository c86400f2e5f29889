// Wage and hours columns on employment spells, and the optional benefit-spell input.
import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { DataError, loadCbsExport, toDayNumber } from '../../src/index.js';

const persons = 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR;000000001;1980;1\nR;000000002;1985;2\n';
const support = 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000001;20190101;20191231;Participatiewet;regulier\n';
const employment = [
  'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT;SBASISLOON;SBASISUREN',
  'R;000000001;E1;20180101;20181231;O;2143,50;120',
  'R;000000001;E2;20180601;20180630;B;;',
  'R;000000002;E3;20180101;20201231;O;1000;80,5',
].join('\n');

describe('numeric columns of employment spells', () => {
  it('reads wage and hours as typed columns with the decimal comma of a ; file, missing as NaN and counted', async () => {
    const exp = await loadCbsExport({ persons, support, employment });
    expect(exp.employment.wage).toBeInstanceOf(Float64Array);
    expect([...exp.employment.wage!]).toEqual([2143.5, NaN, 1000]);
    expect([...exp.employment.hours!]).toEqual([120, NaN, 80.5]);
    const missing = exp.quality.entries.filter((e) => e.issue.startsWith('missing-'));
    expect(missing.map((e) => [e.issue, e.action, e.count, e.exampleRows])).toEqual([
      ['missing-hours', 'flagged', 1, [2]],
      ['missing-wage', 'flagged', 1, [2]],
    ]);
    expect(exp.quality.counts.employment).toEqual({ read: 3, kept: 3, excluded: 0, repaired: 0 });
    expect(exp.quality.counts.benefits).toBeUndefined();
  });

  it('leaves the columns out when the input has none, and requires a column the user mapped', async () => {
    const plain = 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\nR;000000001;E1;20180101;20181231;O\n';
    const exp = await loadCbsExport({ persons, support, employment: plain });
    expect(exp.employment.wage).toBeUndefined();
    expect(exp.employment.hours).toBeUndefined();
    await expect(loadCbsExport({ persons, support, employment: plain }, { columns: { employment: { wage: 'LOON' } } })).rejects.toThrow(/LOON/);
  });

  it('a wage that is not a number is a DataError naming file, row, column and value', async () => {
    const bad = employment.replace('2143,50', '2.143,50');
    const err = await loadCbsExport({ persons, support, employment: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toContain('row 1');
    expect((err as Error).message).toContain('SBASISLOON');
    expect((err as Error).message).toContain('2.143,50');
  });

  it('reads numbers from an arquero table too, and two rows differing only in wage are not duplicates', async () => {
    const t = table({
      RINPERSOONS: ['R', 'R'],
      RINPERSOON: ['000000001', '000000001'],
      SBEID: ['E1', 'E1'],
      AANVBUS: ['20180101', '20180101'],
      EINDBUS: ['20180131', '20180131'],
      SCONTRACTSOORT: ['O', 'O'],
      SBASISLOON: [100, 250.25],
    });
    const exp = await loadCbsExport({ persons, support, employment: t });
    expect(exp.employment.length).toBe(2);
    expect([...exp.employment.wage!].sort()).toEqual([100, 250.25]);
  });
});

describe('benefit spells (optional fourth input)', () => {
  it('are read, checked and counted like the other spells', async () => {
    const benefits = [
      'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;SOORTUITKERING',
      'R;000000001;20170101;20181231;bijstand',
      'R;000000002;20190101;;WW',
      'R;000000009;20190101;;bijstand',
      'R;000000002;20190101;20180101;WW',
    ].join('\n');
    const exp = await loadCbsExport({ persons, support, employment, benefits });
    const b = exp.benefits!;
    expect(b.length).toBe(2);
    expect([...b.person]).toEqual([0, 1]);
    expect(b.type.levels).toEqual(['WW', 'bijstand']);
    expect(b.start[0]).toBe(toDayNumber('20180101')); // clipped to the observation period
    expect([...b.offsets]).toEqual([0, 1, 2]);
    expect(exp.quality.counts.benefits).toEqual({ read: 4, kept: 2, excluded: 2, repaired: 1 });
    const issues = exp.quality.entries.filter((e) => e.table === 'benefits').map((e) => e.issue);
    expect(issues.sort()).toEqual(['clipped-start', 'end-before-start', 'unknown-person']);
  });
});

describe('exportToTables round trip', () => {
  it('writes wage, hours and benefit spells so that loading them again gives the same columns', async () => {
    const { exportToTables } = await import('../../src/index.js');
    const benefits = 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;SOORTUITKERING\nR;000000002;20190101;;WW\n';
    const exp = await loadCbsExport({ persons, support, employment, benefits });
    const t = exportToTables(exp);
    const back = await loadCbsExport({ persons: t.persons, support: t.support, employment: t.employment, benefits: t.benefits! }, { observation: { start: '20180101', end: '20201231' } });
    expect([...back.employment.wage!]).toEqual([...exp.employment.wage!]);
    expect([...back.employment.hours!]).toEqual([...exp.employment.hours!]);
    expect(back.benefits!.type.levels).toEqual(['WW']);
    expect([...back.benefits!.start]).toEqual([...exp.benefits!.start]);
  });
});

describe('readCbsExport with a benefits path', () => {
  it('reads the fourth input from a file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readCbsExport } = await import('../../src/node/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'benefits-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const exp = await readCbsExport({
      persons: file('persons.csv', persons),
      support: file('support.csv', support),
      employment: file('employment.csv', employment),
      benefits: file('benefits.csv', 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;SOORTUITKERING\nR;000000001;20180301;20180430;bijstand\n'),
    });
    expect(exp.benefits!.length).toBe(1);
    expect(exp.quality.counts.benefits!.read).toBe(1);
    expect([...exp.employment.wage!]).toEqual([2143.5, NaN, 1000]);
  });
});

describe('formatQualityReport with benefit spells', () => {
  it('adds a line of row accounting for the benefits input', async () => {
    const { formatQualityReport } = await import('../../src/index.js');
    const benefits = 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;SOORTUITKERING\nR;000000009;20190101;;bijstand\n';
    const exp = await loadCbsExport({ persons, support, employment, benefits });
    const text = formatQualityReport(exp.quality);
    expect(text).toContain('benefits          1 read        0 kept        1 excluded        0 repaired');
    expect(text).toContain('- benefits: 1 excluded [unknown-person]');
    expect(text).toContain('- employment: 1 flagged [missing-wage]');
  });
});
