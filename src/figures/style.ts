import type { Config, TopLevelSpec } from 'vega-lite';
import { figureLocale, type FigureLanguage } from './locale.js';

/** The Vega-Lite JSON schema every figure declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colours: supported group in dark blue, control in orange (distinguishable in greyscale and for colour-blind readers). */
export const COLORS = {
  supported: '#1b5e9e',
  control: '#d46a00',
  neutral: '#6e6e6e',
  light: '#f0f0f0',
  series: ['#1b5e9e', '#d46a00', '#2a9d6f', '#8e44ad', '#b8860b', '#c0392b'],
  sequential: ['#c6dbef', '#6baed6', '#2171b5', '#08306b', '#041a3d'],
} as const;

/** Fonts that exist in browsers and, as DejaVu Sans, on a bare Linux render host. */
const FONT = 'Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif';

/** Shared look of every figure: publication-like, locale-aware number formats. */
export function baseConfig(lang: FigureLanguage): Config {
  return {
    locale: figureLocale(lang),
    font: FONT,
    background: 'white',
    padding: 12,
    view: { stroke: null },
    axis: {
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 'normal',
      titleColor: '#333',
      labelColor: '#333',
      gridColor: '#e4e4e4',
      domainColor: '#888',
      tickColor: '#888',
    },
    legend: { orient: 'bottom', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', symbolStrokeWidth: 2 },
    title: { anchor: 'start', fontSize: 13, fontWeight: 'bold', subtitleFontSize: 11, subtitleColor: '#555', offset: 12 },
    concat: { spacing: 8 },
  };
}

/** Breaks a long text into lines of at most `width` characters, at spaces. */
export function wrapText(text: string, width = 90): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * A title block wrapped to the figure's width in pixels (titles do not widen a figure):
 * the title, and the notes (explanation, output-control note) as subtitle lines.
 */
export function titleBlock(title: string, notes: readonly string[], widthPx: number): NonNullable<TopLevelSpec['title']> {
  // Average advance of bold 13 px and regular 11 px Helvetica-like text, with some headroom.
  const text = wrapText(title, Math.max(30, Math.floor(widthPx / 7.6)));
  const subtitle = notes.flatMap((n) => wrapText(n, Math.max(40, Math.floor(widthPx / 5.8))));
  return subtitle.length > 0 ? { text, subtitle } : { text };
}

/** Metadata every figure spec carries in `usermeta`: the caption a report prints under it. */
export interface FigureMeta {
  readonly figure: string;
  readonly caption: string;
  readonly notes: readonly string[];
  readonly suppressed: number;
  readonly lang: FigureLanguage;
}
