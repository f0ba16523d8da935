// Authentication end to end: the real server with a MicrosoftAppId, validating Bot Framework channel
// tokens with botbuilder's own code against a local OpenID metadata endpoint and test key
// (BotOpenIdMetadata, the only test-specific setting). Every request without a valid token is answered
// 401 and changes nothing; a valid one is processed like in the Emulator.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { LocalBotFrameworkLogin, strangerKey, type TokenOptions } from '../support/botFrameworkTokens';
import {
  Conversation,
  count,
  driveToReview,
  makeDataDir,
  orderNumbersOf,
  postMessages,
  removeDataDir,
  transcript,
  type Reply,
  startConfiguredBot,
  type TestBot,
} from './http';

const APP_ID = '7a1b2c3d-0000-4000-8000-00000000b07a';
const SERVICE_URL = 'http://127.0.0.1:9'; // what Conversation.activity() puts in every activity

type Json = Record<string, unknown>;

async function startAuthenticatedBot(dataDir: string, metadataUrl: string): Promise<TestBot> {
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'never-used-offline',
    BotOpenIdMetadata: metadataUrl,
  });
  assert.equal(config.demoMode, false, 'with an app id the bot is not in demo mode');
  return startConfiguredBot(config, dataDir);
}

/** Every table a request could write to. */
function allCounts(t: TestBot): Record<string, number> {
  return Object.fromEntries(
    ['orders', 'order_lines', 'carts', 'cart_lines', 'checkouts', 'bot_state', 'audit_events', 'subscriptions'].map((table) => [table, count(t, table)]),
  );
}

/**
 * botbuilder's token validation writes to console.error for some refusals (an expired token's stack, the
 * PEM of the key a bad signature was checked with); kept out of the test output, and returned.
 */
function quietBotbuilder(): { restore(): string[] } {
  const original = console.error;
  const lines: string[] = [];
  console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  return {
    restore: () => {
      console.error = original;
      return lines;
    },
  };
}

/** A conversation whose every request carries `Authorization: Bearer <token()>`. */
class AuthenticatedConversation extends Conversation {
  constructor(
    baseUrl: string,
    from: string,
    private readonly token: () => string,
    private readonly logs: string[],
  ) {
    super(baseUrl, from);
  }

  override async sendActivity(activity: Json): Promise<Reply> {
    const res = await postMessages(this.baseUrl, activity, { authorization: `Bearer ${this.token()}` });
    assert.equal(res.status, 200, `an authenticated POST /api/messages answered ${res.status}: ${res.text.slice(0, 500)}\n${this.logs.slice(-3).join('\n')}`);
    const activities = (res.json?.activities ?? []) as Partial<Activity>[];
    this.last = activities;
    return { status: res.status, activities };
  }
}

