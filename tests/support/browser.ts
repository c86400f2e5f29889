/**
 * A headless Chromium for browser tests, with no system packages needed: the browser shipped
 * inside the `@sparticuz/chromium` dev dependency (unpacked to the temp folder on first use),
 * or a system Chromium when one is installed. `PE_CHROMIUM` names another executable.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where the browser comes from and the arguments it needs. */
export interface BrowserExecutable {
  readonly path: string;
  readonly args: readonly string[];
  readonly source: 'PE_CHROMIUM' | '@sparticuz/chromium' | 'system';
}

/** Find a Chromium: `PE_CHROMIUM`, else the packaged one, else a system one; throws naming what was tried. */
export async function findChromium(): Promise<BrowserExecutable> {
  const fromEnv = process.env.PE_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PE_CHROMIUM=${fromEnv} does not exist`);
    return { path: fromEnv, args: FLAGS, source: 'PE_CHROMIUM' };
  }
  let packagedError = '';
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    const path = await packaged.executablePath();
    if (existsSync(path)) return { path, args: [...packaged.args, ...FLAGS.filter((f) => !packaged.args.includes(f))], source: '@sparticuz/chromium' };
    packagedError = `unpacked to ${path}, which does not exist`;
  } catch (err) {
    packagedError = (err as Error).message;
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return { path: system, args: FLAGS, source: 'system' };
  throw new Error(`Chromium not found: @sparticuz/chromium failed (${packagedError}) and none of ${SYSTEM_CHROMIUM.join(', ')} exists; run npm install, or set PE_CHROMIUM`);
}

/** Launch the browser found by {@link findChromium}. */
export async function launchChromium(): Promise<Browser> {
  const exe = await findChromium();
  return chromium.launch({ executablePath: exe.path, args: [...exe.args], headless: true });
}
