// Starts one of the store's worker threads (prepareWorker, checkpointWorker) from its own directory:
// compiled, `dist/bot/<name>.js` beside the bot (scripts/build.mjs); run from the TypeScript sources
// under tsx, the worker needs tsx's loader too. Only node:path and node:worker_threads are loaded here.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type StoreWorkerName = 'prepareWorker' | 'checkpointWorker';

export function startStoreWorker(name: StoreWorkerName, workerData: unknown): Worker {
  const entry = path.join(__dirname, `${name}${path.extname(__filename)}`);
  const loader = entry.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});` : '';
  return new Worker(`${loader}require(${JSON.stringify(entry)});`, { eval: true, workerData });
}
