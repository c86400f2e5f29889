// Every ```ts block of docs/guides/figures.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/figures.md', minChecks: 4 });
