// Compiles the bot for `npm start` (the prestart script): bot/index.ts bundled with esbuild into dist/bot/,
// our TypeScript and JSON inlined, packages left to node_modules. Half a second here saves every start
// tsx's loader, its transform of each file and the source maps it keeps in memory (bench/README.md,
// cold start). Plain JavaScript, so it runs before anything is compiled.
//
//   node scripts/build.mjs                      the bot, into dist/bot
//   node scripts/build.mjs --out DIR FILE...    other entries (the bench's servers) the same way
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const botEntries = ['bot/index.ts'];

async function compile(entries, out) {
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: out,
    entryNames: '[name]',
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(root, 'dist', 'bot');
const entries = args.filter((_, i) => outAt < 0 || (i !== outAt && i !== outAt + 1));
await compile(entries.length ? entries : botEntries, out);
