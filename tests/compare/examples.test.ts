// Runs every @example of the compare stage and checks each `expression; // expected` line.
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({
  stage: 'compare',
  files: stageFiles('compare', ['index.ts']),
  exclude: {
    // Its examples state exact values that floating point does not give: choleskySolve gives
    // [1, 0.9999999999999999] for `// [1, 1]`, choleskyInverse 0.49999999999999994 for 0.5.
    // They need `// ≈ …` (or the exact value) in src/compare/linalg.ts before they can run here.
    'src/compare/linalg.ts': 'choleskySolve and choleskyInverse examples state rounded values as exact',
  },
  minChecks: 6,
});
