// What a failed turn tells the agent. A storage fault (database busy, read-only, full) or a Partner Center
// failure outside the checkout's own retries stopped the turn before its state was saved, so the saved
// conversation is still at the step before the message: it is kept, and the agent is told what happened and
// to send the message again (an order confirmed in the turn is named). Anything else resets the conversation.
import type { ConversationState, TurnContext } from 'botbuilder';
import { storageFaultOf } from '../src/store/db';
import { failureOf, partnerCenterErrorOf } from '../src/purchase/checkoutRetry';
import { sayTo } from '../dialogs/messages';
import { ordersConfirmed } from '../dialogs/turn';

export async function reportTurnError(
  context: TurnContext,
  error: Error,
  conversationState: ConversationState,
  log: (line: string) => void,
): Promise<void> {
  const fault = storageFaultOf(error);
  const partnerCenter = fault ? undefined : partnerCenterErrorOf(error);
  const kind = fault ? ` (storage ${fault})` : partnerCenter ? ` (Partner Center ${partnerCenter.code})` : '';
  log(`[onTurnError] ${context.activity.conversation?.id ?? '?'}${kind}: ${error.stack ?? error}`);
  if (fault) {
    await context.sendActivity(sayTo(context).storageFault(fault, ordersConfirmed(context))).catch(() => undefined);
    return;
  }
  if (partnerCenter) {
    await context.sendActivity(sayTo(context).partnerCenterFault([failureOf(partnerCenter, 'other')], ordersConfirmed(context))).catch(() => undefined);
    return;
  }
  // The broken conversation starts afresh; carts and orders are in the store and are not lost.
  // (delete throws synchronously when it cannot make the state key: caught too, never rethrown.)
  await Promise.resolve()
    .then(() => conversationState.delete(context))
    .catch(() => undefined);
  await context.sendActivity(sayTo(context).turnFailed()).catch(() => undefined);
}
