// Configuration: production mode (NODE_ENV=production) refuses to start without credentials, saying
// why; the authentication settings handed to botbuilder keep the public cloud's validation.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthenticationConstants } from 'botframework-connector';
import { loadConfig } from '../../bot/config';
import { authenticationOptions, publicCloud } from '../../bot/authentication';
import { freePort } from '../support/postgres';

const root = path.resolve(__dirname, '../..');
const production = { NODE_ENV: 'production', DATA_DIR: 'unused' };

describe('bot/config: production mode', () => {
  const refused: [string, Record<string, string>, RegExp][] = [
    ['no credentials at all', {}, /MicrosoftAppId is not set/],
    ['an app id without a password', { MicrosoftAppId: 'app' }, /Set MicrosoftAppPassword/],
    ['a blank app id with a password', { MicrosoftAppId: '  ', MicrosoftAppPassword: 'secret' }, /MicrosoftAppId is not set/],
    ['half a certificate', { MicrosoftAppId: 'app', CertificateThumbprint: 'AB12' }, /both CertificateThumbprint and CertificatePrivateKey/],
    ['SingleTenant without a tenant', { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' }, /SingleTenant needs MicrosoftAppTenantId/],
    ['a managed identity without a tenant', { MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI' }, /UserAssignedMSI needs MicrosoftAppTenantId/],
    ['a managed identity with a password', { MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', MicrosoftAppPassword: 'x' }, /must not have a MicrosoftAppPassword/],
    ['signing keys from a plain-http endpoint', { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', BotOpenIdMetadata: 'http://127.0.0.1:1/keys' }, /BotOpenIdMetadata must be an https URL/],
  ];
  for (const [what, env, why] of refused) {
    it(`refuses ${what}, saying why`, () => {
      assert.throws(() => loadConfig({ ...production, ...env }), (e: Error) => {
        assert.match(e.message, /^Refusing to start in production mode \(NODE_ENV=production\): /, `the message names production mode: ${e.message}`);
        assert.match(e.message, why, `the message says why: ${e.message}`);
        return true;
      }, `${what} is refused`);
    });
  }

  const accepted: [string, Record<string, string>][] = [
    ['an app id and a password', { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }],
    ['an app id and a certificate', { MicrosoftAppId: 'app', CertificateThumbprint: 'AB12', CertificatePrivateKey: '-----BEGIN PRIVATE KEY-----' }],
    ['a single-tenant app', { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant' }],
    ['a user-assigned managed identity', { MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant' }],
  ];
  for (const [what, env] of accepted) {
    it(`starts with ${what}, authenticating requests`, () => {
      const config = loadConfig({ ...production, ...env });
      assert.equal(config.production, true, 'production mode');
      assert.equal(config.demoMode, false, 'requests are authenticated (no demo mode)');
    });
  }

  it('outside production, no credentials is the Emulator/demo mode', () => {
    const config = loadConfig({ DATA_DIR: 'unused' });
    assert.equal(config.production, false, 'not production');
    assert.equal(config.demoMode, true, 'demo mode');
  });
});

describe('bot/authentication: the settings handed to botbuilder', () => {
  it('without BotOpenIdMetadata, leaves every endpoint to botbuilder\'s public-cloud defaults', () => {
    const options = authenticationOptions(loadConfig({ DATA_DIR: 'unused', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }));
    assert.deepEqual(
      Object.keys(options).sort(),
      ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'],
      'only the identity is passed: botbuilder picks the public cloud',
    );
  });

  it('with BotOpenIdMetadata, changes only where the channel keys are fetched', () => {
    const options = authenticationOptions(
      loadConfig({ DATA_DIR: 'unused', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', BotOpenIdMetadata: 'https://keys.example/openid' }),
    );
    assert.equal(options.ToBotFromChannelOpenIdMetadataUrl, 'https://keys.example/openid', 'the channel metadata URL is the configured one');
    assert.equal(options.ToBotFromChannelTokenIssuer, AuthenticationConstants.ToBotFromChannelTokenIssuer, 'the issuer checked is the public channel issuer');
    assert.equal(options.ToChannelFromBotLoginUrl, AuthenticationConstants.ToChannelFromBotLoginUrl, 'the login URL is the public one');
    assert.equal(options.ToChannelFromBotOAuthScope, AuthenticationConstants.ToChannelFromBotOAuthScope, 'the OAuth scope is the public one');
    assert.equal(options.OAuthUrl, AuthenticationConstants.OAuthUrl, 'the OAuth URL is the public one');
    assert.equal(options.ToBotFromEmulatorOpenIdMetadataUrl, AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl, 'Emulator/skill tokens are still checked against Microsoft Entra');
    assert.equal(options.ValidateAuthority, true, 'the authority is validated');
  });

  it("keeps publicCloud equal to botframework-connector's AuthenticationConstants", () => {
    for (const [key, value] of Object.entries(publicCloud)) {
      assert.equal(value, (AuthenticationConstants as unknown as Record<string, string>)[key], `${key} is botbuilder's value`);
    }
  });
});

describe('bot/index: starting the real process in production mode', function () {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-config-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** `node --import tsx bot/index.ts` with exactly `env` (plus PATH), until it exits or prints `until`. */
  function run(env: Record<string, string>, until?: RegExp) {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/index.ts'], {
      cwd: root,
      // Empty values count as set for dotenv: a developer's .env cannot add credentials to the test.
      env: { PATH: process.env.PATH ?? '', MicrosoftAppId: '', MicrosoftAppPassword: '', PORT: '0', DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    return new Promise<{ code: number | null; out: string; child: typeof child }>((resolve) => {
      child.on('exit', (code) => resolve({ code, out, child }));
      if (until) child.stdout.on('data', () => until.test(out) && resolve({ code: null, out, child }));
    });
  }

  it('refuses to start without credentials, with a message saying why, and creates no database', async () => {
    const { code, out } = await run({ NODE_ENV: 'production' });
    assert.equal(code, 1, `the process exits with 1:\n${out}`);
    assert.match(out, /Refusing to start in production mode \(NODE_ENV=production\): MicrosoftAppId is not set, so requests to \/api\/messages would not be authenticated/, `it says why:\n${out}`);
    assert.doesNotMatch(out, /Bot listening/, 'it never listens');
    assert.equal(fs.existsSync(path.join(dataDir, 'reservations.db')), false, 'no database was created');
  });

  it('starts with credentials and answers a request without a token 401', async () => {
    const started = await run({ NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }, /Authenticating requests for app app-id\./);
    try {
      assert.equal(started.code, null, `the process is running:\n${started.out}`);
      const port = /Bot listening on http:\/\/localhost:(\d+)\//.exec(started.out)?.[1];
      assert.ok(port, `it says where it listens:\n${started.out}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'msteams', serviceUrl: 'https://smba.example/', from: { id: 'x' }, recipient: { id: 'b' }, conversation: { id: 'c' } }),
      });
      assert.equal(res.status, 401, `no token: 401, got ${res.status}: ${await res.text()}`);
    } finally {
      started.child.kill('SIGTERM');
      await new Promise((resolve) => (started.child.exitCode === null ? started.child.on('exit', resolve) : resolve(undefined)));
    }
  });

  it('with DATABASE_URL on an unreachable PostgreSQL: exits with a message naming the server (not its password), not a stack trace', async () => {
    const port = await freePort();
    const { code, out } = await run({ DATABASE_URL: `postgres://bot:secret@127.0.0.1:${port}/bot` });
    assert.equal(code, 1, `the process exits with 1:\n${out}`);
    assert.equal(out.trim(), `PostgreSQL at 127.0.0.1:${port}/bot: connect ECONNREFUSED 127.0.0.1:${port}`, 'one line, saying which server');
  });
});

describe('bot/config: DATABASE_URL', () => {
  it('takes a postgres:// or postgresql:// URL and refuses anything else, naming the setting', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://bot@db:5432/bot' }).DATABASE_URL, 'postgres://bot@db:5432/bot');
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://bot@db/bot' }).DATABASE_URL, 'postgresql://bot@db/bot');
    assert.equal(loadConfig({}).DATABASE_URL, '', 'unset: the SQLite file');
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://db/bot' }), /Invalid configuration: DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
  });
});
