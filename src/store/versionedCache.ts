// Read caches for the directory and the catalog, dropped whenever the data may have changed. Migration 6
// keeps `store_versions`: every insert, update or delete of a directory or catalog row gives its column
// a new random value, in the writer's own transaction, whichever connection or process writes. A cached
// read first checks that value (one small statement) and starts over when it differs; the value is read
// before the rows it stands for, so a row that changes between the two is dropped at the next read.
//
// Each statement costs a turn 5-12 us on a busy server (its own read transaction), and a turn made ~5
// of these checks. So a check stands for the next ones on this connection for VERSION_REUSE_MS, unless
// this connection itself wrote something that may change a cached value since (TEMP triggers, which
// only this connection has, count its writes) or a transaction is open (read every time: its writes may
// still be rolled back). Another process's commit is therefore seen at most VERSION_REUSE_MS late.
import type Database from 'better-sqlite3';
import type { Db } from './db';

/** What a cache's entries depend on: a one-value query that changes whenever they may have changed. */
export const storeVersions = {
  directory: 'SELECT directory FROM store_versions WHERE id = 1',
  catalog: 'SELECT catalog FROM store_versions WHERE id = 1',
  // Inserts into availabilities change no version (migration 6), but any new row has a higher rowid.
  catalogPages: `SELECT catalog || ':' || IFNULL((SELECT MAX(rowid) FROM availabilities), 0) FROM store_versions WHERE id = 1`,
} as const;

/** How long a version check stands for later ones while this connection writes nothing that matters. */
export const VERSION_REUSE_MS = 2;

/**
 * How many writes this connection has made that may change a cached read: its updates of
 * `store_versions` (the version triggers fire them) and its inserts into availabilities (which change
 * no version). TEMP triggers: other connections never fire them, and need no such function.
 */
const ownChangeCounters = new WeakMap<Db, { count: number }>();
function ownChangeCounter(db: Db): { count: number } {
  let counter = ownChangeCounters.get(db);
  if (!counter) {
    const c = { count: 0 };
    db.function('count_own_store_change', { deterministic: false }, () => {
      c.count += 1;
      return null;
    });
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS own_store_versions_change AFTER UPDATE ON main.store_versions
        BEGIN SELECT count_own_store_change(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS own_availabilities_insert AFTER INSERT ON main.availabilities
        BEGIN SELECT count_own_store_change(); END;`);
    ownChangeCounters.set(db, (counter = c));
  }
  return counter;
}

export interface CacheOptions {
  /** Whether a read that found nothing is cached: not where inserts leave the version alone. */
  cacheMisses: boolean;
  /** More entries than this: the cache starts over rather than grow. */
  maxEntries: number;
}

export class VersionedCache {
  private readonly readVersion: Database.Statement<[], unknown>;
  private readonly ownChanges: { count: number };
  private version: unknown;
  /** When `version` was read (performance.now()) and this connection's change count then. */
  private checkedAt = -Infinity;
  private checkedOwnChanges = 0;
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly db: Db,
    versionQuery: (typeof storeVersions)[keyof typeof storeVersions],
    private readonly options: CacheOptions,
  ) {
    // safeIntegers: random() fills all 64 bits.
    this.readVersion = db.prepare<[], unknown>(versionQuery).pluck().safeIntegers();
    this.ownChanges = ownChangeCounter(db);
  }

  /**
   * The value cached under `key` at the current version, else `load()`'s (cached, frozen: callers share it).
   */
  get<T>(key: string, load: () => T): T {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = deepFreeze(load());
    if (value === undefined && !this.options.cacheMisses) return value;
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  private currentVersion(): unknown {
    if (this.db.inTransaction) {
      this.checkedAt = -Infinity;
      return this.readVersion.get();
    }
    const now = performance.now();
    const ownChanges = this.ownChanges.count;
    if (now - this.checkedAt < VERSION_REUSE_MS && ownChanges === this.checkedOwnChanges) return this.version;
    const version = this.readVersion.get();
    this.checkedAt = now;
    this.checkedOwnChanges = ownChanges;
    return version;
  }
}

/** Plain objects and arrays frozen all the way down, so a caller cannot change what the next one reads. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
