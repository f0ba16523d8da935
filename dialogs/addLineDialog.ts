// One line into the cart: an item from the list, then how many. "back" at the quantity shows the list
// again as it was; "back" at the list ends this dialog with "back" (the purchase asks for the subscription).
import { WaterfallDialog } from './sdk';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { CartPosition, PurchaseService } from '../src/purchase/purchaseService';
import type { BillingCycle } from '../src/domain/types';
import { isBack } from './question';
import { QUANTITY_QUESTION, QuantityQuestion, type QuantityQuestionOptions } from './quantityQuestion';
import { ITEM_LIST_QUESTION, ItemListQuestion, type CatalogPosition, type ItemListAnswer, type ItemListOptions } from './itemListQuestion';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const ADD_LINE_DIALOG = 'addLineDialog';

export interface AddLineOptions {
  cartId: string;
  reservationType: string;
  catalog?: CatalogPosition;
  /** The item picked, while its quantity is asked. */
  itemId?: string;
  /** The quantity a sentence named: not asked unless the rules refuse it. */
  quantity?: number;
  /** Monthly billing a sentence named: set on the line once added, as on the review (R10). */
  billingCycle?: BillingCycle;
  /** The cart when the quantity was asked: adding is idempotent per question. */
  asked?: CartPosition;
}

/** The item list's answer when it ended without a pick ("back" or "review"), or the position of the list once a line was added. */
export type AddLineResult = Exclude<ItemListAnswer, { itemId: string }> | { added: true; catalog: CatalogPosition };

export class AddLineDialog extends WaterfallDialog<AddLineOptions> {
  private readonly dependencies: Dialog[];

  constructor(private readonly service: PurchaseService) {
    super(ADD_LINE_DIALOG);
    this.addStep(this.pickItemStep.bind(this));
    this.addStep(this.askQuantityStep.bind(this));
    this.addStep(this.addToCartStep.bind(this));
    this.dependencies = [new ItemListQuestion(service), new QuantityQuestion(service)];
  }

  getDependencies(): Dialog[] {
    return this.dependencies;
  }

  /** The item list, unless an item is picked already (its quantity is asked again after a refusal). */
  private async pickItemStep(step: WaterfallStepContext<AddLineOptions>): Promise<DialogTurnResult> {
    const { cartId, reservationType, catalog, itemId } = step.options;
    if (itemId && catalog) return step.next({ itemId, catalog } satisfies ItemListAnswer);
    return step.beginDialog(ITEM_LIST_QUESTION, { cartId, reservationType, ...(catalog ?? { page: 0 }) } satisfies ItemListOptions);
  }

  private async askQuantityStep(step: WaterfallStepContext<AddLineOptions>): Promise<DialogTurnResult> {
    const line = step.options;
    const answer = step.result as ItemListAnswer;
    line.catalog = answer.catalog;
    if (!('itemId' in answer)) return step.endDialog(answer satisfies AddLineResult);
    line.itemId = answer.itemId;
    line.asked = await this.service.cartPosition(line.cartId, answer.itemId);
    return step.beginDialog(QUANTITY_QUESTION, { cartId: line.cartId, itemId: answer.itemId, quantity: line.quantity } satisfies QuantityQuestionOptions);
  }

  private async addToCartStep(step: WaterfallStepContext<AddLineOptions>): Promise<DialogTurnResult> {
    const line = step.options;
    if (isBack(step.result)) return step.replaceDialog(ADD_LINE_DIALOG, { ...line, itemId: undefined });
    const say = sayTo(step.context);
    const quantity = step.result as number;
    const added = await this.service.addLine(actorOf(step.context), line.cartId, line.itemId!, quantity, line.asked);
    if (!added.ok) {
      await step.context.sendActivity(say.refusalText(added.verdict));
      return step.replaceDialog(ADD_LINE_DIALOG, { ...line, quantity: undefined });
    }
    const { row, raised } = added.value;
    if (line.billingCycle === 'monthly') {
      const billed = await this.service.applyReview(actorOf(step.context), line.cartId, { billingCycles: { [added.value.lineId]: 'monthly' } });
      for (const refusal of billed.refusals) await step.context.sendActivity(say.refusalText(refusal));
    }
    // The line below says the quantity where the card cannot become this summary.
    await settleCard(step.context, 'quantity', say.answered('quantity', quantity.toLocaleString(say.locale)), false);
    const region = say.regionName(row.armRegionName, row.region);
    await step.context.sendActivity(
      raised ? say.lineRaised(quantity, added.value.quantity, row.title, region, say.termText(row.term)) : say.lineAdded(quantity, row.title, region, say.termText(row.term)),
    );
    return step.endDialog({ added: true, catalog: line.catalog! } satisfies AddLineResult);
  }
}
