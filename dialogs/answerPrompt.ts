// A prompt that takes an answer typed or clicked on its card. Its recogniser reads the normalised input
// (turn.ts), rejects submits from older cards by their nonce, and turns "back" into BACK for the waterfall.
import { randomToken } from '../src/randomToken';
import type { DialogContext, DialogTurnResult, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import { Prompt } from './sdk';
import type { Attachment, TurnContext } from 'botbuilder';
import { isCommand, turnInput, type TurnInput } from './turn';
import { sayTo } from './messages';

/** Sentinels the purchase waterfall understands: go one question back, or ask the current one again. */
export const BACK = { flow: 'back' } as const;
export const REPLAY = { flow: 'replay' } as const;
export const isBack = (v: unknown) => (v as { flow?: string } | undefined)?.flow === 'back';
export const isReplay = (v: unknown) => (v as { flow?: string } | undefined)?.flow === 'replay';

export interface AnswerPromptOptions<D = unknown> extends PromptOptions {
  /** Identifies the card this prompt sent; a submit carrying another nonce comes from an older card. */
  nonce: string;
  /** What the recogniser needs to understand an answer (choices, ranges, ids shown). Kept in dialog state. */
  data: D;
}

export type Recognition<T> = { ok: true; value: T } | { ok: false };

export type Recogniser<T, D> = (context: TurnContext, input: TurnInput, options: AnswerPromptOptions<D>) => Promise<Recognition<T>>;

export const newNonce = () => randomToken(6);

/**
 * What may answer a turn before the waiting prompt does ("cancel", "help", another agent's message):
 * a result ends the turn there, undefined lets the prompt recognise the answer.
 */
export type Interruption = (dc: DialogContext) => Promise<DialogTurnResult | undefined>;

export class AnswerPrompt<T, D = unknown> extends Prompt<T | typeof BACK> {
  constructor(
    dialogId: string,
    private readonly recognise: Recogniser<T, D>,
    /** The main dialog's interruptions (dialogs/mainDialog.ts): every turn between questions reaches a prompt first. */
    private readonly interrupt?: Interruption,
  ) {
    super(dialogId);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt?.(dc)) ?? super.continueDialog(dc);
  }

  /**
   * The base class recognises once more when the turn's "activityReceived" event bubbles; ours
   * recognisers send messages and search, so recognition happens once, in continueDialog.
   */
  protected async onPreBubbleEvent(): Promise<boolean> {
    return false;
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity);
    // The options are the prompt's dialog state, read and written on every turn until it is answered. The
    // card, sent now, would be most of that state (5-12 KB of 6-13 KB): it is not kept. A failed answer
    // never asks again silently (every recogniser replies, a stale card is told so), and a re-sent card
    // would carry an outdated nonce anyway.
    if (typeof options.prompt === 'object' && options.prompt.attachments) options.prompt = { ...options.prompt, attachments: undefined };
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<T | typeof BACK>> {
    const input = turnInput(context);
    const opts = options as AnswerPromptOptions<D>;
    if (isCommand(input, 'back')) return { succeeded: true, value: BACK };
    if (input.submit && input.submit.nonce !== opts.nonce) {
      await context.sendActivity(sayTo(context).staleCard());
      return { succeeded: false };
    }
    const result = await this.recognise(context, input, opts);
    return result.ok ? { succeeded: true, value: result.value } : { succeeded: false };
  }
}

/**
 * A new card for the waiting prompt (a new page, a new search): a new nonce, so only this card's buttons
 * answer. The caller sends the card; like the first one it is not kept in the dialog state.
 */
export function replaceCard(options: AnswerPromptOptions, card: (nonce: string) => Attachment, text?: string): Attachment {
  options.nonce = newNonce();
  const attachment = card(options.nonce);
  options.prompt = { type: 'message', text };
  return attachment;
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
export function choiceRecogniser(
  notUnderstood: (choices: ChoiceData['choices'], context: TurnContext) => string,
): Recogniser<string, ChoiceData> {
  return async (context, input, options) => {
    const { action, choices } = options.data;
    if (input.submit) {
      const value = typeof input.submit.value === 'string' ? input.submit.value : '';
      const hit = input.submit.action === action ? choices.find((c) => c.value === value) : undefined;
      if (hit) return { ok: true, value: hit.value };
      await context.sendActivity(notUnderstood(choices, context));
      return { ok: false };
    }
    const hit = matchChoice(input.text, choices);
    if (hit) return { ok: true, value: hit.value };
    await context.sendActivity(notUnderstood(choices, context));
    return { ok: false };
  };
}
