// createSeededDatabase: a first start's file is built beside its place and appears whole (migrated, seeded,
// in WAL mode) or not at all; an existing file is never replaced.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSeededDatabase } from '../../../src/store/newDatabase';
import { migrations } from '../../../src/store/migrations';
import { seedDemoWorld } from '../../../src/store/seed';

describe('store/newDatabase: a first start\'s database', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-db-'));
    file = path.join(dir, 'data', 'reservations.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const filesIn = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d) : []);

  it('creates the file migrated, seeded and in WAL mode, and leaves nothing else behind', () => {
    assert.equal(createSeededDatabase(file), true, 'created');
    assert.deepEqual(filesIn(path.dirname(file)), ['reservations.db'], 'only the database is left in its directory');
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal', 'WAL mode is kept in the file');
      const version = db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get();
      assert.equal(version, migrations[migrations.length - 1]!.version, 'every migration is applied');
      assert.ok((db.prepare('SELECT COUNT(*) FROM availabilities').pluck().get() as number) > 90_000, 'the demo catalog is seeded');
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'the file is sound');
    } finally {
      db.close();
    }
  });

  it('leaves an existing file as it is', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const existing = new Database(file);
    existing.exec('CREATE TABLE mine (x); INSERT INTO mine VALUES (42);');
    existing.close();
    assert.equal(createSeededDatabase(file), false, 'not created');
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.prepare('SELECT x FROM mine').pluck().get(), 42, 'the existing content is kept');
      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'partners'").pluck().get(), 0, 'nothing was seeded into it');
    } finally {
      db.close();
    }
  });

  it("removes the side files of a build whose process is gone, not those of one still running", () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const gone = 2_147_483_646; // no process has this id here
    assert.throws(() => process.kill(gone, 0), /ESRCH/, 'the pid is not running');
    const abandoned = [`reservations.db.building-${gone}-1`, `reservations.db.building-${gone}-1-wal`];
    const running = `reservations.db.building-${process.pid}-1`;
    for (const name of [...abandoned, running]) fs.writeFileSync(path.join(path.dirname(file), name), 'half a database');
    assert.equal(createSeededDatabase(file), true, 'created');
    assert.deepEqual(filesIn(path.dirname(file)).sort(), ['reservations.db', running].sort(), 'only the abandoned side files are gone');
  });

  it('puts nothing in place when seeding fails, and cleans up', () => {
    const failing = (db: Parameters<typeof seedDemoWorld>[0]) => {
      seedDemoWorld(db);
      throw new Error('disk full while seeding');
    };
    assert.throws(() => createSeededDatabase(file, failing), /disk full while seeding/);
    assert.deepEqual(filesIn(path.dirname(file)), [], 'no database and no half-built file');
  });
});
