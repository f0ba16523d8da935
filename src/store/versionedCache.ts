// Read caches for the directory and the catalog, dropped whenever the data may have changed. Migration 6
// keeps `store_versions`: every insert, update or delete of a directory or catalog row gives its column
// a new random value, in the writer's own transaction, whichever connection or process writes. A cached
// read first reads that value (one small statement) and starts over when it differs; the value is read
// before the rows it stands for, so a row that changes between the two is dropped at the next read.
import type Database from 'better-sqlite3';
import type { Db } from './db';

/** What a cache's entries depend on: a one-value query that changes whenever they may have changed. */
export const storeVersions = {
  directory: 'SELECT directory FROM store_versions WHERE id = 1',
  catalog: 'SELECT catalog FROM store_versions WHERE id = 1',
  // Inserts into availabilities change no version (migration 6), but any new row has a higher rowid.
  catalogPages: `SELECT catalog || ':' || IFNULL((SELECT MAX(rowid) FROM availabilities), 0) FROM store_versions WHERE id = 1`,
} as const;

export interface CacheOptions {
  /** Whether a read that found nothing is cached: not where inserts leave the version alone. */
  cacheMisses: boolean;
  /** More entries than this: the cache starts over rather than grow. */
  maxEntries: number;
}

export class VersionedCache {
  private readonly readVersion: Database.Statement<[], unknown>;
  private version: unknown;
  private readonly entries = new Map<string, unknown>();

  constructor(
    db: Db,
    versionQuery: (typeof storeVersions)[keyof typeof storeVersions],
    private readonly options: CacheOptions,
  ) {
    // safeIntegers: random() fills all 64 bits.
    this.readVersion = db.prepare<[], unknown>(versionQuery).pluck().safeIntegers();
  }

  /**
   * The value cached under `key` at the current version, else `load()`'s (cached, frozen: callers share it).
   */
  get<T>(key: string, load: () => T): T {
    const version = this.readVersion.get();
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
}

/** Plain objects and arrays frozen all the way down, so a caller cannot change what the next one reads. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
