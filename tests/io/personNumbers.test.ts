// Person numbers read from bytes, and the ids of a panel, become strings when they are first read
// (a million strings for a million persons, which many analyses never read): the values, their
// place among the keys, and that reading them once gives an ordinary property.
import { describe, expect, it } from 'vitest';
import { eventPanel, loadCbsExport } from '../../src/index.js';

const persons = 'RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT\nR; 000000007 ;1980;1\nR;000000003;1975;2\nR;000000007;1990;1\nX;000000003;1960;2\n';
const support = 'RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE\nR;000000003;20190101;20201231;Participatiewet;regulier\n';
const employment = 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT\nX;000000003;12;20190101;20191231;O\n';

describe('person numbers', () => {
  it('are made on first read, trimmed, in person order, duplicates left out', async () => {
    const exp = await loadCbsExport({ persons, support, employment }, { observation: { start: '20160101', end: '20251231' } });
    const p = exp.persons;
    expect(typeof Object.getOwnPropertyDescriptor(p, 'rinpersoon')?.get).toBe('function');
    expect(Object.keys(p).slice(0, 3)).toEqual(['length', 'rinpersoons', 'rinpersoon']);
    expect(p.rinpersoon).toEqual(['000000007', '000000003', '000000003']);
    expect(p.rinpersoons).toEqual(['R', 'R', 'X']);
    const after = Object.getOwnPropertyDescriptor(p, 'rinpersoon')!;
    expect([after.get, after.value === p.rinpersoon, after.enumerable]).toEqual([undefined, true, true]);
    expect(exp.quality.entries.find((q) => q.table === 'persons' && q.issue === 'duplicate-person')?.count).toBe(1);
    expect(exp.employment.person[0]).toBe(2);
  });
});

describe('panel ids', () => {
  it('are made on first read from the export persons they stand for', async () => {
    const exp = await loadCbsExport({ persons, support, employment }, { observation: { start: '20160101', end: '20251231' } });
    const panel = eventPanel(exp);
    expect(typeof Object.getOwnPropertyDescriptor(panel.persons, 'id')?.get).toBe('function');
    expect(typeof Object.getOwnPropertyDescriptor(exp.persons, 'rinpersoon')?.get).toBe('function');
    expect(Array.from(panel.persons.exportIndex)).toEqual([1]);
    expect(panel.persons.id).toEqual(['R000000003']);
    expect(Object.getOwnPropertyDescriptor(panel.persons, 'id')?.get).toBeUndefined();
  });
});
