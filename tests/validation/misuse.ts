// API misuses of the bad-input corpus: misspelt options of every public function, wrong argument
// shapes, dates given wrongly, and output-control rows that must be withheld. Each case states the
// exact error class and a message fragment (naming function, option, value), or the suppression
// reason output control must give.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from 'arquero';
import * as pe from '../../src/index.js';
import { readCbsExport, renderPng, renderSvg, runJob, writeControlledCsv, writeControlledJson, writeFileAtomic, writeReport } from '../../src/node/index.js';
import { BASE } from '../fixtures/bad/cases.js';

/** What the misuse cases run against, built once. */
export interface MisuseContext {
  readonly exp: pe.SyntheticCbsExport;
  readonly raw: pe.SyntheticExport;
  readonly panel: pe.EventPanel;
  readonly matched: pe.EventPanel;
  readonly match: pe.MatchResult;
  readonly profile: ReturnType<typeof pe.participationProfile>;
  readonly es: pe.EventStudyResult;
  readonly att: pe.AttGtResult;
  readonly cox: pe.CoxResult;
  readonly controlled: pe.ControlledTable;
  readonly dir: string;
}

export async function misuseContext(): Promise<MisuseContext> {
  const exp = await pe.loadSynthetic({ seed: 7, scale: 0.01 });
  const raw = pe.synthesizeCbsExport({ seed: 7, scale: 0.01 });
  const panel = pe.eventPanel(exp, { before: 12, after: 12 });
  const match = pe.matchControls(exp, { seed: 1 });
  const matched = pe.eventPanel(exp, { anchors: match.anchors, before: 12, after: 12 });
  const profile = pe.participationProfile(panel);
  const es = pe.eventStudy(matched);
  const rows: { id: string; t: number; g: number; y: number }[] = [];
  const y: Record<string, number[]> = { a: [0, 1, 3], b: [1, 1, 2], c: [0, 0, 0], d: [2, 3, 3] };
  const g: Record<string, number> = { a: 2, b: 3, c: 0, d: 0 };
  for (const id of ['a', 'b', 'c', 'd']) for (let t = 1; t <= 3; t++) rows.push({ id, t, g: g[id]!, y: y[id]![t - 1]! });
  const att = pe.attGt(rows, { columns: { id: 'id', period: 't', cohort: 'g', outcome: 'y' } });
  const cox = pe.coxRegression({ time: [5, 8, 3, 9, 2, 7, 4, 6], event: [1, 0, 1, 1, 1, 0, 1, 1], covariates: { x: [1, 0, 1, 0, 1, 0, 0, 1] } });
  const controlled = pe.applyOutputControl([{ g: 'a', n: 40, count: 20, estimate: 0.5 }]);
  return { exp, raw, panel, matched, match, profile, es, att, cox, controlled, dir: mkdtempSync(join(tmpdir(), 'misuse-')) };
}

export interface MisuseCase {
  readonly id: string;
  readonly call: (c: MisuseContext) => unknown;
  /** The typed error and a fragment of its message; or the suppression reason of row `row`. */
  readonly expect: { readonly error: 'SpecificationError' | 'DataError'; readonly message: string; readonly column?: string; readonly row?: number } | { readonly suppressed: number; readonly reason: string };
}

const spec = (message: string) => ({ error: 'SpecificationError', message }) as const;
const km = { time: [1, 2, 3, 4], event: [1, 0, 1, 1] };
const csvSources = () => ({ persons: BASE.persons, support: BASE.support, employment: BASE.employment });

