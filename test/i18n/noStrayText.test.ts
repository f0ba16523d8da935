// No user-facing English outside the message catalogues (src/i18n/en-US.ts, nl-NL.ts): the code that talks
// to the agent (dialogs, cards, bot, channels, and the rules and service that word verdicts) holds no
// sentence or label of its own, and the card templates hold no words at all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sourcesUnder, strayInSource, strayInTemplate, type Stray } from './strayText';

const root = path.resolve(__dirname, '../..');
const scanned = ['dialogs', 'cards', 'bot', 'channels', 'src/rules', 'src/purchase'];
const templatesDir = 'cards/templates';

/**
 * What the scan may find, and why it is not the agent's text. Kept small: a new entry needs a reason
 * that the text is for developers, operators or logs. Each entry must still match something.
 */
const allowed: { file: string; text?: RegExp; why: string }[] = [
  { file: 'bot/config.ts', why: 'start-up configuration problems, printed for the operator who deploys the bot' },
  { file: 'bot/turnErrors.ts', text: /^` \((?:storage|Partner Center) \$\{/, why: 'parts of the [onTurnError] log line' },
  { file: 'channels/directLine.ts', text: /^'(?:Bot|You)'$/, why: "default account names when the embedding page passes none (the Web Chat page passes the catalogue's)" },
  { file: 'channels/terminal/chat.ts', text: /^'Bot'$/, why: 'the bot account named in the activities the terminal sends; not shown' },
  { file: 'src/purchase/checkoutRetry.ts', text: /^'the (?:order lookup|checkout)'$/, why: 'names the call in a timeout error for the logs' },
];

const isAllowed = (s: Stray) => allowed.some((a) => a.file === s.file && (!a.text || a.text.test(s.text)));
const show = (found: Stray[]) => found.map((s) => `  ${s.file}${s.line ? `:${s.line}` : ''}  ${s.text.slice(0, 160)}`).join('\n');

describe('i18n: no user-facing text outside the catalogues', () => {
  it('the scan finds literals sent to the agent and words in card templates (negative check)', () => {
    const source = [
      "await context.sendActivity('Thanks, your order is placed.');",
      "const card = renderChoiceCard({ title: 'Choose a customer', choices, action: 'pickCustomer', nonce });",
      'const line = `Line ${n}: quantity changed`;',
      "const labels = { scope: 'Shared' };",
    ].join('\n');
    assert.deepEqual(
      strayInSource('dialogs/example.ts', source).map((s) => s.text),
      ["'Thanks, your order is placed.'", "'Choose a customer'", '`Line ${n}: quantity changed`', "'Shared'"],
      'every sentence and label a person reads is found',
    );
    const template = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Total: ${total}' }, { type: 'FactSet', facts: [{ title: '${$root.t.region}', value: 'One-time only' }] }] };
    assert.deepEqual(strayInTemplate('x.json', template).map((s) => s.text), ['Total: ${total}', 'One-time only'], 'words in a template are found');
  });

  it('the scan leaves developer-facing and non-text literals alone', () => {
    const source = [
      "throw new Error('the cart is gone');",
      "log(`[onTurnError] ${id}: something failed`);",
      "if (node.type === 'TextBlock') x();",
      "const id = 'pickCustomer', mime = 'text/html; charset=utf-8', url = 'https://portal.azure.com/x y';",
      "res.send(400, { error: 'The body must be an activity.' });",
      "const sql = 'SELECT id FROM orders WHERE x = ?';",
      "import { x } from '../some module';",
      "type Kind = 'Not text';",
    ].join('\n');
    assert.deepEqual(strayInSource('bot/example.ts', source), [], 'no developer-facing literal is reported');
  });

  it(`${scanned.join(', ')}: every sentence and label comes from the catalogues`, () => {
    const found = scanned
      .flatMap((dir) => sourcesUnder(root, dir))
      .flatMap((file) => strayInSource(file, fs.readFileSync(path.join(root, file), 'utf8')));
    const stray = found.filter((s) => !isAllowed(s));
    assert.deepEqual(stray, [], `user-facing text outside src/i18n (move it into en-US.ts and nl-NL.ts):\n${show(stray)}`);
    const unused = allowed.filter((a) => !found.some((s) => a.file === s.file && (!a.text || a.text.test(s.text))));
    assert.deepEqual(unused, [], `allow-list entries that no longer match anything (remove them): ${unused.map((a) => a.file).join(', ')}`);
  });

  it(`${templatesDir}/*.json: no words, only bindings and punctuation`, () => {
    const files = fs.readdirSync(path.join(root, templatesDir)).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 6, `the card templates are found in ${templatesDir}`);
    const stray = files.flatMap((f) => strayInTemplate(`${templatesDir}/${f}`, JSON.parse(fs.readFileSync(path.join(root, templatesDir, f), 'utf8'))));
    assert.deepEqual(stray, [], `words in card templates (bind them to the catalogue's labels):\n${show(stray)}`);
  });
});
