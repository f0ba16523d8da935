// Starts the bot: configuration from the environment (and .env), the SQLite store under DATA_DIR
// (created, migrated and seeded on first start), and the HTTP endpoint /api/messages.
import 'dotenv/config';
import { loadConfig } from './config';
import { prepareDatabaseInWorker } from '../src/store/prepareInWorker';
import type { BotParts } from './server';

/** Starts the bot as `npm start` does; a test's entry point may pass parts (test/support/faultyBot.ts). */
export async function main(parts: BotParts = {}) {
  const config = loadConfig();
  // A new database takes about as long to migrate and seed as the bot's modules take to load: a worker
  // does the first while this thread does the second (bench/README.md, cold start). So the modules are
  // loaded here, after the worker has started, not by static imports.
  const prepared = prepareDatabaseInWorker(config.databaseFile, { busyTimeoutMs: config.DB_BUSY_TIMEOUT_MS });
  const { startBot } = await import('./server');
  const { webChatEnabled } = await import('../channels/webChat');
  const { webChatPage } = await import('../channels/text');
  const ready = await prepared;
  if (!ready.ok) console.warn(`The database could not be prepared in a worker (${ready.error}); preparing it now.`);
  const bot = await startBot(config, console.log, parts);
  console.log(`Bot listening on http://localhost:${bot.port}/api/messages`);
  console.log(`Database: ${config.databaseFile}`);
  if (webChatEnabled(config)) console.log(webChatPage.startupLine(bot.port));
  console.log(config.demoMode ? 'Demo mode: no MicrosoftAppId, requests are not authenticated (Bot Framework Emulator).' : `Authenticating requests for app ${config.MicrosoftAppId}.`);
  const stop = async () => {
    await bot.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
