// What a channel sends when an agent clicks an Action.Submit: the action's data merged with the card's
// inputs, every input value as a string. Tests click by button title, as a person would.
import assert from 'node:assert/strict';
import type { Activity, Attachment } from 'botbuilder';

type Json = Record<string, unknown>;

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The button of a catalog row: it names the item, "Standard_D2s_v5 · West Europe · 3 years". */
export const ITEM_BUTTON = / · /;

/** The Adaptive Cards of a reply, in order. */
export function cardsOf(activity: Partial<Activity> | undefined): Json[] {
  return (activity?.attachments ?? [])
    .filter((a: Attachment) => a.contentType === ADAPTIVE_CARD)
    .map((a: Attachment) => a.content as Json);
}

/** Every text a person would read on the card: TextBlocks, labels, button titles, facts and choices. */
export function cardText(card: Json): string {
  const out: string[] = [];
  walk(card, (node) => {
    for (const key of ['text', 'title', 'placeholder', 'label']) {
      if (typeof node[key] === 'string') out.push(node[key]);
    }
    // Facts and choices are untyped {title, value} pairs; a fact's value is read too.
    if (!('type' in node) && typeof node.title === 'string' && typeof node.value === 'string') out.push(node.value);
  });
  return out.join('\n');
}

export interface Button {
  title: string;
  data: Json;
  associatedInputs?: string;
  /** The text of the Container the button sits in (a catalog row, a choice with its subtitle), if any. */
  row?: string;
}

export function buttonsOf(card: Json): Button[] {
  const buttons: Button[] = [];
  const visit = (node: unknown, row: string | undefined): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, row));
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    const here = n.type === 'Container' ? cardText(n) : row;
    if (n.type === 'Action.Submit') {
      buttons.push({ title: String(n.title ?? ''), data: (n.data ?? {}) as Json, associatedInputs: n.associatedInputs as string | undefined, row: here });
    }
    for (const child of Object.values(n)) visit(child, here);
  };
  visit(card, undefined);
  return buttons;
}

/** Input ids with the value the card shows by default, as strings. */
export function inputsOf(card: Json): Record<string, string> {
  const inputs: Record<string, string> = {};
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') {
      inputs[node.id] = node.value === undefined ? '' : String(node.value);
    }
  });
  return inputs;
}

/** The values each Input.ChoiceSet of the card offers, by input id. */
export function choicesOf(card: Json): Record<string, string[]> {
  const sets: Record<string, string[]> = {};
  walk(card, (node) => {
    if (node.type === 'Input.ChoiceSet' && typeof node.id === 'string' && Array.isArray(node.choices)) {
      sets[node.id] = (node.choices as Json[]).map((c) => String(c.value ?? ''));
    }
  });
  return sets;
}

/**
 * The `value` of the activity a click on the button titled `title` produces. `pick` chooses among
 * several buttons of that title (for example the item button of one row); `typed` is what the agent
 * typed or chose in the inputs.
 */
export function clickValue(
  card: Json,
  title: string | RegExp,
  typed: Record<string, string> = {},
  pick: (b: Button) => boolean = () => true,
): Json {
  const matches = buttonsOf(card).filter((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)) && pick(b));
  assert.ok(matches.length > 0, `no button "${title}" on the card; buttons: ${buttonsOf(card).map((b) => b.title).join(', ')}`);
  const button = matches[0]!;
  for (const id of Object.keys(typed)) assert.ok(id in inputsOf(card), `no input "${id}" on the card`);
  const inputs = button.associatedInputs === 'none' ? {} : { ...inputsOf(card), ...typed };
  return { ...inputs, ...button.data };
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
  } else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const child of Object.values(node as Json)) walk(child, visit);
  }
}
