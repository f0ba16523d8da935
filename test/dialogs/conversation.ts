// One agent's conversation with the main dialog, through DialogTestClient and the same turn preparation
// the server uses. Each test gets its own copy of the demo world.
import assert from 'node:assert/strict';
import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, UserState, type Activity, type ConversationAccount, type Storage, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import type { ApprovalDialogs } from '../../dialogs/approvals';
import { TurnPreparation } from '../../bot/turnPreparation';
import type { PartnerCenter } from '../../src/partnerCenter/partnerCenter';
import type { LocalPartnerCenter } from '../../src/partnerCenter/local';
import type { CheckoutRetryPolicy } from '../../src/purchase/checkoutRetry';
import { PurchaseService } from '../../src/purchase/purchaseService';
import type { Store } from '../../src/store/store';
import type { BotStore } from '../../src/store/botStore';
import { demoPartnerCenter, demoWorldStore } from '../support/demoWorld';
import { buttonsOf, cardsOf, cardText, choicesOf, clickValue, type Button } from '../support/cardClicks';
import { english, type Lang } from './lang';

/** How a conversation reaches Partner Center; the default is a copy of the embedded demo world. */
export interface ConversationOptions {
  store?: Store;
  /** The store the purchase service runs on instead of `store` (the PostgreSQL one); `store` then only takes its tables' copy for the checks (see runCase). */
  botStore?: BotStore;
  demoMode?: boolean;
  lang?: Lang;
  /** The gateway the PurchaseService uses, built over the conversation's store (e.g. the REST one against the test server). */
  partnerCenter?: (store: Store) => PartnerCenter;
  /** The checkout retry policy of the PurchaseService (tests shorten or observe the waits). */
  checkoutRetry?: Partial<CheckoutRetryPolicy>;
  /** The Partner Center data the checks read, when `partnerCenter` serves it from such a world (the REST test server). */
  world?: LocalPartnerCenter;
  /** The order ids Partner Center holds, for checks of the confirmation; the default reads the embedded one's. */
  orderIds?: (store: Store) => string[];
  /** The channel the activities come from: Teams by default, where the bot's messages can be replaced. */
  channelId?: string;
  /** The channel refuses every update of a sent message (a deleted card, a connector fault). */
  failUpdates?: boolean;
  /** The clock of the purchase service and the embedded Partner Center (order dates); the default is the real one. */
  clock?: () => Date;
  /** Four eyes above the approval limit, shared by the conversations of several agents (test/dialogs/approvals.test.ts). */
  approvals?: ApprovalDialogs;
  /** The conversation's id, where several agents' conversations must be told apart; the test adapter's own by default. */
  conversationId?: string;
  /** Where the conversation's state is kept (a storage that fails a save); memory by default. */
  storage?: Storage;
}

export class Conversation {
  readonly store: Store;
  /** The Partner Center world behind the gateway: the embedded one by default. */
  readonly world?: LocalPartnerCenter;
  readonly client: DialogTestClient;
  /** Every reply of the last turn. */
  replies: Partial<Activity>[] = [];
  /** The bot's earlier messages the last turn replaced (a settled card), as they read now. */
  updates: Partial<Activity>[] = [];
  /** Every message the bot sent, by the id the channel gave it: what an update replaced. */
  readonly sentById = new Map<string, Partial<Activity>>();
  private sent = 0;
  private latest?: Record<string, unknown>;

  /** The language of the conversation: every activity carries its locale, as Teams and Web Chat send it. */
  readonly lang: Lang;

  /** `userId`: the channel user id, e.g. "demo-anna" (see src/store/demoIds.ts). */
  constructor(
    private readonly userId: string,
    options: ConversationOptions = {},
  ) {
    this.lang = options.lang ?? english;
    this.conversationId = options.conversationId;
    this.store = options.store ?? demoWorldStore();
    const world = options.partnerCenter ? options.world : demoPartnerCenter(options.clock);
    this.world = world;
    this.orderIdsOf = options.orderIds ?? (() => (world!.db.prepare('SELECT id FROM orders').all() as { id: string }[]).map((r) => String(r.id)));
    const partnerCenter = options.partnerCenter ? options.partnerCenter(this.store) : world!;
    const service = new PurchaseService(options.botStore ?? this.store, partnerCenter, options.clock, options.checkoutRetry);
    const storage = options.storage ?? new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const actingAgentId = userState.createProperty<string | undefined>('actingAgentId');
    const recordUpdates = {
      onTurn: async (context: TurnContext, next: () => Promise<void>) => {
        context.onUpdateActivity(async (_context, activity, update) => {
          if (options.failUpdates) throw new Error('the channel refused the update (test)');
          this.updates.push(activity);
          return update();
        });
        await next();
      },
    };
    this.client = new DialogTestClient(
      options.channelId ?? 'msteams',
      new MainDialog(service, actingAgentId, options.approvals),
      undefined,
      [recordUpdates, new AutoSaveStateMiddleware(userState), new TurnPreparation(service, actingAgentId, options.demoMode ?? true)],
      conversationState,
    );
  }

