// Node-only public API (file system).
export {};
export { readCbsExport, formatFromPath, type CbsPaths } from './readCbsExport.js';
export { writeControlledCsv, writeControlledJson } from './writeControlled.js';
export { renderSvg, renderPng, toVegaSpec, type RenderOptions } from './render.js';
export { buildReportHtml, writeReport, type ReportOptions, type ReportSection, type ReportTable, type ReportQuality, type WrittenReport } from './report.js';
