// The worker side of startBackgroundCheckpoints: its own connection to the file and a PASSIVE checkpoint
// every `intervalMs`, until the bot says "stop". PASSIVE never waits for the bot's connection: it copies
// what it can and leaves the rest for the next tick.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file, { fileMustExist: true });

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Another checkpoint is running (the bot's own automatic one, as a fallback): the next tick goes on.
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return;
    stop(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`.trim());
  }
}, intervalMs);

function stop(error?: string): void {
  clearInterval(timer);
  db.close();
  if (error) parentPort!.postMessage({ error });
  parentPort!.close();
}

parentPort!.on('message', (m) => {
  if (m === 'stop') stop();
});
