// A local stand-in for login.botframework.com: an OpenID metadata document and a JWKS with a test RSA
// key, and Bot Framework channel tokens signed with it (or deliberately not quite). The bot is pointed
// at it with BotOpenIdMetadata; everything else about the validation is botbuilder's production code.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/** What a Bot Framework channel token says (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  appId: string;
  serviceUrl?: string;
  issuer?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  notBeforeIn?: number;
  kid?: string;
  /** Sign with this key instead of the published one. */
  key?: KeyObject;
  alg?: 'RS256' | 'none' | 'HS256';
  /** For HS256: the secret (an algorithm-confusion attempt uses the public key's PEM). */
  secret?: string | Buffer;
  extraClaims?: Record<string, unknown>;
}

const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export class LocalBotFrameworkLogin {
  readonly kid = `test-key-${randomUUID()}`;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** How many times botbuilder fetched the metadata document and the keys. */
  readonly fetched = { metadata: 0, keys: 0 };
  private server?: http.Server;
  private port = 0;

  constructor(private readonly endorsements: string[] = ['emulator', 'msteams', 'webchat', 'directline']) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  get metadataUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const send = (body: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/.well-known/openidconfiguration') {
        this.fetched.metadata++;
        send({
          issuer: CHANNEL_ISSUER,
          authorization_endpoint: `http://127.0.0.1:${this.port}/v1/auth`,
          jwks_uri: `http://127.0.0.1:${this.port}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      } else if (req.url === '/v1/.well-known/keys') {
        this.fetched.keys++;
        const jwk = this.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
        send({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: this.endorsements }] });
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** A channel token; by default valid for `appId` and `serviceUrl` for an hour. */
  token(o: TokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const alg = o.alg ?? 'RS256';
    const header = { alg, typ: 'JWT', kid: o.kid ?? this.kid };
    const payload = {
      iss: o.issuer ?? CHANNEL_ISSUER,
      aud: o.appId,
      iat: now - 10,
      nbf: now + (o.notBeforeIn ?? -10),
      exp: now + (o.expiresIn ?? 3600),
      // The claim is lower case in real channel tokens, and botbuilder reads it so.
      ...(o.serviceUrl !== undefined ? { serviceurl: o.serviceUrl } : {}),
      ...o.extraClaims,
    };
    const signingInput = `${b64url(header)}.${b64url(payload)}`;
    if (alg === 'none') return `${signingInput}.`;
    if (alg === 'HS256') return `${signingInput}.${createHmac('sha256', o.secret ?? 'secret').update(signingInput).digest('base64url')}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), o.key ?? this.privateKey).toString('base64url')}`;
  }
}

/** Another RSA key: a token signed with it is not the channel's. */
export function strangerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
