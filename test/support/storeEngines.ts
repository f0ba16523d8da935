// The two engines of the bot's store, for tests that must hold on both: SQLite in memory, and a fresh
// database on the test run's PostgreSQL server (./postgres.ts). Both seeded with the demo agents.
import type { BotStore } from '../../src/store/botStore';
import { Store } from '../../src/store/store';
import { PostgresStore } from '../../src/store/postgres/store';
import { newTestDatabase } from './postgres';

export interface StoreEngine {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<BotStore>;
}

export const storeEngines: StoreEngine[] = [
  { name: 'SQLite', open: async () => Store.open(':memory:') },
  { name: 'PostgreSQL', open: async () => PostgresStore.open(await newTestDatabase()) },
];
