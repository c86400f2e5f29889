/**
 * Text widths for rendering without a canvas. Vega's own fallback guesses 0.8 em per
 * character, which makes titles and legends reserve far too much room; per-character
 * Helvetica advance widths (1/1000 em, ASCII 32–126) give layouts close to a browser's.
 */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584,
  584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
  278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
  500, 334, 260, 334, 584,
];

/** Headroom for fonts wider than Helvetica (DejaVu Sans on Linux hosts), more for bold. */
const REGULAR_FACTOR = 1.08;
const BOLD_FACTOR = 1.16;

/**
 * Estimated width in pixels of `text` at `fontSize`, Helvetica metrics with headroom.
 *
 * @example
 * estimateTextWidth('iii', 10) < estimateTextWidth('MMM', 10); // true
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    units += code >= 32 && code <= 126 ? HELVETICA[code - 32] : 600;
  }
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : REGULAR_FACTOR);
}

/** The fields of a Vega scenegraph text item that decide its width. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  text?: unknown;
  limit?: number;
}

/** Vega's width hook for a text item (same contract as vega-scenegraph's `textMetrics.width`). */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const value = text ?? item.text;
  const str = value === null || value === undefined ? '' : String(value);
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
  return estimateTextWidth(str, item.fontSize ?? 11, bold);
}
