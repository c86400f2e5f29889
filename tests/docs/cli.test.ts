// Every ```ts block of docs/guides/cli.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/cli.md', minChecks: 1 });
