import { describe, expect, it } from 'vitest';
import { DataError, loadCbsExport, SpecificationError, type CbsSources, type LoadCbsOptions } from '../../src/index.js';
import { fixtureCsv } from './fixture.js';

const csv = { persons: fixtureCsv('persons'), support: fixtureCsv('support'), employment: fixtureCsv('employment') };

/** The DataError thrown by loading, as a plain object of its fields. */
async function dataError(sources: CbsSources, options?: LoadCbsOptions) {
  try {
    await loadCbsExport(sources, options);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    const e = err as DataError;
    return { file: e.file, row: e.row, column: e.column, value: e.value, message: e.message };
  }
  throw new Error('expected a DataError');
}

describe('unreadable input gives a DataError naming file, row, column and value', () => {
  it('malformed start date', async () => {
    const e = await dataError({ ...csv, support: csv.support.replace('20190301', '20190230') });
    expect(e).toMatchObject({ file: 'support', row: 1, column: 'AANVBUS', value: '20190230' });
    expect(e.message).toContain('support, row 1, column "AANVBUS": got "20190230"');
  });

  it('malformed end date', async () => {
    expect(await dataError({ ...csv, employment: csv.employment.replace('20161231', '2016-13-01') })).toMatchObject({ file: 'employment', row: 3, column: 'EINDBUS', value: '2016-13-01' });
  });

  it('empty start date', async () => {
    expect(await dataError({ ...csv, employment: csv.employment.replace('E3,20180101', 'E3,') })).toMatchObject({ file: 'employment', row: 4, column: 'AANVBUS' });
  });

  it('empty person number and empty source code', async () => {
    expect(await dataError({ ...csv, employment: csv.employment.replace('R,100000000', 'R,') })).toMatchObject({ file: 'employment', row: 3, column: 'RINPERSOON' });
    expect(await dataError({ ...csv, persons: csv.persons.replace('R,000000003', ',000000003') })).toMatchObject({ file: 'persons', row: 2, column: 'RINPERSOONS' });
  });

  it('a birth year that is not a number (empty is fine)', async () => {
    expect(await dataError({ ...csv, persons: csv.persons.replace('1975', '19x5') })).toMatchObject({ file: 'persons', row: 2, column: 'GBAGEBOORTEJAAR', value: '19x5' });
  });

  it('a missing column, listing the columns that exist', async () => {
    const e = await dataError({ ...csv, support: csv.support.replace('REGELING', 'SCHEME') });
    expect(e).toMatchObject({ file: 'support', row: undefined, column: 'REGELING' });
    expect(e.message).toContain('"SCHEME"');
    expect(e.message).toContain('"WERKGEVERTYPE"');
  });

  it('a mapped column name that does not exist', async () => {
    const e = await dataError(csv, { columns: { employment: { employer: 'werkgever' } } });
    expect(e).toMatchObject({ file: 'employment', column: 'werkgever' });
    expect(e.message).toContain('"SBEID"');
  });

  it('an ambiguous case-insensitive column name', async () => {
    const persons = csv.persons.replace('GEMEENTE', 'gbageslacht');
    const e = await dataError({ ...csv, persons: persons.replace('GBAGESLACHT', 'GbaGeslacht') });
    expect(e).toMatchObject({ file: 'persons', column: 'GBAGESLACHT' });
  });

  it('a CSV row with fewer or more fields than the header, or an empty line', async () => {
    const short = await dataError({ ...csv, employment: csv.employment.replace('R,100000000,E1,20160101,20161231,B', 'R,100000000,E1,20160101') });
    expect(short).toMatchObject({ file: 'employment', row: 3, value: 'R,100000000,E1,20160101' });
    expect(short.message).toContain('6 fields separated by ",", as in the header line; got 4 fields');
    expect(await dataError({ ...csv, support: csv.support.replace('Wsw,Pantar', 'Wsw,Pantar,extra') })).toMatchObject({ file: 'support', row: 1 });
    expect(await dataError({ ...csv, persons: csv.persons.replace('\nR,000000003', '\n\nR,000000003') })).toMatchObject({ file: 'persons', row: 2, value: '' });
    const crlf = csv.support.replace(/\n/g, '\r\n').replace('sociale firma', 'sociale firma,x');
    expect(await dataError({ ...csv, support: crlf })).toMatchObject({ row: 3, value: 'R,000000003,20170101,20171231,Participatiewet,sociale firma,x' });
  });

  it('an unclosed quote', async () => {
    expect(await dataError({ ...csv, persons: csv.persons.replace('Zaandam', '"Zaandam') })).toMatchObject({ file: 'persons', row: 3 });
  });

  it('but not quoted delimiters, quotes and line breaks, nor trailing blank lines', async () => {
    const persons = csv.persons.replace('Zaandam', '"Zaandam,\nNoord ""oud"""') + '\n\r\n';
    const exp = await loadCbsExport({ ...csv, persons });
    expect((exp.persons.covariates['GEMEENTE'] as { levels: readonly string[] }).levels).toEqual(['Amsterdam', 'Zaandam,\nNoord "oud"']);
  });

  it('reads quotes as the CSV parser does: stray quotes inside a field are literal', async () => {
    const persons = csv.persons.replace('Zaandam', 'Zaan"dam').replace('Amsterdam,\n', '"Amster;dam ""A""",\n');
    const exp = await loadCbsExport({ ...csv, persons });
    expect((exp.persons.covariates['GEMEENTE'] as { levels: readonly string[] }).levels).toEqual(['Amster;dam "A"', 'Amsterdam', 'Zaan"dam']); // code-unit order: ';' < 'd'
  });

  it('names the input by the label given in options.names', async () => {
    const e = await dataError({ ...csv, support: csv.support.replace('20190301', 'x') }, { names: { support: '/secure/BUS_2023.csv' } });
    expect(e.file).toBe('/secure/BUS_2023.csv');
  });

  it('corrupt gzip and Parquet bytes', async () => {
    expect(await dataError({ ...csv, persons: new Uint8Array([0x1f, 0x8b, 1, 2, 3]) })).toMatchObject({ file: 'persons' });
    expect(await dataError({ ...csv, support: new TextEncoder().encode('PAR1 not really') })).toMatchObject({ file: 'support' });
  });

  it('a covariate forced numeric that holds text', async () => {
    expect(await dataError(csv, { covariateTypes: { GEMEENTE: 'numeric' } })).toMatchObject({ file: 'persons', row: 1, column: 'GEMEENTE', value: 'Amsterdam' });
  });
});

