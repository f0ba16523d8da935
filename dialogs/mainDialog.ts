// Routes a conversation: buy, orders, help, choosing a demo identity; and handles "cancel" and "help"
// wherever the agent is, as an interruption of whatever dialog is running.
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { Dialog, WaterfallDialog } from './sdk';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { renderChoiceCard, renderConfirmationCard, renderOrderHistoryCard } from '../cards/render';
import { AnswerPrompt, choiceRecogniser, newNonce, type AnswerPromptOptions, type ChoiceData } from './answerPrompt';
import { PURCHASE_FLOW, PurchaseFlow, type PurchaseOptions } from './purchaseDialog';
import { isCommand, turnIdentity, turnInput } from './turn';
import { sayTo } from './messages';
import { allWords, alternatives as anyOf } from '../src/i18n';

export const MAIN_DIALOG = 'mainDialog';
const ACT_AS_PROMPT = 'actAsPrompt';

// The top-level words of every catalogue (src/i18n): "buy for Contoso" and "kopen voor Contoso" alike.
const buyPattern = new RegExp(
  `^(?:${anyOf(allWords('buy'))})(?:\\s+(?:${anyOf(allWords('reservations'))}))?(?:\\s+(?:${anyOf(allWords('forCustomer'))})\\s+(.+))?$`,
  'i',
);
const ordersPattern = new RegExp(`^(?:${anyOf(allWords('orders'))})(?:\\s+(?:${anyOf(allWords('ordersOf'))})?\\s*(.+))?$`, 'i');
const switchPattern = new RegExp(`^(?:${anyOf(allWords('switchAgent'))})$`, 'i');
const greetingPattern = new RegExp(`^(?:${anyOf(allWords('greeting'))})\\b`, 'i');

/**
 * The root dialog: a waterfall (route, then whatever the routed dialog returned) whose purchase flow and
 * prompts are its dependencies, so DialogSet.add puts them in the same set (the bot's, and the test
 * client's alike): one dialog context per turn. A component dialog around them made a second context,
 * with its memory scopes, on every turn (bench/README.md).
 */
export class MainDialog extends WaterfallDialog {
  private readonly dependencies: Dialog[];

  constructor(
    private readonly service: PurchaseService,
    /** Demo mode: the directory agent a local user chose to act as. */
    private readonly actingAgentId: StatePropertyAccessor<string | undefined>,
  ) {
    super(MAIN_DIALOG);
    this.addStep(this.routeStep.bind(this));
    this.addStep(this.afterStep.bind(this));
    const interrupt = (dc: DialogContext) => this.interrupt(dc);
    this.dependencies = [
      ...new PurchaseFlow(service, interrupt).dialogs,
      new AnswerPrompt(ACT_AS_PROMPT, choiceRecogniser((choices, context) => sayTo(context).notUnderstoodChoice(choices)), interrupt),
    ];
  }

  getDependencies(): Dialog[] {
    return this.dependencies;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // A conversation saved mid-purchase by a version whose main dialog was a component (inner stack, no
    // step): the waterfall would end it without a word. Failing the turn resets it and tells the agent
    // (bot/turnErrors.ts); carts and orders are in the store.
    if (typeof (dc.activeDialog?.state as { stepIndex?: unknown } | undefined)?.stepIndex !== 'number') {
      throw new Error('the conversation was saved by an earlier version of the main dialog');
    }
    return super.continueDialog(dc);
  }

