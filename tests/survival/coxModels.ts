// The Cox models of tests/reference/r/cox.R, fitted with the library on the same committed CSVs.
import type { ColumnTable } from 'arquero';
import { coxRegression, type CoxData, type CoxOptions, type CoxResult } from '../../src/index.js';
import { readData } from '../reference/helpers.js';

const col = <T = number>(t: ColumnTable, name: string): T[] => t.array(name) as T[];

function lungData(): Omit<CoxData, 'covariates'> & { t: ColumnTable } {
  const t = readData('cox-lung');
  return { t, time: col(t, 'time'), event: col(t, 'event') };
}

/** One model: the input, the options, and (for survival curves) the covariate profiles R used. */
export interface ModelCase {
  readonly data: CoxData;
  readonly options: CoxOptions;
  readonly profiles?: readonly Record<string, number | string>[];
}

export function modelCase(name: string): ModelCase {
  const lung = lungData();
  const lungCov = { age: col(lung.t, 'age'), sexlab: col<string>(lung.t, 'sexlab'), 'ph.ecog': col(lung.t, 'ph.ecog'), 'wt.loss': col(lung.t, 'wt.loss') };
  const lungBase = { time: lung.time, event: lung.event, covariates: lungCov };
  const vet = readData('cox-veteran');
  const vetBase = { time: col(vet, 'time'), event: col(vet, 'status'), strata: col<string>(vet, 'celltype') };
  const vetCov = { trt: col(vet, 'trt'), karno: col(vet, 'karno'), age: col(vet, 'age'), prior: col(vet, 'prior') };
  const cp = readData('cox-counting');
  const cpBase = { time: col(cp, 'exit'), event: col(cp, 'event'), entry: col(cp, 'entry') };
  const cpWeighted = { ...cpBase, weights: col(cp, 'w'), cluster: col(cp, 'id') };
  switch (name) {
    case 'lung_efron':
      return { data: lungBase, options: {}, profiles: [{ age: 60, sexlab: 'male', 'ph.ecog': 1, 'wt.loss': 0 }, { age: 70, sexlab: 'female', 'ph.ecog': 2, 'wt.loss': 10 }] };
    case 'lung_breslow':
      return { data: lungBase, options: { ties: 'breslow' }, profiles: [{ age: 60, sexlab: 'male', 'ph.ecog': 1, 'wt.loss': 0 }] };
    case 'lung_factor_robust':
      return {
        data: { ...lungBase, covariates: { age: lungCov.age, sexlab: lungCov.sexlab, 'ph.ecog': lungCov['ph.ecog'] } },
        options: { robust: true, categorical: ['ph.ecog'], reference: { sexlab: 'male' } },
      };
    case 'veteran_strata':
      return { data: { ...vetBase, covariates: vetCov }, options: {}, profiles: [{ trt: 1, karno: 60, age: 60, prior: 0 }] };
    case 'veteran_strata_breslow_robust':
      return { data: { ...vetBase, covariates: vetCov }, options: { ties: 'breslow', robust: true } };
    case 'veteran_celltype':
      return {
        data: { time: vetBase.time, event: vetBase.event, covariates: { trt: vetCov.trt, karno: vetCov.karno, celltype: col<string>(vet, 'celltype') } },
        options: { categorical: ['trt'], reference: { celltype: 'squamous' } },
      };
    case 'counting_efron':
      return { data: { ...cpWeighted, covariates: { x1: col(cp, 'x1'), grpb: col<string>(cp, 'grp') } }, options: { reference: { grpb: 'b' } }, profiles: [{ x1: 0, grpb: 'b' }, { x1: 1, grpb: 'a' }] };
    case 'counting_strata_breslow':
      return {
        data: { ...cpWeighted, strata: col<string>(cp, 's'), covariates: { x1: col(cp, 'x1'), grpb: col<string>(cp, 'grp') } },
        options: { reference: { grpb: 'b' }, ties: 'breslow' },
        profiles: [{ x1: 0.5, grpb: 'c' }],
      };
    case 'counting_strata_efron':
      return { data: { ...cpBase, strata: col<string>(cp, 's'), covariates: { x1: col(cp, 'x1'), grp: col<string>(cp, 'grp') } }, options: {}, profiles: [{ x1: 0.5, grp: 'c' }] };
    default:
      throw new Error(`unknown model ${name}`);
  }
}

export function fitModel(name: string): CoxResult {
  const c = modelCase(name);
  return coxRegression(c.data, c.options);
}

/** R's coefficient name in the library's spelling (`factor(trt)2` → `trt2`, `relevel(factor(sexlab), "male")female` → `sexlabfemale`). */
export function libraryName(rName: string): string {
  return rName.replace(/^relevel\(factor\(([\w.]+)\), "[^"]*"\)/, '$1').replace(/^factor\(([\w.]+)\)/, '$1');
}

export const MODELS = [
  'lung_efron',
  'lung_breslow',
  'lung_factor_robust',
  'veteran_strata',
  'veteran_strata_breslow_robust',
  'veteran_celltype',
  'counting_efron',
  'counting_strata_breslow',
  'counting_strata_efron',
] as const;
