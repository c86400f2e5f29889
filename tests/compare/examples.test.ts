// Runs every @example of the compare stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'compare',
  files: stageFiles('compare', ['index.ts']),
  minChecks: 18,
});
