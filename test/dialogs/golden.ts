// The golden transcripts' replay (test/dialogs/golden/<locale>.md), shared by the transcript test and the
// card layout test (test/cards/teamsLayout.test.ts), which renders every card a replay shows.
import assert from 'node:assert/strict';
import path from 'node:path';
import { demoCustomers } from '../../src/store/demoIds';
import { cardsOf, choicesOf, inputsOf, type Button } from '../support/cardClicks';
import { cardLines, repliesAsText } from '../support/transcript';
import { placeEarlierOrders } from '../support/earlierOrders';
import { Conversation } from './conversation';
import type { Lang } from './lang';

export const goldenFolder = path.join(__dirname, 'golden');
/** Every order in the transcripts is placed at this instant (the confirmation and the history show it). */
const now = new Date('2026-03-02T09:30:00Z');

const contosoRetailUnderMca = (c: Conversation) =>
  c.world!.db.prepare("UPDATE customers SET agreement = 'confirmed' WHERE id = ?").run(demoCustomers.contosoRetail);
const padariaWithoutReseller = (c: Conversation) => c.world!.db.prepare('UPDATE customers SET reseller_mpn_id = NULL WHERE id = ?').run(demoCustomers.padaria);
const twentyThreeEarlierOrders = (c: Conversation) => placeEarlierOrders(c.world!, 23);

/** The changes to the demo world a section may ask for with a "Setup:" line, by their wording in either file. */
const setups: Record<string, (c: Conversation) => void> = {
  'Contoso Retail B.V. has accepted the Microsoft Customer Agreement (confirmed); its subscriptions stay legacy.': contosoRetailUnderMca,
  'Contoso Retail B.V. heeft de Microsoft-klantovereenkomst geaccepteerd (bevestigd); de abonnementen blijven verouderd.': contosoRetailUnderMca,
  'Padaria Pão Dourado Ltda. has no reseller of record.': padariaWithoutReseller,
  'Padaria Pão Dourado Ltda. heeft geen Partner of Record.': padariaWithoutReseller,
  'Contoso Retail B.V. has 23 earlier orders, one a day from 1 February 2026 (order n: n × Standard_D2s_v5; every fifth cancelled).': twentyThreeEarlierOrders,
  'Contoso Retail B.V. heeft 23 eerdere orders, één per dag vanaf 1 februari 2026 (order n: n × Standard_D2s_v5; elke vijfde geannuleerd).': twentyThreeEarlierOrders,
};

export interface Section {
  title: string;
  user: string;
  setup?: string;
  /** The transcript block's lines, and where they sit in the file. */
  block: string[];
  start: number;
}

export function sectionsOf(lines: string[]): Section[] {
  const sections: Section[] = [];
  let current: Partial<Section> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) current = { title: line.slice(3).trim() };
    else if (current && /^User: `[^`]+`/.test(line)) current.user = /^User: `([^`]+)`/.exec(line)![1];
    else if (current && line.startsWith('Setup: ')) current.setup = line.slice('Setup: '.length).trim();
    else if (current && line === '```text') {
      const end = lines.indexOf('```', i + 1);
      assert.ok(end > i, `the transcript of "${current.title}" has no closing \`\`\``);
      assert.ok(current.user, `"${current.title}" names no user (User: \`demo-…\`)`);
      sections.push({ ...(current as Section), block: lines.slice(i + 1, end), start: i + 1 });
      current = undefined;
      i = end;
    }
  }
  return sections;
}

/** The card value a click sends: `{label: value}` fills the input of that label (a choice by its title). */
async function click(c: Conversation, action: string): Promise<void> {
  const m = /^\[(.+?)\]((?: \{[^}]+\})*)(?: of (.+))?$/.exec(action);
  assert.ok(m, `not a click: "> ${action}"`);
  const [, title, fills, row] = m;
  const card = c.lastCard();
  const typed: Record<string, string> = {};
  for (const [, label, value] of fills!.matchAll(/\{(.+?): ([^}]*)\}/g)) {
    const input = inputLabelled(card, label!);
    const choice = input.choices?.find((ch) => ch.title === value);
    typed[input.id] = choice ? choice.value : value!;
  }
  const pick = row ? (b: Button) => (b.row ?? '').split('\n').includes(row) : undefined;
  await c.click(title!, typed, pick);
}

function inputLabelled(card: Record<string, unknown>, label: string): { id: string; choices?: { title: string; value: string }[] } {
  const found: { id: string; choices?: { title: string; value: string }[] }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.label === label) {
      found.push({ id: String(n.id), choices: (n.choices as { title: string; value: string }[] | undefined)?.map((ch) => ({ title: ch.title, value: ch.value })) });
    }
    Object.values(n).forEach(walk);
  };
  walk(card);
  assert.equal(found.length, 1, `the card has ${found.length} inputs labelled "${label}"; it shows:\n${cardLines(card).join('\n')}\ninputs: ${JSON.stringify(inputsOf(card))}, ${JSON.stringify(choicesOf(card))}`);
  return found[0]!;
}

/** Runs a section's inputs: the block as the bot answered it, and every card the bot sent, in order. */
export async function replay(section: Section, lang: Lang): Promise<{ lines: string[]; cards: Record<string, unknown>[] }> {
  const c = new Conversation(section.user, { lang, clock: () => now });
  if (section.setup) {
    const setup = setups[section.setup];
    assert.ok(setup, `unknown setup "${section.setup}"; known: ${Object.keys(setups).join(' | ')}`);
    setup(c);
  }
  const out: string[] = [];
  const cards: Record<string, unknown>[] = [];
  const orderNames = new Map<string, string>();
  for (const line of section.block.filter((l) => l.startsWith('> '))) {
    const action = line.slice(2);
    if (action.startsWith('[')) await click(c, action);
    else await c.say(action);
    for (const id of c.orderIds()) if (!orderNames.has(id)) orderNames.set(id, `<order ${orderNames.size + 1}>`);
    const masked = (text: string) => [...orderNames].reduce((t, [id, name]) => t.split(id).join(name), text);
    // A card the turn replaced (a settled answer) follows the replies, each line marked "~ ".
    out.push(line, ...repliesAsText(c.replies).map(masked), ...repliesAsText(c.updates).map((l) => `~ ${masked(l)}`));
    cards.push(...c.replies.flatMap((r) => cardsOf(r)));
  }
  c.store.close();
  return { lines: out, cards };
}

