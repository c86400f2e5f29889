// Runs every @example of the survival stage, with `exp` a small hand-built export, and checks each
// `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';
import { fixture } from '../contracts/fixture.js';

describeDocExamples({
  stage: 'survival',
  files: stageFiles('survival', ['index.ts']),
  scope: { exp: fixture },
  minChecks: 15,
});
