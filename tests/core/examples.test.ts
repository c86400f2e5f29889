// Runs every @example of the core stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'core',
  files: stageFiles('core', ['index.ts']),
  minChecks: 44,
});
