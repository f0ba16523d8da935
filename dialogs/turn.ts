// What the activity handler hands the dialogs each turn: the normalised input and who is acting.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Actor } from '../src/purchase/purchaseService';

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
  return context.turnState.get(inputKey) ?? { text: (context.activity.text ?? '').trim() };
}

export function turnIdentity(context: TurnContext): TurnIdentity {
  return context.turnState.get(identityKey) ?? { demoMode: false };
}

/** The acting agent; the dialogs only run once the activity handler has resolved one. */
export function actorOf(context: TurnContext): Actor {
  const actor = turnIdentity(context).actor;
  if (!actor) throw new Error('no acting agent for this turn');
  return actor;
}

/** Words that mean the same in every step, in English and Dutch. */
export const commandWords = {
  cancel: ['cancel', 'stop', 'quit', 'abort', 'annuleren', 'annuleer', 'stoppen'],
  help: ['help', '?', 'hulp'],
  back: ['back', 'go back', 'previous step', 'terug'],
} as const;

export function isCommand(input: TurnInput, command: keyof typeof commandWords): boolean {
  if (input.submit) return input.submit.action === command;
  return (commandWords[command] as readonly string[]).includes(input.text.toLowerCase().replace(/[.!]+$/, ''));
}
