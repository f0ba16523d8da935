// Headless Chromium driven by playwright-core, never a browser downloaded at install or run time: the
// machine's own (CHROMIUM_PATH, else /usr/bin/chromium), or where it has none the one carried inside the
// @sparticuz/chromium package's tarball (a development package; unpacked into the temp folder on first use).
import fs from 'node:fs';
import path from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** Where tests leave screenshots for people to look at (git-ignored). */
export const TEST_RESULTS = path.resolve(__dirname, '..', '..', 'test-results');

const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The machine's Chromium, else the packaged one. */
export async function chromiumExecutable(): Promise<string> {
  return fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : sparticuz.executablePath();
}

/**
 * Headless Chromium with the flags the machine notes name (as root: no sandbox; no background
 * connections, the network is closed). Playwright gives it a new, empty profile directory of its own.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumExecutable(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
