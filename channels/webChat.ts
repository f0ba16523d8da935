// The local Web Chat page: GET / serves a page embedding Bot Framework Web Chat (the prebuilt bundle of
// the botframework-webchat package, served from node_modules, never from a CDN) that talks to the bot
// through our own Direct Line endpoint (./directLine.ts). Embedded/demo mode only: with a
// MicrosoftAppId the page is off unless WEB_CHAT=on. botframework-webchat is a development package: a
// production install (npm ci --omit=dev) has no page, says so in the log and on GET /, and the bot and
// its real channels run as usual. The page speaks the browser's language (its
// Accept-Language: Dutch or English, from the message catalogues) and tells Web Chat that locale, which
// Web Chat sends on every activity, so the bot answers in the same language.
import fs from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Config } from '../bot/config';
import { DIRECT_LINE_PATH, DirectLine } from './directLine';
import { channelTexts, webChatPage, type ChannelTexts } from './text';
import { catalogueFor, catalogues } from '../src/i18n';

export const WEB_CHAT_BUNDLE_PATH = '/webchat/webchat.js';
const PAGE_SCRIPT_PATH = '/webchat/page.js';

export interface WebChatOptions {
  config: Pick<Config, 'demoMode'> & { WEB_CHAT?: string };
  /** One bot turn (PurchaseBot.run). */
  run: (context: TurnContext) => Promise<void>;
  onTurnError?: CloudAdapter['onTurnError'];
  log?: (line: string) => void;
}

/** Asked for: on by default in demo mode (no MicrosoftAppId); WEB_CHAT=on or off overrides. */
function webChatWanted(config: WebChatOptions['config']): boolean {
  const setting = (config.WEB_CHAT ?? 'auto').toLowerCase();
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return config.demoMode;
}

/** Asked for, and botframework-webchat installed. */
export function webChatEnabled(config: WebChatOptions['config']): boolean {
  return webChatWanted(config) && webChatBundleFile() !== undefined;
}

/**
 * Mounts GET / (the page), the Web Chat bundle and the Direct Line endpoint on the bot's server.
 * Returns the Direct Line endpoint, or undefined when the page is off (GET / then says why).
 */
export function mountWebChat(server: restify.Server, options: WebChatOptions): DirectLine | undefined {
  const log = options.log ?? console.log;
  if (!webChatEnabled(options.config)) {
    const notInstalled = webChatWanted(options.config);
    if (notInstalled) log('Web Chat page off: the botframework-webchat package is not installed (a development package: npm install brings it, npm ci --omit=dev leaves it out).');
    server.get('/', (req, res, next) => {
      const texts = channelTexts(preferredLocale(req)).webChatPage;
      sendText(res, 404, 'text/plain; charset=utf-8', notInstalled ? texts.notInstalled : texts.disabled);
      next();
    });
    return undefined;
  }

  const directLine = new DirectLine({
    run: options.run,
    onTurnError: options.onTurnError,
    log,
    botName: webChatPage.botName,
    userName: webChatPage.userName,
  });
  directLine.mount(server);

  const pages = new Map(catalogues.map((c) => [c.locale, pageHtml(c.channels.webChatPage, c.locale)]));
  server.get('/', (req, res, next) => {
    res.header('Vary', 'Accept-Language');
    sendText(res, 200, 'text/html; charset=utf-8', pages.get(catalogueFor(preferredLocale(req)).locale)!);
    next();
  });
  server.get(PAGE_SCRIPT_PATH, (_req, res, next) => {
    sendText(res, 200, 'text/javascript; charset=utf-8', PAGE_SCRIPT);
    next();
  });
  server.get('/favicon.ico', (_req, res, next) => {
    res.send(204);
    next();
  });
  const bundleFile = webChatBundleFile()!;
  let bundle: Buffer | undefined;
  server.get(WEB_CHAT_BUNDLE_PATH, (_req, res, next) => {
    bundle ??= fs.readFileSync(bundleFile);
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': bundle.length,
      'cache-control': 'public, max-age=3600',
    });
    res.end(bundle);
    next();
  });

  return directLine;
}

