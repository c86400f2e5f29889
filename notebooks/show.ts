/**
 * Display helpers for the notebooks (Deno Jupyter kernel): charts as a Vega-Lite MIME bundle
 * with an SVG fallback, tables as HTML with a plain-text fallback.
 */
import { from, type ColumnTable } from 'arquero';
import { renderSvg } from 'participation-effects/node';

type Spec = Parameters<typeof renderSvg>[0];

// JupyterLab and VS Code render Vega-Lite 5 under this MIME type; the specs only use features
// Vega-Lite 5 also has, so the displayed copy names the v5 schema.
const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';
const VEGA_LITE_V5_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * Show a Vega-Lite spec inline. The SVG rendering travels along, so viewers without a
 * Vega renderer (GitHub, nbviewer) still show the chart.
 */
export async function showChart(spec: Spec, caption = 'chart'): Promise<void> {
  const svg = await renderSvg(spec);
  await Deno.jupyter.display(
    {
      [VEGA_LITE_MIME]: { ...spec, $schema: VEGA_LITE_V5_SCHEMA },
      'image/svg+xml': svg,
      'text/plain': `[${caption}]`,
    },
    { raw: true },
  );
}

/** Show an arquero table, or an array of row objects, as an HTML table (first `limit` rows). */
export async function showTable(table: ColumnTable | readonly object[], limit = 20): Promise<void> {
  const t = Array.isArray(table) ? from(table as object[]) : (table as ColumnTable);
  await Deno.jupyter.display(
    {
      'text/html': t.toHTML({ limit, format: { ...numberFormats(t) } }),
      'text/plain': t.toMarkdown({ limit }),
    },
    { raw: true },
  );
}

/** Four significant decimals for fractional numbers; whole numbers as they are. */
function numberFormats(t: ColumnTable): Record<string, (v: unknown) => string> {
  const formats: Record<string, (v: unknown) => string> = {};
  for (const name of t.columnNames()) {
    formats[name] = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : v === null || v === undefined ? '' : String(v));
  }
  return formats;
}

/** Percent with one decimal, e.g. `30.2 %`. */
export function pct(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(digits)} %`;
}