describe('e2e: authentication with a MicrosoftAppId', function () {
  let login: LocalBotFrameworkLogin;
  let dataDir: string;
  let t: TestBot;

  before(async function () {
    login = await new LocalBotFrameworkLogin().start();
    dataDir = makeDataDir();
    t = await startAuthenticatedBot(dataDir, login.metadataUrl);
  });

  after(async function () {
    await t?.stop();
    await login?.stop();
    removeDataDir(dataDir);
  });

  let quiet: ReturnType<typeof quietBotbuilder>;
  beforeEach(() => {
    quiet = quietBotbuilder();
  });
  afterEach(() => {
    quiet.restore();
  });

  const valid = (over: Partial<TokenOptions> = {}) => login.token({ appId: APP_ID, serviceUrl: SERVICE_URL, ...over });

  it('refuses with 401, and processes nothing, every request without a valid token', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const hello = conv.activity({ text: 'buy for Contoso Retail' });
    const wrongKey = strangerKey();
    const publicPem = login.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    // [what, headers, why botbuilder refused it (from the server's log line)]
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const cases: [string, Record<string, string>, RegExp][] = [
      ['no Authorization header', {}, /no Authorization header/],
      ['an empty Authorization header', { authorization: '' }, /no Authorization header/],
      ['a garbage bearer token', bearer('garbage'), /No valid identity/],
      ['three garbage segments', bearer('aaa.bbb.ccc'), /No valid identity/],
      ['the Basic scheme', { authorization: `Basic ${Buffer.from(`${APP_ID}:secret`).toString('base64')}` }, /No valid identity/],
      ['a valid token under another scheme', { authorization: `Token ${valid()}` }, /No valid identity/],
      ['a valid token with extra words', { authorization: `Bearer ${valid()} extra` }, /No valid identity/],
      // The two below are jsonwebtoken errors: CloudAdapter.process alone answers them 500.
      ['a token signed by a wrong key under the published key id', bearer(valid({ key: wrongKey })), /invalid signature/],
      ['a token signed by a wrong key under an unknown key id', bearer(valid({ key: wrongKey, kid: 'someone-elses-key' })), /Signing Key could not be retrieved/],
      ['an expired token (an hour ago, beyond the 5-minute clock tolerance)', bearer(valid({ expiresIn: -3600 })), /expired/],
      ['a token not valid before an hour from now', bearer(valid({ notBeforeIn: 3600 })), /jwt not active/],
      ['a token for another bot (wrong audience)', bearer(valid({ appId: 'ffffffff-0000-4000-8000-00000000ffff' })), /Invalid AppId/],
      ['a wrong audience with a line break (a forged log line)', bearer(valid({ appId: 'x\n[onTurnError] forged' })), /Invalid AppId passed on token: x \[onTurnError\] forged$/],
      ['a token without an audience', bearer(valid({ appId: '' })), /Invalid AppId/],
      ['a token from another issuer', bearer(valid({ issuer: 'https://evil.example.com' })), /No valid identity/],
      ['a token for another serviceUrl', bearer(valid({ serviceUrl: 'https://evil.example.com/' })), /ServiceUrl claim do not match/],
      ['an unsigned token (alg "none")', bearer(valid({ alg: 'none' })), /jwt signature is required/],
      ['an HS256 token keyed with the public key (algorithm confusion)', bearer(valid({ alg: 'HS256', secret: publicPem })), /invalid algorithm/],
      ['a valid token with its signature cut', bearer(`${valid().split('.').slice(0, 2).join('.')}.`), /jwt signature is required/],
    ];
    const before = allCounts(t);
    const logsBefore = t.logs.length;
    for (const [what, headers, why] of cases) {
      const res = await postMessages(t.baseUrl, { ...hello, id: `unauth-${what}` }, headers);
      assert.equal(res.status, 401, `${what}: answered 401, got ${res.status}: ${res.text.slice(0, 300)}`);
      assert.doesNotMatch(res.text, /Which customer|Contoso|activities/, `${what}: the 401 carries no reply of the bot: ${res.text}`);
      assert.deepEqual(allCounts(t), before, `${what}: nothing is written (no state, no audit event, no cart)`);
      const line = t.logs[t.logs.length - 1] ?? '';
      assert.match(line, /^\[auth\] 401 POST \/api\/messages: /, `${what}: logged as an auth refusal: ${line}`);
      assert.match(line, why, `${what}: refused because ${why}, not by accident: ${line}`);
    }
    const logged = t.logs.slice(logsBefore);
    assert.equal(logged.length, cases.length, `one log line per refused request:\n${logged.join('\n')}`);
    assert.ok(logged.every((l) => l.startsWith('[auth] 401 ')), `every refusal is logged as an auth 401, not a turn error:\n${logged.join('\n')}`);
    assert.ok(login.fetched.keys >= 1, 'the signing keys were fetched from the configured metadata endpoint');
  });

  it('refuses a malformed or unaddressed body without a token with 401 too (authentication comes first)', async function () {
    const before = allCounts(t);
    for (const body of [{ text: 'no type' }, [{ type: 'message' }], { type: 'message' }]) {
      const res = await postMessages(t.baseUrl, body);
      assert.equal(res.status, 401, `${JSON.stringify(body)} without a token answers 401, got ${res.status}: ${res.text}`);
    }
    assert.deepEqual(allCounts(t), before, 'nothing is written');
  });

  it('refuses a key endorsed for other channels than the activity\'s', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const res = await postMessages(t.baseUrl, { ...conv.activity({ text: 'hi' }), channelId: 'slack' }, { authorization: `Bearer ${valid()}` });
    assert.equal(res.status, 401, `a token whose key is not endorsed for "slack" answers 401, got ${res.status}: ${res.text}`);
  });

  it('processes a request with a valid token: an agent of the directory is greeted and can buy', async function () {
    const conv = new AuthenticatedConversation(t.baseUrl, 'demo-anna', () => valid(), t.logs);
    const said = transcript(await conv.say('hi'));
    assert.match(said, /Hello Anna de Vries!/, `the valid token's request is processed:\n${said}`);
    await driveToReview(conv, '2');
    const bought = await conv.click('Buy');
    const [order] = orderNumbersOf(bought);
    assert.ok(order, `the purchase completes under authentication:\n${transcript(bought)}`);
    assert.equal(count(t, 'orders', 'WHERE id = ?', order), 1, 'the order is in the ledger');
    assert.deepEqual(t.logs.filter((l) => !l.startsWith('[auth] 401')), [], `no turn failed:\n${t.logs.join('\n')}`);
  });

  it('with a valid token, a user the directory does not know is refused by the bot (no demo-agent picker)', async function () {
    const conv = new AuthenticatedConversation(t.baseUrl, 'aad-user-not-in-directory', () => valid(), t.logs);
    const said = transcript(await conv.say('buy'));
    assert.match(said, /not registered as an agent of a CSP partner/, `an unknown user is told to get registered:\n${said}`);
    assert.doesNotMatch(said, /choose who you want to act as|Which customer/, 'no demo picker and no purchase');
  });
});

describe('e2e: authentication when the signing keys cannot be loaded', function () {
  let dataDir: string;
  let t: TestBot;

  before(async function () {
    dataDir = makeDataDir();
    // Nothing listens on port 9: the metadata cannot be fetched.
    t = await startAuthenticatedBot(dataDir, 'http://127.0.0.1:9/v1/.well-known/openidconfiguration');
  });

  after(async function () {
    await t?.stop();
    removeDataDir(dataDir);
  });

  it('answers 503 with Retry-After to a well-formed token, 401 to none, and processes nothing', async function () {
    const login = new LocalBotFrameworkLogin(); // a key nobody publishes: the token looks right, its key cannot be checked
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const before = allCounts(t);
    const res = await fetch(`${t.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token({ appId: APP_ID, serviceUrl: SERVICE_URL })}` },
      body: JSON.stringify(conv.activity({ text: 'hi' })),
    });
    const text = await res.text();
    assert.equal(res.status, 503, `keys that cannot be loaded give 503, got ${res.status}: ${text}`);
    assert.equal(res.headers.get('retry-after'), '30', 'with Retry-After');
    const none = await postMessages(t.baseUrl, conv.activity({ text: 'hi' }));
    assert.equal(none.status, 401, `no token is still 401, got ${none.status}`);
    assert.deepEqual(allCounts(t), before, 'nothing is written');
  });
});
