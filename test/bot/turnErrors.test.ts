// A turn that fails inside the bot: the real bot (PurchaseBot over SqliteStorage) behind a TestAdapter
// whose onTurnError is bot/turnErrors.ts, wired as bot/server.ts wires it. The Partner Center gateway
// throws an unexpected error in the middle of a purchase; the agent is told the conversation was reset,
// and the next message meets a conversation that starts afresh.
import assert from 'node:assert/strict';
import { ConversationState, TestAdapter, UserState, type Activity, type TurnContext } from 'botbuilder';
import { PurchaseBot } from '../../bot/purchaseBot';
import { SqliteStorage } from '../../bot/sqliteStorage';
import { reportTurnError } from '../../bot/turnErrors';
import { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { PurchaseService } from '../../src/purchase/purchaseService';
import type { Store } from '../../src/store/store';
import { demoPartnerCenter, demoWorldStore } from '../support/demoWorld';
import { repliesAsText } from '../support/transcript';

/** The embedded Partner Center, except that the next subscriptions lookup throws a programming error. */
class BrokenOnce extends LocalPartnerCenter {
  broken = false;
  override async getSubscriptions(customerId: string) {
    if (this.broken) {
      this.broken = false;
      throw new TypeError("Cannot read properties of undefined (reading 'status')");
    }
    return super.getSubscriptions(customerId);
  }
}

class Chat {
  readonly logs: string[] = [];
  readonly gateway: BrokenOnce;
  private readonly adapter: TestAdapter;
  private sent = 0;

  constructor(
    readonly store: Store,
    private readonly locale: string,
  ) {
    this.gateway = new BrokenOnce(demoPartnerCenter().db);
    const storage = new SqliteStorage(store.db);
    const conversationState = new ConversationState(storage);
    const bot = new PurchaseBot(conversationState, new UserState(storage), new PurchaseService(store, this.gateway), true);
    this.adapter = new TestAdapter((context: TurnContext) => bot.run(context));
    this.adapter.onTurnError = (context, error) => reportTurnError(context, error, conversationState, (line) => this.logs.push(line));
  }

  /** Anna types `text`; returns the replies as she reads them, one line each. */
  async say(text: string): Promise<string[]> {
    await this.adapter.receiveActivity({ type: 'message', text, id: `m${++this.sent}`, locale: this.locale, from: { id: 'demo-anna', name: 'Anna' } } as Partial<Activity>);
    const replies: Partial<Activity>[] = [];
    for (let reply = this.adapter.getNextReply(); reply; reply = this.adapter.getNextReply()) replies.push(reply);
    return repliesAsText(replies);
  }

  /** The dialog stack saved for the conversation: the ids of its dialogs, outermost first. */
  savedDialogs(): string[] {
    const rows = this.store.db.prepare("SELECT value FROM bot_state WHERE key LIKE '%/conversations/%'").all() as { value: string }[];
    return rows.flatMap((r) => ((JSON.parse(r.value) as { dialogState?: { dialogStack?: { id: string }[] } }).dialogState?.dialogStack ?? []).map((d) => d.id));
  }
}

const cases = [
  {
    locale: 'en-US',
    type: ['buy', 'Contoso Retail', 'commercial', 'virtual machines', 'Contoso Retail Production', 'buy'],
    typeChosen: '✓ Reservation type: Virtual machines',
    askSubscription: "| Which of Contoso Retail B.V.'s Azure subscriptions should the reservation be tied to?",
    reset: [
      'Sorry, something went wrong on my side and this conversation was reset. Nothing was bought twice: type **orders** to check what was ordered, or **buy** to start again.',
    ],
    notUnderstood: ['I did not catch that. Type **buy**, **orders** or **help**.'],
    askCustomer: '| Which customer are you buying for? Type a name or domain, or pick one:',
  },
  {
    locale: 'nl-NL',
    type: ['kopen', 'Contoso Retail', 'commercieel', 'virtuele machines', 'Contoso Retail Production', 'kopen'],
    typeChosen: '✓ Type reservering: Virtuele machines',
    askSubscription: '| Aan welk Azure-abonnement van Contoso Retail B.V. moet de reservering worden gekoppeld?',
    reset: [
      'Sorry, er ging aan mijn kant iets mis en dit gesprek is opnieuw begonnen. Er is niets twee keer gekocht: typ **orders** om te zien wat er is besteld, of **kopen** om opnieuw te beginnen.',
    ],
    notUnderstood: ['Dat begreep ik niet. Typ **kopen**, **orders** of **help**.'],
    askCustomer: '| Voor welke klant koopt u? Typ een naam of domein, of kies een klant:',
  },
];

describe('bot: a turn that fails with an unexpected error', () => {
  for (const t of cases) {
    it(`${t.locale}: tells the agent the conversation was reset, and the next message starts afresh`, async () => {
      const chat = new Chat(demoWorldStore(), t.locale);
      const [buy, customer, segment, type, subscription, buyAgain] = t.type as [string, string, string, string, string, string];
      await chat.say(buy);
      await chat.say(customer);
      await chat.say(segment);
      assert.deepEqual(chat.savedDialogs(), ['mainRoute', 'purchaseDialog'], 'mid-purchase, the main dialog and the purchase it began are saved');

      // The control: without the fault, this answer is followed by the subscription question.
      chat.gateway.broken = true;
      // The choice is said back (this channel cannot replace the card) before the subscriptions are read and fail.
      assert.deepEqual(await chat.say(type), [t.typeChosen, ...t.reset], 'the failed turn says the choice taken, then exactly this, and nothing else');
      assert.match(chat.logs.join('\n'), /^\[onTurnError\] .*Cannot read properties of undefined \(reading 'status'\)/, `the error is logged with its stack: ${chat.logs.join('\n')}`);
      assert.deepEqual(chat.savedDialogs(), [], 'the saved conversation has no dialog left');

      // What the agent would have answered next mid-purchase is now a message outside any purchase.
      assert.deepEqual(await chat.say(subscription), t.notUnderstood, 'the next message meets no purchase in progress');
      const fresh = await chat.say(buyAgain);
      assert.equal(fresh[1], t.askCustomer, `a new purchase starts at the first question: ${fresh.join('\n')}`);
      chat.store.close();
    });

    it(`${t.locale}: without the fault, the same answers go on to the subscription question (the control)`, async () => {
      const chat = new Chat(demoWorldStore(), t.locale);
      for (const text of t.type.slice(0, 3)) await chat.say(text);
      const next = await chat.say(t.type[3]!);
      assert.deepEqual(next.slice(0, 3), [t.typeChosen, '+--', t.askSubscription], next.join('\n'));
      assert.deepEqual(chat.logs, [], 'no turn failed');
      chat.store.close();
    });
  }
});
