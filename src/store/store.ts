// The bot's store on SQLite, the embedded default: one file holding what the bot owns: its partners and
// agents, carts, the checkout journal, the audit trail, follow-up jobs and bot state. One process owns the file, so a
// checkout's lock is a queue in that process. Partner Center's data is read through the gateway.
import { openDatabase, type Db, type OpenOptions } from './db';
import { migrations, upgradeFromCombinedFile } from './migrations';
import { Directory } from './directory';
import { CartStore } from './carts';
import { CheckoutJournal } from './journal';
import { AuditLog } from './audit';
import { FollowUpStore } from './followUps';
import { ConversationStore } from './conversations';
import { ApprovalStore } from './approvals';
import { seedDemoAgents } from './seed';
import { KeyedQueue, type BotStore } from './botStore';

export class Store implements BotStore {
  readonly engine = 'sqlite';
  readonly directory: Directory;
  readonly carts: CartStore;
  readonly journal: CheckoutJournal;
  readonly audit: AuditLog;
  readonly followUps: FollowUpStore;
  readonly conversations: ConversationStore;
  readonly approvals: ApprovalStore;
  private readonly checkouts = new KeyedQueue();

  constructor(readonly db: Db) {
    this.directory = new Directory(db);
    this.carts = new CartStore(db);
    this.journal = new CheckoutJournal(db);
    this.audit = new AuditLog(db);
    this.followUps = new FollowUpStore(db);
    this.conversations = new ConversationStore(db);
    this.approvals = new ApprovalStore(db);
  }

  /** Opens (creating and migrating) the file and writes the demo partners and agents when it has none. */
  static open(file: string, options: OpenOptions & { seed?: boolean } = {}): Store {
    const db = openStoreDatabase(file, options);
    if (options.seed ?? true) seedDemoAgents(db);
    return new Store(db);
  }

  withCheckoutLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.checkouts.run(key, fn);
  }

  close(): void {
    this.db.close();
  }
}

export function openStoreDatabase(file: string, options: OpenOptions = {}): Db {
  return openDatabase(file, migrations, { ...options, upgrade: upgradeFromCombinedFile });
}
