// The composition of one running bot: store → storage → adapter → bot → restify. Used by index.ts and
// by the end-to-end tests (ephemeral port, temporary database), which may wrap the gateway (BotParts).
import restify from 'restify';
import {
  CloudAdapter,
  ConversationState,
  UserState,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Config } from './config';
import { authenticateRequest, createAuthentication } from './authentication';
import { SqliteStorage } from './sqliteStorage';
import { PostgresStorage } from './postgresStorage';
import { PurchaseBot } from './purchaseBot';
import { Store } from '../src/store/store';
import type { BotStore } from '../src/store/botStore';
import { PostgresStore } from '../src/store/postgres/store';
import { LocalPartnerCenter } from '../src/partnerCenter/local';
import type { PartnerCenter } from '../src/partnerCenter/partnerCenter';
import { createRestPartnerCenter, restJournalIn, withPartnerCenterContext } from '../src/partnerCenter/rest';
import { PurchaseService } from '../src/purchase/purchaseService';
import { reportTurnError } from './turnErrors';
import { mountWebChat } from '../channels/webChat';
import { ProactiveMessenger } from './proactive';
import { FollowUps } from '../src/purchase/followUp';
import { sendFollowUp } from '../dialogs/followUpNotices';
import { ApprovalService } from '../src/purchase/approvals';
import { ApprovalDialogs } from '../dialogs/approvals';

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

export interface RunningBot<S extends BotStore = Store | PostgresStore> {
  server: restify.Server;
  /** SQLite (DATA_DIR) or, with DATABASE_URL, PostgreSQL. */
  store: S;
  /** The embedded Partner Center (PARTNER_CENTER=local). */
  partnerCenter?: LocalPartnerCenter;
  /** Messages the bot sends unasked, into the conversations where agents talk to it. */
  proactive: ProactiveMessenger;
  /** The background follow-ups; an interval timer runs their tick (FOLLOW_UP_INTERVAL_MS). */
  followUps: FollowUps;
  /** Four eyes above the approval limit; its sweep of expired requests runs every APPROVAL_SWEEP_SECONDS. */
  approvals: ApprovalDialogs;
  port: number;
  close(): Promise<void>;
}

/** What a caller may put into the composition; the product itself passes nothing. */
export interface BotParts {
  /** Wraps the gateway the configuration makes (the tests' fault injection, test/support/faultyPartnerCenter.ts). */
  decorateGateway?: (gateway: PartnerCenter) => PartnerCenter;
  /** The time of the purchase service, the embedded Partner Center and the follow-ups' timer (the tests move it). */
  clock?: () => Date;
}