/** The prebuilt bundle shipped in the botframework-webchat package; undefined when the package is not installed. */
export function webChatBundleFile(resolve: (id: string) => string = require.resolve): string | undefined {
  let entry: string;
  try {
    entry = resolve('botframework-webchat');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  // The package's exports map hides package.json; its CommonJS entry is lib/index.js.
  return path.join(path.dirname(entry), '..', 'dist', 'webchat.js');
}

function sendText(res: restify.Response, status: number, contentType: string, body: string): void {
  const buffer = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': buffer.length,
    'cache-control': 'no-store',
    // Everything the page uses comes from this server; Web Chat styles itself inline.
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(buffer);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The browser's first language with a catalogue (Accept-Language: "nl-NL,nl;q=0.9,en;q=0.8" → "nl-NL"), else its first. */
export function preferredLocale(req: Pick<restify.Request, 'headers'>): string | undefined {
  const header = req.headers['accept-language'];
  const tags = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter(Boolean)
    .slice(0, 20);
  return tags.find((tag) => catalogueFor(tag) !== catalogueFor(undefined)) ?? tags[0];
}

function pageHtml(webChatPage: ChannelTexts['webChatPage'], locale: string): string {
  const settings = {
    locale,
    directLinePath: DIRECT_LINE_PATH,
    userName: webChatPage.userName,
    sendBoxPlaceholder: webChatPage.sendBoxPlaceholder,
    loadFailed: webChatPage.loadFailed,
    botAvatarInitials: webChatPage.botAvatarInitials,
    userAvatarInitials: webChatPage.userAvatarInitials,
  };
  // JSON inside a non-executed script element: "<" escaped so that no text can close the element.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${escapeHtml(webChatPage.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(webChatPage.title)}</title>
<style>
  html, body { height: 100%; margin: 0; font-family: "Segoe UI", system-ui, sans-serif; background: #f3f2f1; }
  body { display: flex; flex-direction: column; }
  header { padding: 10px 16px; background: #0078d4; color: #fff; }
  header h1 { margin: 0; font-size: 18px; font-weight: 600; }
  header p { margin: 2px 0 0; font-size: 12px; opacity: .9; }
  main { flex: 1; min-height: 0; display: flex; justify-content: center; }
  #webchat { flex: 1; max-width: 900px; background: #fff; box-shadow: 0 0 4px rgba(0,0,0,.15); }
  #webchat-error { color: #a4262c; padding: 16px; }
</style>
</head>
<body>
<header><h1>${escapeHtml(webChatPage.heading)}</h1><p>${escapeHtml(webChatPage.intro)}</p></header>
<main><div id="webchat" role="main"></div></main>
<script type="application/json" id="webchat-settings">${json}</script>
<script src="${WEB_CHAT_BUNDLE_PATH}"></script>
<script src="${PAGE_SCRIPT_PATH}"></script>
</body>
</html>
`;
}

/** The page's own script: Web Chat over the local Direct Line endpoint, polling (no WebSocket). */
const PAGE_SCRIPT = `(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('webchat-settings').textContent);
  var host = document.getElementById('webchat');
  try {
    var directLine = window.WebChat.createDirectLine({
      domain: window.location.origin + settings.directLinePath,
      token: 'local-demo',
      webSocket: false,
      pollingInterval: 300
    });
    window.WebChat.renderWebChat({
      directLine: directLine,
      locale: settings.locale,
      username: settings.userName,
      overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: settings.sendBoxPlaceholder },
      styleOptions: { hideUploadButton: true, botAvatarInitials: settings.botAvatarInitials, userAvatarInitials: settings.userAvatarInitials, bubbleMaxWidth: 600 }
    }, host);
  } catch (error) {
    var p = document.createElement('p');
    p.id = 'webchat-error';
    p.textContent = settings.loadFailed + ' ' + (error && error.message ? error.message : String(error));
    host.appendChild(p);
  }
})();
`;
