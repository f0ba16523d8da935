// How many of the item picked: a number in the item's range (R12), typed or entered on its card. The
// item is checked for the cart first (sold in the customer's market, Partner Center's inventory); a refusal
// ends the question with BACK, and the line's dialog shows the list again. A quantity the sentence named is
// taken without asking.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { renderQuantityCard } from '../cards/render';
import { BACK, Question, type Recogniser } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const QUANTITY_QUESTION = 'quantityQuestion';

export interface QuantityQuestionOptions {
  cartId: string;
  itemId: string;
  /** The quantity a sentence named: not asked unless the rules refuse it. */
  quantity?: number;
}

interface QuantityRange {
  minimumQuantity: number;
  maximumQuantity: number;
}

/** A quantity in the item's range (R12), typed or entered on the card; the service holds the rule. */
const recogniseQuantityBy =
  (service: PurchaseService): Recogniser<number, QuantityRange> =>
  async (context, input, range) => {
    const raw = input.submit ? (input.submit.action === 'quantity' ? input.submit.quantity : undefined) : input.text;
    const verdict = service.checkQuantity(raw, range);
    if (verdict.ok) return { ok: true, value: verdict.quantity! };
    await context.sendActivity(sayTo(context).refusalText(verdict));
    return { ok: false };
  };

export class QuantityQuestion extends Question<QuantityQuestionOptions, number, QuantityRange> {
  constructor(private readonly service: PurchaseService) {
    super(QUANTITY_QUESTION, recogniseQuantityBy(service));
  }

  protected async ask(dc: DialogContext, options: QuantityQuestionOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const row = await this.service.catalogRow(actorOf(dc.context), options.cartId, options.itemId);
    if (!row.ok) {
      await dc.context.sendActivity(say.refusalText(row.verdict));
      return dc.endDialog(BACK);
    }
    if (options.quantity !== undefined) return this.answered(dc, options, options.quantity);
    const { minimumQuantity, maximumQuantity, title } = row.value;
    const picked = [title, say.regionName(row.value.armRegionName, row.value.region), say.termText(row.value.term)].join(', ');
    await settleCard(dc.context, 'item', say.answered('item', picked));
    return this.askWithCard(dc, 'quantity', {
      card: (nonce) => renderQuantityCard({ row: row.value, nonce, locale: say.locale }),
      data: { minimumQuantity, maximumQuantity },
      text: say.askQuantity(title, minimumQuantity, maximumQuantity),
    });
  }
}
