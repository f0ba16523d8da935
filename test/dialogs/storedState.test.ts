// A conversation saved mid-purchase by the version whose main dialog was a component dialog (its own
// inner stack, no waterfall step): the flat main dialog fails that turn on purpose, so the bot's turn
// error handler resets the conversation and says so (bot/turnErrors.ts), instead of ending it silently.
import assert from 'node:assert/strict';
import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, UserState } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MAIN_DIALOG, MainDialog } from '../../dialogs/mainDialog';
import { TurnPreparation } from '../../bot/turnPreparation';
import { PurchaseService } from '../../src/purchase/purchaseService';
import { demoPartnerCenter, demoWorldStore } from '../support/demoWorld';

describe('dialogs: state saved by the component-dialog version', () => {
  it('fails the turn with a clear error instead of ending the purchase without a word; after the reset a purchase starts afresh', async () => {
    const store = demoWorldStore();
    const service = new PurchaseService(store, demoPartnerCenter());
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const actingAgentId = userState.createProperty<string | undefined>('actingAgentId');
    const client = () =>
      new DialogTestClient('msteams', new MainDialog(service, actingAgentId), undefined, [new AutoSaveStateMiddleware(userState), new TurnPreparation(service, actingAgentId, true)], conversationState);

    const first = client();
    await first.sendActivity({ type: 'message', text: 'buy', from: { id: 'demo-anna', name: 'Anna' } } as never);
    // What the previous version stored mid-purchase: the main dialog's own stack inside its state.
    const key = Object.keys((storage as unknown as { memory: Record<string, string> }).memory).find((k) => k.includes('/conversations/'))!;
    assert.ok(key, 'the conversation state was saved');
    await storage.write({
      // DialogTestClient keeps the dialog stack under "DialogState" (the bot: "dialogState").
      [key]: { DialogState: { dialogStack: [{ id: MAIN_DIALOG, state: { dialogs: { dialogStack: [{ id: 'mainFlow', state: { stepIndex: 0, options: {}, values: {} } }] } } }] }, eTag: '*' },
    });

    const second = client();
    await assert.rejects(
      second.sendActivity({ type: 'message', text: 'Contoso', from: { id: 'demo-anna', name: 'Anna' } } as never),
      /saved by an earlier version of the main dialog/,
    );
    // The bot answers such a failed turn by resetting the conversation: the next "buy" starts afresh.
    await storage.delete([key]);
    const third = client();
    const replies = [await third.sendActivity({ type: 'message', text: 'buy', from: { id: 'demo-anna', name: 'Anna' } } as never), third.getNextReply()];
    assert.match(JSON.stringify(replies), /Which customer/, `a new purchase starts: ${JSON.stringify(replies).slice(0, 300)}`);
    store.close();
  });
});
