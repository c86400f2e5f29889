// Runs every @example of the inference layer and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'inference',
  files: stageFiles('inference', ['index.ts']),
  minChecks: 20,
});
