// Runs every @example of the panel stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'panel',
  files: stageFiles('panel', ['index.ts']),
  minChecks: 10,
});
