// The store: one SQLite file holding the demo world, carts, the order ledger, the audit trail and bot state.
import { openDatabase, type Db, type OpenOptions } from './db';
import { Directory } from './directory';
import { CatalogStore } from './catalog';
import { CartStore } from './carts';
import { Ledger } from './ledger';
import { AuditLog } from './audit';
import { createSeededDatabase } from './newDatabase';
import { seedDemoWorld } from './seed';

export class Store {
  readonly directory: Directory;
  readonly catalog: CatalogStore;
  readonly carts: CartStore;
  readonly ledger: Ledger;
  readonly audit: AuditLog;

  constructor(readonly db: Db) {
    this.directory = new Directory(db);
    this.catalog = new CatalogStore(db);
    this.carts = new CartStore(db);
    this.ledger = new Ledger(db);
    this.audit = new AuditLog(db);
  }

  /** Opens (creating and migrating) the file and seeds the demo world when it is empty. */
  static open(file: string, options: OpenOptions & { seed?: boolean } = {}): Store {
    const seed = options.seed ?? true;
    if (seed && file !== ':memory:') createSeededDatabase(file);
    const db = openDatabase(file, options);
    if (seed) seedDemoWorld(db);
    return new Store(db);
  }

  close(): void {
    this.db.close();
  }
}
