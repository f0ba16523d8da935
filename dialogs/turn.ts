// What the activity handler hands the dialogs each turn: the normalised input and who is acting.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Actor } from '../src/purchase/purchaseService';
import { allWords, catalogueFor, type Catalogue } from '../src/i18n';

/** A card submit: inputs merged with the action's data; every value arrives as a string. */
export const CardSubmit = z.looseObject({
  action: z.string().min(1).max(40),
  nonce: z.string().max(40).optional(),
});
export type CardSubmit = z.infer<typeof CardSubmit>;

export interface TurnInput {
  /** Typed text, mentions removed, trimmed; empty for a card submit. */
  text: string;
  submit?: CardSubmit;
  /** The activity's locale (Teams and Web Chat send it, e.g. "nl-NL"): it chooses the message catalogue. */
  locale?: string;
}

export interface TurnIdentity {
  actor?: Actor;
  /** The actor is the demo agent this user chose to act as, not the user's own directory entry. */
  chosenInDemo?: boolean;
  /** No app id configured: local users may act as a demo agent. */
  demoMode: boolean;
}

const inputKey = Symbol('turnInput');
const identityKey = Symbol('turnIdentity');

export function setTurn(context: TurnContext, input: TurnInput, identity: TurnIdentity): void {
  context.turnState.set(inputKey, input);
  context.turnState.set(identityKey, identity);
}

export function turnInput(context: TurnContext): TurnInput {
  return context.turnState.get(inputKey) ?? { text: (context.activity.text ?? '').trim(), locale: context.activity.locale };
}

/**
 * The message catalogue of this turn: the activity's locale as turn preparation read it (or straight
 * from the activity for a turn that was not prepared, such as a conversation update or a failed turn).
 */
export function catalogueOf(context: TurnContext): Catalogue {
  return catalogueFor(turnInput(context).locale ?? context.activity?.locale);
}

export function turnIdentity(context: TurnContext): TurnIdentity {
  return context.turnState.get(identityKey) ?? { demoMode: false };
}

const confirmedKey = Symbol('ordersConfirmed');

/** The order numbers this turn showed as placed: a turn failing after that must not say nothing was bought. */
export function markOrdersConfirmed(context: TurnContext, orderIds: string[]): void {
  context.turnState.set(confirmedKey, [...ordersConfirmed(context), ...orderIds]);
}

export function ordersConfirmed(context: TurnContext): string[] {
  return context.turnState.get(confirmedKey) ?? [];
}

/** The acting agent; the dialogs only run once the activity handler has resolved one. */
export function actorOf(context: TurnContext): Actor {
  const actor = turnIdentity(context).actor;
  if (!actor) throw new Error('no acting agent for this turn');
  return actor;
}

/** Words that mean the same in every step, in every catalogue's language whatever the locale. */
export const commandWords = {
  cancel: allWords('cancel'),
  help: allWords('help'),
  back: allWords('back'),
} as const;

export function isCommand(input: TurnInput, command: keyof typeof commandWords): boolean {
  if (input.submit) return input.submit.action === command;
  return commandWords[command].includes(input.text.toLowerCase().replace(/[.!]+$/, ''));
}
