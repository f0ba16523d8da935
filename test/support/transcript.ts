// A turn's replies as a person reads them, for the golden transcripts (test/dialogs/golden): message
// texts with the markdown escapes removed, and every Adaptive Card drawn as lines of text inside a frame.
// Written here, apart from the product's renderers, so that the transcripts judge the cards from outside.
import type { Activity } from 'botbuilder';
import { cardsOf } from './cardClicks';

type Json = Record<string, unknown>;

/** What a markdown renderer shows for escaped text: the backslash escapes removed (bold stays **bold**). */
export const unescaped = (text: string): string => text.replace(/\\([\\`*_~[\]#<>|{}\-+=.)!])/g, '$1');

/**
 * One card as text: a line per TextBlock, RichTextBlock and fact ("title: value"), `[title]` per button,
 * `{label: value}` per input (with its choices), `--` where a container starts with a separator line.
 */
export function cardLines(card: Json): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    switch (n.type) {
      case 'TextBlock':
        if (typeof n.text === 'string' && n.text !== '') out.push(...unescaped(n.text).split('\n'));
        return;
      case 'RichTextBlock':
        out.push(unescaped(((n.inlines ?? []) as (Json | string)[]).map((r) => (typeof r === 'string' ? r : String(r.text ?? ''))).join('')));
        return;
      case 'FactSet':
        for (const f of (n.facts ?? []) as Json[]) out.push(`${unescaped(String(f.title ?? ''))}: ${unescaped(String(f.value ?? ''))}`);
        return;
      case 'Container':
        if (n.separator) out.push('--');
        visit(n.items);
        return;
      case 'ColumnSet':
        for (const column of (n.columns ?? []) as Json[]) visit(column.items);
        return;
      case 'ActionSet':
        visit(n.actions);
        return;
      case 'Action.Submit':
      case 'Action.Execute':
        out.push(`[${String(n.title ?? '')}]`);
        return;
      case 'Action.OpenUrl':
        out.push(`[${String(n.title ?? '')}](${String(n.url ?? '')})`);
        return;
      default:
        if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(inputLine(n));
    }
  };
  visit(card.body);
  if (Array.isArray(card.actions) && card.actions.length > 0) {
    out.push('--');
    visit(card.actions);
  }
  return out;
}

/** An input as `{label: value}`; a choice list shows the chosen title and, after `|`, every choice. */
function inputLine(n: Json): string {
  const label = String(n.label ?? n.placeholder ?? n.id);
  const value = n.value === undefined || n.value === null ? '' : String(n.value);
  if (!Array.isArray(n.choices)) return `{${label}: ${value}}`;
  const choices = (n.choices as Json[]).map((c) => ({ title: String(c.title ?? ''), value: String(c.value ?? '') }));
  const chosen = choices.find((c) => c.value === value)?.title ?? value;
  return `{${label}: ${chosen} | ${choices.map((c) => c.title).join(' / ')}}`;
}

/** Every reply of a turn: its message text, then each card framed by `+--` lines and `| ` margins. */
export function repliesAsText(replies: Partial<Activity>[]): string[] {
  const out: string[] = [];
  for (const reply of replies) {
    if (reply.text) out.push(...unescaped(reply.text).split('\n'));
    for (const card of cardsOf(reply)) out.push('+--', ...cardLines(card).map((l) => (l === '' ? '|' : `| ${l}`)), '+--');
  }
  return out;
}
