// npm run bench:ab -- --b DIR: the product of two checkouts (A: this one or --a, B: --b) under the bench's
// product load and cold starts, interleaved, so the machine's drift from minute to minute falls on both
// alike (bench/README.md, "Comparing two builds"). Each side is built with its own scripts/build.mjs and
// started from its own directory as its npm start does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coldStart, type ColdStart } from './lib/cold';
import { runLoad, type LoadResult } from './lib/load';
import { buildProduct, PRODUCT_FILE, productNodeArgs, ROOT, startServer } from './lib/proc';
import { productScript, productUsers } from './lib/scripts';
import { fmt, median, table } from './lib/stats';

const HELP = `npm run bench:ab -- --b DIR [options]
  --a DIR              checkout A (default: this one)
  --b DIR              checkout B (required), e.g. a git worktree of another branch with node_modules beside it
  --pairs N            interleaved pairs of runs per measurement (default 4); pair order alternates A,B then B,A
  --only LIST          some of: load,cold (default both)
  --concurrency N      concurrent conversations (default 32)
  --warmup S           warm-up seconds before each load window (default 4)
  --duration S         measured seconds per load window (default 10)
  --label TEXT         a name for the comparison in the report
  --out FILE           the report as JSON (default bench/results/ab.json; the Markdown beside it)`;

interface Options {
  a: string;
  b: string;
  pairs: number;
  only: Set<string>;
  concurrency: number;
  warmupS: number;
  durationS: number;
  label: string;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const o: Partial<Options> & Omit<Options, 'b'> = {
    a: ROOT,
    pairs: 4,
    only: new Set(['load', 'cold']),
    concurrency: 32,
    warmupS: 4,
    durationS: 10,
    label: '',
    out: path.join(ROOT, 'bench', 'results', 'ab.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (arg === '--a') o.a = path.resolve(next());
    else if (arg === '--b') o.b = path.resolve(next());
    else if (arg === '--pairs') o.pairs = Number(next());
    else if (arg === '--only') o.only = new Set(next().split(','));
    else if (arg === '--concurrency') o.concurrency = Number(next());
    else if (arg === '--warmup') o.warmupS = Number(next());
    else if (arg === '--duration') o.durationS = Number(next());
    else if (arg === '--label') o.label = next();
    else if (arg === '--out') o.out = path.resolve(next());
    else throw new Error(`unknown option ${arg}\n${HELP}`);
  }
  if (!o.b) throw new Error(`--b is required\n${HELP}`);
  for (const root of [o.a, o.b]) {
    if (!fs.existsSync(path.join(root, 'node_modules'))) throw new Error(`${root} has no node_modules (a symlink to this checkout's will do)`);
  }
  return o as Options;
}

const log = (line: string) => process.stderr.write(`[bench:ab ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const loadAverage = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');

type Side = 'A' | 'B';

interface LoadRun {
  side: Side;
  pair: number;
  turnsPerSecond: number;
  cpuMsPerTurn: number;
  /** The turn p99 over all steps, and the worst step's p99 (the bench's per-step target). */
  p99: number;
  worstStepP99: number;
  worstStep: string;
  turns: number;
  errors: number;
  loadAverageBefore: string;
  loadAverageAfter: string;
}

interface ColdRun extends ColdStart {
  side: Side;
  pair: number;
  database: 'new' | 'existing';
  loadAverageBefore: string;
}

/** Pair i runs A then B when i is even, B then A when odd: a steady drift favours neither side. */
const orderOf = (pair: number): Side[] => (pair % 2 === 0 ? ['A', 'B'] : ['B', 'A']);

async function loadRun(o: Options, side: Side, pair: number): Promise<LoadRun> {
  const root = side === 'A' ? o.a : o.b;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-ab-${side}-`));
  const loadAverageBefore = loadAverage();
  const server = await startServer({ name: `product ${side}`, file: PRODUCT_FILE, cwd: root, env: { DATA_DIR: dataDir }, nodeArgs: productNodeArgs(root) });
  let result: LoadResult;
  try {
    result = await runLoad({
      label: `ab-${side}`,
      port: server.port,
      pid: server.pid,
      concurrency: o.concurrency,
      warmupMs: o.warmupS * 1000,
      durationMs: o.durationS * 1000,
      userOf: (i) => productUsers[i % productUsers.length]!,
      script: productScript,
    });
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (result.errors) log(`${side}: ${result.errors} conversations failed, e.g. ${result.errorSamples[0]}`);
  const [worstStep, worst] = Object.entries(result.steps).sort((x, y) => y[1].p99 - x[1].p99)[0]!;
  return {
    side,
    pair,
    turnsPerSecond: result.turnsPerSecond,
    cpuMsPerTurn: result.cpuMsPerTurn,
    p99: result.latency.p99,
    worstStepP99: worst.p99,
    worstStep,
    turns: result.turns,
    errors: result.errors,
    loadAverageBefore,
    loadAverageAfter: loadAverage(),
  };
}

