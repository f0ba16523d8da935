// The lists of choices the bot offers on a card (segments, types, subscriptions, yes/no, customers): the
// card to ask with, and how a click or a typed number, title or synonym is read as one of them.
import type { TurnContext } from 'botbuilder';
import { renderChoiceCard } from '../cards/render';
import type { CardToAsk, Recogniser } from './question';
import { sayTo } from './messages';

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

/** The one choice to take without asking (the question's `answered` checks it as any answer), if so. */
export const onlyChoice = <C>(options: TakesOnlyChoice, choices: readonly C[]): C | undefined =>
  options.takeOnlyChoice && choices.length === 1 ? choices[0] : undefined;

/** The card of a list of choices, to ask with. */
export function choiceCard(
  context: TurnContext,
  title: string,
  action: string,
  choices: (ChoiceData['choices'][number] & { subtitle?: string })[],
  text?: string,
): CardToAsk<ChoiceData> {
  const { locale } = sayTo(context);
  return {
    card: (nonce) => renderChoiceCard({ title, text, choices, action, nonce, locale }),
    data: { action, choices: choices.map(({ value, title: t, synonyms }) => ({ value, title: t, synonyms })) },
  };
}
