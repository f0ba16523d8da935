// Which reservation type (virtual machines, SQL Database, ...): the types Partner Center offers, by their
// title in the agent's language; a click, a number, a title or a short name ("vm", "sql") picks one.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { catalogues } from '../src/i18n';
import { choiceCard, recogniseChoice, type ChoiceData } from './choices';
import { BACK, isBack, Question } from './question';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const RESERVATION_TYPE_QUESTION = 'reservationTypeQuestion';

export class ReservationTypeQuestion extends Question<object, string, ChoiceData> {
  constructor(private readonly service: PurchaseService) {
    super(RESERVATION_TYPE_QUESTION, recogniseChoice);
  }

  protected async ask(dc: DialogContext): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const types = await this.service.reservationTypes();
    const choices = types.map((t) => ({ value: t.key, title: say.reservationTypeTitle(t.key, t.title), synonyms: reservationTypeSynonyms(t.key, t.title) }));
    return this.askWithCard(dc, 'reservationType', choiceCard(dc.context, say.askReservationType(), 'reservationType', choices));
  }

  protected async answered(dc: DialogContext, _options: object, answer: string | typeof BACK): Promise<DialogTurnResult> {
    if (isBack(answer)) return dc.endDialog(BACK);
    const say = sayTo(dc.context);
    const title = await say.reservationTypeName(answer, () => this.service.reservationTypeTitle(answer));
    await settleCard(dc.context, 'reservationType', say.answered('reservationType', title));
    return dc.endDialog(answer);
  }
}

/** "VirtualMachines" → "virtual machines", Partner Center's title, the type's title in every language, and the short names agents type. */
function reservationTypeSynonyms(key: string, title: string): string[] {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const titles = catalogues.map((c) => c.names.reservationType(key, title));
  const short = catalogues.flatMap((c) => c.words.reservationTypes[key] ?? []);
  return [...new Set([spaced, title, ...titles, ...short])];
}
