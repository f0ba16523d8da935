// The activity handler's own turn set-up: the dialogs' memory configuration is built at the first turn and
// shared by every later one (it holds no turn's data), and two conversations still keep their own places.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import { PurchaseBot } from '../../bot/purchaseBot';
import { PurchaseService } from '../../src/purchase/purchaseService';
import { demoPartnerCenter, demoWorldStore } from '../support/demoWorld';

describe('bot: the activity handler', () => {
  it('builds the dialogs’ memory configuration once, and each conversation keeps its own question', async () => {
    const store = demoWorldStore();
    const storage = new MemoryStorage();
    const bot = new PurchaseBot(new ConversationState(storage), new UserState(storage), new PurchaseService(store, demoPartnerCenter()), true);
    const adapter = new TestAdapter((context) => bot.run(context), { from: { id: 'demo-anna', name: 'Anna' }, locale: 'en-US' });
    const say = async (conversation: string, text: string): Promise<string> => {
      await adapter.receiveActivity({ type: 'message', text, conversation: { id: conversation } } as Partial<Activity>);
      return JSON.stringify(adapter.activeQueue.splice(0));
    };
    const builds = { n: 0 };
    const getMemoryScopes = DialogsComponentRegistration.prototype.getMemoryScopes;
    DialogsComponentRegistration.prototype.getMemoryScopes = function (this: DialogsComponentRegistration) {
      builds.n++;
      return getMemoryScopes.call(this);
    };
    try {
      assert.match(await say('first', 'buy'), /Which customer are you buying for\?/);
      assert.match(await say('second', 'help'), /one sentence/);
      assert.match(await say('first', 'Contoso Retail'), /Which segment/);
      assert.match(await say('second', 'buy'), /Which customer are you buying for\?/);
    } finally {
      DialogsComponentRegistration.prototype.getMemoryScopes = getMemoryScopes;
      store.close();
    }
    assert.equal(builds.n, 1, 'four turns built the memory configuration once');
  });
});
