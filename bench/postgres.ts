// npm run bench:postgres: the product on PostgreSQL (DATABASE_URL), one instance and three, under the
// product script of `npm run bench`; turns per second, CPU ms per turn of the bot processes and of
// PostgreSQL (every server process, read from /proc), and from those a capacity estimate. PostgreSQL is
// the embedded one the tests use (test/support/postgres.ts), on this machine. See bench/README.md.
//
//   npm run bench:postgres [-- --concurrency 32 --warmup 3 --duration 20 --instances 1,3 --turns-per-agent-minute 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLoad, type LoadResult } from './lib/load';
import { buildProduct, PRODUCT_FILE, productNodeArgs, sample, startServer, type ServerProcess } from './lib/proc';
import { productScript, productUsers } from './lib/scripts';
import { fmt, table } from './lib/stats';
import { startPostgres, type TestPostgres } from '../test/support/postgres';

interface Options {
  concurrency: number;
  warmupS: number;
  durationS: number;
  instances: number[];
  /** The turn rate of one busy agent, for the capacity estimate. */
  turnsPerAgentMinute: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { concurrency: 32, warmupS: 3, durationS: 20, instances: [1, 3], turnsPerAgentMinute: 2 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? '';
    switch (argv[i]) {
      case '--concurrency': o.concurrency = Number(value()); break;
      case '--warmup': o.warmupS = Number(value()); break;
      case '--duration': o.durationS = Number(value()); break;
      case '--instances': o.instances = value().split(',').map(Number); break;
      case '--turns-per-agent-minute': o.turnsPerAgentMinute = Number(value()); break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

/** CPU ms of PostgreSQL so far: the postmaster and every process it started (backends, writers). */
function postgresCpuMs(postmasterPid: number): number {
  let total = sample(postmasterPid).cpuMs;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmasterPid) total += sample(Number(entry)).cpuMs;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

interface Run {
  instances: number;
  turns: number;
  turnsPerSecond: number;
  botCpuMsPerTurn: number;
  postgresCpuMsPerTurn: number;
  p50: number;
  p95: number;
  errors: number;
  errorSamples: string[];
}

async function measure(o: Options, postgres: TestPostgres, postmasterPid: number, instances: number): Promise<Run> {
  const url = await postgres.newDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-bench-pg-'));
  const bots: ServerProcess[] = [];
  try {
    // One after the other: the first migrates and seeds, the others find it done.
    for (let i = 0; i < instances; i++) {
      bots.push(await startServer({ name: `bot-${i + 1}`, file: PRODUCT_FILE, nodeArgs: productNodeArgs(), env: { DATA_DIR: dataDir, DATABASE_URL: url, MicrosoftAppId: '', PARTNER_CENTER: 'local' } }));
    }
    const perInstance = Math.max(1, Math.round(o.concurrency / instances));
    const pgBefore = postgresCpuMs(postmasterPid);
    const t0 = performance.now();
    // Each instance gets its share of the conversations, all measured over the same window.
    const results: LoadResult[] = await Promise.all(
      bots.map((bot, i) =>
        runLoad({
          port: bot.port,
          pid: bot.pid,
          concurrency: perInstance,
          warmupMs: o.warmupS * 1000,
          durationMs: o.durationS * 1000,
          userOf: (u) => productUsers[u % productUsers.length]!,
          script: productScript,
          label: `pg${instances}-${i}`,
        }),
      ),
    );
    const elapsedS = (performance.now() - t0) / 1000;
    const pgCpuMs = postgresCpuMs(postmasterPid) - pgBefore;
    const turns = results.reduce((n, r) => n + r.turns, 0);
    // PostgreSQL's CPU is read over warm-up, window and drain; its share per turn counts every turn of that span.
    const turnsInSpan = results.reduce((n, r) => n + r.turnsPerSecond, 0) * elapsedS;
    const latencies = results.map((r) => r.latency);
    return {
      instances,
      turns,
      turnsPerSecond: results.reduce((n, r) => n + r.turnsPerSecond, 0),
      botCpuMsPerTurn: results.reduce((n, r) => n + r.cpuMsPerTurn * r.turns, 0) / Math.max(1, turns),
      postgresCpuMsPerTurn: pgCpuMs / Math.max(1, turnsInSpan),
      p50: Math.max(...latencies.map((l) => l.p50)),
      p95: Math.max(...latencies.map((l) => l.p95)),
      errors: results.reduce((n, r) => n + r.errors, 0),
      errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 5),
    };
  } finally {
    for (const bot of bots) await bot.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  buildProduct();
  const postgres = await startPostgres();
  try {
    const postmasterPid = Number(fs.readFileSync(path.join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const runs: Run[] = [];
    for (const n of o.instances) {
      console.log(`… ${n} instance${n === 1 ? '' : 's'} on PostgreSQL, ${o.concurrency} conversations, ${o.durationS} s`);
      runs.push(await measure(o, postgres, postmasterPid, n));
    }
    const agentTurnsPerSecond = o.turnsPerAgentMinute / 60;
    console.log(
      table(
        ['instances', 'turns/s', 'bot CPU ms/turn', 'PostgreSQL CPU ms/turn', 'p50 ms', 'p95 ms', 'errors', `agents per core at ${o.turnsPerAgentMinute} turns/min`],
        runs.map((r) => {
          // One core's turns per second when it runs the bot and its share of PostgreSQL, divided by one agent's rate.
          const perCore = 1000 / (r.botCpuMsPerTurn + r.postgresCpuMsPerTurn) / agentTurnsPerSecond;
          return [r.instances, fmt(r.turnsPerSecond, 1), fmt(r.botCpuMsPerTurn, 2), fmt(r.postgresCpuMsPerTurn, 2), fmt(r.p50, 1), fmt(r.p95, 1), r.errors, fmt(perCore, 0)];
        }),
      ),
    );
    for (const r of runs) for (const e of r.errorSamples) console.log(`error (${r.instances} instance${r.instances === 1 ? '' : 's'}): ${e}`);
  } finally {
    await postgres.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
