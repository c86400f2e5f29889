import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import { languageOption } from './figureOptions.js';
import type { FigureLanguage } from './locale.js';

/** Every text a figure prints, in one language. */
export interface FigureLabels {
  readonly figure21Title: (level: number) => string;
  readonly participation: string;
  readonly monthsBeforeStart: string;
  readonly monthsAfterEnd: string;
  readonly duringSupport: string;
  readonly supported: string;
  readonly control: string;
  readonly phaseAverage: string;
  readonly figure21Legend: (level: number, averages: boolean) => string;
  readonly interval95: (level: number) => string;
  readonly figure11Title: string;
  readonly countOnJanuary1: string;
  readonly year: string;
  readonly scheme: string;
  readonly targetTitle: (year: number) => string;
  readonly targetPath: string;
  readonly actual: string;
  readonly targetLabel: (year: number, count: string) => string;
  readonly dueLabel: (count: string) => string;
  readonly persons: string;
  readonly eventStudyTitle: string;
  readonly effect: string;
  readonly monthsRelativeToStart: string;
  readonly pointwise: (level: number) => string;
  readonly uniformBand: (level: number) => string;
  readonly referenceWindow: string;
  readonly contractTitle: string;
  readonly shareOfPersons: string;
  readonly tenure: string;
  readonly date: string;
  readonly longerThan2Years: string;
  readonly survivalTitle: (level: number) => string;
  readonly stillEmployed: string;
  readonly duration: (unit: DurationUnit) => string;
  readonly group: string;
  readonly censored: string;
  readonly suppressedNote: (count: number, reasons: readonly string[]) => string;
  readonly leftCensoredNote: string;
}

/** Unit of a duration axis (survival time, tenure). */
export type DurationUnit = 'days' | 'months' | 'years';

const pct = (level: number): string => `${Math.round(level * 100)}%`;

/** Who the figures are about: names in titles (the defaults are the audit report's, Amsterdam and its programme "Sociaal Werk"). */
export interface FigureNames {
  /** The people studied, as the title names them: default `Amsterdammers` (nl) / `Amsterdam residents` (en). */
  readonly population?: string;
  /** The support programme, as titles name it: default `Sociaal Werk`. */
  readonly programme?: string;
}

const DEFAULT_POPULATION = { nl: 'Amsterdammers', en: 'Amsterdam residents' } as const;
const DEFAULT_PROGRAMME = 'Sociaal Werk';

const nl = (population: string, programme: string): FigureLabels => ({
  figure21Title: (l) => `Arbeidsparticipatie voor ${population} met een arbeidsbeperking voor en na ondersteuning (met ${pct(l)} betrouwbaarheidsintervallen)`,
  participation: 'Arbeidsparticipatie',
  monthsBeforeStart: 'Maanden voor start ondersteuning',
  monthsAfterEnd: 'Maanden na einde ondersteuning',
  duringSupport: 'tijdens ondersteuning',
  supported: 'Met ondersteuning',
  control: 'Controlegroep',
  phaseAverage: 'gemiddeld',
  figure21Legend: (l, avg) =>
    `Lijnen: arbeidsparticipatie per maand; vlakken: ${pct(l)}-betrouwbaarheidsinterval${avg ? '; stippellijnen: gemiddelde over de periode' : ''}. De periode tijdens de ondersteuning is weggelaten.`,
  interval95: (l) => `${pct(l)}-betrouwbaarheidsinterval`,
  figure11Title: 'Totalen sociaal werk op 1 januari van het betreffende jaar, uitgesplitst naar deel Wsw en deel Participatiewet',
  countOnJanuary1: 'Aantal werkenden op 1 januari',
  year: 'Jaar',
  scheme: 'Regeling',
  targetTitle: (y) => `Werkenden via de Participatiewet tegenover de groeidoelstelling voor eind ${y}`,
  targetPath: 'Groeipad naar doelstelling',
  actual: 'Werkelijk aantal',
  targetLabel: (y, c) => `doel eind ${y}: ${c}`,
  dueLabel: (c) => `beoogd: ${c}`,
  persons: 'Aantal personen',
  eventStudyTitle: 'Effect van ondersteuning op arbeidsparticipatie ten opzichte van de controlegroep, per maand',
  effect: 'Verschil in arbeidsparticipatie (procentpunt)',
  monthsRelativeToStart: 'Maanden ten opzichte van start ondersteuning',
  pointwise: (l) => `${pct(l)}-interval per maand`,
  uniformBand: (l) => `simultane ${pct(l)}-band`,
  referenceWindow: 'referentieperiode',
  contractTitle: `Duur van het lopende dienstverband van ${population} met ondersteuning via ${programme}`,
  shareOfPersons: 'Aandeel personen',
  tenure: 'Duur dienstverband',
  date: 'Peildatum',
  longerThan2Years: 'Aandeel met een dienstverband van meer dan twee jaar',
  survivalTitle: (l) => `Duur van dienstverbanden (Kaplan-Meier, met ${pct(l)} betrouwbaarheidsintervallen)`,
  stillEmployed: 'Aandeel dienstverbanden nog lopend',
  duration: (u) => `Duur sinds start dienstverband (${u === 'days' ? 'dagen' : u === 'months' ? 'maanden' : 'jaren'})`,
  group: 'Groep',
  censored: 'gecensureerd',
  suppressedNote: (n, reasons) =>
    `${n} ${n === 1 ? 'waarde is' : 'waarden zijn'} niet getoond vanwege outputcontrole${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}.`,
  leftCensoredNote: 'Dienstverbanden die al liepen bij de eerste peildatum hebben een onbekende startdatum; hun duur is een ondergrens.',
});

