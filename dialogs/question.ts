// One question of a conversation, a dialog that is its own prompt: it asks when it begins (sends its card,
// or takes the only possible answer itself) and, on each turn after, reads the answer typed or clicked on
// its card. An answer it cannot read is told why and the question keeps waiting; one it can is handed to
// `answered`, which ends the question with it or asks again (another search, another page, a refused
// pick). "back" answers BACK; a submit from an older card is told so by its nonce. The question never
// searches nor sends a card while it recognises: a question that needs another card asks again itself.
import { ActivityTypes, type Attachment, type TurnContext } from 'botbuilder';
import { Dialog } from './sdk';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import type { QuestionName } from '../src/i18n';
import { isCommand, turnInput, type TurnInput } from './turn';
import { sayTo } from './messages';
import { markCardAnswered } from './settledCard';

/** What a question ends with when the agent says "back": the dialog that began it asks the one before again. */
export const BACK = { back: true } as const;
export const isBack = (v: unknown): v is typeof BACK => (v as { back?: unknown } | undefined)?.back === true;

export type Recognition<T> = { ok: true; value: T } | { ok: false };

/** Reads an answer; when it cannot, it tells the agent why (and the question waits on the same card). */
export type Recogniser<T, D> = (context: TurnContext, input: TurnInput, data: D) => Promise<Recognition<T>>;

/** A card to ask with (Question.askWithCard): built with the nonce that identifies it, and what its recogniser needs. */
export interface CardToAsk<D> {
  card: (nonce: string) => Attachment;
  data: D;
  /** Said above the card. */
  text?: string;
}

/** The card a question waits on, as "cancel", "help" and "ask again" (cancelAndHelpDialog.ts) need it. */
export interface WaitingCard<O = object> {
  /** The options the question began with: beginning it again with them asks it again. */
  options: O;
  /** Which question the card asks: what "help" explains and which card settles. */
  asked: QuestionName;
  /** Identifies the card sent; a submit carrying another nonce comes from an older card. */
  nonce: string;
  /** The id the channel gave the card when it was sent: the card that settles once answered (settledCard.ts). */
  cardActivityId?: string;
}

/** A question's dialog state: its options and, once its card is sent, the card's WaitingCard fields and what its recogniser needs (choices, ranges, ids shown). */
type QuestionState<O, D> = Pick<WaitingCard<O>, 'options'> & Partial<WaitingCard<O>> & { data?: D };

export abstract class Question<O extends object, A = string, D = unknown> extends Dialog<O> {
  constructor(
    dialogId: string,
    private readonly recognise: Recogniser<A, D>,
  ) {
    super(dialogId);
  }

  /** The card the dialog on top of `dc`'s stack waits on, if that dialog is a question asking one. */
  static waitingCard(dc: DialogContext): WaitingCard | undefined {
    const active = dc.activeDialog;
    const state = active?.state as QuestionState<object, unknown> | undefined;
    if (!state?.asked || !state.nonce || !(dc.findDialog(active!.id) instanceof Question)) return undefined;
    return state as WaitingCard;
  }

  async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as QuestionState<O, D>;
    state.options = options ?? ({} as O);
    return this.ask(dc, state.options);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    if (context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as QuestionState<O, D>;
    const input = turnInput(context);
    if (input.submit && input.submit.nonce !== state.nonce) {
      await context.sendActivity(sayTo(context).staleCard());
      return Dialog.EndOfTurn;
    }
    const result: Recognition<A | typeof BACK> = isCommand(input, 'back') ? { ok: true, value: BACK } : await this.recognise(context, input, state.data as D);
    if (!result.ok) return Dialog.EndOfTurn;
    markCardAnswered(context, state.asked!, state.cardActivityId);
    return this.answered(dc, state.options, result.value);
  }

  /** Sends the question's card, or answers it at once (`answered`) when it knows the answer. */
  protected abstract ask(dc: DialogContext, options: O): Promise<DialogTurnResult>;

  /** Ends the question with the answer (BACK included), or asks again (`dc.replaceDialog` of this question). */
  protected async answered(dc: DialogContext, _options: O, answer: A | typeof BACK): Promise<DialogTurnResult> {
    return dc.endDialog(answer);
  }

  /** Sends `card` (with `text` above it) and waits for its answer; only this card's buttons answer. */
  protected async askWithCard(dc: DialogContext, asked: QuestionName, { card, data, text }: CardToAsk<D>): Promise<DialogTurnResult> {
    const nonce = randomUUID();
    const sent = await dc.context.sendActivity({ type: ActivityTypes.Message, text, attachments: [card(nonce)] });
    Object.assign(dc.activeDialog!.state as QuestionState<O, D>, { asked, nonce, data, cardActivityId: sent?.id });
    return Dialog.EndOfTurn;
  }
}
