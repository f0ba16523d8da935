// Who may post to /api/messages. With a MicrosoftAppId every request must carry a Bot Framework token
// that botbuilder validates (signature against the channel's published keys, issuer, audience = our app
// id, expiry, serviceUrl claim, channel endorsements); without one the bot is in Emulator/demo mode and
// botbuilder authenticates nothing.
//
// Why a gate in front of CloudAdapter.process: the adapter answers 401 only for botbuilder's own
// AuthenticationError. A token with a known key id but a bad signature, a malformed payload or an `alg`
// it does not allow makes jsonwebtoken throw its own error, which the adapter answers with 500 and the
// error text (and a console.error with the stack, for every such request). The gate runs the same
// validation first and answers every refusal 401 with one log line; only when the channel's keys cannot
// be fetched at all is the answer 503 (the token may be fine: the caller should retry). The adapter then
// validates again (keys are cached: the cost is one more signature check) and runs the turn.
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { ConnectorFactory, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import type { Config } from './config';

/**
 * The public cloud's endpoints: botframework-connector's AuthenticationConstants (4.23.3), which
 * botbuilder does not re-export (test/bot/config.test.ts checks they are still the same).
 */
export const publicCloud = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
} as const;

/**
 * botbuilder's settings from ours. With BotOpenIdMetadata set, botbuilder switches to "parameterized"
 * mode where every endpoint must be given (one missing would be undefined: no issuer check, no login
 * URL), so all of them are set to the public cloud's values and only the channel's metadata URL differs.
 */
export function authenticationOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    MicrosoftAppType: config.MicrosoftAppType,
  };
  if (config.CertificateThumbprint || config.CertificatePrivateKey) {
    options.CertificateThumbprint = config.CertificateThumbprint;
    options.CertificatePrivateKey = config.CertificatePrivateKey;
  }
  if (config.BotOpenIdMetadata) {
    Object.assign(options, publicCloud, {
      ToBotFromChannelOpenIdMetadataUrl: config.BotOpenIdMetadata,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: true,
    });
  }
  return options;
}

/**
 * botbuilder's authentication with two changes to what CloudAdapter builds on every turn:
 * - one Connector client per app id, service URL and audience, reused across turns. The generated client
 *   is meant to be long-lived (its pipeline, policies and credentials are built in its constructor); the
 *   Bot Framework team's own guidance is that a bot caches its Connector clients per service URL and
 *   credentials (botbuilder-dotnet #883 and #875), which CloudAdapter in JavaScript does not do.
 * - no user-token client: this bot signs no user in (no OAuthPrompt, no token service), so the one
 *   CloudAdapter would build per turn would never be used.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  /** A request's turn (CloudAdapter.process). */
  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  /** A proactive turn (continueConversationAsync). */
  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  async createUserTokenClient(): Promise<UserTokenClient> {
    return noUserSignIn;
  }

  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusedConnectors(factory, claimsIdentity.getClaimValue('aud') ?? '', this.connectors);
  }
}

/** Service URLs kept: Teams and Web Chat use a handful; an Emulator gets a new one per session. */
const connectorsKept = 100;

class ReusedConnectors extends ConnectorFactory {
  constructor(
    private readonly factory: ConnectorFactory,
    private readonly appId: string,
    private readonly connectors: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    let client = this.connectors.get(key);
    if (!client) {
      if (this.connectors.size >= connectorsKept) this.connectors.delete(this.connectors.keys().next().value!);
      client = this.factory.create(serviceUrl, audience);
      this.connectors.set(key, client);
      // A client that could not be made (credentials unavailable) is made again next time.
      client.catch(() => this.connectors.get(key) === client && this.connectors.delete(key));
    }
    return client;
  }
}

const noUserToken = (): Promise<never> => Promise.reject(new Error('This bot signs no user in: there is no user token service.'));

/** What CloudAdapter puts in every turn's state in place of a token client this bot never uses. */
const noUserSignIn: UserTokenClient = {
  getUserToken: noUserToken,
  getSignInResource: noUserToken,
  signOutUser: noUserToken,
  getTokenStatus: noUserToken,
  getAadTokens: noUserToken,
  exchangeToken: noUserToken,
};

export function createAuthentication(config: Config): BotAuthentication {
  return new BotAuthentication(authenticationOptions(config));
}

export type GateVerdict = { ok: true } | { ok: false; status: 401 | 503; reason: string };

/** jsonwebtoken's own errors: the token is malformed, badly signed, expired or not yet valid. */
const tokenErrors = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * Validates the request's Authorization header for `activity` as the adapter will. Never throws:
 * a refusal is 401, keys that cannot be loaded 503.
 */
export async function authenticateRequest(
  authentication: ConfigurationBotFrameworkAuthentication,
  activity: Partial<Activity>,
  authorization: string,
): Promise<GateVerdict> {
  if (!authorization.trim()) return { ok: false, status: 401, reason: 'no Authorization header' };
  try {
    await authentication.authenticateRequest(activity as Activity, authorization);
    return { ok: true };
  } catch (error) {
    const e = error as { name?: string; message?: string; statusCode?: unknown };
    // For the log: it may quote the token's claims (the audience), so no line breaks or control characters.
    const reason = String(e?.message ?? error).replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200);
    // botbuilder's AuthenticationError carries a statusCode: 500 for "Failed to load openID config/Keys".
    const keysUnavailable = typeof e?.statusCode === 'number' ? e.statusCode >= 500 : !tokenErrors.has(e?.name ?? '') && isNetworkError(error);
    return { ok: false, status: keysUnavailable ? 503 : 401, reason };
  }
}

/** node-fetch's FetchError (DNS, refused connection, reset) or an invalid metadata document. */
function isNetworkError(error: unknown): boolean {
  const name = (error as { name?: string; type?: string })?.name;
  return name === 'FetchError' || name === 'AbortError' || (error as { type?: string })?.type === 'invalid-json';
}