const en = (population: string, programme: string): FigureLabels => ({
  figure21Title: (l) => `Labour participation of ${population} with a work disability before and after support (with ${pct(l)} confidence intervals)`,
  participation: 'Labour participation',
  monthsBeforeStart: 'Months before start of support',
  monthsAfterEnd: 'Months after end of support',
  duringSupport: 'during support',
  supported: 'Supported',
  control: 'Control group',
  phaseAverage: 'average',
  figure21Legend: (l, avg) =>
    `Lines: participation per month; bands: ${pct(l)} confidence interval${avg ? '; dashed lines: average over the period' : ''}. The period during support is left out.`,
  interval95: (l) => `${pct(l)} confidence interval`,
  figure11Title: 'People in social work on 1 January of each year, split into Wsw and Participatiewet',
  countOnJanuary1: 'People working on 1 January',
  year: 'Year',
  scheme: 'Scheme',
  targetTitle: (y) => `People working through the Participatiewet against the growth target for end ${y}`,
  targetPath: 'Path to target',
  actual: 'Actual count',
  targetLabel: (y, c) => `target end ${y}: ${c}`,
  dueLabel: (c) => `due: ${c}`,
  persons: 'Number of people',
  eventStudyTitle: 'Effect of support on labour participation relative to the control group, by month',
  effect: 'Difference in labour participation (percentage points)',
  monthsRelativeToStart: 'Months relative to start of support',
  pointwise: (l) => `${pct(l)} pointwise interval`,
  uniformBand: (l) => `${pct(l)} uniform band`,
  referenceWindow: 'reference period',
  contractTitle: `Length of the current employment relationship of ${population} supported by ${programme}`,
  shareOfPersons: 'Share of people',
  tenure: 'Length of employment relationship',
  date: 'Reference date',
  longerThan2Years: 'Share with an employment relationship of more than two years',
  survivalTitle: (l) => `Duration of employment relationships (Kaplan-Meier, with ${pct(l)} confidence intervals)`,
  stillEmployed: 'Share of relationships still running',
  duration: (u) => `Time since start of relationship (${u})`,
  group: 'Group',
  censored: 'censored',
  suppressedNote: (n, reasons) =>
    `${n} ${n === 1 ? 'value is' : 'values are'} not shown because of output control${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}.`,
  leftCensoredNote: 'Relationships already running on the first reference date have an unknown start; their length is a lower bound.',
});

/**
 * All figure texts in Dutch (default, the report's language) or English, naming the population and
 * programme given (default Amsterdam's, as in the audit report).
 *
 * @example
 * figureLabels('nl').participation; // 'Arbeidsparticipatie'
 * figureLabels('en').participation; // 'Labour participation'
 * figureLabels('en', { population: 'people in Utrecht', programme: 'Werkfit' }).contractTitle; // 'Length of the current employment relationship of people in Utrecht supported by Werkfit'
 */
export function figureLabels(lang: FigureLanguage = 'nl', names: FigureNames = {}): FigureLabels {
  const language = languageOption('figureLabels', lang);
  for (const key of ['population', 'programme'] as const) {
    const v = names[key];
    if (v !== undefined && !(typeof v === 'string' && v.trim() !== '')) throw new SpecificationError(`figureLabels: ${key} must be a non-empty string, got ${describeValue(v)}`);
  }
  const population = names.population ?? DEFAULT_POPULATION[language];
  const programme = names.programme ?? DEFAULT_PROGRAMME;
  return language === 'en' ? en(population, programme) : nl(population, programme);
}
