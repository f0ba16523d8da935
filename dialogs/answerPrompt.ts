// A prompt that takes an answer typed or clicked on its card. Its recogniser reads the normalised input
// (turn.ts) into the question's answer, or says it did not understand and keeps waiting; it never
// searches nor sends a card: a question that needs another card (a search, a page) asks again itself.
// "back" answers BACK; a submit from an older card is told so by its nonce.
import type { Attachment, TurnContext } from 'botbuilder';
import { Prompt } from './sdk';
import type { DialogContext, PromptOptions, PromptRecognizerResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import { renderChoiceCard } from '../cards/render';
import type { QuestionName } from '../src/i18n';
import { isCommand, turnInput, type TurnInput } from './turn';
import { sayTo } from './messages';
import { markCardAnswered } from './settledCard';

/** What a question ends with when the agent says "back": the dialog that began it asks the one before again. */
export const BACK = { back: true } as const;
export const isBack = (v: unknown): v is typeof BACK => (v as { back?: unknown } | undefined)?.back === true;

export interface AnswerPromptOptions<D = unknown> extends PromptOptions {
  /** Identifies the card this prompt sent; a submit carrying another nonce comes from an older card. */
  nonce: string;
  /** What the recogniser needs to understand an answer (choices, ranges, ids shown). Kept in dialog state. */
  data: D;
  /** The id the channel gave the card when it was sent: the card that settles once answered (settledCard.ts). */
  cardActivityId?: string;
}

export type Recognition<T> = { ok: true; value: T } | { ok: false };

/** Reads an answer; when it cannot, it tells the agent why (and the prompt waits on the same card). */
export type Recogniser<T, D> = (context: TurnContext, input: TurnInput, data: D) => Promise<Recognition<T>>;

export class AnswerPrompt<T, D = unknown> extends Prompt<T | typeof BACK> {
  constructor(
    dialogId: string,
    private readonly recognise: Recogniser<T, D>,
    /** Which question this prompt waits on: what "help" explains. */
    readonly question: QuestionName,
  ) {
    super(dialogId);
  }

  /** Whether a card submit comes from the card the waiting prompt sent (true when no prompt of ours waits). */
  static isFromWaitingCard(dc: DialogContext, nonce: string | undefined): boolean {
    const waiting = (dc.activeDialog?.state?.options as Partial<AnswerPromptOptions> | undefined)?.nonce;
    return typeof waiting !== 'string' || waiting === nonce;
  }

  /**
   * The base class recognises once more when the turn's "activityReceived" event bubbles (sent by
   * DialogContext.continueDialog, which DialogTestClient's turn loop calls; the activity handler continues
   * the active dialog without it); a recogniser may reply, so recognition happens once, in continueDialog.
   */
  protected async onPreBubbleEvent(): Promise<boolean> {
    return false;
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const sent = activity ? await context.sendActivity(activity) : undefined;
    if (!isRetry && sent?.id) (options as AnswerPromptOptions).cardActivityId = sent.id;
    // The options are the prompt's dialog state, read and written on every turn until it is answered. The
    // card, sent now, would be most of that state: it is not kept. A failed answer never asks again
    // silently (every recogniser replies, a stale card is told so), and a re-sent card would carry an
    // outdated nonce anyway.
    if (typeof options.prompt === 'object' && options.prompt.attachments) options.prompt = { ...options.prompt, attachments: undefined };
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<T | typeof BACK>> {
    const input = turnInput(context);
    const { nonce, data } = options as AnswerPromptOptions<D>;
    if (input.submit && input.submit.nonce !== nonce) {
      await context.sendActivity(sayTo(context).staleCard());
      return { succeeded: false };
    }
    const result: Recognition<T | typeof BACK> = isCommand(input, 'back') ? { ok: true, value: BACK } : await this.recognise(context, input, data);
    if (!result.ok) return { succeeded: false };
    markCardAnswered(context, this.question, (options as AnswerPromptOptions).cardActivityId);
    return { succeeded: true, value: result.value };
  }
}

/** Sends `card` (with `text` above it) and waits on `promptId` for its answer; only this card's buttons answer. */
export function promptWithCard<D>(step: WaterfallStepContext, promptId: string, card: (nonce: string) => Attachment, data: D, text?: string) {
  const nonce = randomUUID();
  const options: AnswerPromptOptions<D> = { prompt: { type: 'message', text, attachments: [card(nonce)] }, nonce, data };
  return step.prompt(promptId, options);
}

export interface ChoiceData {
  action: string;
  choices: { value: string; title: string; synonyms?: string[] }[];
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Finds the choice a typed answer means: its number, its title or a synonym, or one unique partial match. */
export function matchChoice(text: string, choices: ChoiceData['choices']): ChoiceData['choices'][number] | undefined {
  const typed = normalise(text);
  if (!typed) return undefined;
  if (/^\d+$/.test(typed)) return choices[Number(typed) - 1];
  const names = (c: ChoiceData['choices'][number]) => [c.title, c.value, ...(c.synonyms ?? [])].map(normalise);
  const exact = choices.find((c) => names(c).includes(typed));
  if (exact) return exact;
  const partial = choices.filter((c) => names(c).some((n) => n.includes(typed) || (typed.length > 3 && typed.includes(n))));
  return partial.length === 1 ? partial[0] : undefined;
}

/** The recogniser of a list of choices: a click on one of the buttons, or its number/name typed. */
export const recogniseChoice: Recogniser<string, ChoiceData> = async (context, input, { action, choices }) => {
  const hit = input.submit
    ? input.submit.action === action
      ? choices.find((c) => c.value === input.submit!.value)
      : undefined
    : matchChoice(input.text, choices);
  if (hit) return { ok: true, value: hit.value };
  await context.sendActivity(sayTo(context).notUnderstoodChoice(choices));
  return { ok: false };
};

/** Options of a question a one-sentence purchase (purchaseDialog.ts) may answer itself. */
export interface TakesOnlyChoice {
  /** The sentence leaves this question open, but only one answer is possible: it is taken without asking. */
  takeOnlyChoice?: boolean;
}

/** The one choice to take without asking (the question's answered step checks it as any answer), if so. */
export const onlyChoice = <C>(options: TakesOnlyChoice, choices: readonly C[]): C | undefined =>
  options.takeOnlyChoice && choices.length === 1 ? choices[0] : undefined;

/** A choice on a card: the card of every list of choices the bot offers (segments, types, subscriptions, yes/no). */
export function promptChoice(
  step: WaterfallStepContext,
  promptId: string,
  title: string,
  action: string,
  choices: (ChoiceData['choices'][number] & { subtitle?: string })[],
  text?: string,
) {
  const { locale } = sayTo(step.context);
  return promptWithCard<ChoiceData>(
    step,
    promptId,
    (nonce) => renderChoiceCard({ title, text, choices, action, nonce, locale }),
    { action, choices: choices.map(({ value, title: t, synonyms }) => ({ value, title: t, synonyms })) },
  );
}
