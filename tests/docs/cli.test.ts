// docs/guides/cli.md: its ts block runs; the configuration it shows is the one `init` writes and
// parses; every command and option its shell lines use is one the command line accepts; the exit
// codes it lists are the command line's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/node/cli.js';
import { EXAMPLE_CONFIG, parseAnalysisConfig } from '../../src/node/config.js';
import { root } from '../support/docExamples.js';
import { describeMarkdownBlocks, markdownBlocks } from '../support/markdownBlocks.js';

const file = 'docs/guides/cli.md';
const text = readFileSync(join(root, file), 'utf8');

describeMarkdownBlocks({ file, minChecks: 3 });

/** The usage text of a command, as `--help` prints it. */
async function usage(command: string): Promise<string> {
  const lines: string[] = [];
  const code = await main([command, '--help'], { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l), isTTY: false });
  expect(code, `${command} --help`).toBe(EXIT.ok);
  return lines.join('\n');
}

describe(`${file} describes the command line as it is`, () => {
  it('shows the configuration that init writes, and it parses', () => {
    const shown = markdownBlocks(text).filter((b) => b.lang === 'jsonc');
    expect(shown).toHaveLength(1);
    expect(`${shown[0]!.code}\n`).toBe(EXAMPLE_CONFIG);
    expect(parseAnalysisConfig(shown[0]!.code).panel?.before).toBe(48);
  });

  it('uses only commands and options that exist', async () => {
    const commands = markdownBlocks(text)
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => b.code.replace(/\\\n\s*/g, ' ').split('\n'))
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line.startsWith('npx participation-effects '));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const line of commands) {
      const [command, ...rest] = line.split(/\s+/).slice(2);
      if (command === '--help') continue;
      const help = await usage(command!);
      for (const option of rest.filter((w) => w.startsWith('--'))) expect(help, `${line}: ${option}`).toContain(option);
    }
  });

  it('lists every command in its table, with the options of report', async () => {
    for (const command of ['report', 'check', 'demo', 'init', 'schema', 'regenerate-data']) {
      expect(text).toContain(`| \`${command}\` |`);
      await usage(command);
    }
    const help = await usage('report');
    for (const option of ['--persons', '--support', '--employment', '--config', '--out', '--lang', '--overwrite', '--quiet', '--help']) {
      expect(help).toContain(option);
      expect(text).toContain(`\`${option}`);
    }
  });

  it('states the exit codes the command line returns', async () => {
    expect(text).toMatch(new RegExp(`\\| ${EXIT.dataError} \\| data error`));
    expect(text).toMatch(new RegExp(`\\| ${EXIT.usageError} \\| usage error`));
    const sink = { stdout: () => {}, stderr: () => {}, isTTY: false };
    expect(await main(['report', '--persons'], sink)).toBe(EXIT.usageError);
    expect(await main(['check', '--persons', 'missing.csv', '--support', 'missing.csv', '--employment', 'missing.csv'], sink)).toBe(EXIT.dataError);
  });
});
