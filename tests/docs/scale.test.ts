// Every ```ts block of docs/guides/scale.md runs as written (the DuckDB block on the embedded
// dataset), and the values it states are right.
import { describeMarkdownBlocks } from '../support/markdownBlocks.js';

describeMarkdownBlocks({ file: 'docs/guides/scale.md', minChecks: 12, timeout: 300_000 });
