// Every ```ts block of docs/guides/output-control.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/output-control.md', minChecks: 2 });
