// The worker side of prepareDatabaseInWorker: create (migrated and seeded) or open (migrate, seed when
// empty), and close.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './db';
import { createSeededDatabase } from './newDatabase';
import { seedDemoWorld } from './seed';

const { file, options } = workerData as { file: string; options: { busyTimeoutMs?: number } };
if (createSeededDatabase(file)) {
  parentPort!.postMessage({ seeded: true });
} else {
  const db = openDatabase(file, options);
  try {
    parentPort!.postMessage({ seeded: seedDemoWorld(db) });
  } finally {
    db.close();
  }
}
