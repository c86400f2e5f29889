// Node-only public API (file system).
export {};
export { readCbsExport, formatFromPath, type CbsPaths } from './readCbsExport.js';
export { writeControlledCsv, writeControlledJson } from './writeControlled.js';
