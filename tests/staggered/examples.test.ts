// Runs every @example of the staggered stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'staggered',
  files: stageFiles('staggered', ['index.ts']),
  minChecks: 13,
});
