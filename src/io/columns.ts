/**
 * Default column names of the three CBS-style inputs. Users map their own names with
 * the `columns` option of the loaders; every key below can be overridden.
 */

/** Column names of the persons input. */
export interface PersonColumns {
  readonly rinpersoons: string;
  readonly rinpersoon: string;
  readonly birthYear: string;
  readonly sex: string;
}

/** Column names of the support-trajectory input. */
export interface SupportColumns {
  readonly rinpersoons: string;
  readonly rinpersoon: string;
  readonly start: string;
  readonly end: string;
  readonly scheme: string;
  readonly employerType: string;
}

/** Column names of the employment-spell input. */
export interface EmploymentColumns {
  readonly rinpersoons: string;
  readonly rinpersoon: string;
  readonly employer: string;
  readonly start: string;
  readonly end: string;
  readonly contract: string;
  /** Wage of the spell (optional: read when present; mapping your own name makes it required). */
  readonly wage: string;
  /** Hours of the spell (optional, like the wage). */
  readonly hours: string;
}

/** Column names of the (optional) benefit-spell input. */
export interface BenefitColumns {
  readonly rinpersoons: string;
  readonly rinpersoon: string;
  readonly start: string;
  readonly end: string;
  /** Benefit type, e.g. `bijstand`. */
  readonly type: string;
}

/** Column names of all inputs. */
export interface CbsColumns {
  readonly persons: PersonColumns;
  readonly support: SupportColumns;
  readonly employment: EmploymentColumns;
  readonly benefits: BenefitColumns;
}

/**
 * CBS naming: person key `RINPERSOONS` + `RINPERSOON`, GBA birth year and sex, BUS-file
 * spell dates `AANVBUS` / `EINDBUS`, SPOLIS employer `SBEID` and contract type `SCONTRACTSOORT`
 * (`B` fixed-term, `O` open-ended), SPOLIS basic wage `SBASISLOON` and hours `SBASISUREN` (both
 * optional), and a benefit type column `SOORTUITKERING` in the optional benefit-spell input.
 *
 * @example
 * DEFAULT_COLUMNS.employment.start; // 'AANVBUS'
 */
export const DEFAULT_COLUMNS: CbsColumns = {
  persons: { rinpersoons: 'RINPERSOONS', rinpersoon: 'RINPERSOON', birthYear: 'GBAGEBOORTEJAAR', sex: 'GBAGESLACHT' },
  support: {
    rinpersoons: 'RINPERSOONS',
    rinpersoon: 'RINPERSOON',
    start: 'AANVBUS',
    end: 'EINDBUS',
    scheme: 'REGELING',
    employerType: 'WERKGEVERTYPE',
  },
  employment: {
    rinpersoons: 'RINPERSOONS',
    rinpersoon: 'RINPERSOON',
    employer: 'SBEID',
    start: 'AANVBUS',
    end: 'EINDBUS',
    contract: 'SCONTRACTSOORT',
    wage: 'SBASISLOON',
    hours: 'SBASISUREN',
  },
  benefits: { rinpersoons: 'RINPERSOONS', rinpersoon: 'RINPERSOON', start: 'AANVBUS', end: 'EINDBUS', type: 'SOORTUITKERING' },
};

/**
 * End-date values that mean "ongoing" by default: empty, and the far-future sentinels CBS uses.
 *
 * @example
 * DEFAULT_OPEN_END_SENTINELS.includes('88888888'); // true
 */
export const DEFAULT_OPEN_END_SENTINELS: readonly string[] = ['', '88888888', '99999999', '99991231'];
