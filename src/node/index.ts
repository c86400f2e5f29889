/**
 * Node only (`participation-effects/node`, which also re-exports everything else): reading exports
 * from file paths, the embedded dataset, rendering figures to SVG/PNG, writing the HTML report and
 * output-controlled tables, the analysis configuration and the main job behind the
 * `participation-effects` command. Guide: [command line](../../docs/guides/cli.md).
 *
 * @module node
 */
export {};
export { readCbsExport, formatFromPath, type CbsPaths, type ReadCbsOptions } from './readCbsExport.js';
export { writeControlledCsv, writeControlledJson, type ControlledFileOptions } from './writeControlled.js';
export { writeFileAtomic, writeFilesAtomic, writeFolderAtomic, checkTarget, type AtomicWriteOptions } from './atomicWrite.js';
export { renderSvg, renderPng, toVegaSpec, type RenderOptions } from './render.js';
export { buildReportHtml, writeReport, type ReportOptions, type ReportSection, type ReportTable, type ReportQuality, type WrittenReport } from './report.js';
export { readEmbeddedExport, readEmbeddedTruth, readPublishedFigures, embeddedDataPath, EMBEDDED_FILES, type PublishedFigure } from './embedded.js';
export { embeddedDataFiles } from './regenerate.js';
export { runJob, type JobOptions, type JobResult, type SummaryRow } from './job.js';
export { checkAnalysisConfig, parseAnalysisConfig, readAnalysisConfig, EXAMPLE_CONFIG, type AnalysisConfig } from './config.js';
export { duckdbPanelStatistics, type DuckdbPanelOptions } from './duckdb/duckdbPanelStatistics.js';
export { createViews } from './duckdb/cleanViews.js';
export type { DuckdbConnection, DuckdbInputs, DuckdbReadOptions } from './duckdb/types.js';
