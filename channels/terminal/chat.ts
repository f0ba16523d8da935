// npm run chat [-- --url URL] [-- --as USER_ID]: an interactive chat with the bot in the terminal.
// Without --url the bot runs in this process on the embedded store (DATA_DIR), in demo mode; with
// --url it talks to a running bot's /api/messages (which must run without MicrosoftAppId). Replies come
// back in the HTTP response (deliveryMode expectReplies), cards are shown as text with numbered buttons
// and lettered fields (./cardText.ts). Works on a TTY and on pipes (no prompt echo, no colours there).
import 'dotenv/config';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import { channelTexts, systemLocale } from '../text';
import { ansiStyle, fieldValueText, markdownToText, plainStyle, pressValue, renderCard, setField, type RenderedCard, type TextStyle } from './cardText';

/** The chat speaks the terminal's language (LANG), and so does the bot: every activity carries that locale. */
const chatLocale = systemLocale();
const terminal = channelTexts(chatLocale).terminal;

type Json = Record<string, unknown>;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface ChatOptions {
  /** The bot's base URL (http://host:port), /api/messages is appended. */
  baseUrl: string;
  userId: string;
  input: Readable;
  output: Writable;
  /** ANSI bold/dim (a TTY without NO_COLOR). */
  color: boolean;
  /** Readline's terminal mode: echo and line editing (a TTY). */
  tty: boolean;
  banner: string;
}

/** Runs the chat until /quit or the end of the input. */
export async function runChat(options: ChatOptions): Promise<void> {
  const style: TextStyle = options.color ? ansiStyle : plainStyle;
  const conversationId = `terminal-${randomBytes(8).toString('hex')}`;
  let sequence = 0;
  let latest: RenderedCard | undefined;
  const write = (text: string) => options.output.write(`${text}\n`);

  const activity = (extra: Json): Json => ({
    id: `${conversationId}-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'terminal',
    serviceUrl: 'http://127.0.0.1:9', // never called: the replies come back in the response
    from: { id: options.userId, name: options.userId },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
    locale: chatLocale,
    ...extra,
  });

  const showReplies = (replies: Partial<Activity>[]) => {
    for (const reply of replies) {
      if (reply.type !== 'message') continue;
      if (reply.text) write(`${style.bold(terminal.botPrefix)}${markdownToText(reply.text, style)}`);
      for (const attachment of reply.attachments ?? []) {
        if (attachment.contentType !== ADAPTIVE_CARD) continue;
        const card = renderCard(attachment.content as Json, style);
        write('');
        for (const line of card.lines) write(`  ${line}`);
        write('');
        if (card.buttons.length || card.fields.length) latest = card;
      }
    }
  };

  const send = async (extra: Json) => {
    try {
      const res = await fetch(`${options.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity(extra)),
      });
      const body = await res.text();
      if (!res.ok) {
        write(terminal.requestFailed(`HTTP ${res.status} ${body.slice(0, 300)}`));
        return;
      }
      const replies = (body ? (JSON.parse(body) as { activities?: Partial<Activity>[] }).activities : []) ?? [];
      showReplies(replies);
    } catch (error) {
      write(terminal.requestFailed(error instanceof Error ? error.message : String(error)));
    }
  };

  /** One line the user typed; true to leave. */
  const handle = async (raw: string): Promise<boolean> => {
    const line = raw.trim();
    if (!line) return false;
    if (/^\/(quit|exit)$/i.test(line)) return true;
    if (/^\/help$/i.test(line)) {
      write(terminal.help);
      return false;
    }
    if (/^\/card$/i.test(line)) {
      if (latest) for (const l of renderLatest(latest, style)) write(`  ${l}`);
      else write(terminal.noCard);
      return false;
    }
    const number = /^\d+$/.test(line) ? Number(line) : undefined;
    if (number !== undefined && latest && number >= 1 && number <= latest.buttons.length) {
      const button = latest.buttons[number - 1]!;
      if (button.kind === 'openUrl') {
        write(terminal.cardLabels.link(button.title, button.url ?? ''));
        return false;
      }
      write(style.dim(terminal.pressed(button.title)));
      await send({ type: 'message', value: pressValue(latest, button) });
      return false;
    }
    const assignment = /^([a-z])\s*=\s*(.*)$/i.exec(line);
    const question = /^([a-z])\?$/i.exec(line);
    const letter = (assignment ?? question)?.[1]?.toLowerCase();
    if (letter) {
      const field = latest?.fields.find((f) => f.letter === letter);
      if (!field) {
        write(latest ? terminal.unknownField(letter) : terminal.noCard);
        return false;
      }
      if (question) {
        if (!field.choices) write(terminal.notAChoiceField(field.label));
        else {
          write(terminal.choicesOf(field.label));
          field.choices.forEach((c, i) => write(`  ${i + 1}. ${c.title}`));
        }
        return false;
      }
      if (setField(field, assignment![2]!)) write(terminal.fieldSet(field.label, fieldValueText(field)));
      else write(terminal.noSuchChoice(assignment![2]!, field.label, letter));
      return false;
    }
    await send({ type: 'message', text: line });
    return false;
  };

  write(options.banner);
  await send({ type: 'conversationUpdate', membersAdded: [{ id: options.userId, name: options.userId }] });

  // On a TTY readline shows the prompt and echoes what is typed; on a pipe the line read is written
  // after the prompt instead, so that the output reads as a transcript.
  const rl = readline.createInterface({ input: options.input, output: options.tty ? options.output : undefined, terminal: options.tty, prompt: terminal.prompt });
  if (options.tty) rl.prompt();
  try {
    for await (const line of rl) {
      if (!options.tty) write(`${terminal.prompt}${line}`);
      if (await handle(line)) break;
      if (options.tty) rl.prompt();
    }
  } finally {
    rl.close();
  }
  write(terminal.bye);
}