const typos: MisuseCase[] = [
  { id: 'typo-loadCbsExport', call: () => pe.loadCbsExport(csvSources(), { strcit: true } as never), expect: spec('loadCbsExport: unknown option "strcit"; did you mean "strict"?') },
  { id: 'typo-loadCbsExport-sources', call: () => pe.loadCbsExport({ ...csvSources(), employmnt: BASE.employment } as never), expect: spec('unknown option "sources.employmnt"; did you mean "sources.employment"?') },
  { id: 'typo-readCbsExport', call: () => readCbsExport({ persons: 'a.csv', support: 'b.csv', employment: 'c.csv' }, { obervation: {} } as never), expect: spec('unknown option "obervation"; did you mean "observation"?') },
  { id: 'typo-loadSynthetic', call: () => pe.loadSynthetic({ sead: 7 } as never), expect: spec('unknown option "sead"; did you mean "seed"?') },
  { id: 'typo-synthesizeCbsExport', call: () => pe.synthesizeCbsExport({ scal: 0.01 } as never), expect: spec('synthesizeCbsExport: unknown option "scal"; did you mean "scale"?') },
  { id: 'typo-synthesize-observation', call: () => pe.synthesizeCbsExport({ observation: { start: '20060101', edn: '20251231' } } as never), expect: spec('unknown option "observation.edn"; did you mean "observation.end"?') },
  { id: 'typo-eventPanel', call: (c) => pe.eventPanel(c.exp, { befor: 12 } as never), expect: spec('eventPanel: unknown option "befor"; did you mean "before"?') },
  { id: 'typo-eventPanel-groups', call: (c) => pe.eventPanel(c.exp, { grups: ['supported'] } as never), expect: spec('eventPanel: unknown option "grups"; did you mean "groups"?') },
  { id: 'typo-participationProfile', call: (c) => pe.participationProfile(c.panel, { levle: 0.9 } as never), expect: spec('participationProfile: unknown option "levle"; did you mean "level"?') },
  { id: 'typo-phaseAverages', call: (c) => pe.phaseAverages(c.panel, { levle: 0.5 } as never), expect: spec('phaseAverages: unknown option "levle"; did you mean "level"?') },
  { id: 'typo-phaseAverages-bootstrap', call: (c) => pe.phaseAverages(c.panel, { bootstrap: { replicates: 9 } } as never), expect: spec('unknown option "bootstrap.replicates"; did you mean "bootstrap.replications"?') },
  { id: 'typo-matchControls', call: (c) => pe.matchControls(c.exp, { ratop: 2 } as never), expect: spec('matchControls: unknown option "ratop"') },
  { id: 'typo-matchControls-caliper', call: (c) => pe.matchControls(c.exp, { calipr: 0.2 } as never), expect: spec('did you mean "caliper"?') },
  { id: 'typo-diffInDiff', call: (c) => pe.diffInDiff(c.matched, { clustr: 'set' } as never), expect: spec('diffInDiff: unknown option "clustr"; did you mean "cluster"?') },
  { id: 'typo-eventStudy', call: (c) => pe.eventStudy(c.matched, { levle: 0.9 } as never), expect: spec('eventStudy: unknown option "levle"; did you mean "level"?') },
  { id: 'typo-kaplanMeier', call: () => pe.kaplanMeier(km, { conftype: 'log-log' } as never), expect: spec('kaplanMeier: unknown option "conftype"; did you mean "confType"?') },
  { id: 'typo-logRankTest', call: () => pe.logRankTest({ ...km, group: ['a', 'b', 'a', 'b'] }, { roh: 1 } as never), expect: spec('logRankTest: unknown option "roh"; did you mean "rho"?') },
  { id: 'typo-coxRegression', call: () => pe.coxRegression({ time: [1, 2, 3], event: [1, 0, 1], covariates: { x: [1, 2, 3] } }, { tise: 'breslow' } as never), expect: spec('coxRegression: unknown option "tise"; did you mean "ties"?') },
  { id: 'typo-coxZph', call: (c) => pe.coxZph(c.cox, { transfrom: 'km' } as never), expect: spec('coxZph: unknown option "transfrom"; did you mean "transform"?') },
  { id: 'typo-coxSurvival', call: (c) => pe.coxSurvival(c.cox, [{ x: 1 }], { levle: 0.9 } as never), expect: spec('coxSurvival: unknown option "levle"; did you mean "level"?') },
  { id: 'typo-relationshipCox', call: (c) => pe.relationshipCox(c.exp, { tise: 'efron' } as never), expect: spec('relationshipCox: unknown option "tise"; did you mean "ties"?') },
  { id: 'typo-applyOutputControl', call: () => pe.applyOutputControl([{ g: 'a', n: 40 }], { minPerson: 50 } as never), expect: spec('applyOutputControl: unknown option "minPerson"; did you mean "minPersons"?') },
  { id: 'typo-applyOutputControl-nested', call: () => pe.applyOutputControl([{ g: 'a', n: 40 }], { rounding: { bsae: 5 } } as never), expect: spec('did you mean "rounding.base"?') },
  { id: 'typo-contractLengths', call: (c) => pe.contractLengths(c.exp, { at: '2019-01-01', bnis: [] } as never), expect: spec('contractLengths: unknown option "bnis"; did you mean "bins"?') },
  { id: 'typo-tenureShareSeries', call: (c) => pe.tenureShareSeries(c.exp, { from: '2019-01', to: '2019-06', threshld: 2 } as never), expect: spec('tenureShareSeries: unknown option "threshld"; did you mean "threshold"?') },
  { id: 'typo-employerTypeShares', call: (c) => pe.employerTypeShares(c.exp, { att: '2019-01-01' } as never), expect: spec('employerTypeShares: unknown option "att"; did you mean "at"?') },
  { id: 'typo-supportCounts', call: (c) => pe.supportCountsOnJanuaryFirst(c.exp, { yeras: [2019] } as never), expect: spec('supportCountsOnJanuaryFirst: unknown option "yeras"; did you mean "years"?') },
  { id: 'typo-employmentRelationships', call: (c) => pe.employmentRelationships(c.exp, { gapday: 3 } as never), expect: spec('employmentRelationships: unknown option "gapday"; did you mean "gapDays"?') },
  { id: 'typo-relationshipSurvival', call: (c) => pe.relationshipSurvival(c.exp, { levle: 0.9 } as never), expect: spec('relationshipSurvival: unknown option "levle"; did you mean "level"?') },
  { id: 'typo-tenureByEventTime', call: (c) => pe.tenureByEventTime(c.exp, { monhts: [0, 12] } as never), expect: spec('tenureByEventTime: unknown option "monhts"; did you mean "months"?') },
  { id: 'typo-supportAnchors', call: (c) => pe.supportAnchors(c.exp, { trajectroy: 'first' } as never), expect: spec('supportAnchors: unknown option "trajectroy"; did you mean "trajectory"?') },
  { id: 'typo-exportToTables', call: (c) => pe.exportToTables(c.exp, { opneEnd: '99991231' } as never), expect: spec('exportToTables: unknown option "opneEnd"; did you mean "openEnd"?') },
  { id: 'typo-figure21Spec', call: (c) => pe.figure21Spec(c.profile, { lnag: 'en' } as never), expect: spec('figure21Spec: unknown option "lnag"; did you mean "lang"?') },
  { id: 'typo-eventStudySpec', call: (c) => pe.eventStudySpec(c.es, { refrence: [-3, -2] } as never), expect: spec('eventStudySpec: unknown option "refrence"; did you mean "reference"?') },
  { id: 'typo-survivalSpec', call: () => pe.survivalSpec(pe.kaplanMeier(km), { lnag: 'en' } as never), expect: spec('survivalSpec: unknown option "lnag"; did you mean "lang"?') },
  { id: 'typo-staggeredPanelFromExport', call: (c) => pe.staggeredPanelFromExport(c.exp, { perod: 'year' } as never), expect: spec('staggeredPanelFromExport: unknown option "perod"; did you mean "period"?') },
  { id: 'typo-attGt', call: () => pe.attGt([{ id: 'a', t: 1, g: 0, y: 1 }], { columns: { id: 'id', period: 't', cohort: 'g', outcome: 'y' }, controll: 'never' } as never), expect: spec('attGt: unknown option "controll"; did you mean "control"?') },
  { id: 'typo-aggregate', call: (c) => pe.aggregate(c.att, { tpye: 'simple' } as never), expect: spec('aggregate: unknown option "tpye"; did you mean "type"?') },
  { id: 'typo-toControlledCsv', call: (c) => pe.toControlledCsv(c.controlled, { forse: true } as never), expect: spec('toControlledCsv: unknown option "forse"; did you mean "force"?') },
  { id: 'typo-logisticRegression', call: () => pe.logisticRegression([[0, 1, 0, 1]], [0, 1, 1, 0], { maxiter: 5 } as never), expect: spec('logisticRegression: unknown option "maxiter"; did you mean "maxIter"?') },
  { id: 'typo-writeControlledCsv', call: (c) => writeControlledCsv(join(c.dir, 'typo.csv'), c.controlled, { ovewrite: true } as never), expect: spec('writeControlledCsv: unknown option "ovewrite"; did you mean "overwrite"?') },
  { id: 'typo-writeReport', call: (c) => writeReport(join(c.dir, 'report'), { titel: 'x', sections: [] } as never), expect: spec('unknown option "titel"; did you mean "title"?') },
  { id: 'typo-targetPath', call: () => pe.targetPath({ strat: 1 } as never), expect: spec('targetPath: unknown option "strat"; did you mean "start"?') },
];

