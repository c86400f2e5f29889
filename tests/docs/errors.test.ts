// Every ```ts block of docs/guides/errors.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/errors.md', minChecks: 5 });
