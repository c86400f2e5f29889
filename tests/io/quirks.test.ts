import { describe, expect, it } from 'vitest';
import { DataError, loadCbsExport, OPEN_END, type Categorical } from '../../src/index.js';
import { day, expected, fixtureCsv, plain } from './fixture.js';

const csv = { persons: fixtureCsv('persons'), support: fixtureCsv('support'), employment: fixtureCsv('employment') };
const map = (f: (text: string, name: keyof typeof csv) => string) => ({
  persons: f(csv.persons, 'persons'),
  support: f(csv.support, 'support'),
  employment: f(csv.employment, 'employment'),
});
const dutch = (text: string) => '\uFEFF' + text.replace(/,/g, ';').replace('1500.5', '1500,5').replace(/\n/g, '\r\n');

describe('CBS quirks', () => {
  it('reads ";" delimiters, "," decimals, a BOM and CRLF line ends', async () => {
    const sources = map(dutch);
    expect(sources.persons.startsWith('\uFEFFRINPERSOONS;')).toBe(true);
    expect(sources.persons).toContain('1500,5\r\n');
    expect(plain(await loadCbsExport(sources))).toEqual(expected);
  });

  it('reads tab-separated text and quoted fields containing the delimiter', async () => {
    const tabbed = map((t) => t.replace(/,/g, '\t'));
    expect(plain(await loadCbsExport(tabbed))).toEqual(expected);
    const quoted = await loadCbsExport({ ...csv, persons: csv.persons.replace('Zaandam', '"Zaandam, Noord"') });
    const g = quoted.persons.covariates['GEMEENTE'] as Categorical;
    expect(g.levels).toEqual(['Amsterdam', 'Zaandam, Noord']);
  });

  it('lets the decimal separator be set explicitly', async () => {
    // ';' implies ',' decimals; with decimal '.', '1500.5' is a number again.
    const sources = map((t) => t.replace(/,/g, ';'));
    const asDutch = await loadCbsExport(sources);
    expect(asDutch.persons.covariates['INKOMEN']).not.toBeInstanceOf(Float64Array); // '1500.5' is text under ',' decimals
    expect(plain(await loadCbsExport(sources, { csv: { decimal: '.' } }))).toEqual(expected);
  });

  it('treats empty, 88888888, 99999999 and 99991231 end dates as ongoing', async () => {
    for (const sentinel of ['', '88888888', '99999999', '99991231', ' 99991231 ']) {
      const exp = await loadCbsExport({ ...csv, employment: csv.employment.replace('20191231', sentinel) });
      // row 1 (E2, 2019-01-01) is spell 1 of person 0
      expect(exp.employment.end[1]).toBe(OPEN_END);
    }
  });

  it('uses a custom sentinel list instead of the default one', async () => {
    const exp = await loadCbsExport({ ...csv, employment: csv.employment.replace('20191231', '20991231').replace('99991231', '88888888') }, { openEndSentinels: ['', '20991231', '88888888'] });
    expect(exp.employment.end[1]).toBe(OPEN_END);
    // 99991231 is no longer a sentinel: read as a real date in the support table
    const real = await loadCbsExport({ ...csv, support: csv.support.replace('88888888', '99991231') }, { openEndSentinels: [''], observation: { start: '20160101', end: '20201231' }, plausibleDates: { start: '1950-01-01', end: '9999-12-31' } });
    expect(real.support.end[0]).toBe(OPEN_END); // clipped: ends after the observation period
    expect(real.quality.entries.find((e) => e.issue === 'clipped-end')?.exampleRows).toEqual([2]);
    await expect(loadCbsExport(csv, { openEndSentinels: ['88888888'] })).rejects.toThrow(DataError); // empty end no longer allowed
  });

  it('maps custom column names, partially overriding the defaults', async () => {
    const renamed = {
      persons: csv.persons.replace('GBAGEBOORTEJAAR', 'geboortejaar').replace('GBAGESLACHT', 'geslacht'),
      support: csv.support.replace('AANVBUS', 'begindatum').replace('EINDBUS', 'einddatum').replace('REGELING', 'regeling'),
      employment: csv.employment.replace('SBEID', 'werkgever').replace('SCONTRACTSOORT', 'contract'),
    };
    const exp = await loadCbsExport(renamed, {
      columns: {
        persons: { birthYear: 'geboortejaar', sex: 'geslacht' },
        support: { start: 'begindatum', end: 'einddatum', scheme: 'regeling' },
        employment: { employer: 'werkgever', contract: 'contract' },
      },
    });
    expect(plain(exp)).toEqual(expected);
  });

  it('matches column names case-insensitively when the match is unique', async () => {
    const lower = map((t) => {
      const [h, ...rest] = t.split('\n');
      // only the mapped columns; covariates keep the names they are read with
      return [h!.split(',').map((c) => (c === 'GEMEENTE' || c === 'INKOMEN' ? c : c.toLowerCase())).join(','), ...rest].join('\n');
    });
    expect(plain(await loadCbsExport(lower))).toEqual(expected);
  });

  it('accepts ISO dates next to YYYYMMDD', async () => {
    const exp = await loadCbsExport({ ...csv, support: csv.support.replace('20190301', '2019-03-01') });
    expect(exp.support.start[2]).toBe(day(2019, 3, 1));
  });

  it('keeps leading zeros of person numbers and of forced-categorical covariates', async () => {
    const persons = csv.persons.replace('GEMEENTE', 'GEMCODE').replace(/Amsterdam/g, '0363').replace('Zaandam', '0479');
    const inferred = await loadCbsExport({ ...csv, persons });
    expect([...(inferred.persons.covariates['GEMCODE'] as Float64Array)]).toEqual([363, 363, 479]);
    const forced = await loadCbsExport({ ...csv, persons }, { covariateTypes: { GEMCODE: 'categorical' } });
    expect(forced.persons.covariates['GEMCODE']).toEqual({ codes: Int32Array.from([0, 0, 1]), levels: ['0363', '0479'] });
    expect(forced.persons.rinpersoon).toEqual(['000000012', '000000003', '100000000']);
  });

  it('reads a persons key with the same number under different source codes as two persons', async () => {
    const persons = csv.persons + 'X,000000012,1990,1,Amsterdam,\n';
    const employment = csv.employment + 'X,000000012,E9,20200101,20200131,B\n';
    const exp = await loadCbsExport({ ...csv, persons, employment });
    expect(exp.persons.length).toBe(4);
    expect([...exp.employment.offsets]).toEqual([0, 2, 3, 4, 5]);
    expect(exp.employment.start[4]).toBe(day(2020, 1, 1));
  });
});
