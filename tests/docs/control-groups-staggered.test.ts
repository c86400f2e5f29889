// The staggered-adoption blocks of docs/guides/control-groups.md (those that call attGt; the others run in
// control-groups.test.ts) run as written, and the values they state are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/control-groups.md', minChecks: 5, only: (b) => /\battGt\b/.test(b.code), timeout: 300_000 });
