// A first start's database: created, migrated and seeded in a side file without a journal, then put in
// place whole. Seeding through the WAL wrote the demo world twice (into the log, then the log into the
// file) and kept a 2 MB page cache while the catalog's indexes were built: 0.85 s against 0.65 s this
// way, on the path of a first start's first reply (bench/README.md, cold start). A crash while building
// leaves no half-seeded database in place, only the side file, which the next build removes.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, type Db } from './db';
import { seedDemoWorld } from './seed';

/** The page cache while building: the whole new file (about 40 MB) stays in memory until it is written. */
const BUILD_CACHE_KIB = 128 * 1024;

/**
 * Creates `file` migrated and seeded when it does not exist. False when it exists already, also when
 * another process created it while this one was building (the caller opens that one).
 */
export function createSeededDatabase(file: string, seed: (db: Db) => boolean = seedDemoWorld): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeAbandonedBuilds(file);
  const building = `${file}.building-${process.pid}-${Date.now()}`;
  try {
    const db = new Database(building);
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma(`cache_size = -${BUILD_CACHE_KIB}`);
      db.pragma('foreign_keys = ON');
      migrate(db);
      seed(db);
      db.pragma('journal_mode = WAL'); // kept in the file: every later connection opens it in WAL mode
    } finally {
      db.close();
    }
    syncToDisk(building); // synchronous = OFF wrote through the OS cache only; a WAL checkpoint syncs too
    const placed = placeIfAbsent(building, file);
    if (placed) syncToDisk(path.dirname(file), true);
    return placed;
  } finally {
    for (const leftover of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(leftover, { force: true });
  }
}

/** Side files of builds whose process is gone (a crash or a kill while seeding); a running build's stay. */
function removeAbandonedBuilds(file: string): void {
  const prefix = `${path.basename(file)}.building-`;
  for (const name of fs.readdirSync(path.dirname(file))) {
    const pid = name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (Number.isInteger(pid) && !isRunning(pid)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: it runs
  }
}

/** Puts `built` at `file` unless something is there already: a hard link fails rather than replace. */
function placeIfAbsent(built: string, file: string): boolean {
  try {
    fs.linkSync(built, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A file system without hard links: a rename, checked first (it would replace a file made since).
    if (fs.existsSync(file)) return false;
    fs.renameSync(built, file);
    return true;
  }
}

function syncToDisk(target: string, isDirectory = false): void {
  try {
    const fd = fs.openSync(target, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if (!isDirectory) throw error; // some platforms cannot sync a directory: the file itself is synced
  }
}
