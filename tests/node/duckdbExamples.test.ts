// Runs every @example of the DuckDB views layer (clean views, SQL helpers, file inspection, types).
import { describeDocExamples } from '../support/docExamples.js';

describeDocExamples({
  stage: 'node/duckdb',
  files: ['src/node/duckdb/cleanViews.ts', 'src/node/duckdb/sql.ts', 'src/node/duckdb/files.ts', 'src/node/duckdb/types.ts'],
  minChecks: 7,
  timeout: 60_000,
});
