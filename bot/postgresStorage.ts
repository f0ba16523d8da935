// botbuilder Storage over PostgreSQL's bot_state table, with the contract of SqliteStorage (and of
// botbuilder's MemoryStorage): eTags checked under row locks, so instances sharing the database conflict
// on a stale eTag as two connections to one SQLite file do; a write batch is all-or-nothing.
import type { Storage, StoreItems } from 'botbuilder';
import type pg from 'pg';
import { inTransaction } from '../src/store/postgres/connection';
import { addItem, checkKeys, ETagConflictError, newETag, pendingWrites } from './stateStorage';

/** A key as the table keeps it: its UTF-8 bytes (PostgreSQL text cannot hold U+0000). */
const bytes = (key: string) => Buffer.from(key, 'utf8');

export class PostgresStorage implements Storage {
  constructor(private readonly pool: pg.Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    checkKeys(keys, 'reading');
    const result: StoreItems = {};
    if (keys.length === 0) return result;
    // One statement: one snapshot of every key read.
    const { rows } = await this.pool.query<{ key: Buffer; etag: string; value: string }>(
      'SELECT key, etag, value FROM bot_state WHERE key_hash = ANY (SELECT sha256(k) FROM unnest($1::bytea[]) AS k)',
      [keys.map(bytes)],
    );
    const found = new Map(rows.map((r) => [r.key.toString('utf8'), r]));
    for (const key of keys) {
      const row = found.get(key);
      if (row) addItem(result, key, row.value, row.etag);
    }
    return result;
  }

  async write(changes: StoreItems): Promise<void> {
    const pending = pendingWrites(changes);
    if (pending.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      const checked = pending.filter((item) => item.expectedETag !== undefined);
      if (checked.length) {
        // Row locks on the checked keys: no other instance commits between a check and its write.
        const { rows } = await client.query<{ key: Buffer; etag: string }>(
          'SELECT key, etag FROM bot_state WHERE key_hash = ANY (SELECT sha256(k) FROM unnest($1::bytea[]) AS k) FOR UPDATE',
          [checked.map((item) => bytes(item.key))],
        );
        const current = new Map(rows.map((r) => [r.key.toString('utf8'), r.etag]));
        for (const item of checked) {
          const etag = current.get(item.key);
          // Same as MemoryStorage: an eTag given for an item that does not exist yet creates it.
          if (etag !== undefined && etag !== item.expectedETag) throw new ETagConflictError(item.key);
        }
      }
      await client.query(
        `INSERT INTO bot_state (key, etag, value, updated_at)
         SELECT k, e, v, $4 FROM unnest($1::bytea[], $2::text[], $3::text[]) AS t(k, e, v)
         ON CONFLICT (key_hash) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
        [pending.map((item) => bytes(item.key)), pending.map(() => newETag()), pending.map((item) => item.value), new Date().toISOString()],
      );
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new TypeError('Keys are required when deleting.');
    checkKeys(keys, 'deleting');
    if (keys.length === 0) return;
    await this.pool.query('DELETE FROM bot_state WHERE key_hash = ANY (SELECT sha256(k) FROM unnest($1::bytea[]) AS k)', [keys.map(bytes)]);
  }
}
