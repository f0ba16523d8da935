// What both state storages (SQLite, PostgreSQL) share of botbuilder's Storage contract, as MemoryStorage
// defines it: the misuse errors, the keys' checks, how a write batch is read (eTag '*' or none = last
// writer wins) and the eTags issued.
import { randomUUID } from 'node:crypto';
import type { StoreItem, StoreItems } from 'botbuilder';

/** Thrown by write() when an item's eTag no longer matches the stored one; nothing of the batch is written. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    // Same wording as MemoryStorage's conflict error, so callers matching on it keep working.
    super(`Storage: error writing ${JSON.stringify(key)} due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export interface PendingWrite {
  key: string;
  expectedETag: string | undefined; // undefined = last writer wins
  value: string;
}

/** The batch validated and serialised, before anything touches the database. */
export function pendingWrites(changes: StoreItems): PendingWrite[] {
  if (!changes) throw new ReferenceError('Changes are required when writing.');
  if (typeof changes !== 'object') throw new TypeError('Changes must be an object of items indexed by key.');
  return Object.keys(changes).map((key) => {
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
}

/** A stored item as read: its JSON with its eTag, set as an own property of the result (a key may be "__proto__"). */
export function addItem(result: StoreItems, key: string, value: string, eTag: string): void {
  const item = JSON.parse(value) as StoreItem;
  item.eTag = eTag;
  Object.defineProperty(result, key, { value: item, enumerable: true, writable: true, configurable: true });
}

export function checkKeys(keys: unknown, action: string): string[] {
  if (!Array.isArray(keys)) throw new TypeError(`Keys must be an array of strings when ${action}.`);
  for (const key of keys) {
    // MemoryStorage would coerce (read([undefined]) reads the key "undefined"); a non-string key is a bug.
    if (typeof key !== 'string') throw new TypeError(`Storage keys must be strings, got ${typeof key} when ${action}.`);
  }
  return keys as string[];
}

/** Random, so an eTag is never reused after a reopen or by another connection/process on the same file. */
export function newETag(): string {
  return randomUUID();
}
