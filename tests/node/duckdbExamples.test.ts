// Runs every @example of the DuckDB engine (src/node/duckdb/).
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({ stage: 'node/duckdb', files: stageFiles('node/duckdb'), minChecks: 3, timeout: 120_000 });