  /**
   * "cancel" and "help" work at every step, typed or clicked. Between turns the dialog waiting is always
   * one of the prompts: each runs this before it recognises the answer.
   */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const say = sayTo(innerDc.context);
    // A purchase is its agent's alone: anyone else (a colleague in a group chat, another partner's agent
    // reusing the conversation id) is told so, and the purchase stays as it was.
    const owner = purchaseOwner(innerDc);
    if (owner !== undefined && owner !== turnIdentity(innerDc.context).actor?.agent.id) {
      await innerDc.context.sendActivity(say.anotherAgentsPurchase());
      return Dialog.EndOfTurn;
    }
    const input = turnInput(innerDc.context);
    // A button of an older card (its Cancel too) is the waiting prompt's to answer: it says the card is out of date.
    if (input.submit && !fromWaitingCard(innerDc, input.submit.nonce)) return undefined;
    if (isCommand(input, 'cancel')) {
      await innerDc.context.sendActivity(say.cancelled());
      return innerDc.cancelAllDialogs();
    }
    if (isCommand(input, 'help')) {
      await innerDc.context.sendActivity(say.help());
      return Dialog.EndOfTurn;
    }
    return undefined;
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
      if (input.submit?.action === 'actAs') return step.next(input.submit.value);
      return this.askActAs(step);
    }
    if (input.submit) return this.oldCardClicked(step);
    if (isCommand(input, 'help')) {
      await step.context.sendActivity(say.help());
      return step.endDialog();
    }
    const buy = buyPattern.exec(text);
    if (buy) return step.beginDialog(PURCHASE_FLOW, { customerQuery: buy[1], agentId: actor.agent.id } satisfies OwnedPurchase);
    const orders = ordersPattern.exec(text);
    if (orders) {
      await this.showOrders(step.context, orders[1]);
      return step.endDialog();
    }
    await step.context.sendActivity(greetingPattern.test(text) ? say.welcome(actor.agent.displayName) : say.notUnderstoodTopLevel());
    return step.endDialog();
  }

  /** The act-as choice of a demo user, or whatever the purchase dialog returned. */
  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const chosen = typeof step.result === 'string' ? this.service.demoAgents().find((a) => a.agent.id === step.result) : undefined;
    if (chosen) {
      await this.actingAgentId.set(step.context, chosen.agent.id);
      await step.context.sendActivity(say.actingAs(chosen.agent, chosen.partner));
    }
    return step.endDialog();
  }

  private askActAs(step: WaterfallStepContext) {
    const say = sayTo(step.context);
    const choices = this.service.demoAgents().map(({ agent, partner }) => ({
      value: agent.id,
      title: say.demoAgentTitle(agent),
      subtitle: say.demoAgentSubtitle(agent, partner),
      synonyms: [agent.displayName.split(' ')[0]],
    }));
    const nonce = newNonce();
    const options: AnswerPromptOptions<ChoiceData> = {
      prompt: { type: 'message', attachments: [renderChoiceCard({ title: say.chooseDemoAgent(), choices, action: 'actAs', nonce, locale: say.locale })] },
      nonce,
      data: { action: 'actAs', choices: choices.map(({ value, title, synonyms }) => ({ value, title, synonyms })) },
    };
    return step.prompt(ACT_AS_PROMPT, options);
  }

  /**
   * A card clicked after its dialog ended. A Buy clicked again shows the orders that cart became
   * (nothing is bought twice); anything else is simply out of date.
   */
  private async oldCardClicked(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const { actor } = turnIdentity(step.context);
    const submit = turnInput(step.context).submit!;
    const cartId = typeof submit.cartId === 'string' ? submit.cartId : undefined;
    const bought = submit.action === 'buy' && cartId && actor ? await this.service.ordersForCart(actor, cartId) : undefined;
    if (bought?.ok) {
      const customer = await this.service.customer(actor!, bought.value.orders[0]?.customerId ?? '').catch(() => undefined);
      await step.context.sendActivity({
        text: say.alreadyBought(),
        attachments: [renderConfirmationCard({ result: bought.value, customerName: customer?.companyName ?? '', locale: say.locale })],
      });
    } else {
      await step.context.sendActivity(say.usedCard());
    }
    return step.endDialog();
  }

  private async showOrders(context: TurnContext, customerQuery?: string): Promise<void> {
    const say = sayTo(context);
    const { actor } = turnIdentity(context);
    let customer: { id: string; companyName: string } | undefined;
    if (customerQuery) {
      const found = await this.service.findCustomers(actor!, customerQuery.trim());
      if (found.total !== 1) {
        await context.sendActivity(found.total === 0 ? say.noCustomerMatches(customerQuery) : say.severalCustomersForOrders(found.total, customerQuery));
        if (found.total === 0) return;
      } else customer = found.customers[0];
    }
    const history = await this.service.orderHistory(actor!, customer?.id);
    if (!history.ok) {
      await context.sendActivity(say.refusalText(history.verdict));
      return;
    }
    await context.sendActivity({
      attachments: [
        renderOrderHistoryCard({ orders: history.value.orders, customerNames: history.value.customerNames, title: say.orderHistoryTitle(customer?.companyName), locale: say.locale }),
      ],
    });
  }
}

/** The purchase dialog's options, with the agent who started it (see purchaseOwner). */
type OwnedPurchase = PurchaseOptions & { agentId: string };

/** The agent whose purchase is running in this conversation, if one is (and was started with its owner). */
function purchaseOwner(dc: DialogContext): string | undefined {
  const flow = dc.stack.find((instance) => instance.id === PURCHASE_FLOW); // under its prompt, if one is waiting
  const agentId = (flow?.state?.options as Partial<OwnedPurchase> | undefined)?.agentId;
  return typeof agentId === 'string' ? agentId : undefined;
}

/** Whether a submit carries the nonce of the card the waiting prompt sent (true when none is waiting on a card). */
function fromWaitingCard(dc: DialogContext, nonce: string | undefined): boolean {
  const waiting = (dc.activeDialog?.state?.options as { nonce?: unknown } | undefined)?.nonce;
  return typeof waiting !== 'string' || waiting === nonce;
}
