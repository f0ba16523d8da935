// A small Direct Line 3.0 endpoint of our own, for the local Web Chat page (embedded/demo use only):
// create a conversation, post an activity, get activities after a watermark (polling; no WebSocket).
//
// The bot side is the real Bot Framework path: every activity a client posts is turned into a channel
// activity whose serviceUrl points back at this server (a connector route with a per-process secret in
// its path, as the Emulator does), and is run by a CloudAdapter with no credentials. The bot's replies
// arrive on POST <serviceUrl>/v3/conversations/:id/activities[/:replyToId] and are queued per
// conversation; clients read the queue with a watermark. A reply the bot replaces (PUT …/activities/:id,
// a settled card) is queued again with its id and first timestamp: Web Chat replaces the activity of that
// id in place.
//
// Nothing here is authenticated beyond the per-conversation token this endpoint hands out: the user
// ids are assigned here ("webchat-…"), never taken from the client, so a page can never claim to be a
// directory agent, and the client can set neither serviceUrl nor from/recipient/conversation.
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { z } from 'zod';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';

export const DIRECT_LINE_PATH = '/v3/directline';
const CONNECTOR_PATH = '/directline/connector';
export const DIRECT_LINE_CHANNEL_ID = 'directline';
export const WEB_CHAT_USER_PREFIX = 'webchat-';

type Json = Record<string, unknown>;

export interface DirectLineOptions {
  /** One bot turn (PurchaseBot.run). */
  run: (context: TurnContext) => Promise<void>;
  /** The bot's onTurnError, so that a failing turn is handled as on /api/messages. */
  onTurnError?: CloudAdapter['onTurnError'];
  log?: (line: string) => void;
  botId?: string;
  botName?: string;
  userName?: string;
  /** Bounds of the in-memory queues: the oldest conversations and activities are dropped beyond them. */
  maxConversations?: number;
  maxActivitiesPerConversation?: number;
  /** A conversation nobody polled for this long is forgotten. */
  idleMs?: number;
}

interface Conversation {
  id: string;
  token: string;
  userId: string;
  /** activities[0] has watermark `dropped`; the watermark after the last one is dropped + length. */
  activities: Json[];
  dropped: number;
  sequence: number;
  lastUsed: number;
  /** Turns of one conversation run one after the other, in the order they were posted. */
  turns: Promise<void>;
}

/** What a client may send: the rest of an activity (from, recipient, conversation, serviceUrl, …) is ours to set. */
const ClientActivity = z.looseObject({
  type: z.string().min(1).max(64),
  text: z.string().max(20_000).optional(),
  textFormat: z.string().max(32).optional(),
  value: z.unknown().optional(),
  name: z.string().max(256).optional(),
  locale: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  channelData: z.looseObject({}).optional(),
  entities: z.array(z.looseObject({})).max(20).optional(),
});

const BotActivity = z.looseObject({ type: z.string().min(1).max(64) });

function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

export class DirectLine {
  private readonly conversations = new Map<string, Conversation>();
  private readonly adapter: CloudAdapter;
  /** Part of the serviceUrl the bot replies to: only this process's bot can post replies. */
  private readonly connectorSecret = newId(18);
  private readonly botId: string;
  private readonly botName: string;
  private readonly userName: string;
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly idleMs: number;
  private readonly log: (line: string) => void;
  private serviceUrl = '';

  constructor(private readonly options: DirectLineOptions) {
    // No credentials: the turn is not authenticated and the replies are posted without a token.
    this.adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    if (options.onTurnError) this.adapter.onTurnError = options.onTurnError;
    this.botId = options.botId ?? 'reservations-bot';
    this.botName = options.botName ?? 'Bot';
    this.userName = options.userName ?? 'You';
    this.maxConversations = options.maxConversations ?? 500;
    this.maxActivities = options.maxActivitiesPerConversation ?? 2000;
    this.idleMs = options.idleMs ?? 60 * 60 * 1000;
    this.log = options.log ?? (() => undefined);
  }

  /** Mounts the client routes (under /v3/directline) and the connector routes the bot replies to. */
  mount(server: restify.Server): void {
    const dl = DIRECT_LINE_PATH;
    server.post(`${dl}/conversations`, async (req, res) => this.handle(res, () => this.startConversation(req)));
    server.post(`${dl}/tokens/refresh`, async (req, res) => this.handle(res, () => this.refreshToken(req)));
    server.get(`${dl}/conversations/:conversationId`, async (req, res) => this.handle(res, () => this.reconnect(req)));
    server.get(`${dl}/conversations/:conversationId/activities`, async (req, res) => this.handle(res, () => this.getActivities(req)));
    server.post(`${dl}/conversations/:conversationId/activities`, async (req, res) => this.handle(res, () => this.postActivity(req)));
    server.post(`${dl}/conversations/:conversationId/upload`, async (_req, res) =>
      this.handle(res, async () => ({ status: 400, body: { error: { code: 'BadArgument', message: 'Uploads are not supported by this endpoint.' } } })),
    );

    const connector = `${CONNECTOR_PATH}/:secret/v3/conversations/:conversationId/activities`;
    server.post(connector, async (req, res) => this.handle(res, () => this.botReply(req)));
    server.post(`${connector}/:replyToId`, async (req, res) => this.handle(res, () => this.botReply(req)));
    server.put(`${connector}/:activityId`, async (req, res) => this.handle(res, () => this.botUpdate(req)));

    // The serviceUrl needs the port, known once the server listens.
    const setServiceUrl = () => {
      const address = server.address();
      const host = !address.address || address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
      const hostPart = host.includes(':') ? `[${host}]` : host;
      this.serviceUrl = `http://${hostPart}:${address.port}${CONNECTOR_PATH}/${this.connectorSecret}`;
    };
    if (server.server.listening) setServiceUrl();
    else server.server.once('listening', setServiceUrl);
  }

