// Runs every @example of the synth stage (and its Node files) and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'synth',
  files: [...stageFiles('synth', ['index.ts']), 'src/node/embedded.ts', 'src/node/regenerate.ts'],
  minChecks: 29,
  timeout: 60_000, // examples generate a synthetic population
});
