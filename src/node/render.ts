import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { vegaTextWidth } from './textWidth.js';

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');

/** Vega's text-measuring hook; not in its type declarations. */
interface TextMetrics {
  width: (item: object, text?: unknown) => number;
  estimateWidth: (item: object, text?: unknown) => number;
}

// vega and vega-lite load on first use, so importing the Node entry stays cheap.
let modules: Promise<{ vega: VegaModule; vegaLite: VegaLiteModule }> | undefined;
function loadVega(): Promise<{ vega: VegaModule; vegaLite: VegaLiteModule }> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    // Without a canvas Vega guesses 0.8 em per character; a user-defined width is Vega's
    // documented way to measure better (vl-convert does the same).
    const metrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;
    if (metrics !== undefined && metrics.width === metrics.estimateWidth) metrics.width = vegaTextWidth;
    return { vega, vegaLite };
  });
  return modules;
}

/** Options of {@link renderSvg} and {@link renderPng}. */
export interface RenderOptions {
  /** Scale factor applied to the figure's own size (2 = twice as large). */
  readonly scale?: number;
}

/**
 * Compiles a Vega-Lite spec to a Vega spec (throws on an invalid spec).
 *
 * @example
 * const vg = await toVegaSpec({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } });
 * Array.isArray(vg.marks); // true
 */
export async function toVegaSpec(spec: TopLevelSpec): Promise<VegaSpec> {
  if (!isPlainObject(spec)) throw new SpecificationError(`expected a Vega-Lite spec (an object, e.g. from figure21Spec); got ${describeValue(spec)}`);
  const { vegaLite } = await loadVega();
  try {
    return vegaLite.compile(spec).spec;
  } catch (err) {
    throw new SpecificationError(`not a valid Vega-Lite spec: ${(err as Error).message}`);
  }
}

/**
 * Renders a Vega-Lite spec to an SVG document in Node, without a browser or canvas.
 *
 * @example
 * const svg = await renderSvg({ data: { values: [{ a: 1, b: 2 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'ordinal' }, y: { field: 'b', type: 'quantitative' } } });
 * svg.startsWith('<svg'); // true
 */
export async function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  checkOptions('renderSvg', options, { scale: true });
  if (options.scale !== undefined && !(typeof options.scale === 'number' && options.scale > 0 && Number.isFinite(options.scale))) throw new SpecificationError(`renderSvg: scale must be a positive number, got ${describeValue(options.scale)}`);
  const { vega } = await loadVega();
  const view = new vega.View(vega.parse(await toVegaSpec(spec)), { renderer: 'none' });
  try {
    return await view.toSVG(options.scale ?? 1);
  } finally {
    view.finalize();
  }
}

/** The part of `@resvg/resvg-js` used here (it is an optional dependency). */
interface ResvgModule {
  Resvg: new (
    svg: string,
    options: { background?: string; fitTo?: { mode: 'zoom'; value: number }; font?: { loadSystemFonts?: boolean; defaultFontFamily?: string } },
  ) => { render(): { asPng(): Uint8Array } };
}

/**
 * Renders a Vega-Lite spec to a PNG image (white background). Needs the optional dependency
 * `@resvg/resvg-js`; throws a clear error when it is not installed. Text uses the system's fonts.
 *
 * @example
 * const png = await renderPng({ data: { values: [{ a: 1, b: 2 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'ordinal' }, y: { field: 'b', type: 'quantitative' } } }, { scale: 2 });
 * [...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''); // 'PNG'
 */
export async function renderPng(spec: TopLevelSpec, options: RenderOptions = {}): Promise<Uint8Array> {
  checkOptions('renderPng', options, { scale: true });
  let resvg: ResvgModule;
  try {
    const loaded = (await import('@resvg/resvg-js')) as unknown as ResvgModule & { default?: ResvgModule };
    resvg = loaded.Resvg !== undefined ? loaded : (loaded.default as ResvgModule);
  } catch (cause) {
    throw new Error('renderPng needs the optional package @resvg/resvg-js (npm install @resvg/resvg-js); SVG output via renderSvg works without it', { cause });
  }
  const svg = await renderSvg(spec);
  const image = new resvg.Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.render().asPng();
}