  /** Number of conversations held (for tests and limits). */
  get size(): number {
    return this.conversations.size;
  }

  // ---- client routes ---------------------------------------------------------------------------

  private async startConversation(req: restify.Request): Promise<Reply> {
    // Any bearer token starts a conversation (the page is a local demo); the one we return guards it.
    if (!bearer(req)) return unauthorized();
    this.sweep();
    const conversation: Conversation = {
      id: newId(16),
      token: newId(24),
      userId: `${WEB_CHAT_USER_PREFIX}${newId(9)}`,
      activities: [],
      dropped: 0,
      sequence: 0,
      lastUsed: Date.now(),
      turns: Promise.resolve(),
    };
    this.conversations.set(conversation.id, conversation);
    // As Direct Line does: the bot hears that the bot and the user joined (and says hello).
    void this.enqueueTurn(conversation, {
      type: 'conversationUpdate',
      membersAdded: [
        { id: this.botId, name: this.botName },
        { id: conversation.userId, name: this.userName },
      ],
    });
    return { status: 201, body: this.conversationBody(conversation) };
  }

  private async refreshToken(req: restify.Request): Promise<Reply> {
    const conversation = this.byToken(bearer(req));
    if (!conversation) return forbidden();
    return { status: 200, body: this.conversationBody(conversation) };
  }

  private async reconnect(req: restify.Request): Promise<Reply> {
    const conversation = this.authorised(req);
    if ('status' in conversation) return conversation;
    return { status: 200, body: this.conversationBody(conversation) };
  }

  private async getActivities(req: restify.Request): Promise<Reply> {
    const conversation = this.authorised(req);
    if ('status' in conversation) return conversation;
    const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark');
    const parsed = raw === null || raw === '' ? 0 : Number(raw);
    const end = conversation.dropped + conversation.activities.length;
    const from = Number.isSafeInteger(parsed) && parsed >= 0 ? Math.min(Math.max(parsed, conversation.dropped), end) : conversation.dropped;
    return { status: 200, body: { activities: conversation.activities.slice(from - conversation.dropped), watermark: String(end) } };
  }

  private async postActivity(req: restify.Request): Promise<Reply> {
    const conversation = this.authorised(req);
    if ('status' in conversation) return conversation;
    const parsed = ClientActivity.safeParse(req.body);
    if (!parsed.success) return { status: 400, body: { error: { code: 'BadArgument', message: 'The body must be an activity with a "type".' } } };
    const input = parsed.data;
    // Typing indicators are neither echoed nor given to the bot.
    if (input.type === 'typing') return { status: 200, body: { id: '' } };
    const activity: Json = {
      type: input.type,
      ...pick(input, ['text', 'textFormat', 'value', 'name', 'locale', 'localTimestamp', 'channelData', 'entities']),
    };
    const id = await this.enqueueTurn(conversation, activity, true);
    return { status: 200, body: { id } };
  }

  // ---- connector route (the bot's replies) ------------------------------------------------------

  private async botReply(req: restify.Request): Promise<Reply> {
    if (req.params.secret !== this.connectorSecret) return { status: 404, body: { error: { code: 'NotFound', message: 'Unknown connector.' } } };
    const conversation = this.conversations.get(String(req.params.conversationId ?? ''));
    if (!conversation) return { status: 404, body: { error: { code: 'NotFound', message: 'Unknown conversation.' } } };
    const parsed = BotActivity.safeParse(req.body);
    if (!parsed.success) return { status: 400, body: { error: { code: 'BadArgument', message: 'The body must be an activity.' } } };
    // Direct Line does not pass traces on to clients.
    if (parsed.data.type === 'trace') return { status: 200, body: { id: '' } };
    // The serviceUrl holds the connector secret: clients do not see it.
    const { serviceUrl: _serviceUrl, ...reply } = parsed.data;
    const from = (reply.from ?? {}) as Json;
    const id = this.append(conversation, {
      ...reply,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { ...from, id: typeof from.id === 'string' && from.id ? from.id : this.botId, name: this.botName, role: 'bot' },
      recipient: { id: conversation.userId, name: this.userName, role: 'user' },
    });
    return { status: 200, body: { id } };
  }