const shapes: MisuseCase[] = [
  { id: 'shape-eventPanel-raw', call: (c) => pe.eventPanel(c.raw as never), expect: spec('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a raw synthetic export (synthesizeCbsExport)') },
  { id: 'shape-eventPanel-undefined', call: () => pe.eventPanel(undefined as never), expect: spec('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got undefined') },
  { id: 'shape-eventPanel-null', call: () => pe.eventPanel(null as never), expect: spec('got null') },
  { id: 'shape-eventPanel-promise', call: () => pe.eventPanel(pe.loadCbsExport(csvSources()) as never), expect: spec('eventPanel expects a CbsExport (from loadCbsExport or loadSynthetic); got a Promise') },
  { id: 'shape-participationProfile-export', call: (c) => pe.participationProfile(c.exp as never), expect: spec('participationProfile expects an EventPanel (from eventPanel or panelFromLong) or its PanelStatistics (panel.statistics()); got a CbsExport: build the panel with eventPanel(exp) first') },
  { id: 'shape-phaseAverages-undefined', call: () => pe.phaseAverages(undefined as never), expect: spec('phaseAverages expects an EventPanel (from eventPanel or panelFromLong) or its PanelStatistics (panel.statistics()); got undefined') },
  { id: 'shape-diffInDiff-export', call: (c) => pe.diffInDiff(c.exp as never), expect: spec('diffInDiff expects an EventPanel') },
  { id: 'shape-eventStudy-match', call: (c) => pe.eventStudy(c.match as never), expect: spec('got a match result') },
  { id: 'shape-matchControls-panel', call: (c) => pe.matchControls(c.panel as never), expect: spec('matchControls expects a CbsExport') },
  { id: 'shape-kaplanMeier-export', call: (c) => pe.kaplanMeier(c.exp as never), expect: spec('kaplanMeier expects survival data { time, event, group?, entry? }') },
  { id: 'shape-contractLengths-null', call: () => pe.contractLengths(null as never, { at: '2019-01-01' }), expect: spec('contractLengths expects a CbsExport') },
  { id: 'shape-relationshipCox-raw', call: (c) => pe.relationshipCox(c.raw as never), expect: spec('relationshipCox expects a CbsExport (from loadCbsExport or loadSynthetic); got a raw synthetic export') },
  { id: 'shape-applyOutputControl-null', call: () => pe.applyOutputControl(null as never), expect: spec('applyOutputControl expects a result table') },
  { id: 'shape-applyOutputControl-numbers', call: () => pe.applyOutputControl([1, 2] as never), expect: spec('applyOutputControl expects a result table') },
  { id: 'shape-figure21Spec-empty', call: () => pe.figure21Spec({} as never), expect: spec('figure21Spec expects result rows (an array of row objects) or a result with `rows`; got an empty object') },
  { id: 'shape-figure11Spec-empty', call: () => pe.figure11Spec({} as never), expect: spec('figure11Spec expects result rows') },
  { id: 'shape-eventStudySpec-empty', call: () => pe.eventStudySpec({} as never), expect: spec('eventStudySpec expects result rows') },
  { id: 'shape-eventStudySpec-rows', call: () => pe.eventStudySpec([{ k: 1, att: 0.1 }] as never), expect: spec('eventStudySpec: row 1 lacks') },
  { id: 'shape-readCbsExport-null', call: () => readCbsExport(null as never), expect: spec('readCbsExport expects file paths { persons, support, employment }') },
  { id: 'shape-writeReport-sections', call: (c) => writeReport(join(c.dir, 'r2'), { title: 'x', sections: 'Figuur' } as never), expect: spec('writeReport: sections must be an array') },
  { id: 'shape-survivalSpec-empty', call: () => pe.survivalSpec({} as never), expect: spec('survivalSpec expects') },
  { id: 'shape-contractLengthSpec-empty', call: () => pe.contractLengthSpec({} as never), expect: spec('contractLengthSpec expects result rows') },
  { id: 'shape-exportSummary-raw', call: (c) => pe.exportSummary(c.raw as never), expect: spec('exportSummary expects a CbsExport (from loadCbsExport or loadSynthetic); got a raw synthetic export') },
  { id: 'shape-exportSummary-null', call: () => pe.exportSummary(null as never), expect: spec('exportSummary expects a CbsExport (from loadCbsExport or loadSynthetic); got null') },
  { id: 'shape-formatQualityReport-export', call: (c) => pe.formatQualityReport(c.exp as never), expect: spec('formatQualityReport expects a quality report { counts, entries } (exp.quality)') },
  { id: 'shape-formatQualityReport-null', call: () => pe.formatQualityReport(null as never), expect: spec('got null') },
  { id: 'shape-exportToTables-raw', call: (c) => pe.exportToTables(c.raw as never), expect: spec('exportToTables expects a CbsExport') },
  { id: 'shape-panelToTable-export', call: (c) => pe.panelToTable(c.exp as never), expect: spec('panelToTable expects an EventPanel (from eventPanel or panelFromLong); got a CbsExport') },
  { id: 'shape-aggregate-empty', call: () => pe.aggregate({} as never), expect: spec('aggregate expects an attGt result (from attGt(panel)); got an empty object') },
  { id: 'shape-aggregate-cox', call: (c) => pe.aggregate(c.cox as never), expect: spec('aggregate expects an attGt result (from attGt(panel)); got a coxRegression result') },
  { id: 'shape-attGtSpec-empty', call: () => pe.attGtSpec({} as never), expect: spec('attGtSpec expects an attGt result or its dynamic aggregation; got an empty object') },
  { id: 'shape-coxZph-empty', call: () => pe.coxZph({} as never), expect: spec('coxZph expects a Cox regression fit (from coxRegression or relationshipCox); got an empty object') },
  { id: 'shape-coxRegression-export', call: (c) => pe.coxRegression(c.exp as never), expect: spec('coxRegression expects { time, event, covariates') },
  { id: 'shape-staggeredPanel-empty', call: () => pe.staggeredPanel({} as never, { id: 'id', period: 't', cohort: 'g', outcome: 'y' }), expect: spec('staggeredPanel expects a long table (an arquero table or an array of row objects); got an empty object') },
  { id: 'shape-staggeredPanel-columns', call: () => pe.staggeredPanel([{ id: 'a' }], {} as never), expect: spec('staggeredPanel expects columns { id, period, cohort, outcome }') },
  { id: 'shape-panelFromLong-empty', call: () => pe.panelFromLong({} as never, { id: 'id', eventTime: 'k', outcome: 'y' }), expect: spec('panelFromLong expects a long table') },
  { id: 'shape-logisticRegression-empty', call: () => pe.logisticRegression({} as never, [] as never), expect: spec('logisticRegression expects a design matrix') },
  { id: 'shape-logisticRegression-lengths', call: () => pe.logisticRegression([[0, 1, 0]], [0, 1]), expect: spec('logisticRegression: column 1 has 3 values for 2 outcomes') },
  { id: 'shape-createRandom-string', call: () => pe.createRandom('a' as never), expect: spec('createRandom: seed must be a finite number, got the string "a"') },
  { id: 'shape-detectDelimiter-null', call: () => pe.detectDelimiter(null as never), expect: spec('detectDelimiter expects the header line as a string; got null') },
  { id: 'shape-survivalQuantile-object', call: () => pe.survivalQuantile({} as never, 0.5 as never, 0.5), expect: spec('survivalQuantile expects two arrays of one length') },
  { id: 'shape-tenureOnDate-export', call: (c) => pe.tenureOnDate(c.exp as never, '2019-01-01' as never), expect: spec('tenureOnDate expects employment relationships') },
  { id: 'shape-isSuppressed-null', call: () => pe.isSuppressed(null as never, undefined), expect: spec('isSuppressed expects a row of a controlled table, got null') },
  { id: 'shape-loadCbsExport-null', call: () => pe.loadCbsExport(null as never), expect: spec('loadCbsExport expects { persons, support, employment }') },
  { id: 'shape-loadCbsExport-number', call: () => pe.loadCbsExport({ ...csvSources(), persons: 5 } as never), expect: spec('persons: expected CSV text, bytes') },
  { id: 'shape-loadSynthetic-observation', call: () => pe.loadSynthetic({ scale: 0.01 }, { observation: { start: '20100101', end: '20201231' } } as never), expect: spec('loadSynthetic: the observation period comes from the synthesis options') },
];

