// Every ```ts block of docs/guides/reading-your-export.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/reading-your-export.md', minChecks: 4 });
