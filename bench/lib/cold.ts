// Cold start: a new process of the product (`node [npm start's options] dist/bot/index.js`, as npm start runs it after its
// prestart build) on a new, empty DATA_DIR, timed from spawn to the first reply to "buy" (migrate, seed,
// listen, first turn). The build itself (about 0.3 s, scripts/build.mjs) is not part of a start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BotClient, messageActivity } from './client';
import { freePort, PRODUCT_FILE, productNodeArgs, ROOT, sample, sleep } from './proc';

export interface ColdStart {
  /** spawn → first reply to "buy" */
  firstReplyMs: number;
  /** spawn → the port accepts connections */
  listeningMs: number;
  /** the first turn itself */
  firstTurnMs: number;
  rssAfterBytes: number;
}

export interface ColdStartOptions {
  /** The checkout whose built product starts (default: this one). */
  root?: string;
  /** A DATA_DIR to start on, kept afterwards (a start on an existing database); default: a new, empty one. */
  dataDir?: string;
}

export async function coldStart(options: ColdStartOptions = {}): Promise<ColdStart> {
  const root = options.root ?? ROOT;
  const dir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cold-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...productNodeArgs(root), PRODUCT_FILE], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  // Polling the port would take CPU from the starting server (two cores, a main thread and a seeding
  // worker): the first request goes when the server says it listens, or at a slow poll if it does not.
  let announced: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (announced = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    output.push(d.toString());
    if (/listening/i.test(output.join(''))) announced();
  });
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const client = new BotClient(port, 1);
  try {
    await Promise.race([listening, sleep(50), exit]);
    for (;;) {
      if (exited) throw new Error(`the product exited during its cold start:\n${output.join('')}`);
      if (performance.now() - t0 > 60_000) throw new Error(`no reply within 60 s:\n${output.join('')}`);
      const tSend = performance.now();
      try {
        const res = await client.post(messageActivity('bench-cold', 'demo-anna', { text: 'buy' }));
        const t1 = performance.now();
        if (res.status !== 200 || res.activities.length === 0) throw new Error(`first reply: HTTP ${res.status}`);
        return { firstReplyMs: t1 - t0, listeningMs: tSend - t0, firstTurnMs: t1 - tSend, rssAfterBytes: sample(child.pid!).rssBytes };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
        await Promise.race([listening, sleep(50)]);
      }
    }
  } finally {
    client.close();
    if (!exited) child.kill('SIGTERM');
    await exit;
    if (!options.dataDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
