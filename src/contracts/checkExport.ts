// The export shape check lives with the loader; the contracts functions use it from here.
export { checkExport } from '../io/checkExport.js';
