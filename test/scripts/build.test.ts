// `npm start` as the README's quick start runs it: the prestart build (scripts/build.mjs) compiles the
// bot into dist/bot, and the compiled bot creates, migrates and seeds a new DATA_DIR and answers a
// purchase. The conversation tests run the TypeScript sources; this checks what agents run. It runs in a
// copy of the sources in a temporary folder (with this node_modules), so the working tree's dist/ is never
// written.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const root = path.resolve(__dirname, '../..');
/** What `npm start` reads of the working tree: the package, the build script and the bot's sources. */
const sources = ['package.json', 'scripts', 'bot', 'dialogs', 'cards', 'src', 'channels'];

describe('scripts/build.mjs: npm start runs the compiled bot', function () {
  this.timeout(60_000);
  let dataDir: string;
  let checkout: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-start-'));
    checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-checkout-'));
    for (const entry of sources) fs.cpSync(path.join(root, entry), path.join(checkout, entry), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(checkout, { recursive: true, force: true });
  });

  it('builds dist/bot, seeds a new DATA_DIR and answers "buy" with the customer prompt', async () => {
    // Its own process group, so stopping npm stops the bot it started.
    const child = spawn('npm', ['start'], {
      cwd: checkout,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), MicrosoftAppId: '', MicrosoftAppPassword: '', PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const port = await Promise.race([
        new Promise<string>((resolve) => child.stdout.on('data', () => /listening on http:\/\/localhost:(\d+)\//.test(out) && resolve(/localhost:(\d+)\//.exec(out)![1]!))),
        exited.then((code) => assert.fail(`npm start exited with ${code}:\n${out}`)),
      ]);
      assert.match(out, /node scripts\/build\.mjs/, `the prestart build ran:\n${out}`);
      assert.match(out, /dist\/bot\/index\.js/, `npm start runs the compiled bot:\n${out}`);

      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'a1',
          text: 'buy',
          locale: 'en-US',
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9/',
          deliveryMode: 'expectReplies',
          from: { id: 'demo-anna' },
          recipient: { id: 'bot' },
          conversation: { id: 'start-test' },
        }),
      });
      assert.equal(res.status, 200, `HTTP 200, got ${res.status}`);
      const replies = ((await res.json()) as { activities: { text?: string; attachments?: { content: unknown }[] }[] }).activities;
      const card = JSON.stringify(replies.map((a) => a.attachments?.[0]?.content ?? a.text));
      assert.match(card, /Which customer/, `the first reply asks for the customer: ${card.slice(0, 400)}`);
      assert.match(card, /Contoso Retail/, `and lists the seeded customers: ${card.slice(0, 400)}`);

      const db = new Database(path.join(dataDir, 'partner-center.db'), { readonly: true });
      try {
        // The SKUs are seeded; a market's availabilities are written when it is first asked for.
        const { n } = db.prepare('SELECT count(*) AS n FROM skus').get() as { n: number };
        assert.ok(n > 3_000, `the demo catalog is seeded (${n} SKUs)`);
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
