// The composition of one running bot: store → storage → adapter → bot → restify. Used by index.ts and
// by the end-to-end tests (ephemeral port, temporary database).
import restify from 'restify';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Config } from './config';
import { SqliteStorage } from './sqliteStorage';
import { PurchaseBot } from './purchaseBot';
import { Store } from '../src/store/store';
import { LocalPartnerCenter } from '../src/partnerCenter/local';
import { PurchaseService } from '../src/purchase/purchaseService';
import { turnFailed } from '../dialogs/messages';

/**
 * The least an activity must have before the adapter sees it: a type, and the addresses every turn
 * uses (the state keys are channelId + conversation.id and channelId + from.id; mentions are removed
 * by recipient.id). Without them a turn can only fail, so they are a bad request, not a server error.
 */
const Account = z.looseObject({ id: z.string().min(1).max(1024) });
const InboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  conversation: Account,
  from: Account,
  recipient: Account,
});

export interface RunningBot {
  server: restify.Server;
  store: Store;
  port: number;
  close(): Promise<void>;
}

export async function startBot(config: Config, log: (line: string) => void = console.log): Promise<RunningBot> {
  const store = Store.open(config.databaseFile);
  const storage = new SqliteStorage(store.db);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const service = new PurchaseService(store, new LocalPartnerCenter(store));
  const bot = new PurchaseBot(conversationState, userState, service, config.demoMode);

  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      MicrosoftAppType: config.MicrosoftAppType,
    }),
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log(`[onTurnError] ${context.activity.conversation?.id ?? '?'}: ${error.stack ?? error}`);
    // The broken conversation starts afresh; carts and orders are in the store and are not lost.
    // (delete throws synchronously when it cannot make the state key: caught too, never rethrown.)
    await Promise.resolve()
      .then(() => conversationState.delete(context))
      .catch(() => undefined);
    await context.sendActivity(turnFailed()).catch(() => undefined);
  };

  const server = restify.createServer({ name: 'reservations-purchase-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    const activity = InboundActivity.safeParse(req.body);
    if (!activity.success) {
      res.send(400, { error: 'The body must be a Bot Framework activity (a JSON object with a "type", "channelId", "conversation", "from" and "recipient").' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/health', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  await new Promise<void>((resolve) => server.listen(config.PORT, '0.0.0.0', resolve));
  const address = server.address();
  return {
    server,
    store,
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
