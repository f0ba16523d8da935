// A conversation saved mid-purchase by an earlier version of the dialogs, read after the upgrade: the
// dialogs of that state are not the bot's any more, so the turn fails; the bot's turn error handler
// (bot/turnErrors.ts) resets the conversation and tells the agent to start again. The next "buy" starts
// a new purchase. Driven through the bot itself, with the server's error handler.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { PurchaseBot } from '../../bot/purchaseBot';
import { reportTurnError } from '../../bot/turnErrors';
import { PurchaseService } from '../../src/purchase/purchaseService';
import { demoAgents, demoCustomers } from '../../src/store/demoIds';
import { demoPartnerCenter, demoWorldStore } from '../support/demoWorld';

/** Where ConversationState keeps the TestAdapter's conversation. */
const conversationKey = 'test/conversations/Convo1/';

/** The dialog stacks earlier versions saved while waiting for Anna's customer, as they stored them. */
const savedStacks: { version: string; dialogStack: unknown[] }[] = [
  {
    version: 'the flat main dialog (purchase waterfall and prompts in the main dialog set)',
    dialogStack: [
      {
        id: 'purchaseCustomerPrompt',
        state: {
          options: { prompt: { type: 'message' }, nonce: 'k3Jd9a', data: { candidates: [{ value: demoCustomers.contosoRetail, title: 'Contoso Retail B.V.' }] } },
          state: {},
        },
      },
      { id: 'purchaseFlow', state: { options: { agentId: demoAgents.anna }, values: { instanceId: 'i-purchase' }, stepIndex: 0 } },
      { id: 'mainDialog', state: { options: {}, values: { instanceId: 'i-main' }, stepIndex: 0 } },
    ],
  },
  {
    version: 'the component main dialog with the purchase inside it',
    dialogStack: [
      {
        id: 'mainDialog',
        state: {
          dialogs: {
            dialogStack: [
              { id: 'mainSteps', state: { options: {}, values: { instanceId: 'i-main' }, stepIndex: 0 } },
              {
                id: 'purchaseDialog',
                state: {
                  dialogs: {
                    dialogStack: [
                      { id: 'purchaseSteps', state: { options: { agentId: demoAgents.anna }, values: { instanceId: 'i-purchase' }, stepIndex: 0 } },
                      { id: 'customerQuestion', state: { options: {}, values: { instanceId: 'i-customer' }, stepIndex: 0 } },
                    ],
                  },
                },
              },
            ],
          },
        },
      },
    ],
  },
  {
    version: 'the component main dialog with its inner "mainFlow" waterfall',
    dialogStack: [{ id: 'mainDialog', state: { dialogs: { dialogStack: [{ id: 'mainFlow', state: { stepIndex: 0, options: {}, values: {} } }] } } }],
  },
  {
    // Stored as DialogContext keeps a stack: the active dialog last.
    version: 'questions as two-step waterfalls waiting on their prompt',
    dialogStack: [
      { id: 'mainRoute', state: { options: {}, values: { instanceId: 'i-main' }, stepIndex: 0 } },
      {
        id: 'purchaseDialog',
        state: {
          agentId: demoAgents.anna,
          dialogs: {
            dialogStack: [
              { id: 'purchaseSteps', state: { options: { agentId: demoAgents.anna }, values: { instanceId: 'i-purchase' }, stepIndex: 0 } },
              { id: 'customerQuestion', state: { options: { query: '', page: 0 }, values: { instanceId: 'i-customer' }, stepIndex: 0 } },
              {
                id: 'customerPrompt',
                state: {
                  options: { prompt: { type: 'message', text: 'Your customers' }, nonce: 'b1e0c6f2', data: { action: 'pickCustomer', choices: [{ value: demoCustomers.contosoRetail, title: 'Contoso Retail B.V.' }] } },
                  state: {},
                },
              },
            ],
          },
        },
      },
    ],
  },
];

describe('dialogs: a conversation saved by an earlier version', () => {
  for (const { version, dialogStack } of savedStacks) {
    it(`${version}: the agent is told to start again, and "buy" starts a new purchase`, async () => {
      const store = demoWorldStore();
      const storage = new MemoryStorage();
      const conversationState = new ConversationState(storage);
      const bot = new PurchaseBot(conversationState, new UserState(storage), new PurchaseService(store, demoPartnerCenter()), true);
      const logs: string[] = [];
      const adapter = new TestAdapter((context) => bot.run(context), { from: { id: 'demo-anna', name: 'Anna' }, locale: 'en-US' });
      adapter.onTurnError = (context, error) => reportTurnError(context, error, conversationState, (line) => logs.push(line));
      const say = async (text: string): Promise<Partial<Activity>[]> => {
        await adapter.receiveActivity({ type: 'message', text });
        return adapter.activeQueue.splice(0);
      };
      await storage.write({ [conversationKey]: { dialogState: { dialogStack }, eTag: '*' } });

      const afterUpgrade = await say('Contoso Retail');
      assert.deepEqual(
        afterUpgrade.map((a) => a.text),
        ['Sorry, something went wrong on my side and this conversation was reset. Nothing was bought twice: type **orders** to check what was ordered, or **buy** to start again.'],
      );
      assert.equal(logs.filter((l) => l.startsWith('[onTurnError]')).length, 1, 'the failed turn is logged');
      assert.deepEqual(await storage.read([conversationKey]), {}, 'the saved conversation is gone');

      const buy = await say('buy');
      assert.match(JSON.stringify(buy), /Which customer are you buying for\?/, 'a new purchase asks for the customer');
      assert.equal(logs.length, 1, `no other turn failed: ${logs.join('\n')}`);
      store.close();
    });
  }
});