  /**
   * Bot Connector API reference, "Update activity": PUT /v3/conversations/{conversationId}/activities/{activityId}
   * with the replacement activity; answers a ResourceResponse. Only the bot's own replies can be updated.
   */
  private async botUpdate(req: restify.Request): Promise<Reply> {
    if (req.params.secret !== this.connectorSecret) return { status: 404, body: { error: { code: 'NotFound', message: 'Unknown connector.' } } };
    const conversation = this.conversations.get(String(req.params.conversationId ?? ''));
    if (!conversation) return { status: 404, body: { error: { code: 'NotFound', message: 'Unknown conversation.' } } };
    const parsed = BotActivity.safeParse(req.body);
    if (!parsed.success) return { status: 400, body: { error: { code: 'BadArgument', message: 'The body must be an activity.' } } };
    const activityId = String(req.params.activityId ?? '');
    const original = [...conversation.activities].reverse().find((a) => a.id === activityId);
    if (!original || (original.from as Json | undefined)?.role !== 'bot') {
      return { status: 404, body: { error: { code: 'NotFound', message: 'No reply of the bot has this id.' } } };
    }
    const { serviceUrl: _serviceUrl, ...replacement } = parsed.data;
    this.requeue(conversation, { ...replacement, id: activityId, timestamp: original.timestamp, channelId: DIRECT_LINE_CHANNEL_ID, conversation: { id: conversation.id }, from: original.from, recipient: original.recipient });
    return { status: 200, body: { id: activityId } };
  }

  // ---- internals -------------------------------------------------------------------------------

  /**
   * Queues one turn of this conversation; `echo` first puts the user's activity in the queue (as Direct
   * Line echoes it, with its clientActivityID) and resolves with its id once the bot has answered.
   */
  private enqueueTurn(conversation: Conversation, partial: Json, echo = false): Promise<string> {
    const activity: Json = {
      ...partial,
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      from: { id: conversation.userId, name: this.userName, role: 'user' },
      recipient: { id: this.botId, name: this.botName, role: 'bot' },
      conversation: { id: conversation.id },
    };
    // The echo leaves the serviceUrl out: it holds the connector secret.
    const { serviceUrl: _serviceUrl, ...echoed } = activity;
    const id = echo ? this.append(conversation, echoed) : `${conversation.id}|event`;
    const turn = conversation.turns.then(async () => {
      try {
        await this.adapter.processActivityDirect('', { ...activity, id } as Activity, this.options.run);
      } catch (error) {
        this.log(`[directLine] turn of ${conversation.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    conversation.turns = turn;
    return turn.then(() => id);
  }

  private append(conversation: Conversation, activity: Json): string {
    const id = `${conversation.id}|${String(++conversation.sequence).padStart(7, '0')}`;
    this.requeue(conversation, { ...activity, id, timestamp: new Date().toISOString() });
    return id;
  }

  /** Puts an activity (new, or a new version of one) after the watermark, within the queue's bound. */
  private requeue(conversation: Conversation, activity: Json): void {
    conversation.activities.push(activity);
    const excess = conversation.activities.length - this.maxActivities;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.dropped += excess;
    }
    conversation.lastUsed = Date.now();
  }

  private conversationBody(conversation: Conversation): Json {
    return { conversationId: conversation.id, token: conversation.token, expires_in: Math.round(this.idleMs / 1000) };
  }

  private authorised(req: restify.Request): Conversation | Reply {
    const conversation = this.conversations.get(String(req.params.conversationId ?? ''));
    const token = bearer(req);
    if (!token) return unauthorized();
    if (!conversation || conversation.token !== token) return forbidden();
    conversation.lastUsed = Date.now();
    return conversation;
  }

  private byToken(token: string | undefined): Conversation | undefined {
    if (!token) return undefined;
    for (const conversation of this.conversations.values()) if (conversation.token === token) return conversation;
    return undefined;
  }

  /** Forgets idle conversations, then the least recently used ones beyond the limit. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, c] of this.conversations) if (now - c.lastUsed > this.idleMs) this.conversations.delete(id);
    const byAge = [...this.conversations.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    while (byAge.length >= this.maxConversations) this.conversations.delete(byAge.shift()!.id);
  }

  private async handle(res: restify.Response, work: () => Promise<Reply>): Promise<void> {
    try {
      const reply = await work();
      res.send(reply.status, reply.body);
    } catch (error) {
      this.log(`[directLine] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      res.send(500, { error: { code: 'ServiceError', message: 'The Direct Line endpoint failed.' } });
    }
  }
}

interface Reply {
  status: number;
  body: unknown;
}

function bearer(req: restify.Request): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

const unauthorized = (): Reply => ({ status: 401, body: { error: { code: 'BadArgument', message: 'A bearer token is required.' } } });
const forbidden = (): Reply => ({ status: 403, body: { error: { code: 'TokenExpired', message: 'Unknown conversation or token.' } } });

function pick(source: Json, keys: string[]): Json {
  const out: Json = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
