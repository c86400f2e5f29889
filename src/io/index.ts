// Public API of the io stage: dates, errors, the columnar export and its loaders.
export * from './dates.js';
export type * from './types.js';
export * from './columns.js';
export { loadCbsExport, type CbsSources, type LoadCbsOptions } from './load.js';
export { detectFormat, type CbsSource, type SourceFormat } from './source.js';
export { detectDelimiter, type CsvOptions } from './csv.js';
export type { CovariateTypes } from './persons.js';
export { exportSummary, formatQualityReport, type ExportSummary } from './summary.js';
export { exportToTables, type CbsTables, type ExportToTablesOptions } from './toTables.js';
