// Runs every @example of the contracts stage, with `exp` a small hand-built export, and checks each
// `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';
import { fixture } from './fixture.js';

describeDocExamples({
  stage: 'contracts',
  files: stageFiles('contracts', ['index.ts']),
  scope: { exp: fixture },
  minChecks: 44,
});
