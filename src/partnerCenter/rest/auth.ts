// Microsoft Entra ID tokens for Partner Center through @azure/msal-node: App+User (the secure application
// model: a Partner Center user's refresh token, redeemed by the app with its secret or certificate). Tokens are cached and renewed five minutes before they expire; a 401 from Partner Center
// drops the cached token so the next call signs in again. MSAL's HTTP goes through our transport, so the
// authority host can be any HTTPS endpoint that speaks the token protocol (the test server does).
import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  ConfidentialClientApplication,
  type AuthenticationResult,
  type Configuration,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { Transport } from './http';

export interface TokenProvider {
  /** A bearer token for Partner Center, from the cache while it is valid for five more minutes. */
  getToken(): Promise<string>;
  /** Forgets the cached token (after Partner Center answered 401). */
  invalidate(): void;
}

export interface MsalSettings {
  tenantId: string;
  appId: string;
  appSecret?: string;
  certificatePath?: string;
  refreshToken: string;
  authorityHost: string;
  scope: string;
  timeoutMs: number;
}

/** Renew this long before expiry: a token that is about to expire is not handed to a slow call. */
export const tokenRenewalMarginMs = 5 * 60_000;

/** MSAL's network module over our transport (timeouts and trusted CAs as for every other call). */
export function msalNetworkClient(transport: Transport, timeoutMs: number): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await transport({ method, url, headers: options?.headers ?? {}, body: options?.body, timeoutMs });
    let body: unknown = {};
    try {
      body = response.body ? JSON.parse(response.body) : {};
    } catch {
      body = { error: 'invalid_response', error_description: response.body.slice(0, 200) };
    }
    return { status: response.status, headers: response.headers, body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/** The app's certificate from a PEM file holding the certificate and its private key. */
export function loadCertificate(file: string): { thumbprintSha256: string; privateKey: string; x5c: string } {
  const pem = fs.readFileSync(file, 'utf8');
  const certPem = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const keyPem = pem.match(/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/)?.[0];
  if (!certPem || !keyPem) throw new Error(`${file} must contain a certificate and its private key (PEM).`);
  const cert = new crypto.X509Certificate(certPem);
  // MSAL wants PKCS#8 ("BEGIN PRIVATE KEY").
  const privateKey = crypto.createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { thumbprintSha256: cert.fingerprint256.replace(/:/g, ''), privateKey, x5c: certPem };
}

export class MsalTokenProvider implements TokenProvider {
  private readonly app: ConfidentialClientApplication;
  private cached?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly settings: MsalSettings,
    transport: Transport,
    private readonly clock: () => number = Date.now,
  ) {
    const authority = `${settings.authorityHost}/${settings.tenantId}`;
    const host = new URL(settings.authorityHost).host;
    const config: Configuration = {
      auth: {
        clientId: settings.appId,
        authority,
        // A host other than Entra ID's own (a sovereign cloud, or the test server) is trusted as given:
        // MSAL then reads its OpenID configuration instead of asking login.microsoftonline.com about it.
        ...(host === new URL('https://login.microsoftonline.com').host ? {} : { knownAuthorities: [host] }),
        ...(settings.certificatePath
          ? { clientCertificate: loadCertificate(settings.certificatePath) }
          : { clientSecret: settings.appSecret }),
      },
      system: { networkClient: msalNetworkClient(transport, settings.timeoutMs) },
    };
    this.app = new ConfidentialClientApplication(config);
  }

  async getToken(): Promise<string> {
    if (this.cached && this.clock() < this.cached.expiresAt - tokenRenewalMarginMs) return this.cached.token;
    // Concurrent calls share one token request.
    this.pending ??= this.acquire().finally(() => (this.pending = undefined));
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async acquire(): Promise<string> {
    const scopes = [this.settings.scope];
    let result: AuthenticationResult | null;
    try {
      result = await this.app.acquireTokenByRefreshToken({ refreshToken: this.settings.refreshToken, scopes, forceCache: true });
    } catch (error) {
      const e = error as { errorCode?: string; errorMessage?: string; message?: string };
      throw new Error(`Signing in to Partner Center failed (${e.errorCode ?? 'error'}): ${e.errorMessage ?? e.message ?? String(error)}`);
    }
    if (!result?.accessToken) throw new Error('Signing in to Partner Center returned no access token.');
    // MSAL dates the expiry on the system clock; the cache counts on ours.
    const lifetimeMs = result.expiresOn ? result.expiresOn.getTime() - Date.now() : 3600_000;
    const expiresAt = this.clock() + lifetimeMs;
    this.cached = { token: result.accessToken, expiresAt };
    return result.accessToken;
  }
}

/** A fixed token (tests of the wire that are not about signing in). */
export function staticTokenProvider(token: string): TokenProvider {
  return { getToken: async () => token, invalidate: () => undefined };
}
