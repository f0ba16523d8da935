// Starts the bot: configuration from the environment (and .env), the SQLite store under DATA_DIR
// (created, migrated and seeded on first start), and the HTTP endpoint /api/messages.
import 'dotenv/config';
import { loadConfig } from './config';
import { startBot } from './server';

async function main() {
  const config = loadConfig();
  const bot = await startBot(config);
  console.log(`Bot listening on http://localhost:${bot.port}/api/messages`);
  console.log(`Database: ${config.databaseFile}`);
  console.log(config.demoMode ? 'Demo mode: no MicrosoftAppId, requests are not authenticated (Bot Framework Emulator).' : `Authenticating requests for app ${config.MicrosoftAppId}.`);
  const stop = async () => {
    await bot.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
