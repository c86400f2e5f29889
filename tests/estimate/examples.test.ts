// Runs every @example of the estimate stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'estimate',
  files: stageFiles('estimate', ['index.ts']),
  minChecks: 10,
});
