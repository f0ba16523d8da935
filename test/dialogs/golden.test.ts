// The golden transcripts (test/dialogs/golden/<locale>.md): whole conversations written out as the
// agent types and clicks and as the bot answers, cards drawn as text (test/support/transcript.ts). Each
// section runs as a test on its own copy of the demo world, its activities in the file's locale, with a
// fixed clock; the bot's replies must equal the file's text, line for line.
//
// In a transcript block, a line starting with "> " is what the agent does, everything up to the next
// such line is what the bot answers:
//   > buy                                      types "buy"
//   > [Contoso Retail B.V.]                    clicks that button on the latest card
//   > [Add to cart] {Quantity (…): 3}          fills the card's input of that label, then clicks
//   > [Select] of Standard_D2s_v5              clicks the Select of the row that shows that line
// Order numbers are random, so they read "<order 1>", "<order 2>"… in the order they were made.
//
// After a deliberate change of what the bot says, `GOLDEN_UPDATE=1 npx mocha test/dialogs/golden.test.ts`
// writes the bot's replies into the files; review that diff as a product change before committing it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { demoCustomers } from '../../src/store/demoIds';
import { choicesOf, inputsOf, type Button } from '../support/cardClicks';
import { cardLines, repliesAsText } from '../support/transcript';
import { Conversation } from './conversation';
import { dutch, english, type Lang } from './lang';

const folder = path.join(__dirname, 'golden');
const update = process.env.GOLDEN_UPDATE === '1';
/** Every order in the transcripts is placed at this instant (the confirmation and the history show it). */
const now = new Date('2026-03-02T09:30:00Z');

const contosoRetailUnderMca = (c: Conversation) =>
  c.world!.db.prepare("UPDATE customers SET agreement = 'confirmed' WHERE id = ?").run(demoCustomers.contosoRetail);
const padariaWithoutReseller = (c: Conversation) => c.world!.db.prepare('UPDATE customers SET reseller_mpn_id = NULL WHERE id = ?').run(demoCustomers.padaria);

/** The changes to the demo world a section may ask for with a "Setup:" line, by their wording in either file. */
const setups: Record<string, (c: Conversation) => void> = {
  'Contoso Retail B.V. has accepted the Microsoft Customer Agreement (confirmed); its subscriptions stay legacy.': contosoRetailUnderMca,
  'Contoso Retail B.V. heeft de Microsoft-klantovereenkomst geaccepteerd (bevestigd); de abonnementen blijven verouderd.': contosoRetailUnderMca,
  'Padaria Pão Dourado Ltda. has no reseller of record.': padariaWithoutReseller,
  'Padaria Pão Dourado Ltda. heeft geen Partner of Record.': padariaWithoutReseller,
};

interface Section {
  title: string;
  user: string;
  setup?: string;
  /** The transcript block's lines, and where they sit in the file. */
  block: string[];
  start: number;
}

function sectionsOf(lines: string[]): Section[] {
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

/** Runs a section's inputs and returns the block as the bot answered it. */
async function replay(section: Section, lang: Lang): Promise<string[]> {
  const c = new Conversation(section.user, { lang, clock: () => now });
  if (section.setup) {
    const setup = setups[section.setup];
    assert.ok(setup, `unknown setup "${section.setup}"; known: ${Object.keys(setups).join(' | ')}`);
    setup(c);
  }
  const out: string[] = [];
  const orderNames = new Map<string, string>();
  for (const line of section.block.filter((l) => l.startsWith('> '))) {
    const action = line.slice(2);
    if (action.startsWith('[')) await click(c, action);
    else await c.say(action);
    for (const id of c.orderIds()) if (!orderNames.has(id)) orderNames.set(id, `<order ${orderNames.size + 1}>`);
    const masked = (text: string) => [...orderNames].reduce((t, [id, name]) => t.split(id).join(name), text);
    // A card the turn replaced (a settled answer) follows the replies, each line marked "~ ".
    out.push(line, ...repliesAsText(c.replies).map(masked), ...repliesAsText(c.updates).map((l) => `~ ${masked(l)}`));
  }
  c.store.close();
  return out;
}

for (const [locale, lang] of [
  ['en-US', english],
  ['nl-NL', dutch],
] as const) {
  describe(`Golden transcripts, ${locale} (test/dialogs/golden/${locale}.md)`, () => {
    const file = path.join(folder, `${locale}.md`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const sections = sectionsOf(lines);
    const replayed = new Map<Section, string[]>();

    it('has its transcripts', () => assert.ok(sections.length >= 10, `${file} holds ${sections.length} transcripts`));

    for (const section of sections) {
      it(section.title, async () => {
        const actual = await replay(section, lang);
        replayed.set(section, actual);
        if (!update) assert.equal(actual.join('\n'), section.block.join('\n'), `the bot no longer answers as "${section.title}" in ${file} says`);
      });
    }

    if (update) {
      after(() => {
        const out = [...lines];
        for (const section of [...sections].reverse()) {
          const actual = replayed.get(section);
          if (actual) out.splice(section.start, section.block.length, ...actual);
        }
        fs.writeFileSync(file, out.join('\n'));
      });
    }
  });
}