export async function startBot(config: Config, log: (line: string) => void = console.log, parts: BotParts = {}): Promise<RunningBot> {
  // PARTNER_CENTER=rest: the Partner Center REST API (src/partnerCenter/rest/); else the embedded demo
  // world in its own file, opened first: a new one takes the world an earlier release kept in the store.
  // The embedded world stays in SQLite with DATABASE_URL too: it stands in for Partner Center, a system
  // outside the bot, so instances on one machine share its file (README: several instances).
  const pc = config.partnerCenter;
  const options = { busyTimeoutMs: config.DB_BUSY_TIMEOUT_MS };
  const postgres = config.DATABASE_URL !== '';
  const local = pc.mode === 'local'
    ? LocalPartnerCenter.open(config.partnerCenterDatabaseFile, { ...options, combinedFile: postgres ? undefined : config.databaseFile, clock: parts.clock })
    : undefined;
  let store: Store | PostgresStore | undefined;
  let gateway: PartnerCenter;
  try {
    store = postgres
      ? await PostgresStore.open(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS, log })
      : Store.open(config.databaseFile, options);
    if (pc.mode === 'rest') {
      log(`Partner Center: REST API at ${pc.baseUrl}, tenant ${pc.tenantId}, app ${pc.appId}, partner ${pc.partnerId}.`);
      if (!(await store.directory.partner(pc.partnerId))) {
        // The customers read from Partner Center are this partner's, and its agents are the ones who buy.
        throw new Error(
          `PARTNER_CENTER_PARTNER_ID=${pc.partnerId}: no partner with this id in the bot's directory (set it to the partner whose agents buy through this Partner Center account).`,
        );
      }
      // The checkout journal is in the store, so a restart or another instance finds what was sent.
      gateway = createRestPartnerCenter(pc, { journal: restJournalIn(store), log });
    } else gateway = local!;
  } catch (error) {
    await store?.close();
    local?.close();
    throw error;
  }
  const storage = store instanceof Store ? new SqliteStorage(store.db) : new PostgresStorage(store.pool);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const authentication = createAuthentication(config);
  const adapter = new CloudAdapter(authentication);
  // A storage fault keeps the conversation where it was; any other error resets it (bot/turnErrors.ts).
  adapter.onTurnError = (context: TurnContext, error: Error) => reportTurnError(context, error, conversationState, log);
  const proactive = new ProactiveMessenger(adapter, config.MicrosoftAppId, store.conversations, log);
  const partnerCenter = parts.decorateGateway ? parts.decorateGateway(gateway) : gateway;
  const clock = parts.clock ?? (() => new Date());
  const service = new PurchaseService(store, partnerCenter, clock);
  const followUps = new FollowUps(store, partnerCenter, (notice) => sendFollowUp(proactive, notice), { callsPerMinute: config.FOLLOW_UP_CALLS_PER_MINUTE }, log);
  const followUpTimer = config.FOLLOW_UP_INTERVAL_MS > 0 ? everyInterval(config.FOLLOW_UP_INTERVAL_MS, () => followUps.runDue(clock()), log) : undefined;
  const approvals = new ApprovalDialogs(new ApprovalService(store, service, clock, config.APPROVAL_EXPIRY_HOURS * 3_600_000), service, proactive);
  const turnLock = store instanceof PostgresStore ? <T>(key: string, fn: () => Promise<T>) => store.withTurnLock(key, fn) : undefined;
  const bot = new PurchaseBot(conversationState, userState, service, config.demoMode, turnLock, approvals);
  // Each expired request moves once (a conditional write), so instances sweeping together tell it once.
  const sweep = setInterval(() => approvals.expireDue().catch((error: Error) => log(`[approvals] sweep failed: ${error.message}`)), config.APPROVAL_SWEEP_SECONDS * 1000);
  sweep.unref();
  // The agent's locale goes to Partner Center as X-Locale. Only the REST gateway reads it: the
  // AsyncLocalStorage behind it turns on promise hooks for every promise of the turn (bench/README.md).
  const run =
    pc.mode === 'rest'
      ? (context: TurnContext) => withPartnerCenterContext({ locale: context.activity.locale }, () => bot.run(context))
      : (context: TurnContext) => bot.run(context);


  const server = restify.createServer({ name: 'reservations-purchase-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    if (!config.demoMode) {
      // Before anything else looks at the body: a request without a valid Bot Framework token gets 401.
      const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
      const gate = await authenticateRequest(authentication, body, String(req.headers.authorization ?? ''));
      if (!gate.ok) {
        log(`[auth] ${gate.status} ${req.method} ${req.url}: ${gate.reason}`);
        if (gate.status === 503) res.header('Retry-After', '30');
        res.send(gate.status, { error: gate.status === 401 ? 'Unauthorized.' : 'The Bot Framework signing keys cannot be loaded now; try again.' });
        return;
      }
    }
    const activity = InboundActivity.safeParse(req.body);
    if (!activity.success) {
      res.send(400, { error: 'The body must be a Bot Framework activity (a JSON object with a "type", "channelId", "conversation", "from" and "recipient").' });
      return;
    }
    await adapter.process(req, res, run);
  });
  mountWebChat(server, { config, run, onTurnError: adapter.onTurnError, log });
  server.get('/health', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  await new Promise<void>((resolve) => server.listen(config.PORT, '0.0.0.0', resolve));
  const address = server.address();
  return {
    server,
    store,
    partnerCenter: local,
    proactive,
    followUps,
    approvals,
    port: address.port,
    close: async () => {
      if (followUpTimer) clearInterval(followUpTimer);
      clearInterval(sweep);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      local?.close();
    },
  };
}

/** Runs `tick` every `ms`, never two at once (a slow tick makes the next one wait for the one after); errors are logged. */
function everyInterval(ms: number, tick: () => Promise<unknown>, log: (line: string) => void): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick()
      .catch((error: unknown) => log(`[follow-up] tick failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = false));
  }, ms);
  timer.unref();
  return timer;
}
