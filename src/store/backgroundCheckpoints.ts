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

export interface CheckpointOptions {
  /** How often the worker checkpoints. */
  intervalMs?: number;
  /** Start the worker this much later (the bot: after its first replies); stop() before then starts none. */
  startAfterMs?: number;
}

const stoppedLine = (reason: string) => `Background checkpoints stopped (${reason}); SQLite checkpoints on the bot's connection instead.`;

export function startBackgroundCheckpoints(file: string, log: (line: string) => void, options: CheckpointOptions = {}): BackgroundCheckpoints {
  if (file === ':memory:') return { stop: async () => undefined };
  let stopped = false;
  let exited: Promise<void> = Promise.resolve();
  let stopWorker = () => undefined as void;
  const start = () => {
    if (stopped) return;
    const worker = startStoreWorker('checkpointWorker', { file, intervalMs: options.intervalMs ?? 100 });
    let running = true;
    exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        running = false;
        resolve();
      }),
    );
    worker.on('message', (m: { error?: string }) => {
      if (m.error) log(stoppedLine(m.error));
    });
    worker.on('error', (error) => log(stoppedLine(error.message)));
    stopWorker = () => {
      if (running) worker.postMessage('stop');
    };
    // A tool that forgets stop() still exits.
    worker.unref();
  };
  const timer = options.startAfterMs ? setTimeout(start, options.startAfterMs) : undefined;
  if (timer) timer.unref();
  else start();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      stopWorker();
      await exited;
    },
  };
}
