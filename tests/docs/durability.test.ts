// Every ```ts block of docs/guides/durability.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/durability.md', minChecks: 12 });