describe('impossible options give a SpecificationError', () => {
  it('malformed or reversed observation period', async () => {
    await expect(loadCbsExport(csv, { observation: { start: '2019-02-30', end: '2020-01-01' } })).rejects.toThrow(SpecificationError);
    await expect(loadCbsExport(csv, { observation: { start: '20200101', end: '20190101' } })).rejects.toThrow(SpecificationError);
  });
  it('no spells to derive the observation period from', async () => {
    // One row each, of a person source code not in the persons input: excluded, so no valid spell (a header-only file is a DataError).
    const unknown = (t: string) => {
      const [head, row] = t.split('\n');
      return `${head}\n${row!.replace(/^[^,;]*/, 'X')}\n`;
    };
    await expect(loadCbsExport({ ...csv, support: unknown(csv.support), employment: unknown(csv.employment) })).rejects.toThrow(SpecificationError);
    const given = await loadCbsExport({ ...csv, support: unknown(csv.support), employment: unknown(csv.employment) }, { observation: { start: '20190101', end: '20191231' } });
    expect([given.support.length, given.employment.length, given.support.offsets.length]).toEqual([0, 0, 4]);
  });
  it('a covariate type for a column that does not exist', async () => {
    await expect(loadCbsExport(csv, { covariateTypes: { GEMCODE: 'categorical' } })).rejects.toThrow(SpecificationError);
  });
  it('a source that is neither text, bytes nor a table', async () => {
    await expect(loadCbsExport({ ...csv, persons: 42 as unknown as string })).rejects.toThrow(SpecificationError);
  });
});
