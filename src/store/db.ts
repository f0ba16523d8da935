// Opening a SQLite file: WAL, foreign keys, a busy timeout, and a versioned list of migrations applied in
// order. The bot's store and the embedded Partner Center each open their own file with their own list.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating) `file` and applies `migrations`. A file older than the list's first version gets
 * `upgrade` instead of that first migration (same version): it carries the old tables to it.
 */
export function openDatabase(file: string, migrations: Migration[], options: OpenOptions & { upgrade?: Migration } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // An upgrade drops what the file no longer keeps: its pages go back to the file system.
    if (migrate(db, migrations, options.upgrade) === 'upgraded') db.exec('VACUUM');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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

/**
 * Applies every migration newer than the recorded version, each in its own transaction, with foreign
 * keys off (a migration that rebuilds a table drops its old copy: SQLite's documented procedure,
 * https://www.sqlite.org/lang_altertable.html#otheralter) and checked before it commits.
 */
function migrate(db: Db, migrations: Migration[], upgrade?: Migration): 'upgraded' | 'current' {
  db.pragma('foreign_keys = OFF');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const older = current > 0 && current < migrations[0].version;
  if (older && !upgrade) throw new Error(`the database is at version ${current}, older than this release can open`);
  refuseNewerSchema(current, migrations);
  const pending = older ? [upgrade!, ...migrations.slice(1)] : migrations;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`migration ${m.version} (${m.name}) leaves ${broken.length} broken foreign keys`);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
  return older ? 'upgraded' : 'current';
}

/**
 * A database written by a later release (its schema version beyond the last migration here): this
 * release would misread it, so it refuses to start, saying what to run instead.
 */
export function refuseNewerSchema(current: number, migrations: Migration[]): void {
  const known = migrations[migrations.length - 1]!.version;
  if (current > known) {
    throw new Error(
      `The database's schema is at version ${current}, newer than this release knows (${known}): it was written by a later release. ` +
        'Start that release (or a later one); this one refuses rather than misread it.',
    );
  }
}

/**
 * The storage faults a turn can meet, from a better-sqlite3 or a node-postgres error (also wrapped, as
 * botbuilder-dialogs does). PostgreSQL's SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
      if (code.startsWith('SQLITE_READONLY')) return 'readonly';
      if (code === 'SQLITE_FULL') return 'full';
      if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
      return undefined;
    }
    const postgres = postgresFaultOf(e as { code?: unknown; message?: unknown });
    if (postgres) return postgres;
    // DialogContextError keeps the original in `error`; others use `cause`.
    e = (e as { error?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export type StorageFault = 'busy' | 'readonly' | 'full' | 'io' | 'unreachable';

/** Socket errors and node-postgres's own words for a connection it lost or could not make. */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const unreachableMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|Query read timeout)/;

function postgresFaultOf(e: { code?: unknown; message?: unknown }): StorageFault | undefined {
  const code = typeof e.code === 'string' ? e.code : '';
  if (unreachableCodes.has(code) || (typeof e.message === 'string' && unreachableMessages.test(e.message))) return 'unreachable';
  if (!/^[0-9A-Z]{5}$/.test(code)) return undefined;
  // 08: connection exception; 57P01-57P03: the server is shutting down or starting; 53300: too many connections.
  if (code.startsWith('08') || code.startsWith('57P') || code === '53300') return 'unreachable';
  // 57014: statement timeout; 55P03: lock not available; 40001/40P01: serialisation failure, deadlock.
  if (code === '57014' || code === '55P03' || code === '40001' || code === '40P01') return 'busy';
  if (code === '25006') return 'readonly';
  if (code === '53100') return 'full';
  if (code.startsWith('58')) return 'io';
  return undefined;
}
