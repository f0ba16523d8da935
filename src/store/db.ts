// Opening the SQLite file: WAL, foreign keys, a busy timeout, and versioned migrations applied in order.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  migrate(db);
  return db;
}

const statementCaches = new WeakMap<Db, Map<string, Database.Statement>>();
/** More distinct statements than the store's queries and their filter combinations: the cache starts over. */
const maxCachedStatements = 500;

/**
 * The prepared statement for `sql` on this connection, prepared on its first use and reused after:
 * preparing costs more than running most of the store's queries (the bench profile, bench/README.md).
 * For get/all/run only: a statement being iterated cannot run again until its iteration ends, so an
 * .iterate() prepares its own with db.prepare.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statementCaches.get(db);
  if (!cache) statementCaches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= maxCachedStatements) cache.clear();
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Applies every migration newer than the recorded version, each in its own transaction. */
export function migrate(db: Db): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return migrations[migrations.length - 1].version;
}

/** The storage faults a turn can meet, from a better-sqlite3 error (also wrapped, as botbuilder-dialogs does). */
export function storageFaultOf(error: unknown): 'busy' | 'readonly' | 'full' | 'io' | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
      if (code.startsWith('SQLITE_READONLY')) return 'readonly';
      if (code === 'SQLITE_FULL') return 'full';
      if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
      return undefined;
    }
    // DialogContextError keeps the original in `error`; others use `cause`.
    e = (e as { error?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}
