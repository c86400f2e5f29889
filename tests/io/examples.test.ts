// Runs every @example of the io stage (and its Node reader) and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'io',
  files: [...stageFiles('io', ['index.ts']), 'src/node/readCbsExport.ts'],
  minChecks: 44,
});
