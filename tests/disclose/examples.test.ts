// Runs every @example of the disclose stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'disclose',
  files: stageFiles('disclose', ['index.ts']),
  minChecks: 44,
});
