// A fresh copy of the seeded demo world per test, without seeding each time: the bot's store (partners,
// agents) and the embedded Partner Center (customers, catalog) are each seeded once into memory, and
// every test opens its own in-memory copy of those bytes.
import Database from 'better-sqlite3';
import { Store, openStoreDatabase } from '../../src/store/store';
import { seedDemoAgents } from '../../src/store/seed';
import { LocalPartnerCenter } from '../../src/partnerCenter/local';

let seededStore: Buffer | undefined;
let seededPartnerCenter: Buffer | undefined;

function copyOf(bytes: Buffer): Database.Database {
  const db = new Database(bytes);
  db.pragma('foreign_keys = ON');
  return db;
}

/** The bot's store with the demo partners and agents. */
export function demoWorldStore(): Store {
  if (!seededStore) {
    const db = openStoreDatabase(':memory:');
    seedDemoAgents(db);
    seededStore = db.serialize();
    db.close();
  }
  return new Store(copyOf(seededStore));
}

/** The embedded Partner Center with the demo customers and the whole catalog (every market written). */
export function demoPartnerCenter(clock?: () => Date): LocalPartnerCenter {
  if (!seededPartnerCenter) {
    const pc = LocalPartnerCenter.open(':memory:');
    pc.catalog.writeAllMarkets();
    seededPartnerCenter = pc.db.serialize();
    pc.close();
  }
  return new LocalPartnerCenter(copyOf(seededPartnerCenter), clock);
}
