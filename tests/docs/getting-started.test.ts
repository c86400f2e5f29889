// Every ```ts block of docs/guides/getting-started.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/getting-started.md', minChecks: 4 });