const more: MisuseCase[] = [
  { id: 'shape-renderSvg-empty', call: () => renderSvg({} as never), expect: spec('not a valid Vega-Lite spec') },
  { id: 'shape-renderSvg-null', call: () => renderSvg(null as never), expect: spec('expected a Vega-Lite spec (an object, e.g. from figure21Spec); got null') },
  { id: 'typo-renderSvg', call: (c) => renderSvg(pe.figure21Spec(c.profile), { scael: 2 } as never), expect: spec('renderSvg: unknown option "scael"; did you mean "scale"?') },
  { id: 'typo-renderPng', call: (c) => renderPng(pe.figure21Spec(c.profile), { sacle: 2 } as never), expect: spec('renderPng: unknown option "sacle"; did you mean "scale"?') },
  { id: 'shape-writeFileAtomic-null', call: (c) => writeFileAtomic(join(c.dir, 'null.txt'), null as never), expect: spec('writeFileAtomic: content must be a string or a Uint8Array, got null') },
  { id: 'shape-runJob-options', call: (c) => runJob(c.exp, undefined as never), expect: spec('runJob: options.outDir (the output folder) is required') },
  { id: 'shape-runJob-raw', call: (c) => runJob(c.raw as never, { outDir: join(c.dir, 'job') }), expect: spec('runJob expects a CbsExport') },
  { id: 'typo-runJob', call: (c) => runJob(c.exp, { outDir: join(c.dir, 'job'), ovewrite: true } as never), expect: spec('runJob: unknown option "ovewrite"; did you mean "overwrite"?') },
  { id: 'shape-parseCbsDate-null', call: () => pe.parseCbsDate(null as never), expect: spec('parseCbsDate expects the date as text (YYYYMMDD); got null') },
  { id: 'value-phaseAverages-windows', call: (c) => pe.phaseAverages(c.panel, { windows: 'after' } as never), expect: spec('windows must be { before?, during?, after? }') },
  { id: 'value-phaseAverages-window-text', call: (c) => pe.phaseAverages(c.panel, { windows: { after: '13-48' } } as never), expect: spec('windows.after must be [from, to] with from ≤ to') },
  { id: 'value-eventPanel-groups-typo', call: (c) => pe.eventPanel(c.exp, { group: 'scheme', groups: ['Wsw', 'Partcipatiewet'] }), expect: spec('groups lists "Partcipatiewet", which no supported person has (did you mean "Participatiewet"?)') },
  { id: 'value-supportAnchors-groups-typo', call: (c) => pe.supportAnchors(c.exp, { groups: ['suported'] }), expect: spec('groups lists "suported", which no supported person has (did you mean "supported"?)') },
  { id: 'oc-n-infinite', call: () => pe.applyOutputControl([{ g: 'a', n: Infinity, count: 50 }]), expect: { error: 'DataError', message: 'a finite, non-negative count of persons', column: 'n', row: 1 } },
  { id: 'oc-count-nan', call: () => pe.applyOutputControl([{ g: 'a', n: 100, count: Number.NaN }, { g: 'b', n: 100, count: 50 }]), expect: { suppressed: 0, reason: 'primary:count-unknown' } },
];

