// The local Direct Line 3.0 endpoint and the Web Chat page's routes, over HTTP against the real server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/server';
import { webChatBundleFile, webChatEnabled } from '../../channels/webChat';
import { webChatPage } from '../../channels/text';
import { cardsOf, clickValue } from '../support/cardClicks';
import { call, DirectLineClient as Client } from '../support/directLineClient';
import { eachTestBot, transcript, type TestBot } from '../e2e/http';

type Json = Record<string, unknown>;

describe('Direct Line endpoint and Web Chat page', function () {
  let dataDir: string;
  let t: TestBot;
  eachTestBot((bot, dir) => {
    t = bot;
    dataDir = dir;
  });

  it('serves the page and the Web Chat bundle from this server only', async function () {
    const page = await call(`${t.baseUrl}/`);
    assert.equal(page.status, 200, `GET / answers 200: ${page.status}`);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/, 'the page is HTML');
    assert.match(page.text, /<script src="\/webchat\/webchat\.js"><\/script>/, 'the page loads the local Web Chat bundle');
    assert.doesNotMatch(page.text, /src="https?:/, 'the page loads nothing from another host');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/, 'the page allows scripts from this server only');
    const bundle = await fetch(`${t.baseUrl}/webchat/webchat.js`);
    const body = Buffer.from(await bundle.arrayBuffer());
    assert.equal(bundle.status, 200, 'the bundle is served');
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/, 'the bundle is served as JavaScript');
    assert.equal(body.length, fs.statSync(webChatBundleFile()!).size, "the bundle is the botframework-webchat package's prebuilt webchat.js");
    const script = await call(`${t.baseUrl}/webchat/page.js`);
    assert.match(script.text, /createDirectLine\(/, "the page's script starts Web Chat over Direct Line");
  });

  it('creates a conversation, says hello, and queues the echo and the bot replies with increasing watermarks', async function () {
    const client = new Client(t.baseUrl);
    await client.start();
    const hello = await client.pollUntilBot();
    assert.match(transcript(hello), /I buy Azure reservations/, `the bot welcomes the new user: ${transcript(hello)}`);
    const afterHello = Number(client.watermark);
    assert.ok(afterHello >= 1, `the watermark counts the activities read: ${client.watermark}`);
    assert.deepEqual(await client.poll(), [], 'nothing new after the watermark');

    const id = await client.post({ type: 'message', text: 'buy', from: { id: 'demo-anna' }, channelData: { clientActivityID: 'client-1' } });
    const turn = await client.poll();
    assert.ok(Number(client.watermark) > afterHello, 'the watermark moved on');
    const [echo, ...replies] = turn;
    assert.equal(echo?.id, id, `the first activity is the echo of the posted one: ${JSON.stringify(turn).slice(0, 500)}`);
    assert.equal(echo?.text, 'buy', 'the echo has the text');
    assert.equal((echo?.channelData as Json | undefined)?.clientActivityID, 'client-1', "the echo keeps Web Chat's clientActivityID");
    assert.equal(echo?.from?.role, 'user', 'the echo is from the user');
    assert.match(String(echo?.from?.id), /^webchat-/, `the user id is assigned by the endpoint, not taken from the client: ${echo?.from?.id}`);
    assert.ok(replies.length > 0, 'the bot answered before the POST returned');
    for (const reply of replies) {
      assert.equal(reply.from?.role, 'bot', `a reply is from the bot: ${JSON.stringify(reply).slice(0, 300)}`);
      assert.equal(reply.replyToId, id, 'a reply answers the posted activity');
      assert.equal(reply.serviceUrl, undefined, 'the connector address (with its secret) is not shown to clients');
    }
    // The user is unknown to the directory (whatever "from" the client claimed): the demo agent picker.
    assert.match(transcript(replies), /choose who you want to act as/, `unknown user: the bot offers the demo agents: ${transcript(replies)}`);
    const card = replies.flatMap((a) => cardsOf(a)).pop();
    assert.ok(card, 'the picker is a card');
    await client.post({ type: 'message', value: clickValue(card, 'Anna de Vries') });
    assert.match(transcript(await client.poll()), /You are now acting as \*\*Anna de Vries\*\*/, 'a click on the card is a submit the bot understands');

    // Reading again from an old watermark gives the same activities again.
    const again = await call(`${t.baseUrl}/v3/directline/conversations/${client.conversationId}/activities?watermark=${afterHello}`, { token: client.token });
    assert.equal((again.json.activities as unknown[]).length, Number(client.watermark) - afterHello, 'an old watermark replays what came after it');
  });

  it("replaces an answered card when the bot updates it: the same id and timestamp again after the watermark, now one line", async function () {
    const client = new Client(t.baseUrl);
    await client.start();
    await client.pollUntilBot();
    await client.post({ type: 'message', text: 'buy' });
    await client.post({ type: 'message', value: clickValue(cardsOf((await client.poll()).pop()!)[0]!, 'Anna de Vries') });
    await client.poll();
    await client.post({ type: 'message', text: 'buy' });
    const customerCard = (await client.poll()).find((a) => cardsOf(a).length > 0);
    assert.ok(customerCard?.id, 'the customer question is a card with an id');
    await client.post({ type: 'message', value: clickValue(cardsOf(customerCard)[0]!, 'Contoso Retail B.V.') });
    const turn = await client.poll();
    const replaced = turn.filter((a) => a.id === customerCard.id);
    assert.deepEqual(
      replaced.map((a) => ({ text: a.text, attachments: a.attachments ?? [], timestamp: a.timestamp, role: a.from?.role })),
      [{ text: '✓ Customer: Contoso Retail B.V.', attachments: [], timestamp: customerCard.timestamp, role: 'bot' }],
      `the card comes again as its summary: ${JSON.stringify(turn).slice(0, 800)}`,
    );
    assert.match(transcript(turn), /Which segment\?/, 'and the next question follows');

    const connector = `${t.baseUrl}/directline/connector/guess/v3/conversations/${client.conversationId}/activities/${encodeURIComponent(customerCard.id)}`;
    const forged = await call(connector, { method: 'PUT', body: { type: 'message', text: 'forged' } });
    assert.equal(forged.status, 404, 'an update needs the secret of the serviceUrl the bot was given');
  });

  it('refuses requests without the conversation token, and foreign bot replies', async function () {
    const client = new Client(t.baseUrl);
    await client.start();
    const base = `${t.baseUrl}/v3/directline/conversations`;
    assert.equal((await call(base, { method: 'POST' })).status, 401, 'no bearer token: 401');
    assert.equal((await call(`${base}/${client.conversationId}/activities`, { token: 'wrong' })).status, 403, 'wrong token: 403');
    assert.equal((await call(`${base}/unknown/activities`, { token: client.token })).status, 403, 'unknown conversation: 403');
    const other = new Client(t.baseUrl);
    await other.start();
    assert.equal((await call(`${base}/${other.conversationId}/activities`, { token: client.token })).status, 403, "one conversation's token does not open another");
    assert.equal(
      (await call(`${base}/${client.conversationId}/activities`, { method: 'POST', token: client.token, body: { text: 'no type' } })).status,
      400,
      'an activity without a type: 400',
    );
    const forged = await call(`${t.baseUrl}/directline/connector/guess/v3/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      body: { type: 'message', text: 'forged bot reply' },
    });
    assert.equal(forged.status, 404, 'the connector route needs the secret of the serviceUrl the bot was given');
    const all = await client.pollUntilBot();
    assert.doesNotMatch(transcript(all), /forged bot reply/, 'nothing forged reached the queue');
  });

  it('has no bundle to serve where botframework-webchat is not installed (npm ci --omit=dev)', function () {
    const notInstalled = () => {
      throw Object.assign(new Error("Cannot find module 'botframework-webchat'"), { code: 'MODULE_NOT_FOUND' });
    };
    assert.equal(webChatBundleFile(notInstalled), undefined, 'no package, no bundle (and so no page)');
    assert.ok(webChatBundleFile()?.endsWith(path.join('botframework-webchat', 'dist', 'webchat.js')), `installed: its dist/webchat.js (${webChatBundleFile()})`);
  });

  it('is on in demo mode and off with an app id, unless WEB_CHAT says otherwise', async function () {
    assert.equal(webChatEnabled({ demoMode: true }), true, 'demo mode: on');
    assert.equal(webChatEnabled({ demoMode: true, WEB_CHAT: 'off' }), false, 'WEB_CHAT=off: off');
    assert.equal(webChatEnabled({ demoMode: false, WEB_CHAT: 'auto' }), false, 'an app id: off');
    assert.equal(webChatEnabled({ demoMode: false, WEB_CHAT: 'on' }), true, 'an app id and WEB_CHAT=on: on');

    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, MicrosoftAppId: '00000000-0000-4000-8000-00000000abcd', MicrosoftAppPassword: 'x' });
    await t.stop();
    let bot: RunningBot | undefined;
    try {
      bot = await startBot(config, () => undefined);
      const base = `http://127.0.0.1:${bot.port}`;
      const page = await call(`${base}/`);
      assert.equal(page.status, 404, 'with an app id, GET / is not the page');
      assert.equal(page.text, webChatPage.disabled, 'GET / says why the page is off');
      const start = await call(`${base}/v3/directline/conversations`, { method: 'POST', token: 'x' });
      assert.ok(start.status === 404 || start.status === 405, `with an app id there is no Direct Line endpoint: ${start.status}`);
    } finally {
      await bot?.close();
    }
  });
});
