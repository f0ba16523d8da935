// The bot as its own process on a free port over a DATA_DIR, for tests that kill it or load it from
// outside: the product's entry point (bot/index.ts), or with Partner Center faults the test-only one
// (./faultyBot.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface StartedServer {
  baseUrl: string;
  databaseFile: string;
  logs: string[];
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '..', '..');

/**
 * `faults`: PARTNER_CENTER_FAULTS of ./faultyBot.ts, e.g. "checkout=slow:60000"; empty: the product as it ships.
 * `databaseUrl`: DATABASE_URL (the store on PostgreSQL); empty: the SQLite file in `dataDir`.
 */
export async function startServerProcess(dataDir: string, { faults = '', databaseUrl = '' } = {}): Promise<StartedServer & { child: ChildProcess }> {
  const entry = faults ? path.join(root, 'test', 'support', 'faultyBot.ts') : path.join(root, 'bot', 'index.ts');
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', entry], {
    cwd: root,
    // The embedded gateway, demo mode: whatever the environment or a .env says.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, MicrosoftAppId: '', NODE_ENV: '', PARTNER_CENTER: 'local', PARTNER_CENTER_FAULTS: faults, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const collect = (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(d.toString());
      if (m) {
        child.stdout!.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`the server exited (${code ?? signal}) before listening:\n${logs.join('\n')}`)));
  });
  child.removeAllListeners('exit');
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    databaseFile: path.join(dataDir, 'reservations.db'),
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
