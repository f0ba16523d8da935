// `npm run chat`, driven as a person would: in a terminal (a pseudo-terminal from node-pty, its screen kept
// by xterm.js's headless terminal, both npm packages, so no system program is needed; the bot in-process
// on a fresh embedded store, the demo agent picker, cards answered by number and fields by letter), and
// over plain pipes against a running bot (--url, --as a directory agent). Both complete a purchase and
// check the order number the chat shows against the store.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { spawn as spawnInTerminal } from '@lydell/node-pty';
import { Terminal } from '@xterm/headless';
import Database from 'better-sqlite3';
import { markdownToText, pressValue, renderCard, setField } from '../../channels/terminal/cardText';
import { CONTOSO_RETAIL, CONTOSO_RETAIL_PRODUCTION, VIRTUAL_MACHINES, makeDataDir, removeDataDir, startTestBot, type TestBot } from '../e2e/http';

const ROOT = path.resolve(__dirname, '..', '..');
const WAIT_MS = 30_000;
const COLUMNS = 160;
const ROWS = 50;

/** A terminal (or pipe) with the chat in it: type a line, read everything shown so far. */
interface Screen {
  type(line: string): Promise<void>;
  text(): string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drives a purchase through a chat screen, reading button numbers and field letters off the screen. */
class ChatDriver {
  private marker = '';
  /** The last line sent to the bot: the latest card is after it (filling a field sends nothing). */
  private cardMarker = '';
  constructor(private readonly screen: Screen) {}

  /** What was shown since `marker` was typed. */
  private since(marker: string): string {
    const text = this.screen.text();
    const at = marker ? text.lastIndexOf(marker) : 0;
    return at < 0 ? '' : text.slice(at);
  }

  async expect(pattern: RegExp, step: string, marker = this.marker): Promise<RegExpExecArray> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const match = pattern.exec(this.since(marker));
      if (match) return match;
      if (Date.now() > deadline) assert.fail(`${step}: the chat did not show ${pattern} within ${WAIT_MS} ms; it shows:\n${this.screen.text().slice(-4000)}`);
      await sleep(100);
    }
  }

  async say(line: string, { local = false } = {}): Promise<void> {
    this.marker = `you> ${line}`;
    if (!local) this.cardMarker = this.marker;
    await this.screen.type(line);
    await this.expect(new RegExp(escapeRegExp(this.marker)), `echo of "${line}"`);
  }

  /** Presses the (first) button titled `title` of the latest card by typing its number. */
  async press(title: string, step: string): Promise<void> {
    const match = await this.expect(new RegExp(`\\[(\\d+)\\] ${escapeRegExp(title)}\\s*$`, 'm'), `${step}: button "${title}"`, this.cardMarker);
    await this.say(match[1]!);
  }

  async fill(label: RegExp, value: string, step: string): Promise<void> {
    const match = await this.expect(new RegExp(`\\[([a-z])\\] ${label.source}`, 'm'), `${step}: field ${label}`);
    await this.say(`${match[1]}=${value}`, { local: true });
  }
}

/** The purchase both tests make; returns the order number the chat showed. */
async function purchase(chat: ChatDriver, { picker }: { picker: boolean }): Promise<string> {
  await chat.expect(/I buy Azure reservations/, 'welcome');
  if (picker) {
    await chat.say('buy');
    await chat.expect(/choose who you want to act as/, 'unknown user');
    await chat.press('Anna de Vries', 'act as');
    await chat.expect(/You are now acting as Anna de Vries/, 'act as');
  }
  await chat.say('buy');
  await chat.expect(/Which customer are you buying for\?/, 'buy');
  await chat.press(CONTOSO_RETAIL, 'customer');
  await chat.expect(/Which segment\?/, 'customer');
  await chat.press('Commercial', 'segment');
  await chat.press(VIRTUAL_MACHINES, 'reservation type');
  await chat.press(CONTOSO_RETAIL_PRODUCTION, 'subscription');
  await chat.expect(/Apply filters/, 'subscription');
  await chat.press('Standard_DS1_v2 · 1 year', 'item');
  await chat.expect(/How many instances\?/, 'item');
  await chat.fill(/Quantity/, '2', 'quantity');
  await chat.expect(/Quantity \(number of instances[^)]*\): 2/, 'quantity typed');
  await chat.press('Add to cart', 'quantity');
  await chat.expect(/Added to the cart: 2 × /, 'add to cart');
  await chat.press('Review the cart', 'next');
  await chat.expect(/Review your order/, 'review');
  await chat.press('Buy', 'review');
  await chat.expect(/Order placed/, 'buy');
  const number = await chat.expect(/Order number:\s+(\S+)/, 'confirmation');
  return number[1]!;
}

function ordersIn(dataDir: string): { id: string; quantity: number }[] {
  const db = new Database(path.join(dataDir, 'partner-center.db'), { readonly: true });
  try {
    return db.prepare('SELECT o.id, SUM(l.quantity) AS quantity FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id').all() as {
      id: string;
      quantity: number;
    }[];
  } finally {
    db.close();
  }
}

