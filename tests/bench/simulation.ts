/**
 * Long version of the simulation audit (docs/methods/simulation-audit.md): seeded replicates of
 * `loadSynthetic` → `matchControls` → `eventPanel` → `diffInDiff` / `eventStudy` with library
 * defaults, under parallel trends, with and without an effect. Prints one table row per scenario:
 *
 * - rejection rates at 5 % of the pre-trend tests (joint Wald with the default F reference, the
 *   same statistic against χ², and the 1-df linear slope test);
 * - coverage of the event study's pointwise 95 % intervals (over every event time) and of the
 *   sup-t band (all event times at once); truth: 0 before support, expected − expected without
 *   effect (`truth.phasesObservedBefore.all.profile`) after;
 * - the DiD's mean error (± Monte-Carlo SE) against `truth.phasesObservedBefore`, without and with
 *   the bias correction (`biasCorrection: m.matchedValues`), the paired shift the correction makes,
 *   and the coverage of their intervals (against each replicate's own truth);
 * - sd of the DiD estimates / mean SE when clustering by person and by matched set, and of the
 *   corrected DiD (clustered as `auto` chooses).
 *
 *   npm run bench:simulation -- [replicates = 200] [scales = 0.03,0.1] [effects = 0.155,0]
 *
 * Never fails; takes about a second per replicate at scale 0.03 and several at 0.1 on an idle core.
 */
import { diffInDiff } from '../../src/compare/diffInDiff.js';
import { eventStudy } from '../../src/compare/eventStudy.js';
import { matchControls } from '../../src/compare/matchControls.js';
import { eventPanel } from '../../src/panel/eventPanel.js';
import { loadSynthetic } from '../../src/synth/index.js';

const reps = Number(process.argv[2] ?? 200);
const scales = (process.argv[3] ?? '0.03,0.1').split(',').map(Number);
const effects = (process.argv[4] ?? '0.155,0').split(',').map(Number);

interface Tally {
  n: number;
  rejectF: number;
  rejectChi2: number;
  rejectLinear: number;
  pointIn: number;
  pointN: number;
  bandIn: number;
  err: number[];
  errBc: number[];
  coverDid: number;
  coverBc: number;
  est: number[];
  estBc: number[];
  sePerson: number[];
  seSet: number[];
  seBc: number[];
  clusters: number;
  autoBy: Set<string>;
}

function mean(x: readonly number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}
function sd(x: readonly number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
}
const pm = (x: readonly number[]) => `${mean(x) >= 0 ? '+' : ''}${mean(x).toFixed(4)} ± ${(sd(x) / Math.sqrt(x.length)).toFixed(4)}`;
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`;

async function replicate(t: Tally, seed: number, scale: number, effect: number): Promise<void> {
  const exp = await loadSynthetic({ seed, scale, effect });
  const m = matchControls(exp);
  const panel = eventPanel(exp, { anchors: m.anchors });
  const truthGroup = exp.truth.phasesObservedBefore.all;
  const truth = truthGroup.effectOnTreated!;
  const byPerson = diffInDiff(panel, { cluster: 'person' });
  const bySet = diffInDiff(panel, { cluster: 'set' });
  const auto = diffInDiff(panel);
  const bc = diffInDiff(panel, { biasCorrection: m.matchedValues });
  const e = auto.effect;
  t.err.push(e.estimate! - truth);
  t.errBc.push(bc.effect.estimate! - truth);
  t.coverDid += +(e.ci_low! <= truth && truth <= e.ci_high!);
  t.coverBc += +(bc.effect.ci_low! <= truth && truth <= bc.effect.ci_high!);
  t.est.push(e.estimate!);
  t.estBc.push(bc.effect.estimate!);
  t.sePerson.push(byPerson.effect.se!);
  t.seSet.push(bySet.effect.se!);
  t.seBc.push(bc.effect.se!);
  t.clusters += auto.n_clusters;
  t.autoBy.add(auto.spec.cluster);

  const es = eventStudy(panel);
  const chi2 = eventStudy(panel, { preTrendTest: 'chi2', bootstrap: false });
  t.rejectF += +(es.tests[0].p_value! < 0.05);
  t.rejectLinear += +(es.tests[1].p_value! < 0.05);
  t.rejectChi2 += +(chi2.tests[0].p_value! < 0.05);
  const prof = truthGroup.profile;
  const trueAt = new Map(prof.eventTime.map((k, i) => [k, prof.expected[i] !== null && prof.expectedWithoutEffect[i] !== null ? prof.expected[i]! - prof.expectedWithoutEffect[i]! : null]));
  let allIn = true;
  for (const r of es.rows) {
    if (r.estimate === null || r.ci_low === null) continue;
    const tr = r.phase === 'before' ? 0 : trueAt.get(r.event_time);
    if (tr === null || tr === undefined) continue;
    t.pointN++;
    t.pointIn += +(r.ci_low <= tr && tr <= r.ci_high!);
    if (r.band_low === null || tr < r.band_low || tr > r.band_high!) allIn = false;
  }
  t.bandIn += +allIn;
  t.n++;
}

const t0 = Date.now();
console.log(`simulation audit: ${reps} replicates per scenario (seeds 1…${reps}), library defaults, parallel trends`);
const header = ['scale', 'effect', 'reps', 'pre-trend F', 'pre-trend χ²', 'linear', 'pointwise cov.', 'sup-t cov.', 'DiD error', 'DiD error, corrected', 'correction shift', 'DiD cov.', 'corrected cov.', 'sd/SE person', 'sd/SE set', 'sd/SE corrected', 'clusters', 'auto clustering'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const scale of scales) {
  for (const effect of effects) {
    const t: Tally = { n: 0, rejectF: 0, rejectChi2: 0, rejectLinear: 0, pointIn: 0, pointN: 0, bandIn: 0, err: [], errBc: [], coverDid: 0, coverBc: 0, est: [], estBc: [], sePerson: [], seSet: [], seBc: [], clusters: 0, autoBy: new Set<string>() };
    for (let seed = 1; seed <= reps; seed++) await replicate(t, seed, scale, effect);
    const s = sd(t.est);
    const row = [
      scale,
      effect,
      t.n,
      pct(t.rejectF, t.n),
      pct(t.rejectChi2, t.n),
      pct(t.rejectLinear, t.n),
      pct(t.pointIn, t.pointN),
      pct(t.bandIn, t.n),
      pm(t.err),
      pm(t.errBc),
      pm(t.errBc.map((x, i) => x - t.err[i])),
      pct(t.coverDid, t.n),
      pct(t.coverBc, t.n),
      (s / mean(t.sePerson)).toFixed(3),
      (s / mean(t.seSet)).toFixed(3),
      (sd(t.estBc) / mean(t.seBc)).toFixed(3),
      Math.round(t.clusters / t.n),
      [...t.autoBy].join(', '),
    ];
    console.log(`| ${row.join(' | ')} |`);
  }
}
console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
