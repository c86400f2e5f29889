// Every ```ts block of docs/guides/control-groups.md runs as written, and the values and output it states are right.
// The staggered-adoption blocks (those that call attGt) run in control-groups-staggered.test.ts, so each file stays short.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/control-groups.md', minChecks: 10, only: (b) => !/\battGt\b/.test(b.code) });
