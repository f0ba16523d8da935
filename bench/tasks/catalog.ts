// Catalog search latency against catalog size. Run by bench/run.ts as a child process (its own heap and
// CPU), or alone: node --import tsx bench/tasks/catalog.ts --sizes 1000,10000,100000,200000 --iterations 3000
// Seeds one temporary database, then for each size copies it, scales its catalog (lib/catalogScale.ts)
// and times the embedded Partner Center's catalog search (CatalogStore.search: SQL + mapping to domain
// objects), the query behind every catalog card, over the mix of searches the purchase flow issues.
// Prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalPartnerCenter } from '../../src/partnerCenter/local';
import type { CatalogSearch } from '../../src/domain/types';
import type { Segment, TermDuration } from '../../src/domain/types';
import { scaleCatalog } from '../lib/catalogScale';
import { databaseBytes } from '../lib/proc';
import { summarize, type Summary } from '../lib/stats';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const sizes = arg('sizes', '1000,10000,100000,200000').split(',').map(Number);
const iterations = Number(arg('iterations', '3000'));

export interface CatalogPoint {
  availabilities: number;
  skus: number;
  /** Purchasable rows of the busiest search (NL, commercial, virtual machines): what a first page counts. */
  marketRows: number;
  dbBytes: number;
  /** Wall-clock latency of each search. */
  all: Summary;
  kinds: Record<string, Summary>;
  /** CPU time of each search (process.cpuUsage): the same without the waits for a core on a busy machine. */
  cpu: Summary;
  /** ms to build this size (copy and scale). */
  buildMs: number;
}

type Kind = (i: number) => Omit<CatalogSearch, 'limit'>;

function mix(pc: LocalPartnerCenter): Record<string, Kind> {
  const markets = [
    { country: 'NL', segment: 'commercial' as Segment, reservationType: 'VirtualMachines' },
    { country: 'DE', segment: 'commercial' as Segment, reservationType: 'VirtualMachines' },
    { country: 'BR', segment: 'commercial' as Segment, reservationType: 'VirtualMachines' },
    { country: 'NL', segment: 'education' as Segment, reservationType: 'VirtualMachines' },
    { country: 'US', segment: 'commercial' as Segment, reservationType: 'SqlDatabase' },
  ];
  const vocab = markets.map((m) => pc.catalog.vocabulary(m.country, m.segment, m.reservationType));
  const pickFrom = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  const at = (i: number) => ({ market: markets[i % markets.length]!, v: vocab[i % markets.length]! });
  const term = (i: number): TermDuration => (i % 2 ? 'P3Y' : 'P1Y');
  return {
    'first page': (i) => ({ ...at(i).market, filter: {}, offset: 0 }),
    'next page': (i) => ({ ...at(i).market, filter: {}, offset: 10 * (1 + (i % 3)) }),
    'region + term': (i) => {
      const { market, v } = at(i);
      return { ...market, filter: { region: pickFrom(v.regions, i >> 3)?.armName, term: term(i >> 1) }, offset: 0 };
    },
    family: (i) => {
      const { market, v } = at(i);
      return { ...market, filter: { family: pickFrom(v.families, i >> 3) }, offset: 0 };
    },
    size: (i) => {
      const { market, v } = at(i);
      return { ...market, filter: { armSkuName: pickFrom(v.skuNames, i * 7) }, offset: 0 };
    },
    'typed text': (i) => ({ ...at(i).market, filter: { text: pickFrom(['d4s', 'v5', 'e8', 'gp'], i >> 2) }, offset: 0 }),
  };
}

function measure(file: string): Omit<CatalogPoint, 'availabilities' | 'skus' | 'dbBytes' | 'buildMs'> {
  const pc = LocalPartnerCenter.open(file, { seed: false });
  try {
    const kinds = mix(pc);
    const names = Object.keys(kinds);
    const run = (i: number) => {
      const kind = names[i % names.length]!;
      const q = { ...kinds[kind]!(Math.floor(i / names.length)), limit: 10 };
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      pc.catalog.search(q);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { kind, ms, cpuMs: (c.user + c.system) / 1000 };
    };
    for (let i = 0; i < Math.min(600, iterations); i++) run(i); // warm-up: JIT, statement cache, page cache
    const all: number[] = [];
    const cpu: number[] = [];
    const byKind = new Map<string, number[]>(names.map((n) => [n, []]));
    for (let i = 0; i < iterations; i++) {
      const { kind, ms, cpuMs } = run(i);
      all.push(ms);
      cpu.push(cpuMs);
      byKind.get(kind)!.push(ms);
    }
    const marketRows = (
      pc.db
        .prepare("SELECT COUNT(*) AS n FROM availabilities WHERE country = 'NL' AND segment = 'commercial' AND reservation_type = 'VirtualMachines' AND is_purchasable = 1")
        .get() as { n: number }
    ).n;
    return { marketRows, all: summarize(all), cpu: summarize(cpu), kinds: Object.fromEntries([...byKind].map(([k, v]) => [k, summarize(v)])) };
  } finally {
    pc.close();
  }
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-catalog-'));
  try {
    const base = path.join(dir, 'base.db');
    const seeded = LocalPartnerCenter.open(base);
    seeded.catalog.writeAllMarkets(); // every market's availabilities, as the scaled catalogs start from the whole
    seeded.close(); // closing checkpoints the WAL into the file
    const points: CatalogPoint[] = [];
    for (const size of sizes) {
      const file = path.join(dir, `catalog-${size}.db`);
      const t0 = performance.now();
      fs.copyFileSync(base, file);
      const scaling = LocalPartnerCenter.open(file, { seed: false });
      const { shrunk, ...scaled } = scaleCatalog(scaling.db, size);
      if (shrunk) scaling.db.exec('VACUUM'); // a shrunk file gives its free pages back: its size is the catalog's
      scaling.close();
      const buildMs = performance.now() - t0;
      (globalThis as { gc?: () => void }).gc?.(); // the build's garbage is not collected during the timing
      const m = measure(file);
      points.push({ ...scaled, dbBytes: databaseBytes(file).total, buildMs, ...m });
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}-wal`, { force: true });
      fs.rmSync(`${file}-shm`, { force: true });
    }
    process.stdout.write(`${JSON.stringify({ iterations, points })}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