function renderLatest(card: RenderedCard, style: TextStyle): string[] {
  // Re-rendering from the original card would lose the values typed since: show the lines, then the fields.
  const fields = card.fields.map((f) => `${style.bold(`[${f.letter}]`)} ${f.label}: ${fieldValueText(f)}`);
  return [...card.lines, ...(fields.length ? ['', terminal.cardLabels.fields, ...fields] : [])];
}

// ---- command line ----------------------------------------------------------------------------

interface Args {
  url?: string;
  as?: string;
  help?: boolean;
  unknown?: string;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--url') args.url = argv[++i];
    else if (arg.startsWith('--url=')) args.url = arg.slice('--url='.length);
    else if (arg === '--as') args.as = argv[++i];
    else if (arg.startsWith('--as=')) args.as = arg.slice('--as='.length);
    else if (arg === '--help' || arg === '-h') args.help = true;
    else args.unknown ??= arg;
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.unknown) {
    (args.unknown ? console.error : console.log)(terminal.usage);
    process.exit(args.unknown ? 2 : 0);
  }
  const userId = args.as || `terminal-${os.userInfo().username || 'user'}`;
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  let close = async () => undefined as void;
  let baseUrl: string;
  let banner: string;
  if (args.url) {
    baseUrl = args.url.replace(/\/+$/, '').replace(/\/api\/messages$/, '');
    banner = terminal.banner(terminal.remote(baseUrl));
  } else {
    // In this process: the same composition as npm start, on an ephemeral port, always in demo mode.
    const { loadConfig } = await import('../../bot/config');
    const { startBot } = await import('../../bot/server');
    const config = loadConfig({ ...process.env, PORT: '0', MicrosoftAppId: '', MicrosoftAppPassword: '', NODE_ENV: '', WEB_CHAT: 'off' });
    const bot = await startBot(config, (line) => process.stderr.write(`${line}\n`));
    baseUrl = `http://127.0.0.1:${bot.port}`;
    banner = terminal.banner(terminal.inProcess(config.databaseFile));
    close = () => bot.close();
  }
  try {
    await runChat({ baseUrl, userId, input: process.stdin, output: process.stdout, color, tty, banner });
  } finally {
    await close();
  }
  process.exit(0);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
