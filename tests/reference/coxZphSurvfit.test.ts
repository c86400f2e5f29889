// coxZph against R cox.zph and coxSurvival against R survfit.coxph (expected/cox.json).
import { describe, expect, it } from 'vitest';
import { coxSurvival, coxZph } from '../../src/index.js';
import { expectClose, readExpected } from './helpers.js';
import { fitModel, libraryName, modelCase, MODELS } from '../survival/coxModels.js';

interface RCurve {
  stratum: string[];
  time: number[];
  n_risk: number[];
  n_event: number[];
  cumhaz: number[];
  surv: number[];
  std_err: number[];
  lower: number[];
  upper: number[];
}
interface RModel {
  zph: { terms: string[]; chisq: number[]; df: number[] };
  zph_identity: { terms: string[]; chisq: number[] };
  survfit?: RCurve[];
}
const expected = readExpected<Record<string, RModel>>('cox');

/** R's term label in the library's spelling (`relevel(factor(sexlab), "male")` → `sexlab`). */
const termName = (t: string) => libraryName(`${t}`).replace(/^relevel\(factor\(([\w.]+)\), "[^"]*"\)$/, '$1');

describe.each(MODELS)('coxZph matches cox.zph: %s', (name) => {
  const r = expected[name];
  const fit = fitModel(name);

  it('per covariate and global, transform km (default)', () => {
    const zph = coxZph(fit);
    expect(zph.rows.map((x) => x.term)).toEqual(r.zph.terms.map(termName));
    r.zph.chisq.forEach((c, i) => {
      expectClose(zph.rows[i].chisq, c, 1e-8, `chisq ${r.zph.terms[i]}`);
      expect(zph.rows[i].df).toBe(r.zph.df[i]);
    });
  });

  it('per coefficient, transform identity', () => {
    const zph = coxZph(fit, { transform: 'identity', terms: false });
    const byName = new Map(zph.rows.map((x) => [x.term, x.chisq]));
    r.zph_identity.terms.forEach((t, i) => expectClose(byName.get(t === 'GLOBAL' ? t : libraryName(t)), r.zph_identity.chisq[i], 1e-8, `chisq ${t}`));
  });
});

describe.each(MODELS.filter((m) => expected[m].survfit !== undefined))('coxSurvival matches survfit.coxph: %s', (name) => {
  const r = expected[name];
  const c = modelCase(name);
  const fit = fitModel(name);
  const curves = coxSurvival(fit, c.profiles!);

  it('at every event time of every profile and stratum', () => {
    r.survfit!.forEach((rc, k) => {
      // R orders strata as factor levels, the library as sorted labels: compare stratum by stratum.
      const idx = rc.n_event.map((e, i) => i).filter((i) => rc.n_event[i] > 0);
      expect(curves.rows.filter((x) => x.profile === k).length, `profile ${k} rows`).toBe(idx.length);
      const seen = new Map<string, number>();
      idx.forEach((i) => {
        const stratum = rc.stratum[i];
        const j = seen.get(stratum) ?? 0;
        seen.set(stratum, j + 1);
        const row = curves.rows.filter((x) => x.profile === k && x.stratum === stratum)[j];
        const at = `profile ${k}, ${rc.stratum[i]} t=${rc.time[i]}`;
        expect(row.time, at).toBe(rc.time[i]);
        expectClose(row.n_risk, rc.n_risk[i], 1e-9, `n.risk ${at}`);
        expectClose(row.n_event, rc.n_event[i], 1e-9, `n.event ${at}`);
        expectClose(row.cumhaz, rc.cumhaz[i], 1e-8, `cumhaz ${at}`);
        expectClose(row.surv, rc.surv[i], 1e-8, `surv ${at}`);
        expectClose(row.std_err, rc.std_err[i], 1e-8, `std.err ${at}`);
        expectClose(row.ci_low, rc.lower[i], 1e-8, `lower ${at}`);
        expectClose(row.ci_high, rc.upper[i], 1e-8, `upper ${at}`);
      });
    });
  });
});
