// Routes a conversation: buy, orders, help, choosing a demo identity. It is the root dialog: the purchase
// or the choice it begins sits beside it on the conversation's stack, and "cancel", "help", "orders" and
// approval clicks inside them are those dialogs' own (cancelAndHelpDialog.ts).
import { WaterfallDialog } from './sdk';
import type { ApprovalDialogs } from './approvals';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { StatePropertyAccessor } from 'botbuilder';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { PURCHASE_DIALOG, PurchaseDialog, type PurchaseOptions } from './purchaseDialog';
import { CHOOSE_AGENT_DIALOG, ChooseAgentDialog, type ChooseAgentOptions } from './chooseAgentDialog';
import { sendConfirmation } from './reviewDialog';
import { ordersPageAsked, showOrderHistory, showOrderHistoryPage } from './orderHistory';
import { isCommand, turnIdentity, turnInput } from './turn';
import { sayTo } from './messages';
import { allWords, alternatives as anyOf } from '../src/i18n';
import { parsePurchaseSentence } from '../src/purchase/purchaseSentence';

export const MAIN_DIALOG = 'mainRoute';

// The top-level words of every catalogue (src/i18n): "orders of Contoso" and "orders voor Contoso" alike;
// "buy …" is read by parsePurchaseSentence.
const ordersPattern = new RegExp(`^(?:${anyOf(allWords('orders'))})(?:\\s+(?:${anyOf(allWords('ordersOf'))})?\\s*(.+))?$`, 'i');
const switchPattern = new RegExp(`^(?:${anyOf(allWords('switchAgent'))})$`, 'i');
const greetingPattern = new RegExp(`^(?:${anyOf(allWords('greeting'))})\\b`, 'i');

export class MainDialog extends WaterfallDialog {
  /** The dialogs it begins: a dialog set that adds the main dialog adds them too. */
  private readonly dependencies: Dialog[];

  constructor(
    private readonly service: PurchaseService,
    /** Demo mode: the directory agent a local user chose to act as. */
    actingAgentId: StatePropertyAccessor<string | undefined>,
    /** Four eyes above the partner's approval limit; without it a Buy above the limit is refused. */
    private readonly approvals?: ApprovalDialogs,
  ) {
    super(MAIN_DIALOG);
    this.addStep(this.routeStep.bind(this));
    this.dependencies = [new PurchaseDialog(service, approvals), new ChooseAgentDialog(service, actingAgentId, approvals)];
  }

  getDependencies(): Dialog[] {
    return this.dependencies;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const { actor, demoMode, chosenInDemo } = turnIdentity(step.context);
    const input = turnInput(step.context);
    const text = input.text;
    const wantsSwitch = switchPattern.test(text) || input.submit?.action === 'actAs';
    if (actor && !chosenInDemo && wantsSwitch) {
      // The directory knows this user: the bot always acts as them, so there is nobody to switch to.
      await step.context.sendActivity(say.directoryIdentity(actor.agent, actor.partner));
      return step.endDialog();
    }
    if (!actor || (demoMode && wantsSwitch)) {
      if (!demoMode) {
        await step.context.sendActivity(say.unknownUserProduction());
        return step.endDialog();
      }
      const clicked = input.submit?.action === 'actAs' && typeof input.submit.value === 'string' ? input.submit.value : undefined;
      return step.beginDialog(CHOOSE_AGENT_DIALOG, { agentId: clicked } satisfies ChooseAgentOptions);
    }
    const ordersPage = ordersPageAsked(input);
    if (ordersPage) {
      await showOrderHistoryPage(step.context, this.service, ordersPage);
      return step.endDialog();
    }
    if (await this.approvals?.handle(step.context)) return step.endDialog();
    if (input.submit) return this.oldCardClicked(step);
    if (isCommand(input, 'help')) {
      await step.context.sendActivity(say.help());
      return step.endDialog();
    }
    const buy = parsePurchaseSentence(text);
    if (buy) {
      if (buy.unread) await step.context.sendActivity(say.sentenceUnread(buy.unread));
      return step.beginDialog(PURCHASE_DIALOG, { customerQuery: buy.customer, wanted: buy.item, agentId: actor.agent.id } satisfies PurchaseOptions);
    }
    const orders = ordersPattern.exec(text);
    if (orders) {
      await showOrderHistory(step.context, this.service, orders[1]);
      return step.endDialog();
    }
    await step.context.sendActivity(greetingPattern.test(text) ? say.welcome(actor.agent.displayName) : say.notUnderstoodTopLevel());
    return step.endDialog();
  }

  /**
   * A card clicked after its dialog ended. A Buy clicked again shows the orders that cart became
   * (nothing is bought twice) or says that it waits for approval; anything else is simply out of date.
   */
  private async oldCardClicked(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const { actor } = turnIdentity(step.context);
    const submit = turnInput(step.context).submit!;
    const cartId = typeof submit.cartId === 'string' ? submit.cartId : undefined;
    const bought = submit.action === 'buy' && cartId && actor ? await this.service.ordersForCart(actor, cartId) : undefined;
    if (bought?.ok) {
      const customer = await this.service.customer(actor!, bought.value.orders[0]?.customerId ?? '').catch(() => undefined);
      await sendConfirmation(step.context, bought.value, customer?.companyName ?? '', await this.service.orderNames(actor!, bought.value.orders));
    } else if (!(submit.action === 'buy' && cartId && actor && (await this.approvals?.tellIfWaiting(step.context, actor, cartId)))) {
      await step.context.sendActivity(say.usedCard());
    }
    return step.endDialog();
  }
}
