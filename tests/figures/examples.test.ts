// Runs every @example of the figures stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'figures',
  files: stageFiles('figures', ['index.ts']),
  minChecks: 26,
});