const datesMisused: MisuseCase[] = [
  { id: 'date-eventPanel-number', call: (c) => pe.eventPanel(c.exp, { observation: { start: 20150101, end: 20201231 } } as never), expect: spec("eventPanel: observation.start must be a date string ('YYYYMMDD' or 'YYYY-MM-DD') or a day number, got the number 20150101 (a number like 20150101 is read as a day number; write '20150101')") },
  { id: 'date-eventPanel-month-13', call: (c) => pe.eventPanel(c.exp, { observation: { start: '2019-13-01', end: '2020-12-31' } } as never), expect: spec('"2019-13-01"') },
  { id: 'date-contractLengths-month-13', call: (c) => pe.contractLengths(c.exp, { at: '2019-13-01' }), expect: spec('contractLengths: at: not a date (expected YYYYMMDD, YYYY-MM-DD or an integer day number): "2019-13-01"') },
  { id: 'date-contractLengths-number', call: (c) => pe.contractLengths(c.exp, { at: 20190101 }), expect: spec("write '20190101' in quotes") },
  { id: 'date-employerTypeShares-number', call: (c) => pe.employerTypeShares(c.exp, { at: 20190101 } as never), expect: spec("write '20190101' in quotes") },
  { id: 'date-toDayNumber-number', call: () => pe.toDayNumber(20190101), expect: spec("got the number 20190101, which would be read as a day number (the year 57248); write '20190101' in quotes") },
  { id: 'date-toDayNumber-null', call: () => pe.toDayNumber(null as never), expect: spec('not a date') },
  { id: 'date-synthesize-number', call: () => pe.synthesizeCbsExport({ observation: { start: 20060101, end: 20251231 } }), expect: spec("write '20060101' in quotes") },
  { id: 'date-loadCbsExport-number', call: () => pe.loadCbsExport(csvSources(), { observation: { start: 20150101, end: '20201231' } as never }), expect: spec("loadCbsExport: observation.start must be a date as a string ('YYYY-MM-DD' or 'YYYYMMDD') or a Date, got the number 20150101; write '20150101' in quotes") },
  { id: 'date-loadCbsExport-month-13', call: () => pe.loadCbsExport(csvSources(), { observation: { start: '2019-13-01', end: '20201231' } }), expect: spec('observation.start is not a calendar date') },
];

