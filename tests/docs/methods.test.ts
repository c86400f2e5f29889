// Every ```ts block of docs/guides/methods.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/methods.md', minChecks: 3 });
