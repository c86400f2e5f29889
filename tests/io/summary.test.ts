import { describe, expect, it } from 'vitest';
import { toCSV } from 'arquero';
import { exportSummary, exportToTables, formatQualityReport, loadCbsExport, OPEN_END } from '../../src/index.js';
import { expected, fixtureCsv, plain } from './fixture.js';

const csv = { persons: fixtureCsv('persons'), support: fixtureCsv('support'), employment: fixtureCsv('employment') };

describe('exportSummary', () => {
  it('counts persons, spells and persons ever supported / employed', async () => {
    const exp = await loadCbsExport({ ...csv, persons: csv.persons + 'R,000000099,2000,1,Zaandam,\n' });
    const s = exportSummary(exp);
    expect(s).toEqual({
      persons: 4,
      supportSpells: 3,
      employmentSpells: 4,
      observation: { start: '2016-01-01', end: '2020-12-31' },
      personsEverSupported: 2, // 000000012 and 000000003
      personsEverEmployed: 3, // not 000000099
      quality: exp.quality.counts,
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('formatQualityReport', () => {
  it('writes one accounting line per input and one line per issue', async () => {
    const exp = await loadCbsExport({
      ...csv,
      support: csv.support + 'R,000000555,20190101,,Wsw,Pantar\nR,000000003,20190301,20201231,Wsw,Pantar\n',
      employment: csv.employment + 'R,000000003,E4,20190101,20180101,B\n',
    });
    expect(formatQualityReport(exp.quality).split('\n')).toEqual([
      'Data quality (rows read = kept + excluded)',
      'persons           3 read        3 kept        0 excluded        0 repaired',
      'support           5 read        3 kept        2 excluded        0 repaired',
      'employment        5 read        4 kept        1 excluded        0 repaired',
      '- support: 1 excluded [duplicate-row]: exact duplicate of an earlier row (person, dates and categories) (e.g. row 5)',
      '- support: 1 excluded [unknown-person]: person key not present in the persons input (e.g. row 4)',
      '- employment: 1 excluded [end-before-start]: end date before start date (e.g. row 5)',
    ]);
  });
  it('says so when nothing was excluded', async () => {
    expect(formatQualityReport((await loadCbsExport(csv)).quality)).toContain('No rows excluded, repaired or flagged.');
  });
});

describe('exportToTables', () => {
  it('writes CBS layout: text keys with leading zeros, YYYYMMDD dates, a sentinel for ongoing', async () => {
    const tables = exportToTables(await loadCbsExport(csv));
    expect(tables.support.objects()).toEqual([
      { RINPERSOONS: 'R', RINPERSOON: '000000012', AANVBUS: '20180101', EINDBUS: '99991231', REGELING: 'Participatiewet', WERKGEVERTYPE: 'regulier' },
      { RINPERSOONS: 'R', RINPERSOON: '000000003', AANVBUS: '20170101', EINDBUS: '20171231', REGELING: 'Participatiewet', WERKGEVERTYPE: 'sociale firma' },
      { RINPERSOONS: 'R', RINPERSOON: '000000003', AANVBUS: '20190301', EINDBUS: '20201231', REGELING: 'Wsw', WERKGEVERTYPE: 'Pantar' },
    ]);
    expect(tables.persons.objects()[2]).toEqual({ RINPERSOONS: 'R', RINPERSOON: '100000000', GBAGEBOORTEJAAR: null, GBAGESLACHT: '2', GEMEENTE: 'Zaandam', INKOMEN: 2000 });
    expect(tables.employment.objects()[2]).toMatchObject({ SBEID: 'E3', EINDBUS: '99991231', SCONTRACTSOORT: null });
  });

  it('round-trips: tables and their CSV load back to the same columns', async () => {
    const exp = await loadCbsExport(csv);
    const tables = exportToTables(exp, { openEnd: '' });
    expect(tables.support.array('EINDBUS')[0]).toBe('');
    const again = await loadCbsExport(tables);
    const sameRows = (x: ReturnType<typeof plain>) => ({ ...x, support: { ...x.support, sourceRow: [] }, employment: { ...x.employment, sourceRow: [] } });
    expect(sameRows(plain(again))).toEqual(sameRows(expected));
    const text = { persons: toCSV(tables.persons), support: toCSV(tables.support), employment: toCSV(tables.employment) };
    expect(sameRows(plain(await loadCbsExport(text)))).toEqual(sameRows(expected));
    expect(again.employment.end[0]).toBe(OPEN_END);
  });

  it('writes custom column names', async () => {
    const tables = exportToTables(await loadCbsExport(csv), { columns: { support: { start: 'begindatum' } } });
    expect(tables.support.columnNames()).toContain('begindatum');
    expect(tables.support.columnNames()).not.toContain('AANVBUS');
  });
});
