// Debian's Chromium driven by playwright-core: never a downloaded browser. `.ci/run` installs the
// chromium package where /usr/bin/chromium is missing; CHROMIUM_PATH points elsewhere if needed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where tests leave screenshots for people to look at (git-ignored). */
export const TEST_RESULTS = path.resolve(__dirname, '..', '..', 'test-results');

/**
 * Headless Chromium with the flags the machine notes name (as root: no sandbox; no background
 * connections, the network is closed). Playwright gives it a new, empty profile directory of its own.
 */
export async function launchChromium(): Promise<Browser> {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
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
