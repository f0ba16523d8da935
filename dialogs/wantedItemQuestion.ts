// The item a one-sentence purchase named ("3 D4s v5 west europe 3 years"), found in the cart's catalog:
// the one row it names, or the item list filtered by what it named. A size named without its version
// ("D4s") asks which of the sizes the market sells; a size and region without a term ask the term. The
// question asks until the item is found or only the list can tell, then hands over to the line's dialog
// (addLineDialog.ts), which checks the item and the quantity as for any pick; "back" ends it with BACK.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { WantedItem } from '../src/purchase/purchaseSentence';
import type { CatalogFilter } from '../src/purchase/types';
import type { TermDuration } from '../src/domain/types';
import { catalogues } from '../src/i18n';
import { choiceCard, recogniseChoice, type ChoiceData } from './choices';
import { ADD_LINE_DIALOG, type AddLineOptions } from './addLineDialog';
import { BACK, isBack, Question } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const WANTED_ITEM_QUESTION = 'wantedItemQuestion';

export interface WantedItemOptions {
  /** The line to add, with the sentence's quantity: the item and the list's filter are this question's to find. */
  line: AddLineOptions;
  wanted: WantedItem;
  /** Which part the card asks for. */
  asking?: 'size' | 'term';
}

const filterOf = ({ armSkuName, family, region, term }: WantedItem): CatalogFilter => ({
  ...(armSkuName ? { armSkuName } : {}),
  ...(family ? { family } : {}),
  ...(region ? { region } : {}),
  ...(term ? { term } : {}),
});

/** The wanted item with its size settled: the one chosen, or none (no size the market sells). */
function withSize({ sizeChoices: _choices, ...wanted }: WantedItem, armSkuName: string | undefined): WantedItem {
  return armSkuName ? { ...wanted, armSkuName } : wanted;
}

/** "Standard_D4s_v5" → "D4s v5": how agents write a size. */
const shortSize = (armSkuName: string) => armSkuName.replace(/^Standard_/, '').replace(/_/g, ' ');

export class WantedItemQuestion extends Question<WantedItemOptions, string, ChoiceData> {
  constructor(private readonly service: PurchaseService) {
    super(WANTED_ITEM_QUESTION, recogniseChoice);
  }

  protected async ask(dc: DialogContext, options: WantedItemOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const { line, wanted } = options;
    const filter = filterOf(wanted);
    const found = await this.service.searchCatalog(actorOf(dc.context), line.cartId, filter, 0);
    if (!found.ok) {
      await dc.context.sendActivity(say.refusalText(found.verdict));
      return dc.cancelAllDialogs();
    }
    const { rows, total, vocabulary } = found.value;
    if (wanted.sizeChoices) {
      const sold = wanted.sizeChoices.filter((size) => vocabulary.skuNames.includes(size));
      if (sold.length > 1) {
        options.asking = 'size';
        const choices = sold.map((size) => ({ value: size, title: size, synonyms: [shortSize(size), size.replace(/^.*_/, '')] }));
        return this.askWithCard(dc, 'size', choiceCard(dc.context, say.askSize(), 'size', choices));
      }
      // Only one of them is sold in the customer's market: that one. None: the list shows what is.
      return dc.replaceDialog(WANTED_ITEM_QUESTION, { line, wanted: withSize(wanted, sold[0]) } satisfies WantedItemOptions);
    }
    const catalog = { filter, page: 0 };
    if (total === 1) return dc.replaceDialog(ADD_LINE_DIALOG, { ...line, catalog, itemId: rows[0]!.catalogItemId } satisfies AddLineOptions);
    const terms = [...new Set(rows.map((r) => r.term))];
    // Size and region named, and the rows differ by term only: the term is all that is missing.
    if (wanted.armSkuName && wanted.region && !wanted.term && terms.length > 1 && terms.length === total) {
      options.asking = 'term';
      const choices = terms.map((term) => ({ value: term, title: say.termText(term), synonyms: catalogues.map((c) => c.names.terms[term]) }));
      return this.askWithCard(dc, 'term', choiceCard(dc.context, say.askTerm(), 'term', choices));
    }
    return dc.replaceDialog(ADD_LINE_DIALOG, { ...line, catalog } satisfies AddLineOptions);
  }

  protected async answered(dc: DialogContext, options: WantedItemOptions, answer: string | typeof BACK): Promise<DialogTurnResult> {
    if (isBack(answer)) return dc.endDialog(BACK);
    const say = sayTo(dc.context);
    const { line, wanted, asking } = options;
    if (asking === 'term') {
      await settleCard(dc.context, 'term', say.answered('term', say.termText(answer)));
      return dc.replaceDialog(WANTED_ITEM_QUESTION, { line, wanted: { ...wanted, term: answer as TermDuration } } satisfies WantedItemOptions);
    }
    await settleCard(dc.context, 'size', say.answered('size', answer));
    return dc.replaceDialog(WANTED_ITEM_QUESTION, { line, wanted: withSize(wanted, answer) } satisfies WantedItemOptions);
  }
}