describe('terminal chat (npm run chat)', function () {
  this.timeout(120_000);

  it('in a terminal: the in-process bot, the demo agent picker, a whole purchase by numbers and letters', async function () {
    const dataDir = makeDataDir();
    const terminal = new Terminal({ cols: COLUMNS, rows: ROWS, scrollback: 100_000, allowProposedApi: true });
    const chatProcess = spawnInTerminal('npm', ['run', 'chat'], {
      name: 'xterm-256color',
      cols: COLUMNS,
      rows: ROWS,
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    chatProcess.onData((data) => terminal.write(data));
    const screen: Screen = {
      // What the screen and its scrollback show, a line wrapped at the edge joined again.
      text: () => {
        const lines: string[] = [];
        const buffer = terminal.buffer.active;
        for (let y = 0; y < buffer.length; y++) {
          const line = buffer.getLine(y)!;
          if (line.isWrapped && lines.length) lines[lines.length - 1] += line.translateToString(true);
          else lines.push(line.translateToString(true));
        }
        return lines.join('\n');
      },
      type: async (line) => void chatProcess.write(`${line}\r`),
    };
    try {
      const chat = new ChatDriver(screen);
      await chat.expect(/terminal chat \(in-process/, 'start');
      const shown = await purchase(chat, { picker: true });
      const orders = ordersIn(dataDir);
      assert.deepEqual(orders, [{ id: shown, quantity: 2 }], `the chat shows the number of the one order in the store: ${shown}`);
      await chat.say('/quit');
      await chat.expect(/^Bye\.$/m, 'quit');
      fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'test-results', 'terminal-chat.txt'), screen.text());
    } finally {
      chatProcess.kill();
      terminal.dispose();
      removeDataDir(dataDir);
    }
  });

  describe('over pipes', function () {
    let dataDir: string;
    let t: TestBot;
    let child: ChildProcessWithoutNullStreams | undefined;

    beforeEach(async function () {
      dataDir = makeDataDir();
      t = await startTestBot(dataDir);
    });

    afterEach(async function () {
      if (child && child.exitCode === null) child.kill();
      await t?.stop();
      removeDataDir(dataDir);
    });

    it('against a running bot (--url), as a directory agent (--as): a whole purchase, then the end of the input ends the chat', async function () {
      child = spawn('npm', ['run', '--silent', 'chat', '--', '--url', t.baseUrl, '--as', 'demo-anna'], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
      const chat = new ChatDriver({ text: () => output, type: async (line) => void child!.stdin.write(`${line}\n`) });
      await chat.expect(/terminal chat \(bot at http:\/\/127\.0\.0\.1:\d+\)/, 'start');
      const shown = await purchase(chat, { picker: false });
      assert.deepEqual(ordersIn(dataDir), [{ id: shown, quantity: 2 }], `the chat shows the number of the one order in the store: ${shown}`);
      assert.doesNotMatch(output, /\u001b\[/, 'no colour codes on a pipe');
      child.stdin.end();
      assert.equal(await exited, 0, `the chat ends with the input: ${output.slice(-500)}`);
      assert.match(output, /Bye\.\n$/, 'and says goodbye');
    });
  });

  describe('cards as text', function () {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Pick one \\*now\\*', wrap: true },
        { type: 'Container', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'First', associatedInputs: 'none', data: { action: 'pick', value: '1' } }] }, { type: 'TextBlock', text: 'the first' }] },
        { type: 'FactSet', facts: [{ title: 'Region', value: 'West Europe' }] },
        { type: 'Input.ChoiceSet', id: 'term', label: 'Term', value: 'P1Y', choices: [{ title: '1 year', value: 'P1Y' }, { title: '3 years', value: 'P3Y' }] },
        { type: 'Input.Number', id: 'qty', label: 'Quantity', value: 1 },
      ],
      actions: [
        { type: 'Action.Submit', title: 'Go', data: { action: 'go' } },
        { type: 'Action.OpenUrl', title: 'Portal', url: 'https://portal.azure.com' },
      ],
    };

    it('numbers the buttons, letters the inputs, and indents what belongs to a button', function () {
      const r = renderCard(card);
      assert.deepEqual(
        r.lines,
        [
          'Pick one *now*',
          '[1] First',
          '    the first',
          'Region: West Europe',
          '[a] Term: 1 year',
          '    1. 1 year   2. 3 years',
          '[b] Quantity: 1',
          '',
          '[2] Go',
          '[3] Portal: https://portal.azure.com',
        ],
        'the card reads as text',
      );
      assert.deepEqual(r.buttons.map((b) => [b.number, b.title, b.kind]), [[1, 'First', 'submit'], [2, 'Go', 'submit'], [3, 'Portal', 'openUrl']], 'buttons in order');
      assert.deepEqual(r.fields.map((f) => [f.letter, f.id]), [['a', 'term'], ['b', 'qty']], 'fields in order');
    });

    it('sends what a channel sends: inputs as strings merged with the data, or the data alone for associatedInputs none', function () {
      const r = renderCard(card);
      assert.equal(setField(r.fields[0]!, '2'), true, 'a choice by its number');
      assert.equal(setField(r.fields[1]!, '5'), true, 'a free input');
      assert.deepEqual(pressValue(r, r.buttons[1]!), { term: 'P3Y', qty: '5', action: 'go' }, 'Go sends the inputs and its data');
      assert.deepEqual(pressValue(r, r.buttons[0]!), { action: 'pick', value: '1' }, 'First sends its data only');
      assert.equal(setField(r.fields[0]!, '1 YEAR'), true, 'a choice by its title');
      assert.equal(r.fields[0]!.value, 'P1Y', 'the title picks its value');
      assert.equal(setField(r.fields[0]!, 'ten years'), false, 'no such choice');
      assert.equal(markdownToText('**Anna** \\(admin\\)'), 'Anna (admin)', 'markdown is read, not shown');
    });
  });
});
