// botbuilder Storage over the bot_state table, with the same contract as botbuilder's MemoryStorage:
// read returns only existing keys (each with its current eTag), write honours optimistic concurrency
// (missing or '*' eTag = last writer wins; a given eTag must match the stored one), delete ignores
// unknown keys. Unlike MemoryStorage, a write batch is all-or-nothing.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type Database from 'better-sqlite3';
import type { Db } from '../src/store/db';

/** Thrown by write() when an item's eTag no longer matches the stored one; nothing of the batch is written. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    // Same wording as MemoryStorage's conflict error, so callers matching on it keep working.
    super(`Storage: error writing ${JSON.stringify(key)} due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

interface Row {
  etag: string;
  value: string;
}

interface PendingWrite {
  key: string;
  expectedETag: string | undefined; // undefined = last writer wins
  value: string;
}

export class SqliteStorage implements Storage {
  private readonly selectOne: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, string, string, string], void>;
  private readonly deleteOne: Database.Statement<[string], void>;
  private readonly readBatch: (keys: string[]) => StoreItems;
  private readonly writeBatch: Database.Transaction<(items: PendingWrite[]) => void>;
  private readonly deleteBatch: Database.Transaction<(keys: string[]) => void>;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], Row>('SELECT etag, value FROM bot_state WHERE key = ?');
    this.upsert = db.prepare<[string, string, string, string], void>(
      `INSERT INTO bot_state (key, etag, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare<[string], void>('DELETE FROM bot_state WHERE key = ?');

    const readKeys = (keys: string[]): StoreItems => {
      const result: StoreItems = {};
      for (const key of keys) {
        const row = this.selectOne.get(key);
        if (!row) continue;
        const item = JSON.parse(row.value) as StoreItem;
        item.eTag = row.etag;
        // defineProperty, not assignment: a key such as "__proto__" must become an own property.
        Object.defineProperty(result, key, { value: item, enumerable: true, writable: true, configurable: true });
      }
      return result;
    };
    // One read transaction so a multi-key read sees a single snapshot.
    const readTx = db.transaction(readKeys);
    // A single key (ConversationState's every turn) is one SELECT: a snapshot by itself.
    this.readBatch = (keys) => (keys.length === 1 ? readKeys(keys) : readTx.deferred(keys));

    // IMMEDIATE takes the write lock before the eTag checks, so no other connection can commit between
    // a check and its write. Throwing inside rolls back the whole batch.
    this.writeBatch = db.transaction((items: PendingWrite[]) => {
      for (const item of items) {
        if (item.expectedETag === undefined) continue;
        const current = this.selectOne.get(item.key);
        // Same as MemoryStorage: an eTag given for an item that does not exist yet creates it.
        if (current && current.etag !== item.expectedETag) throw new ETagConflictError(item.key);
      }
      const now = new Date().toISOString();
      for (const item of items) this.upsert.run(item.key, newETag(), item.value, now);
    });

    this.deleteBatch = db.transaction((keys: string[]) => {
      for (const key of keys) this.deleteOne.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.readBatch(checkKeys(keys, 'reading'));
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    if (typeof changes !== 'object') throw new TypeError('Changes must be an object of items indexed by key.');
    // Validate and serialise everything before touching the database.
    const pending: PendingWrite[] = Object.keys(changes).map((key) => {
      const item: unknown = changes[key];
      if (item === null || item === undefined) {
        throw new TypeError(`Storage: item ${JSON.stringify(key)} is ${String(item)}; write an object or delete the key.`);
      }
      // Shallow clone like MemoryStorage; the stored JSON never carries the eTag (it lives in its column).
      const clone: StoreItem = { ...(item as StoreItem) };
      const eTag: unknown = clone.eTag;
      delete clone.eTag;
      return {
        key,
        // Missing, empty or '*' = last writer wins (MemoryStorage tests `!newItem.eTag`).
        expectedETag: !eTag || eTag === '*' ? undefined : (eTag as string),
        value: JSON.stringify(clone),
      };
    });
    if (pending.length === 0) return;
    this.writeBatch.immediate(pending);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new TypeError('Keys are required when deleting.');
    this.deleteBatch(checkKeys(keys, 'deleting'));
  }
}

function checkKeys(keys: unknown, action: string): string[] {
  if (!Array.isArray(keys)) throw new TypeError(`Keys must be an array of strings when ${action}.`);
  for (const key of keys) {
    // MemoryStorage would coerce (read([undefined]) reads the key "undefined"); a non-string key is a bug.
    if (typeof key !== 'string') throw new TypeError(`Storage keys must be strings, got ${typeof key} when ${action}.`);
  }
  return keys as string[];
}

/** Random, so an eTag is never reused after a reopen or by another connection/process on the same file. */
function newETag(): string {
  return randomUUID();
}
