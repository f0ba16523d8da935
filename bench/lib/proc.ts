// Server processes for the bench: compiled as `npm start` compiles the bot (scripts/build.mjs) and
// started as `node <file>`, so the child's PID is the server's own (stack notes, gotcha 9) and no server
// pays for tsx; measured from outside through /proc: CPU time (utime + stime, in clock ticks) and
// resident memory (VmRSS now, VmHWM the peak since start or since reset).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK: 100 on Linux). */
const CLK_TCK = 100;

/** The product as `npm start` runs it: the prestart build's output. */
export const PRODUCT_FILE = 'dist/bot/index.js';

/**
 * The node options of `npm start` (package.json), so the bench starts the product exactly as it does;
 * `root` is the checkout whose product is started (bench/ab.ts compares two).
 */
export function productNodeArgs(root = ROOT): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words[words.length - 1] !== PRODUCT_FILE) {
    throw new Error(`npm start is "${start}"; the bench expects "node [options] ${PRODUCT_FILE}"`);
  }
  return words.slice(1, -1);
}

/**
 * Compiles the servers: the product exactly as npm's prestart does (into dist/bot), the comparison
 * servers with the same options into `outDir` (inside the repository: they require its node_modules).
 * Returns each server's compiled file.
 */
export function buildServers(outDir: string): { echo: string; waterfall: string; product: string } {
  const build = (args: string[]) => buildWith(ROOT, args);
  build([]);
  build(['--out', outDir, 'bench/servers/echo.ts', 'bench/servers/waterfall.ts']);
  return { echo: path.join(outDir, 'echo.js'), waterfall: path.join(outDir, 'waterfall.js'), product: PRODUCT_FILE };
}

/** Compiles the product of the checkout at `root` with its own scripts/build.mjs, as its npm start does. */
export function buildProduct(root = ROOT): void {
  buildWith(root, []);
}

function buildWith(root: string, args: string[]): void {
  const run = spawnSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${root}: scripts/build.mjs ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ProcSample {
  /** CPU time of the process (all threads) so far, in ms. */
  cpuMs: number;
  rssBytes: number;
  /** Peak resident set size (since start, or since resetPeak). */
  hwmBytes: number;
}

export function sample(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the ")" of the command name; utime and stime are fields 14 and 15 (1-based).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { cpuMs: (ticks * 1000) / CLK_TCK, rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') };
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"); false where not permitted. */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every `intervalMs` and keeps the maximum (a fallback where clear_refs is refused). */
export class RssSampler {
  max = 0;
  private timer: NodeJS.Timeout;
  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    this.tick();
  }
  private tick() {
    try {
      this.max = Math.max(this.max, sample(this.pid).rssBytes);
    } catch {
      /* the process has exited */
    }
  }
  stop(): number {
    this.tick();
    clearInterval(this.timer);
    return this.max;
  }
}

export interface ServerProcess {
  name: string;
  pid: number;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote, for a failure report. */
  output: string[];
  /** ms from spawn to the first successful GET /health. */
  readyMs: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Compiled file (buildServers), run with `node`. */
  file: string;
  env?: Record<string, string>;
  /** Node options before the file (the product: npm start's, see productNodeArgs). */
  nodeArgs?: string[];
  /** Working directory (default: this checkout); `file` is relative to it. */
  cwd?: string;
  timeoutMs?: number;
}

export async function startServer(opts: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const args = [...(opts.nodeArgs ?? ['--disable-warning=DEP0111']), opts.file];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, PORT: String(port), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const deadline = t0 + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`${opts.name} exited before listening:\n${output.join('')}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.name} did not answer /health in time:\n${output.join('')}`);
    }
    if (await healthy(port)) break;
    await sleep(5);
  }
  const readyMs = performance.now() - t0;
  return {
    name: opts.name,
    pid: child.pid!,
    port,
    child,
    output,
    readyMs,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Size of a SQLite database with its WAL and shared-memory files. */
export function databaseBytes(file: string): { db: number; wal: number; total: number } {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const db = size(file);
  const wal = size(`${file}-wal`);
  return { db, wal, total: db + wal + size(`${file}-shm`) };
}
