import type { Locale } from 'vega';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import { languageOption } from './figureOptions.js';

/** Language of figure labels: Dutch (the report's language, default) or English. */
export type FigureLanguage = 'nl' | 'en';

const NL_LOCALE: Locale = {
  number: { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] },
  time: {
    dateTime: '%a %e %B %Y %X',
    date: '%d-%m-%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  },
};

const EN_LOCALE: Locale = {
  number: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] },
  time: {
    dateTime: '%a %b %e %X %Y',
    date: '%Y-%m-%d',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};

/**
 * The Vega number and time locale for a figure language, to put in a spec's `config.locale`:
 * Dutch figures use a decimal comma, a point as thousands separator and Dutch month names.
 *
 * @example
 * figureLocale('nl').number?.decimal; // ','
 * figureLocale('en').number?.decimal; // '.'
 */
export function figureLocale(lang: FigureLanguage): Locale {
  return languageOption('figureLocale', lang) === 'nl' ? NL_LOCALE : EN_LOCALE;
}

/**
 * A share (0–1) as a percentage text in the figure language, the way the axes print it
 * (no space before the sign, as in the report: "30%"; Dutch decimal comma).
 *
 * @example
 * formatPercent(0.3, 'nl'); // '30%'
 * formatPercent(0.4712, 'nl', 1); // '47,1%'
 * formatPercent(0.4712, 'en', 1); // '47.1%'
 */
export function formatPercent(share: number, lang: FigureLanguage, digits = 0): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) throw new SpecificationError(`formatPercent: share must be a finite number, got ${describeValue(share)}`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new SpecificationError(`formatPercent: digits must be a whole number from 0 to 20, got ${describeValue(digits)}`);
  languageOption('formatPercent', lang);
  const text = (share * 100).toFixed(digits);
  return `${lang === 'nl' ? text.replace('.', ',') : text}%`;
}

/**
 * A whole count with the language's thousands separator ("4.082" in Dutch, "4,082" in English).
 *
 * @example
 * formatCount(4082, 'nl'); // '4.082'
 * formatCount(4082, 'en'); // '4,082'
 * formatCount(-1640, 'nl'); // '-1.640'
 */
export function formatCount(count: number, lang: FigureLanguage): string {
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new SpecificationError(`formatCount: count must be a finite number, got ${describeValue(count)}`);
  languageOption('formatCount', lang);
  const digits = Math.abs(Math.round(count)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nl' ? '.' : ',');
  return count < 0 ? `-${grouped}` : grouped;
}
