// Starts the bot: configuration from the environment (and .env), the SQLite files under DATA_DIR or the
// PostgreSQL database of DATABASE_URL (created, migrated and seeded on first start), and the HTTP endpoint
// /api/messages.
import 'dotenv/config';
import { loadConfig } from './config';
import { serverOf } from '../src/store/postgres/connection';
import { startBot, type BotParts } from './server';
import { webChatEnabled } from '../channels/webChat';
import { webChatPage } from '../channels/text';

/** Starts the bot as `npm start` does; a test's entry point may pass parts (test/support/faultyBot.ts). */
export async function main(parts: BotParts = {}) {
  const config = loadConfig();
  const bot = await startBot(config, console.log, parts);
  console.log(`Bot listening on http://localhost:${bot.port}/api/messages`);
  console.log(`Database: ${config.DATABASE_URL ? `PostgreSQL at ${serverOf(config.DATABASE_URL)}` : config.databaseFile}`);
  if (config.partnerCenter.mode === 'local') console.log(`Embedded Partner Center: ${config.partnerCenterDatabaseFile}`);
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