  private readonly orderIdsOf: (store: Store) => string[];
  private readonly conversationId?: string;

  /** The ids of the orders Partner Center holds (the embedded ledger, or the test server's orders in rest mode). */
  orderIds(): string[] {
    return this.orderIdsOf(this.store);
  }

  /** The agent types `text`; returns every reply. */
  async say(text: string): Promise<Partial<Activity>[]> {
    return this.send({ type: 'message', text });
  }

  /**
   * The agent clicks the button titled `title` on the last card (or on an older `card` still in the
   * chat), having filled in `typed`; a choice list only offers its own values.
   */
  async click(title: string | RegExp, typed: Record<string, string> = {}, pick?: (b: Button) => boolean, card = this.lastCard()) {
    const choices = choicesOf(card);
    for (const [id, value] of Object.entries(typed)) {
      if (choices[id]) assert.ok(choices[id].includes(value), `"${value}" is not a choice of "${id}" on the card: ${choices[id].join(', ')}`);
    }
    return this.send({ type: 'message', value: clickValue(card, title, typed, pick) });
  }

  /** Sends exactly this `value`, as a forged or replayed card would. */
  async submit(value: Record<string, unknown>) {
    return this.send({ type: 'message', value });
  }

  /** The nonce the buttons of the last card carry: a forged submit needs it to reach the current question. */
  nonce(): string {
    const nonce = buttonsOf(this.lastCard()).map((b) => b.data.nonce).find((n) => typeof n === 'string');
    assert.ok(typeof nonce === 'string', 'the last card has no button with a nonce');
    return nonce;
  }

  /**
   * All the text the last turn showed, message texts and card texts alike (its replies, then what the
   * cards it replaced now read), with the markdown escapes removed as the channel renders them (data in
   * both is escaped; see rawTexts).
   */
  get text(): string {
    return [...this.replies, ...this.updates].map((r) => [rendered(r.text ?? ''), ...cardsOf(r).map((c) => rendered(cardText(c)))].join('\n')).join('\n');
  }

  /** The message texts of the last turn as rendered (markdown escapes removed), one per reply, then one per replaced message. */
  get messageTexts(): string[] {
    return [...this.replies, ...this.updates].map((r) => rendered(r.text ?? ''));
  }

  /** The message texts of the last turn exactly as sent, markdown escapes included. */
  get rawTexts(): string[] {
    return this.replies.map((r) => r.text ?? '');
  }

  /** The most recent card the bot showed, in this turn or an earlier one (what the agent sees last in the chat). */
  lastCard(): Record<string, unknown> {
    assert.ok(this.latest, `no card was shown yet; the last turn said: ${this.text}`);
    return this.latest;
  }

  private async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.replies = [];
    this.updates = [];
    const first = await this.client.sendActivity({
      ...activity,
      id: `activity-${++this.sent}`,
      from: { id: this.userId, name: this.userId },
      locale: this.lang.locale,
      ...(this.conversationId ? { conversation: { id: this.conversationId } as ConversationAccount } : {}),
    });
    for (let reply = first; reply; reply = this.client.getNextReply()) this.replies.push(reply);
    for (const reply of this.replies) if (reply.id) this.sentById.set(reply.id, reply);
    this.latest = this.replies.flatMap((r) => cardsOf(r)).pop() ?? this.latest;
    return this.replies;
  }
}

/** What a markdown renderer shows for escaped text: the backslash escapes removed. */
function rendered(text: string): string {
  return text.replace(/\\([\\`*_~[\]#<>|{}\-+=.)])/g, '$1');
}
