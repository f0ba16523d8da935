// The bot's store: one SQLite file holding what the bot owns: its partners and agents, carts, the
// checkout journal, the audit trail and bot state. Partner Center's data is read through the gateway.
import { openDatabase, type Db, type OpenOptions } from './db';
import { migrations, upgradeFromCombinedFile } from './migrations';
import { Directory } from './directory';
import { CartStore } from './carts';
import { CheckoutJournal } from './journal';
import { AuditLog } from './audit';
import { seedDemoAgents } from './seed';

export class Store {
  readonly directory: Directory;
  readonly carts: CartStore;
  readonly journal: CheckoutJournal;
  readonly audit: AuditLog;

  constructor(readonly db: Db) {
    this.directory = new Directory(db);
    this.carts = new CartStore(db);
    this.journal = new CheckoutJournal(db);
    this.audit = new AuditLog(db);
  }

  /** Opens (creating and migrating) the file and writes the demo partners and agents when it has none. */
  static open(file: string, options: OpenOptions & { seed?: boolean } = {}): Store {
    const db = openStoreDatabase(file, options);
    if (options.seed ?? true) seedDemoAgents(db);
    return new Store(db);
  }

  /** Runs `fn` as one IMMEDIATE transaction: the write lock is taken first, so writers serialise. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}

export function openStoreDatabase(file: string, options: OpenOptions = {}): Db {
  return openDatabase(file, migrations, { ...options, upgrade: upgradeFromCombinedFile });
}
