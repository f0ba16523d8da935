// A fresh copy of the seeded demo world per test, without seeding each time: the world is seeded once
// into memory and every test opens its own in-memory copy of those bytes.
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/store/db';
import { seedDemoWorld } from '../../src/store/seed';
import { Store } from '../../src/store/store';

let seeded: Buffer | undefined;

export function demoWorldStore(): Store {
  if (!seeded) {
    const db = openDatabase(':memory:');
    seedDemoWorld(db);
    seeded = db.serialize();
    db.close();
  }
  const db = new Database(seeded);
  db.pragma('foreign_keys = ON');
  return new Store(db);
}
