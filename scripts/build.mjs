// Compiles the bot for `npm start` (the prestart script): bot/index.ts bundled with esbuild into dist/bot/,
// our TypeScript and JSON inlined, packages left to node_modules. Half a second here saves every start
// tsx's loader, its transform of each file and the source maps it keeps in memory (bench/README.md,
// cold start). Plain JavaScript, so it runs before anything is compiled.
// esbuild is a development package: where it is not installed (npm ci --omit=dev) the bot starts as last
// built, so a deployment builds before it prunes (npm ci && npm run build && npm prune --omit=dev).
//
//   node scripts/build.mjs                      the bot, into dist/bot
//   node scripts/build.mjs --out DIR FILE...    other entries (the bench's servers) the same way
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const botEntries = ['bot/index.ts'];

async function compile(build, entries, out) {
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
const esbuild = await import('esbuild').catch((error) => {
  if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  return undefined;
});
if (esbuild) {
  await compile(esbuild.build, entries.length ? entries : botEntries, out);
} else if (!entries.length && fs.existsSync(path.join(out, 'index.js'))) {
  console.log(`esbuild is not installed (a production install): the bot starts as built in ${path.relative(root, out)}.`);
} else {
  console.error('esbuild is not installed: it is a development package. Run npm install, or build before npm prune --omit=dev.');
  process.exit(1);
}
