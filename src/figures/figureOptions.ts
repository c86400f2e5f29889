import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, type OptionKeys } from '../core/options.js';
import type { FigureLanguage } from './locale.js';

/** Option names every figure takes. */
export const FIGURE_KEYS = { lang: true, width: true, height: true } as const;

/**
 * Check a figure's options: unknown names are refused with the nearest valid one, and the shared
 * ones (`lang`, `width`, `height`) must be valid. Returns the language (default Dutch).
 *
 * @example
 * figureOptions('survivalSpec', { lang: 'en' }, {}); // 'en'
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => figureOptions('survivalSpec', { lnag: 'en' }, {})); // 'survivalSpec: unknown option "lnag"; did you mean "lang"? Valid options: height, lang, width'
 */
export function figureOptions(fn: string, options: unknown, keys: OptionKeys): FigureLanguage {
  checkOptions(fn, options, { ...FIGURE_KEYS, ...keys });
  const o = (options ?? {}) as { lang?: unknown; width?: unknown; height?: unknown };
  for (const k of ['width', 'height'] as const) {
    const v = o[k];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new SpecificationError(`${fn}: ${k} must be a positive number of pixels, got ${describeValue(v)}`);
  }
  return languageOption(fn, o.lang);
}

/**
 * A figure language option: `nl` (default) or `en`.
 *
 * @example
 * languageOption('figureLabels', undefined); // 'nl'
 */
export function languageOption(fn: string, lang: unknown): FigureLanguage {
  if (lang === undefined) return 'nl';
  if (lang !== 'nl' && lang !== 'en') throw new SpecificationError(`${fn}: lang must be 'nl' or 'en', got ${describeValue(lang)}`);
  return lang;
}
