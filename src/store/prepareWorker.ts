// The worker side of prepareDatabaseInWorker: open (create, migrate, seed) and close.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './db';
import { seedDemoWorld } from './seed';

const { file, options } = workerData as { file: string; options: { busyTimeoutMs?: number } };
const db = openDatabase(file, options);
try {
  parentPort!.postMessage({ seeded: seedDemoWorld(db) });
} finally {
  db.close();
}
