// WAL checkpoints in a worker (src/store/backgroundCheckpoints.ts): pages committed on the bot's connection
// reach the database file without that connection checkpointing, the worker stops when told, and a worker
// that cannot work says so once instead of failing the bot.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../src/store/db';
import { startBackgroundCheckpoints } from '../../../src/store/backgroundCheckpoints';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await sleep(20);
  }
  return condition();
}

describe('store: background checkpoints', () => {
  let dir: string;
  let file: string;
  let db: Db;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpoints-'));
    file = path.join(dir, 'reservations.db');
    db = openDatabase(file);
    // Only the worker may copy the log back: the bot's connection never checkpoints in this test.
    db.pragma('wal_autocheckpoint = 0');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** About `mb` megabytes of committed bot state, in the log only (nobody checkpoints). */
  const write = (mb: number, prefix: string) => {
    const value = 'x'.repeat(64 * 1024);
    const insert = db.prepare(`INSERT INTO bot_state (key, etag, value, updated_at) VALUES (?, 'e', ?, 'now')`);
    for (let i = 0; i < mb * 16; i++) insert.run(`${prefix}-${i}`, value);
  };
  const fileBytes = () => fs.statSync(file).size;

  it("copies the bot connection's committed pages into the database file, then stops when told", async () => {
    const start = fileBytes();
    write(4, 'a');
    assert.ok(fileBytes() < start + 1024 * 1024, 'before the worker runs, the 4 MB are in the -wal file only');
    const logs: string[] = [];
    const checkpoints = startBackgroundCheckpoints(file, (l) => logs.push(l), { intervalMs: 20 });
    assert.ok(await until(() => fileBytes() >= start + 4 * 1024 * 1024, 5000), `the database file grew by the 4 MB (${fileBytes() - start} bytes)`);
    await checkpoints.stop();
    const stopped = fileBytes();
    write(2, 'b');
    await sleep(300);
    assert.equal(fileBytes(), stopped, 'after stop() nothing is copied any more');
    assert.deepEqual(logs, [], 'nothing went wrong');
    await checkpoints.stop(); // a second stop is harmless
  });

  it('says once that it stopped when it cannot open the file, and the bot goes on', async () => {
    const logs: string[] = [];
    const checkpoints = startBackgroundCheckpoints(path.join(dir, 'missing', 'nothing.db'), (l) => logs.push(l), { intervalMs: 20 });
    assert.ok(await until(() => logs.length > 0, 5000), 'a line is logged');
    await checkpoints.stop();
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0]!, /Background checkpoints stopped .*SQLite checkpoints on the bot's connection instead/);
  });

  it('starts later when asked, and not at all when stopped before', async () => {
    const start = fileBytes();
    write(2, 'a');
    const late = startBackgroundCheckpoints(file, () => undefined, { intervalMs: 20, startAfterMs: 300 });
    await sleep(150);
    assert.ok(fileBytes() < start + 1024 * 1024, 'nothing copied before the delay');
    assert.ok(await until(() => fileBytes() >= start + 2 * 1024 * 1024, 5000), 'copied after it');
    await late.stop();
    const before = fileBytes();
    write(2, 'b');
    await startBackgroundCheckpoints(file, () => undefined, { intervalMs: 20, startAfterMs: 100 }).stop();
    await sleep(300);
    assert.equal(fileBytes(), before, 'stopped before its start: never ran');
  });

  it('does nothing for an in-memory database', async () => {
    const logs: string[] = [];
    await startBackgroundCheckpoints(':memory:', (l) => logs.push(l)).stop();
    assert.deepEqual(logs, []);
  });
});
