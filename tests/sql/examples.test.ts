// Runs every @example of the panel SQL (the query text, its dialects, its options, reading results back).
import { describeDocExamples, stageFiles } from '../support/docExamples.js';

describeDocExamples({ stage: 'panel/sql', files: stageFiles('panel/sql'), minChecks: 15 });