async function coldRuns(o: Options): Promise<ColdRun[]> {
  const runs: ColdRun[] = [];
  // A start on an existing database: each side's own (its migrations may differ), made by one unrecorded first start.
  const existing = { A: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ab-A-')), B: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ab-B-')) };
  try {
    for (const side of ['A', 'B'] as const) await coldStart({ root: side === 'A' ? o.a : o.b, dataDir: existing[side] });
    for (const database of ['new', 'existing'] as const) {
      for (let pair = 0; pair < o.pairs; pair++) {
        for (const side of orderOf(pair)) {
          const loadAverageBefore = loadAverage();
          const run = await coldStart({ root: side === 'A' ? o.a : o.b, ...(database === 'existing' ? { dataDir: existing[side] } : {}) });
          log(`cold start (${database} database) pair ${pair + 1}, ${side}: ${fmt(run.firstReplyMs)} ms`);
          runs.push({ ...run, side, pair, database, loadAverageBefore });
        }
      }
    }
  } finally {
    for (const dir of Object.values(existing)) fs.rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}

// ---- report -------------------------------------------------------------------------------------

const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${fmt((ratio - 1) * 100, 1)}%`;

/** Per pair: A's and B's figure and B/A; then the medians of each side and of the pairs' ratios. */
function pairTable<R extends { side: Side; pair: number }>(
  runs: R[],
  pairs: number,
  figures: { name: string; of: (r: R) => number; digits?: number }[],
  extra: { header: string; of: (a: R, b: R) => string } | undefined = undefined,
): string {
  const rows: string[][] = [];
  const ratios = figures.map(() => [] as number[]);
  for (let pair = 0; pair < pairs; pair++) {
    const a = runs.find((r) => r.pair === pair && r.side === 'A');
    const b = runs.find((r) => r.pair === pair && r.side === 'B');
    if (!a || !b) continue;
    rows.push([
      `${pair + 1} (${orderOf(pair).join(',')})`,
      ...figures.flatMap((f, i) => {
        ratios[i]!.push(f.of(b) / f.of(a));
        return [`${fmt(f.of(a), f.digits)} / ${fmt(f.of(b), f.digits)}`, pct(f.of(b) / f.of(a))];
      }),
      ...(extra ? [extra.of(a, b)] : []),
    ]);
  }
  const med = (side: Side, f: (r: R) => number) => median(runs.filter((r) => r.side === side).map(f));
  rows.push([
    '**median**',
    ...figures.flatMap((f, i) => [`${fmt(med('A', f.of), f.digits)} / ${fmt(med('B', f.of), f.digits)}`, `**${pct(median(ratios[i]!))}**`]),
    ...(extra ? [''] : []),
  ]);
  return table(['pair (order)', ...figures.flatMap((f) => [`${f.name} A / B`, 'B vs A']), ...(extra ? [extra.header] : [])], rows);
}

function markdown(o: Options, load: LoadRun[], cold: ColdRun[]): string {
  const out: string[] = [];
  out.push(`A: ${o.a}; B: ${o.b}${o.label ? ` (${o.label})` : ''}. ${o.pairs} interleaved pairs; load: ${o.concurrency} conversations, ${o.warmupS} s warm-up + ${o.durationS} s.`);
  if (load.length) {
    out.push('');
    out.push(
      pairTable(
        load,
        o.pairs,
        [
          { name: 'CPU ms/turn', of: (r) => r.cpuMsPerTurn, digits: 3 },
          { name: 'turns/s', of: (r) => r.turnsPerSecond, digits: 0 },
          { name: 'worst step p99 ms', of: (r) => r.worstStepP99, digits: 1 },
          { name: 'turn p99 ms', of: (r) => r.p99, digits: 1 },
        ],
        { header: 'load avg (1 min) A / B', of: (a, b) => `${a.loadAverageBefore.split(' ')[0]}→${a.loadAverageAfter.split(' ')[0]} / ${b.loadAverageBefore.split(' ')[0]}→${b.loadAverageAfter.split(' ')[0]}` },
      ),
    );
    const failed = load.reduce((n, r) => n + r.errors, 0);
    if (failed) out.push(`\n${failed} conversations failed (see the log).`);
  }
  for (const database of ['new', 'existing'] as const) {
    const runs = cold.filter((r) => r.database === database);
    if (!runs.length) continue;
    out.push('');
    out.push(`Start on ${database === 'new' ? 'a new DATA_DIR (create, migrate, seed)' : 'an existing database'}, spawn to first reply to "buy":`);
    out.push(pairTable(runs, o.pairs, [{ name: 'first reply ms', of: (r) => r.firstReplyMs, digits: 0 }, { name: 'listening ms', of: (r) => r.listeningMs, digits: 0 }]));
  }
  return out.join('\n');
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  log(`building A (${o.a}) and B (${o.b})`);
  buildProduct(o.a);
  buildProduct(o.b);
  const load: LoadRun[] = [];
  if (o.only.has('load')) {
    for (let pair = 0; pair < o.pairs; pair++) {
      for (const side of orderOf(pair)) {
        const run = await loadRun(o, side, pair);
        log(`load pair ${pair + 1}, ${side}: ${fmt(run.cpuMsPerTurn, 3)} CPU ms/turn, ${fmt(run.turnsPerSecond)} turns/s, worst step p99 ${fmt(run.worstStepP99)} ms (load ${run.loadAverageBefore} → ${run.loadAverageAfter})`);
        load.push(run);
      }
    }
  }
  const cold = o.only.has('cold') ? await coldRuns(o) : [];
  const md = markdown(o, load, cold);
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, `${JSON.stringify({ date: new Date().toISOString(), options: { ...o, only: [...o.only] }, load, cold }, null, 2)}\n`);
  fs.writeFileSync(o.out.replace(/\.json$/, '') + '.md', `${md}\n`);
  console.log(md);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
