// Every ```ts block of docs/guides/performance.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/performance.md', minChecks: 3 });