const values: MisuseCase[] = [
  { id: 'value-eventPanel-before', call: (c) => pe.eventPanel(c.exp, { before: -1 }), expect: spec('before must be a whole number of months between 0 and 32767, got -1') },
  { id: 'value-eventPanel-before-string', call: (c) => pe.eventPanel(c.exp, { before: '12' } as never), expect: spec('before must be a whole number of months') },
  { id: 'value-profile-level', call: (c) => pe.participationProfile(c.panel, { level: 95 }), expect: spec('level must lie strictly between 0 and 1, got 95') },
  { id: 'value-wilson-count', call: () => pe.wilsonInterval(11, 10), expect: spec('count must lie between 0 and n = 10, got 11') },
  { id: 'value-kaplanMeier-nan', call: () => pe.kaplanMeier({ time: [1, NaN], event: [1, 1] }), expect: { error: 'DataError', message: 'row 2', column: 'time', row: 2 } },
  { id: 'value-kaplanMeier-entry', call: () => pe.kaplanMeier({ time: [3], event: [1], entry: [3] }), expect: { error: 'DataError', message: 'entry', column: 'entry', row: 1 } },
  { id: 'value-kaplanMeier-field-typo', call: () => pe.kaplanMeier({ ...km, entyr: [0, 0, 0, 0] } as never), expect: spec('unknown field(s) "entyr"') },
  { id: 'value-logRank-no-group', call: () => pe.logRankTest(km as never), expect: spec('group') },
  { id: 'value-figureLabels-lang', call: () => pe.figureLabels('fr' as never), expect: spec("figureLabels: lang must be 'nl' or 'en', got the string \"fr\"") },
  { id: 'value-covariate-unknown', call: () => pe.loadCbsExport(csvSources(), { covariateTypes: { ONBEKEND: 'numeric' } }), expect: spec('covariateTypes names "ONBEKEND", which is not an extra column of persons') },
  {
    id: 'value-covariate-infinity-columnar',
    call: async () => {
      const persons = table({ RINPERSOONS: ['R', 'R', 'R'], RINPERSOON: ['000000001', '000000002', '000000003'], GBAGEBOORTEJAAR: [1980, 1981, 1982], GBAGESLACHT: ['1', '2', '1'], INKOMEN: [1500, Infinity, 2000] });
      return pe.loadCbsExport({ ...csvSources(), persons }, { covariateTypes: { INKOMEN: 'numeric' } });
    },
    expect: { error: 'DataError', message: 'a number (decimal separator ".") or an empty value', column: 'INKOMEN', row: 2 },
  },
  { id: 'value-format-unknown', call: () => pe.loadCbsExport(csvSources(), { format: { support: 'xlsx' as never } }), expect: spec('loadCbsExport: format.support must be one of') },
  { id: 'value-logistic-outcome', call: () => pe.logisticRegression([[0, 1, 2]], [0, 2, 1]), expect: { error: 'DataError', message: 'an outcome in [0, 1]', row: 2 } },
];

