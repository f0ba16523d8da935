// Adaptive Cards as readable text for the terminal chat: texts and facts as lines, every button
// numbered [1], [2], … and every input lettered [a], [b], … so that a person can press and fill them by
// typing. What a press sends is what a channel sends for an Action.Submit: the action's data merged
// with the card's inputs (all strings), or the data alone when the action has associatedInputs "none".
import { channelTexts, systemLocale } from '../text';

const terminal = channelTexts(systemLocale()).terminal;

type Json = Record<string, unknown>;

export interface CardButton {
  number: number;
  title: string;
  kind: 'submit' | 'openUrl';
  data: Json;
  url?: string;
  /** "none": the press sends the action's data without the inputs. */
  associatedInputs?: string;
}

export interface CardField {
  letter: string;
  id: string;
  label: string;
  type: string;
  value: string;
  choices?: { title: string; value: string }[];
}

export interface RenderedCard {
  lines: string[];
  buttons: CardButton[];
  fields: CardField[];
}

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TextStyle = { bold: (t) => t, dim: (t) => t };
export const ansiStyle: TextStyle = { bold: (t) => `\u001b[1m${t}\u001b[22m`, dim: (t) => `\u001b[2m${t}\u001b[22m` };

/** Markdown as the bot writes it (TextBlock text, facts, message text) to terminal text. */
export function markdownToText(text: string, style: TextStyle = plainStyle): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => style.bold(inner))
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function renderCard(card: Json, style: TextStyle = plainStyle): RenderedCard {
  const out: RenderedCard = { lines: [], buttons: [], fields: [] };
  const emit = (indent: number, text: string) => {
    for (const line of text.split('\n')) out.lines.push(' '.repeat(indent) + line);
  };

  const addButton = (action: Json, indent: number) => {
    const title = String(action.title ?? '');
    const number = out.buttons.length + 1;
    if (action.type === 'Action.Submit') {
      out.buttons.push({ number, title, kind: 'submit', data: (action.data ?? {}) as Json, associatedInputs: action.associatedInputs as string | undefined });
      emit(indent, `${style.bold(`[${number}]`)} ${title}`);
    } else if (action.type === 'Action.OpenUrl') {
      out.buttons.push({ number, title, kind: 'openUrl', data: {}, url: String(action.url ?? '') });
      emit(indent, `${style.bold(`[${number}]`)} ${terminal.cardLabels.link(title, String(action.url ?? ''))}`);
    }
  };

  const addField = (node: Json, indent: number) => {
    const letter = LETTERS[out.fields.length] ?? `${out.fields.length + 1}`;
    const choices = Array.isArray(node.choices)
      ? (node.choices as Json[]).map((c) => ({ title: String(c.title ?? ''), value: String(c.value ?? '') }))
      : undefined;
    const field: CardField = {
      letter,
      id: String(node.id),
      label: String(node.label ?? node.placeholder ?? node.id),
      type: String(node.type),
      value: node.value === undefined || node.value === null ? '' : String(node.value),
      ...(choices ? { choices } : {}),
    };
    out.fields.push(field);
    const required = node.isRequired ? ` (${terminal.cardLabels.required})` : '';
    emit(indent, `${style.bold(`[${letter}]`)} ${field.label}${required}: ${fieldValueText(field)}`);
    // Short lists are shown whole; long ones are listed with "a?".
    if (choices && choices.length <= 6) emit(indent + 4, style.dim(choices.map((c, i) => `${i + 1}. ${c.title}`).join('   ')));
    else if (choices) emit(indent + 4, style.dim(`${terminal.cardLabels.choices(choices.length)}: "${letter}?"`));
  };

  const visit = (node: unknown, indent: number): void => {
    if (Array.isArray(node)) {
      // In a container whose first element is a button row (a choice with its subtitle), what follows the
      // buttons is indented under them.
      const buttonFirst = (node[0] as Json | undefined)?.type === 'ActionSet';
      node.forEach((child, i) => visit(child, buttonFirst && i > 0 ? indent + 4 : indent));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    switch (n.type) {
      case 'TextBlock':
        if (typeof n.text === 'string' && n.text) emit(indent, n.weight === 'Bolder' || n.style === 'heading' ? style.bold(markdownToText(n.text)) : markdownToText(n.text, style));
        return;
      case 'RichTextBlock': {
        const text = ((n.inlines ?? []) as Json[])
          .map((run) => (typeof run === 'string' ? run : run.weight === 'Bolder' ? style.bold(String(run.text ?? '')) : String(run.text ?? '')))
          .join('');
        if (text.trim()) emit(indent, text);
        return;
      }
      case 'FactSet': {
        const facts = ((n.facts ?? []) as Json[]).map((f) => [markdownToText(String(f.title ?? '')), markdownToText(String(f.value ?? ''), style)] as const);
        const width = Math.max(0, ...facts.map(([title]) => title.length));
        for (const [title, value] of facts) emit(indent, `${style.dim(`${title}:`.padEnd(width + 1))} ${value}`);
        return;
      }
      case 'Container':
        if (n.separator) out.lines.push('');
        visit(n.items, indent);
        return;
      case 'ColumnSet':
        for (const column of (n.columns ?? []) as Json[]) visit(column.items, indent);
        return;
      case 'ActionSet':
        for (const action of (n.actions ?? []) as Json[]) addButton(action, indent);
        return;
      default:
        if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') addField(n, indent);
    }
  };

  visit(card.body, 0);
  if (Array.isArray(card.actions) && card.actions.length) {
    out.lines.push('');
    for (const action of card.actions as Json[]) addButton(action, 0);
  }
  return out;
}

/** How a field's current value reads: a choice by its title, an empty one as "(empty)". */
export function fieldValueText(field: CardField): string {
  if (field.choices) {
    const chosen = field.choices.find((c) => c.value === field.value);
    if (chosen) return chosen.title;
  }
  return field.value === '' ? terminal.cardLabels.empty : field.value;
}

/**
 * Sets a field from what the user typed: a choice by its number, value or title (case-insensitive),
 * anything for a free input. Returns false when a choice field has no such choice.
 */
export function setField(field: CardField, typed: string): boolean {
  const text = typed.trim();
  if (!field.choices) {
    field.value = text;
    return true;
  }
  const lower = text.toLowerCase();
  const byNumber = /^\d+$/.test(text) ? field.choices[Number(text) - 1] : undefined;
  const match =
    byNumber ??
    field.choices.find((c) => c.value.toLowerCase() === lower) ??
    field.choices.find((c) => c.title.toLowerCase() === lower) ??
    field.choices.find((c) => c.title.toLowerCase().startsWith(lower) && lower.length > 0);
  if (!match) return false;
  field.value = match.value;
  return true;
}

/** The `value` of the message a press of `button` sends. */
export function pressValue(card: RenderedCard, button: CardButton): Json {
  const inputs = button.associatedInputs === 'none' ? {} : Object.fromEntries(card.fields.map((f) => [f.id, f.value]));
  return { ...inputs, ...button.data };
}
