/**
 * Reading a CBS-style export: persons, support trajectories and employment spells from CSV text,
 * bytes (CSV, gzip CSV, Arrow IPC, Parquet) or arquero tables into one columnar export, with the
 * quality report. Guide: [reading your export](../../docs/guides/reading-your-export.md).
 *
 * @module io
 */
export * from './dates.js';
export type * from './types.js';
export * from './columns.js';
export { loadCbsExport, type CbsInput, type CbsSources, type LoadCbsOptions } from './load.js';
export { type CbsSource } from './source.js';
export { detectFormat, foreignFormat, type SourceFormat } from './magic.js';
export type { ByteChunks, ByteSource } from './byteStream.js';
export type { ReadProgress } from './readInputs.js';
export type { TextEncodingName } from './encoding.js';
export { detectDelimiter, type CsvOptions } from './csv.js';
export type { CovariateTypes } from './persons.js';
export { exportSummary, formatQualityReport, type ExportSummary } from './summary.js';
export { exportToTables, type CbsTables, type ExportToTablesOptions } from './toTables.js';
export type { TableName } from './qualityLog.js';
export type { OptionDate } from './plausible.js';