const outputControl: MisuseCase[] = [
  { id: 'oc-implied-count', call: () => pe.applyOutputControl([{ g: 'a', n: 200, estimate: 0.015 }, { g: 'b', n: 300, estimate: 0.5 }]), expect: { suppressed: 0, reason: 'primary:implied-count' } },
  { id: 'oc-implied-complement', call: () => pe.applyOutputControl([{ g: 'a', n: 200, estimate: 0.99 }, { g: 'b', n: 300, estimate: 0.5 }]), expect: { suppressed: 0, reason: 'primary:implied-count-complement' } },
  { id: 'oc-count-null', call: () => pe.applyOutputControl([{ g: 'a', n: 200, count: null }, { g: 'b', n: 300, count: 150 }]), expect: { suppressed: 0, reason: 'primary:count-unknown' } },
  { id: 'oc-n-null', call: () => pe.applyOutputControl([{ g: 'a', n: 100, count: 50 }, { g: 'b', n: null, count: 150 }]), expect: { suppressed: 1, reason: 'primary:count-unknown' } },
  { id: 'oc-small-n', call: () => pe.applyOutputControl([{ g: 'a', n: 9, count: 5 }, { g: 'b', n: 300, count: 150 }]), expect: { suppressed: 0, reason: 'primary:min-persons' } },
  { id: 'oc-n-string', call: () => pe.applyOutputControl([{ g: 'a', n: '200', count: 50 }] as never), expect: { error: 'DataError', message: '200', column: 'n', row: 1 } },
  { id: 'oc-no-person-count', call: () => pe.applyOutputControl([{ g: 'a', estimate: 0.5 }]), expect: spec('n_persons') },
  { id: 'oc-margins-missing-by', call: () => pe.applyOutputControl([{ g: 'a', n: 100, count: 50 }], { margins: [{ rows: [{ g: 'a', n: 100 }], by: ['regio'] }] }), expect: spec('regio') },
  {
    id: 'oc-report-existing',
    call: (c) => {
      writeFileSync(join(c.dir, 'old.txt'), 'old');
      return writeReport(c.dir, { title: 'x', sections: [] });
    },
    expect: spec('refusing to overwrite'),
  },
  { id: 'oc-unchecked-write', call: () => pe.toControlledCsv([{ g: 'a', n: 3 }]), expect: spec('refusing to write CSV: the table has not passed output control') },
  {
    id: 'oc-write-existing',
    call: (c) => {
      const path = join(c.dir, 'existing.json');
      writeFileSync(path, '{}');
      return writeControlledJson(path, c.controlled);
    },
    expect: spec('writeControlledJson: refusing to overwrite'),
  },
];

/** Every API misuse of the corpus. */
export const MISUSE_CASES: readonly MisuseCase[] = [...typos, ...shapes, ...more, ...datesMisused, ...values, ...outputControl];
