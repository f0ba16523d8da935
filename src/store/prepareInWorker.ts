// Creates, migrates and seeds the database file in a worker thread. The first start of the bot spends
// about as long seeding the demo catalog as loading its modules (bench/README.md, cold start); done in a
// worker, both happen at once. Only node built-ins are loaded here, so the caller can start this
// before it loads anything heavy.
import { startStoreWorker } from './storeWorker';

export interface Prepared {
  ok: boolean;
  /** The demo world was written (a new file). */
  seeded?: boolean;
  ms: number;
  error?: string;
}

/**
 * Opens `file` in a worker: creates it, applies the migrations and seeds the demo world when it is
 * empty, then closes it. Never rejects: on any failure it resolves with `ok: false`, and Store.open does
 * the same work on the calling thread.
 */
export function prepareDatabaseInWorker(file: string, options: { busyTimeoutMs?: number } = {}): Promise<Prepared> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (p: Omit<Prepared, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...p, ms: performance.now() - t0 });
    };
    try {
      const worker = startStoreWorker('prepareWorker', { file, options });
      worker.once('message', (m: { seeded: boolean }) => done({ ok: true, seeded: m.seeded }));
      worker.once('error', (error) => done({ ok: false, error: error.message }));
      worker.once('exit', (code) => done({ ok: false, error: `the worker exited with code ${code}` }));
    } catch (error) {
      done({ ok: false, error: (error as Error).message });
    }
  });
}
