// WAL checkpoints off the bot's thread. In WAL mode every commit appends pages to the -wal file and,
// by default, the committing connection copies them back into the database file (and syncs it) once
// the log passes 1,000 pages: under load that copy ran on the thread that answers every turn (bench/
// README.md). A worker with its own connection checkpoints every `intervalMs` instead, so the log
// rarely reaches that size; SQLite's automatic checkpoint stays as the fallback should the worker stop.
import { startStoreWorker } from './storeWorker';

export interface BackgroundCheckpoints {
  /** Stops the worker after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

export function startBackgroundCheckpoints(file: string, log: (line: string) => void, intervalMs = 100): BackgroundCheckpoints {
  if (file === ':memory:') return { stop: async () => undefined };
  const worker = startStoreWorker('checkpointWorker', { file, intervalMs });
  let running = true;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  worker.on('message', (m: { error?: string }) => {
    if (m.error) log(`Background checkpoints stopped (${m.error}); SQLite checkpoints on the bot's connection instead.`);
  });
  worker.on('error', (error) => log(`Background checkpoints stopped (${error.message}); SQLite checkpoints on the bot's connection instead.`));
  // A tool that forgets stop() still exits.
  worker.unref();
  return {
    stop: async () => {
      if (running) worker.postMessage('stop');
      await exited;
    },
  };
}
