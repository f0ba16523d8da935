// botbuilder Storage over the bot_state table, with the same contract as botbuilder's MemoryStorage:
// read returns only existing keys (each with its current eTag), write honours optimistic concurrency
// (missing or '*' eTag = last writer wins; a given eTag must match the stored one), delete ignores
// unknown keys. Unlike MemoryStorage, a write batch is all-or-nothing.
import type { Storage, StoreItems } from 'botbuilder';
import type Database from 'better-sqlite3';
import type { Db } from '../src/store/db';
import { addItem, checkKeys, ETagConflictError, newETag, pendingWrites, type PendingWrite } from './stateStorage';

export { ETagConflictError } from './stateStorage';

interface Row {
  etag: string;
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
        addItem(result, key, row.value, row.etag);
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
    const pending = pendingWrites(changes);
    if (pending.length === 0) return;
    this.writeBatch.immediate(pending);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new TypeError('Keys are required when deleting.');
    this.deleteBatch(checkKeys(keys, 'deleting'));
  }
}
