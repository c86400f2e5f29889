// Runs every @example of the DuckDB engine and its views layer (src/node/duckdb/).
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({ stage: 'node/duckdb', files: stageFiles('node/duckdb'), minChecks: 10, timeout: 120_000 });
