// Runs every @example of the Node-only command line, job, configuration and atomic writers.
import { describeDocExamples } from '../support/docExamples.js';

describeDocExamples({
  stage: 'node',
  files: ['src/node/atomicWrite.ts', 'src/node/config.ts', 'src/node/job.ts', 'src/node/cli.ts', 'src/node/demo.ts', 'src/node/jobOutcomes.ts'],
  exclude: { 'src/node/demo.ts': 'runs the whole demo on the embedded export (≈ 30 s); tests/node/demo.test.ts runs it and checks its numbers' },
  minChecks: 13,
  timeout: 60_000,
});
