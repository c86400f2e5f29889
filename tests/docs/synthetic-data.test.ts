// Every ```ts block of docs/guides/synthetic-data.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/synthetic-data.md', minChecks: 7 });
