// Every ```ts block of docs/guides/control-groups.md runs as written, and the values and output it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/control-groups.md', minChecks: 18 });
