// One agent's conversation with the main dialog, through DialogTestClient and the same turn preparation
// the server uses. Each test gets its own copy of the demo world.
import assert from 'node:assert/strict';
import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, UserState, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import { TurnPreparation } from '../../bot/turnPreparation';
import { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { PurchaseService } from '../../src/purchase/purchaseService';
import type { Store } from '../../src/store/store';
import { demoWorldStore } from '../support/demoWorld';
import { cardsOf, cardText, clickValue, type Button } from '../support/cardClicks';

export class Conversation {
  readonly store: Store;
  readonly client: DialogTestClient;
  /** Every reply of the last turn. */
  replies: Partial<Activity>[] = [];
  private sent = 0;

  /** `userId`: the channel user id, e.g. "demo-anna" (see src/store/demoIds.ts). */
  constructor(
    private readonly userId: string,
    options: { store?: Store; demoMode?: boolean } = {},
  ) {
    this.store = options.store ?? demoWorldStore();
    const service = new PurchaseService(this.store, new LocalPartnerCenter(this.store));
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const actingAgentId = userState.createProperty<string | undefined>('actingAgentId');
    this.client = new DialogTestClient(
      'msteams',
      new MainDialog(service, actingAgentId),
      undefined,
      [new AutoSaveStateMiddleware(userState), new TurnPreparation(service, actingAgentId, options.demoMode ?? true)],
      conversationState,
    );
  }

  /** The agent types `text`; returns every reply. */
  async say(text: string): Promise<Partial<Activity>[]> {
    return this.send({ type: 'message', text });
  }

  /** The agent clicks the button titled `title` on the last card, having filled in `typed`. */
  async click(title: string | RegExp, typed: Record<string, string> = {}, pick?: (b: Button) => boolean) {
    return this.send({ type: 'message', value: clickValue(this.lastCard(), title, typed, pick) });
  }

  /** Sends exactly this `value`, as a forged or replayed card would. */
  async submit(value: Record<string, unknown>) {
    return this.send({ type: 'message', value });
  }

  /** All the text of the last turn's replies, message texts and card texts alike. */
  get text(): string {
    return this.replies.map((r) => [r.text ?? '', ...cardsOf(r).map(cardText)].join('\n')).join('\n');
  }

  lastCard(): Record<string, unknown> {
    const cards = this.replies.flatMap((r) => cardsOf(r));
    assert.ok(cards.length > 0, `the last turn showed no card; it said: ${this.text}`);
    return cards[cards.length - 1]!;
  }

  private async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const first = await this.client.sendActivity({
      ...activity,
      id: `activity-${++this.sent}`,
      from: { id: this.userId, name: this.userId },
    });
    this.replies = [];
    for (let reply = first; reply; reply = this.client.getNextReply()) this.replies.push(reply);
    return this.replies;
  }
}
