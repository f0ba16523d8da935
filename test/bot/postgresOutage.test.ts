// PostgreSQL going away in the middle of a purchase: the real bot (PurchaseBot over PostgresStorage and
// the PostgreSQL store, onTurnError as bot/server.ts wires it) on a server of its own, which the test
// stops between two turns. The turn says the database cannot be reached; nothing of it is written; once
// the server is back, the same answer goes on where the conversation was.
import assert from 'node:assert/strict';
import { ConversationState, TestAdapter, UserState, type Activity, type TurnContext } from 'botbuilder';
import { PurchaseBot } from '../../bot/purchaseBot';
import { PostgresStorage } from '../../bot/postgresStorage';
import { reportTurnError } from '../../bot/turnErrors';
import { PurchaseService } from '../../src/purchase/purchaseService';
import { PostgresStore } from '../../src/store/postgres/store';
import { demoPartnerCenter } from '../support/demoWorld';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { repliesAsText } from '../support/transcript';

describe('bot on PostgreSQL: the server goes away mid-purchase and comes back', function () {
  this.timeout(60_000);
  let server: TestPostgres;
  let store: PostgresStore;

  before(async () => {
    server = await startPostgres();
    store = await PostgresStore.open(await server.newDatabase(), { connectTimeoutMs: 1000 });
  });
  after(async () => {
    await store?.close();
    await server?.destroy();
  });

  it('the turn says the database cannot be reached, writes nothing, and the same answer works once it is back', async () => {
    const logs: string[] = [];
    const storage = new PostgresStorage(store.pool);
    const conversationState = new ConversationState(storage);
    const bot = new PurchaseBot(conversationState, new UserState(storage), new PurchaseService(store, demoPartnerCenter()), true);
    const adapter = new TestAdapter((context: TurnContext) => bot.run(context));
    adapter.onTurnError = (context, error) => reportTurnError(context, error, conversationState, (line) => logs.push(line));
    let sent = 0;
    const say = async (text: string) => {
      await adapter.receiveActivity({ type: 'message', text, id: `m${++sent}`, locale: 'en-US', from: { id: 'demo-anna', name: 'Anna' } } as Partial<Activity>);
      const replies: Partial<Activity>[] = [];
      for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) replies.push(reply);
      return repliesAsText(replies);
    };
    const rows = async (table: string) => Number((await store.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

    for (const text of ['buy', 'Contoso Retail', 'commercial', 'virtual machines']) await say(text);
    const [cartsBefore, eventsBefore] = [await rows('carts'), await rows('audit_events')];

    await server.stop();
    assert.deepEqual(
      await say('Contoso Retail Production'),
      [
        "⚠️ I could not save that step: the bot cannot reach its database server right now. Nothing was bought, and your conversation is still where it was before your last message. Send your last message again in a moment; if it keeps failing, tell your administrator.",
      ],
      'the turn says what happened, and nothing else',
    );
    assert.match(logs.join('\n'), /\[onTurnError\] .*\(storage unreachable\)/, 'logged as the storage being unreachable');

    await server.start();
    assert.deepEqual([await rows('carts'), await rows('audit_events')], [cartsBefore, eventsBefore], 'the failed turn wrote nothing');
    const next = await say('Contoso Retail Production');
    assert.match(next.join('\n'), /Pick an item/, `the same answer goes on to the catalog: ${next.join('\n')}`);
    assert.equal(await rows('carts'), cartsBefore + 1, 'now the cart is opened, once');
  });
});
