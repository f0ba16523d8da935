// A local Partner Center for the REST gateway's tests: an HTTPS server (a test certificate authority in
// test/support/fixtures) that speaks the documented endpoints, shapes and error codes of
// shared/domain/README.md §3 over a demo world, and is also the Entra ID token endpoint (OpenID
// configuration + /oauth2/v2.0/token for client secret, client certificate and refresh token grants).
// Faults can be scripted per route: an answer instead of the real one (429 with Retry-After, 503, an
// error code), the real work done but another answer given (800060 after the order was placed), or no
// answer at all (a hang the client must time out on). Every request is recorded with its headers.
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { azurePlanOfferId, type CatalogItem, type Customer, type Subscription } from '../../src/domain/types';
import type { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { demoPartnerCenter } from './demoWorld';
import { demoPartners } from '../../src/store/demoIds';
import catalogReference from '../../src/data/catalog-reference.json';
import { paygHourlyMinor } from '../../src/partnerCenter/local/seed';

const fixtures = path.join(__dirname, 'fixtures');
export const testCa = fs.readFileSync(path.join(fixtures, 'partner-center-test.crt'));
const testKey = fs.readFileSync(path.join(fixtures, 'partner-center-test.key'));

export const testAppId = '11111111-2222-4333-8444-555555555555';
export const testAppSecret = 'test-secret';
export const testRefreshToken = 'test-refresh-token';

/** The Entra tenant of a demo partner at this server. */
export const tenantOf = (partnerId: string) => `tenant-${partnerId}`;
const resellerTenant = (mpnId: string) => `reseller-tenant-${mpnId}`;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  at: number;
  /** When the answer was sent (after the injected latency); undefined while pending or for a hang. */
  answeredAt?: number;
}

export interface TokenRequest {
  tenant: string;
  grantType: string;
  clientId: string;
  usedSecret: boolean;
  usedAssertion: boolean;
  at: number;
}

export type FaultAction =
  /** Answer this instead; with `process` the request is carried out first (its effects stay). */
  | { status: number; headers?: Record<string, string>; body?: unknown; process?: boolean }
  /** Never answer (the client times out); with `process` the request is carried out first. */
  | { hang: true; process?: boolean };

export interface Fault {
  method?: string;
  path: RegExp;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  action: FaultAction;
}

interface ServerCart {
  id: string;
  customerId: string;
  creationTimestamp: string;
  lastModifiedTimestamp: string;
  expirationTimestamp: string;
  status: 'Active' | 'Ordered';
  lineItems: Record<string, unknown>[];
}

interface ServerOrder {
  customerId: string;
  hidden: boolean;
  body: {
    id: string;
    alternateId: string;
    referenceCustomerId: string;
    billingCycle: string;
    currencyCode: string;
    currencySymbol: string;
    creationDate: string;
    status: string;
    totalPrice: number;
    lineItems: Record<string, unknown>[];
  };
  /** For an Azure plan order: the plan's Azure subscription. */
  planSubscriptionId?: string;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw text (CSV) instead of JSON. */
  text?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
  }
}

const mcaNotConfirmed = () =>
  new HttpError(403, '13605', "The customer's acceptance of the Microsoft Customer Agreement has not been confirmed.");

const targetViews: Record<string, string[] | 'all'> = {
  AzureReservationsVM: ['VirtualMachines'],
  AzureReservationsSQL: ['SqlDatabase', 'SqlManagedInstance'],
  AzureReservationsCosmosDb: ['CosmosDb'],
  AzureReservations: 'all',
};

/**
 * The calls whose reference pages name App+User as the only supported credentials ("Get confirmation of
 * customer acceptance of Microsoft Customer Agreement", "Get direct sign status", "Retrieve a list of
 * indirect resellers", "Get a price sheet").
 */
function appUserOnly(method: string, url: URL): boolean {
  const p = url.pathname;
  if (/\/agreements$/.test(p) && url.searchParams.get('agreementType') === 'MicrosoftCustomerAgreement') return true;
  if (/\/directSignedMicrosoftCustomerAgreementStatus$/.test(p)) return true;
  if (p === '/v1/relationships' && url.searchParams.get('relationship_type') === 'IsIndirectCloudSolutionProviderOf') return true;
  return method === 'GET' && /\/pricesheets\(/.test(p);
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const planProduct = azurePlanOfferId.split(':')[0];
const planSku = azurePlanOfferId.split(':')[1];

/**
 * The round trip a real Partner Center costs: every API call answers `perCallMs` late, a checkout
 * `checkoutMs`, each spread by ±`jitter` (a fraction). Token requests are not delayed (signing in is once
 * an hour, not on a purchase's path).
 */
export interface Latency {
  perCallMs: number;
  checkoutMs: number;
  jitter: number;
}

/** The delay of one request under `latency`, with `random` in [0, 1). */
export function latencyOf(latency: Latency, method: string, path: string, random: () => number): number {
  const base = method === 'POST' && /\/carts\/[^/]+\/checkout$/.test(path) ? latency.checkoutMs : latency.perCallMs;
  return Math.max(0, Math.round(base * (1 + latency.jitter * (2 * random() - 1))));
}

export interface TestPartnerCenterOptions {
  /** The customers, subscriptions and catalog served: a copy of the embedded demo world unless given. */
  world?: LocalPartnerCenter;
  /** How many status reads answer "registering" after a registration request (default 1). */
  registrationPolls?: number;
  tokenLifetimeSeconds?: number;
  /** Order lines are fulfilled this long after the order (server clock). */
  fulfilmentDelayMs?: number;
  clock?: () => Date;
  /** Delays every answer as a real Partner Center's round trip would (none by default). */
  latency?: Latency;
  /** How the delay is waited (a test records it instead of sleeping); setTimeout by default. */
  wait?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class TestPartnerCenter {
  readonly requests: RecordedRequest[] = [];
  readonly tokenRequests: TokenRequest[] = [];
  readonly faults: Fault[] = [];
  readonly world: LocalPartnerCenter;
  /** Certificates (public key PEM) registered for the test app, besides its secret. */
  readonly appCertificates: crypto.KeyObject[] = [crypto.createPublicKey(testCa)];
  tokenLifetimeSeconds: number;
  /** While true, new orders are not listed (Partner Center takes up to 15 minutes to list an order). */
  hideNewOrders = false;
  /** Called with every API request once it is recorded, before it is answered (a test changes the world mid-call). */
  onRequest?: (request: RecordedRequest) => void;
  /** Order groups to refuse at checkout (orderGroup → error): they come back in `orderErrors`. */
  readonly failOrderGroups = new Map<string, { code: string; description: string }>();
  private readonly tokens = new Map<string, { partnerId: string; expiresAt: number; revoked: boolean; appUser: boolean }>();
  /** Answers of carried-out writes by MS-RequestId: a reused id gets the same answer again ("Partner Center REST headers"). */
  private readonly answersByRequestId = new Map<string, Reply>();
  /**
   * Customers who accepted the Microsoft Customer Agreement themselves (direct-signed): no partner attestation
   * in their agreements, seen only through directSignedMicrosoftCustomerAgreementStatus.
   */
  readonly directSigned = new Set<string>();
  /** Qualifications with a vetting status other than Approved (customer id → qualification → status). */
  readonly vetting = new Map<string, Map<string, 'InReview' | 'Denied'>>();
  /** SKUs served without some dynamic attributes, or with extra ones ("productId:skuId" → attributes to set, undefined removes). */
  readonly skuAttributes = new Map<string, Record<string, unknown>>();
  private readonly carts = new Map<string, ServerCart>();
  private readonly cartsByRequestId = new Map<string, string>();
  private readonly checkoutsByRequestId = new Map<string, Reply>();
  private readonly orders = new Map<string, ServerOrder>();
  /** Orders whose provisioning fails: their lines answer Unfulfilled. */
  readonly unfulfilledOrders = new Set<string>();
  private readonly registering = new Map<string, number>();
  private readonly sockets = new Set<import('node:stream').Duplex>();
  private readonly clock: () => Date;
  private server!: https.Server;
  url = '';

  private constructor(private readonly options: TestPartnerCenterOptions) {
    this.world = options.world ?? demoPartnerCenter();
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
    this.clock = options.clock ?? (() => new Date());
  }

  static async start(options: TestPartnerCenterOptions = {}): Promise<TestPartnerCenter> {
    const pc = new TestPartnerCenter(options);
    pc.server = https.createServer({ key: testKey, cert: testCa }, (req, res) => void pc.handle(req, res));
    pc.server.on('secureConnection', (socket) => {
      pc.sockets.add(socket);
      socket.on('close', () => pc.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => pc.server.listen(0, '127.0.0.1', resolve));
    pc.url = `https://localhost:${(pc.server.address() as AddressInfo).port}`;
    return pc;
  }

  get baseUrl() {
    return `${this.url}/v1`;
  }

  get priceSheetUrl() {
    return `${this.url}/v1.0/sales`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  fail(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** API requests (not token requests) matching a method and path. */
  calls(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  revokeAllTokens(): void {
    for (const t of this.tokens.values()) t.revoked = true;
  }

  /**
   * Every active cart reaches its expirationTimestamp now (as if its 7 days had passed). Cart expiry here,
   * as Partner Center's REST reference has it for a cart id it no longer knows: an active cart past its
   * expirationTimestamp is gone, so GET, PUT and POST …/checkout of it answer 404 with
   * {"code": "800002", "description": "Cart not found: it expired at …"}; nothing is ordered. A cart that
   * was checked out (status Ordered) stays readable.
   */
  expireCarts(): void {
    const past = new Date(this.clock().getTime() - 1000).toISOString();
    for (const c of this.carts.values()) if (c.status === 'Active') c.expirationTimestamp = past;
  }

  /** Every order this server holds for a customer (listed or not yet), oldest first, as Partner Center keeps them. */
  ordersOf(customerId: string): ServerOrder['body'][] {
    return [...this.orders.values()]
      .filter((o) => o.customerId === customerId)
      .map((o) => o.body)
      .sort((a, b) => a.creationDate.localeCompare(b.creationDate));
  }

  /** Lists the orders that were hidden (the 15 minutes have passed). */
  releaseOrders(): void {
    this.hideNewOrders = false;
    for (const o of this.orders.values()) o.hidden = false;
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const method = req.method ?? 'GET';
    let recorded: RecordedRequest | undefined;
    const send = (reply: Reply) => {
      if (res.writableEnded || res.destroyed) return;
      if (recorded) recorded.answeredAt = Date.now();
      const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      res.writeHead(reply.status, {
        'Content-Type': reply.text !== undefined ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        ...reply.headers,
      });
      res.end(text);
    };
    if (/\/oauth2\/v2\.0\/token$|\/\.well-known\/openid-configuration$|\/discovery\/instance$/.test(url.pathname)) {
      send(this.identity(method, url, raw));
      return;
    }
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      send({ status: 400, body: { code: '800002', description: 'The body is not JSON.' } });
      return;
    }
    recorded = { method, path: url.pathname, query: url.searchParams, headers, body, at: Date.now() };
    this.requests.push(recorded);
    this.onRequest?.(recorded);
    const latency = this.options.latency;
    if (latency) await (this.options.wait ?? realWait)(latencyOf(latency, method, url.pathname, this.options.random ?? Math.random));
    const fault = this.faults.find((f) => (f.times ?? 1) > 0 && (!f.method || f.method === method) && f.path.test(url.pathname));
    if (fault) fault.times = (fault.times ?? 1) - 1;
    const run = (): Reply => {
      let reply: Reply;
      try {
        const caller = this.authenticate(headers);
        if (!caller.appUser && appUserOnly(method, url)) {
          // Which status an app-only token gets here is not written down; 403 (the call is understood, the
          // credentials do not allow it) as for a missing agent role.
          throw new HttpError(403, '403', 'This operation supports App+User authentication only.');
        }
        // "Partner Center REST headers": a write sent again with an MS-RequestId that was answered is the
        // same request: it gets the same answer (success or business failure), and nothing is done again.
        const key = method === 'GET' ? undefined : `${method} ${url.pathname} ${headers['ms-requestid']}`;
        const earlier = key ? this.answersByRequestId.get(key) : undefined;
        if (earlier) return earlier;
        reply = this.route(method, url, body, headers, caller.partnerId);
        if (key) this.answersByRequestId.set(key, reply);
      } catch (error) {
        if (error instanceof HttpError) {
          reply = { status: error.status, body: { code: error.code, description: error.description, data: [], source: 'PartnerCenter' } };
          const key = method === 'GET' || error.status === 401 || error.status === 403 ? undefined : `${method} ${url.pathname} ${headers['ms-requestid']}`;
          if (key) this.answersByRequestId.set(key, reply);
        } else reply = { status: 500, body: { code: '500', description: String(error) } };
      }
      return reply;
    };
    if (!fault) {
      send(run());
      return;
    }
    if (fault.action.process) run();
    if ('hang' in fault.action) return; // the client gives up; close() destroys the socket
    send({ status: fault.action.status, headers: fault.action.headers, body: fault.action.body });
  }

  private authenticate(headers: Record<string, string>): { partnerId: string; appUser: boolean } {
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    const known = token ? this.tokens.get(token) : undefined;
    if (!known || known.revoked || known.expiresAt < Date.now()) throw new HttpError(401, '401', 'The access token is missing, expired or revoked.');
    for (const name of ['ms-requestid', 'ms-correlationid']) {
      if (!/^[0-9a-f-]{36}$/i.test(headers[name] ?? '')) throw new HttpError(400, '800002', `${name} must be a GUID.`);
    }
    return known;
  }

  // ---- Entra ID ---------------------------------------------------------------------------------

  private identity(method: string, url: URL, raw: string): Reply {
    const tenant = url.pathname.split('/')[1] ?? '';
    if (url.pathname.endsWith('/openid-configuration')) {
      const base = `${this.url}/${tenant}`;
      return {
        status: 200,
        body: {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          issuer: `${base}/v2.0`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
        },
      };
    }
    if (url.pathname.endsWith('/discovery/instance')) return { status: 400, body: { error: 'invalid_instance' } };
    if (method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
    const form = new URLSearchParams(raw);
    const grantType = form.get('grant_type') ?? '';
    const clientId = form.get('client_id') ?? '';
    const assertion = form.get('client_assertion');
    this.tokenRequests.push({ tenant, grantType, clientId, usedSecret: form.has('client_secret'), usedAssertion: !!assertion, at: Date.now() });
    const partnerId = this.partnerOfTenant(tenant);
    const deny = (error: string, description: string) => ({ status: 400, body: { error, error_description: description } });
    if (!partnerId) return deny('invalid_tenant', `Tenant ${tenant} not found.`);
    if (clientId !== testAppId) return deny('unauthorized_client', 'Unknown application.');
    const authenticated = assertion ? this.validAssertion(assertion, tenant) : form.get('client_secret') === testAppSecret;
    if (!authenticated) return deny('invalid_client', 'The client secret or certificate is not valid.');
    if (grantType === 'refresh_token' && form.get('refresh_token') !== testRefreshToken) return deny('invalid_grant', 'The refresh token is not valid.');
    if (grantType !== 'client_credentials' && grantType !== 'refresh_token') return deny('unsupported_grant_type', grantType);
    const accessToken = `at-${randomUUID()}`;
    this.tokens.set(accessToken, { partnerId, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000, revoked: false, appUser: grantType === 'refresh_token' });
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        access_token: accessToken,
        expires_in: this.tokenLifetimeSeconds,
        ext_expires_in: this.tokenLifetimeSeconds,
        ...(grantType === 'refresh_token' ? { refresh_token: testRefreshToken, scope: form.get('scope') } : {}),
      },
    };
  }

  /** A client assertion: an RS256/PS256 JWT for this app and token endpoint, signed by a registered certificate. */
  private validAssertion(jwt: string, tenant: string): boolean {
    const [h, p, s] = jwt.split('.');
    if (!h || !p || !s) return false;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud?: string; iss?: string; sub?: string; exp?: number };
    if (payload.iss !== testAppId || payload.sub !== testAppId) return false;
    if (!payload.aud?.startsWith(`${this.url}/${tenant}/oauth2/v2.0/token`)) return false;
    if (!payload.exp || payload.exp * 1000 < Date.now()) return false;
    const { alg } = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (alg !== 'RS256' && alg !== 'PS256') return false;
    const padding = alg === 'PS256' ? crypto.constants.RSA_PKCS1_PSS_PADDING : crypto.constants.RSA_PKCS1_PADDING;
    return this.appCertificates.some((key) =>
      crypto.verify('sha256', Buffer.from(`${h}.${p}`), { key, padding, saltLength: 32 }, Buffer.from(s, 'base64url')),
    );
  }

  private partnerOfTenant(tenant: string): string | undefined {
    return Object.values(demoPartners).find((id) => tenantOf(id) === tenant);
  }

  // ---- the API ------------------------------------------------------------------------------------

  private route(method: string, url: URL, body: unknown, headers: Record<string, string>, partnerId: string): Reply {
    const p = url.pathname;
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    const ok = (b: unknown, status = 200): Reply => ({ status, body: b });
    const list = (items: unknown[]) => ok({ totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } });

    if ((m = /^\/v1\.0\/sales\/pricesheets\(Market='([a-z]{2})',PricesheetView='azure_reservations'\)\/\$value$/.exec(p)) && method === 'GET') {
      return { status: 200, text: this.priceSheet(m[1].toUpperCase()) };
    }
    if ((m = /^\/v1\.0\/sales\/pricesheets\(Market='([a-z]{2})',PricesheetView='azure_consumption'\)\/\$value$/.exec(p)) && method === 'GET') {
      return { status: 200, text: this.consumptionPriceSheet(m[1].toUpperCase()) };
    }
    if (p === '/v1/customers' && method === 'GET') return this.listCustomers(partnerId, q);
    if ((m = /^\/v1\/customers\/([^/]+)$/.exec(p)) && method === 'GET') return ok(this.wireCustomer(this.customer(partnerId, m[1])));
    if ((m = /^\/v1\/customers\/([^/]+)\/profiles\/billing$/.exec(p))) return ok({ defaultAddress: { country: this.customer(partnerId, m[1]).country } });
    if ((m = /^\/v1\/customers\/([^/]+)\/agreements$/.exec(p))) {
      // "Get confirmation of customer acceptance of Microsoft Customer Agreement": the records of the type
      // asked for by agreementType; without it, Microsoft Cloud Agreement records only.
      const c = this.customer(partnerId, m[1]);
      const asked = q.get('agreementType') ?? 'MicrosoftCloudAgreement';
      const held = c.agreement === 'confirmed' && !this.directSigned.has(c.id) ? 'MicrosoftCustomerAgreement' : c.agreement === 'notSigned' ? 'MicrosoftCloudAgreement' : undefined;
      const types = held && (asked === held || asked === 'All') ? [held] : [];
      return list(types.map((type) => ({ type, agreementType: type, dateAgreed: '2023-01-01T00:00:00Z', templateId: randomUUID(), primaryContact: {} })));
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/directSignedMicrosoftCustomerAgreementStatus$/.exec(p)) && method === 'GET') {
      // "Get direct sign status": whether the customer accepted the MCA itself.
      const c = this.customer(partnerId, m[1]);
      return ok({ isSigned: this.directSigned.has(c.id) && c.agreement === 'confirmed' });
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/qualifications$/.exec(p))) {
      const names: Record<string, string> = { education: 'Education', government: 'GovernmentCommunityCloud', nonprofit: 'Nonprofit' };
      // "Get a customer's qualifications": each with its vetting status; only an approved one counts.
      const c = this.customer(partnerId, m[1]);
      const vetting = this.vetting.get(c.id) ?? new Map<string, string>();
      const approved = c.qualifications.filter((s) => s !== 'commercial').map((s) => names[s]!);
      return ok([
        ...approved.filter((n) => !vetting.has(n)).map((qualification) => ({ qualification, vettingStatus: 'Approved', vettingReason: '', vettingCreatedDate: '2023-01-01T00:00:00Z' })),
        ...[...vetting].map(([qualification, vettingStatus]) => ({ qualification, vettingStatus, vettingReason: '', vettingCreatedDate: '2024-01-01T00:00:00Z' })),
      ]);
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/subscriptions$/.exec(p)) && method === 'GET') return this.listSubscriptions(partnerId, m[1], q.get('order_id'));
    if ((m = /^\/v1\/customers\/([^/]+)\/subscriptions\/([^/]+)\/azureEntitlements$/.exec(p))) {
      const s = this.subscription(partnerId, m[1], m[2].replace(/^plan-/, ''));
      return list(s.kind === 'azurePlan' ? [{ id: s.id, friendlyName: s.friendlyName, status: s.status, subscriptionType: 'Azure' }] : []);
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/subscriptions\/([^/]+)\/registrations$/.exec(p)) && method === 'POST') {
      const s = this.registrable(partnerId, m[1], m[2]);
      if (s.registrationStatus !== 'registered') this.registering.set(s.id, this.options.registrationPolls ?? 1);
      return { status: 202, headers: { Location: `${p.replace(/registrations$/, 'registrationstatus')}` } };
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/subscriptions\/([^/]+)\/registrationstatus$/.exec(p))) {
      const s = this.registrable(partnerId, m[1], m[2]);
      const polls = this.registering.get(s.id);
      if (polls !== undefined) {
        if (polls > 0) {
          this.registering.set(s.id, polls - 1);
          return ok({ subscriptionId: m[2], status: 'registering' });
        }
        this.registering.delete(s.id);
        this.world.directory.setRegistrationStatus(s.id, 'registered');
      }
      return ok({ subscriptionId: m[2], status: this.world.directory.subscription(s.id)!.registrationStatus });
    }
    if (p === '/v1/relationships' && q.get('relationship_type') === 'IsIndirectCloudSolutionProviderOf') {
      return list(
        this.world.directory.resellers(partnerId).map((r) => ({
          id: resellerTenant(r.mpnId),
          name: r.name,
          relationshipType: 'IsIndirectCloudSolutionProviderOf',
          state: 'Active',
          mpnId: r.mpnId,
          location: 'BR',
        })),
      );
    }
    if (p === '/v1/products' && method === 'GET') return this.listProducts(q);
    if ((m = /^\/v1\/products\/([^/]+)$/.exec(p))) return ok(this.wireProduct(this.product(m[1])));
    if ((m = /^\/v1\/products\/([^/]+)\/skus$/.exec(p))) return list(this.skusOf(m[1], q).map((i) => this.wireSku(i)));
    if ((m = /^\/v1\/products\/([^/]+)\/skus\/([^/]+)$/.exec(p))) {
      const item = this.items(`a.product_id = ? AND a.sku_id = ? AND a.country = ?`, m[1], m[2], this.country(q))[0];
      if (!item) throw new HttpError(404, '800002', 'SKU not found.');
      return ok(this.wireSku(item));
    }
    if ((m = /^\/v1\/products\/([^/]+)\/skus\/([^/]+)\/availabilities$/.exec(p))) {
      if (m[1] === planProduct && m[2] === planSku) return list([this.planAvailability(this.country(q))]);
      const segment = q.get('targetSegment');
      const items = this.items(`a.product_id = ? AND a.sku_id = ? AND a.country = ?`, m[1], m[2], this.country(q)).filter(
        (i) => !segment || i.availability.segment === segment.toLowerCase(),
      );
      return list(items.map((i) => this.wireAvailability(i)));
    }
    if ((m = /^\/v1\/products\/([^/]+)\/skus\/([^/]+)\/availabilities\/([^/]+)$/.exec(p))) {
      const item = this.items(`a.product_id = ? AND a.sku_id = ? AND a.id = ? AND a.country = ?`, m[1], m[2], m[3], this.country(q))[0];
      if (!item) throw new HttpError(404, '800002', 'Availability not found.');
      return ok(this.wireAvailability(item));
    }
    if (p === '/v1/extensions/product/checkInventory' && method === 'POST') return this.checkInventory(q, body);
    if ((m = /^\/v1\/customers\/([^/]+)\/carts$/.exec(p)) && method === 'POST') return this.createCart(partnerId, m[1], body, headers['ms-requestid']);
    if ((m = /^\/v1\/customers\/([^/]+)\/carts\/([^/]+)$/.exec(p)) && method === 'PUT') return this.updateCart(partnerId, m[1], m[2], body);
    if ((m = /^\/v1\/customers\/([^/]+)\/carts\/([^/]+)$/.exec(p)) && method === 'GET') return ok(this.cart(partnerId, m[1], m[2]));
    if ((m = /^\/v1\/customers\/([^/]+)\/carts\/([^/]+)\/checkout$/.exec(p)) && method === 'POST') {
      return this.checkout(partnerId, m[1], m[2], headers['ms-requestid']);
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/orders$/.exec(p)) && method === 'GET') {
      this.customer(partnerId, m[1]);
      const orders = [...this.orders.values()].filter((o) => o.customerId === m![1] && !o.hidden).map((o) => this.orderNow(o.body));
      return list(orders.sort((a, b) => b.creationDate.localeCompare(a.creationDate)));
    }
    if ((m = /^\/v1\/customers\/([^/]+)\/orders\/([^/]+)$/.exec(p))) return ok(this.orderNow(this.order(partnerId, m[1], m[2]).body));
    if ((m = /^\/v1\/customers\/([^/]+)\/orders\/([^/]+)\/provisioningstatus$/.exec(p))) {
      // "Get order provisioning status": one status per line; PrefulfillmentPending until the delay has passed.
      const order = this.order(partnerId, m[1], m[2]).body;
      const status = this.unfulfilledOrders.has(order.id) ? 'Unfulfilled' : this.fulfilled(order) ? 'Fulfilled' : 'PrefulfillmentPending';
      return list(order.lineItems.map((l) => ({ lineItemNumber: l.lineItemNumber, status })));
    }
    throw new HttpError(404, '800002', `No route for ${method} ${p}.`);
  }

  // ---- directory --------------------------------------------------------------------------------

  private customer(partnerId: string, customerId: string): Customer {
    const c = this.world.directory.customer(decodeURIComponent(customerId));
    if (!c || c.partnerId !== partnerId) throw new HttpError(404, '800002', 'Customer not found.');
    return c;
  }

  private wireCustomer(c: Customer) {
    return {
      id: c.id,
      commerceId: randomUUID(),
      companyProfile: { tenantId: c.tenantId, domain: c.domain, companyName: c.companyName },
      billingProfile: { defaultAddress: { country: c.country } },
      relationshipToPartner: 'reseller',
      ...(c.resellerMpnId ? { associatedPartnerId: resellerTenant(c.resellerMpnId) } : {}),
      attributes: { objectType: 'Customer' },
    };
  }

  private listCustomers(partnerId: string, q: URLSearchParams): Reply {
    const size = Number(q.get('size') ?? '500');
    const filter = q.get('filter');
    let customers = (this.world.db.prepare('SELECT id FROM customers WHERE partner_id = ? ORDER BY company_name').all(partnerId) as { id: string }[]).map(
      (r) => this.world.directory.customer(r.id)!,
    );
    if (filter) {
      const f = JSON.parse(filter) as { Field: string; Value: string; Operator: string };
      if (f.Operator !== 'starts_with' || !['CompanyName', 'Domain'].includes(f.Field)) throw new HttpError(400, '800002', 'Unsupported filter.');
      const v = f.Value.toLowerCase();
      customers = customers.filter((c) => (f.Field === 'CompanyName' ? c.companyName : c.domain).toLowerCase().startsWith(v));
    }
    // Without billing profile, as the list answers: the client reads it per customer.
    const items = customers.slice(0, size).map((c) => ({ ...this.wireCustomer(c), billingProfile: undefined }));
    return { status: 200, body: { totalCount: customers.length, items, links: {}, attributes: { objectType: 'Collection' } } };
  }

  /**
   * A subscription that registration applies to: a legacy Azure subscription, or an Azure plan by its own
   * id ("Purchase Azure reservations": under an Azure plan, the plan is registered). An Azure subscription
   * of a plan (an entitlement id) is no Partner Center subscription: 404.
   */
  private registrable(partnerId: string, customerId: string, subscriptionId: string): Subscription {
    const id = decodeURIComponent(subscriptionId);
    const s = this.subscription(partnerId, customerId, id.replace(/^plan-/, ''));
    if ((s.kind === 'azurePlan') !== id.startsWith('plan-')) throw new HttpError(404, '800002', 'Subscription not found.');
    return s;
  }

  private subscription(partnerId: string, customerId: string, subscriptionId: string): Subscription {
    const c = this.customer(partnerId, customerId);
    const s = this.world.directory.subscription(decodeURIComponent(subscriptionId));
    if (!s || s.customerId !== c.id) throw new HttpError(404, '800002', 'Subscription not found.');
    return s;
  }

  private listSubscriptions(partnerId: string, customerId: string, orderId: string | null): Reply {
    const c = this.customer(partnerId, customerId);
    let subs = this.world.directory.subscriptions(c.id);
    if (orderId) {
      const order = this.orders.get(orderId);
      subs = subs.filter((s) => s.id === order?.planSubscriptionId);
    }
    const items = subs.map((s) =>
      s.kind === 'azurePlan'
        ? { id: `plan-${s.id}`, offerId: azurePlanOfferId, friendlyName: 'Azure plan', status: s.status, billingType: 'usage', partnerId: '', quantity: 1 }
        : { id: s.id, offerId: s.offerId, friendlyName: s.friendlyName, status: s.status, billingType: s.billingType, partnerId: '', quantity: 1 },
    );
    // A licence subscription the gateway must leave out.
    items.push({ id: `licence-${c.id}`, offerId: 'CFQ7TTC0LH18:0001', friendlyName: 'Microsoft 365 Business Basic', status: 'active', billingType: 'license', partnerId: '', quantity: 5 });
    return { status: 200, body: { totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } } };
  }

  // ---- catalog ------------------------------------------------------------------------------------

  private country(q: URLSearchParams): string {
    const country = q.get('country');
    if (!country || !/^[A-Za-z]{2}$/.test(country)) throw new HttpError(400, '800002', 'The country parameter is required.');
    return country.toUpperCase();
  }

  private items(where: string, ...args: string[]): CatalogItem[] {
    const ids = this.world.db.prepare(`SELECT a.catalog_item_id AS id FROM availabilities a WHERE ${where} ORDER BY a.catalog_item_id`).all(...args) as { id: string }[];
    return ids.map((r) => this.world.catalog.item(r.id)!);
  }

  private product(productId: string) {
    const row = this.world.db.prepare('SELECT * FROM products WHERE id = ?').get(productId) as { id: string; title: string; description: string; reservation_type: string } | undefined;
    if (!row) throw new HttpError(404, '800002', 'Product not found.');
    return row;
  }

  /** "Get a list of products": productType.subType names the kind of reservation (the reserved resource type). */
  private wireProduct(p: { id: string; title: string; description: string; reservation_type: string }) {
    const subType = catalogReference.reservationTypes.find((t) => t.key === p.reservation_type)?.id ?? p.reservation_type;
    return { id: p.id, title: p.title, description: p.description, productType: { id: 'Azure', displayName: 'Azure', subType: { id: subType, displayName: subType } }, isMicrosoftProduct: true };
  }

  private listProducts(q: URLSearchParams): Reply {
    const country = this.country(q);
    const view = targetViews[q.get('targetView') ?? ''];
    if (!view) throw new HttpError(400, '800002', 'Unknown targetView.');
    const segment = (q.get('targetSegment') ?? 'commercial').toLowerCase();
    const rows = this.world.db
      .prepare(
        `SELECT DISTINCT p.id, p.title, p.description, p.reservation_type FROM products p JOIN availabilities a ON a.product_id = p.id
         WHERE a.country = ? AND a.segment = ? ORDER BY p.id`,
      )
      .all(country, segment) as { id: string; title: string; description: string; reservation_type: string }[];
    const items = rows.filter((r) => view === 'all' || view.includes(r.reservation_type)).map((r) => this.wireProduct(r));
    return { status: 200, body: { totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } } };
  }

  private skusOf(productId: string, q: URLSearchParams): CatalogItem[] {
    const segment = q.get('targetSegment');
    const items = this.items(`a.product_id = ? AND a.country = ?${segment ? ' AND a.segment = ?' : ''}`, productId, this.country(q), ...(segment ? [segment.toLowerCase()] : []));
    const seen = new Set<string>();
    return items.filter((i) => !seen.has(i.sku.id) && seen.add(i.sku.id));
  }

  private wireSku({ sku, product }: CatalogItem) {
    const d = sku.dynamicAttributes;
    const wire = {
      id: sku.id,
      productId: sku.productId,
      title: sku.title,
      description: sku.title,
      minimumQuantity: sku.minimumQuantity,
      maximumQuantity: sku.maximumQuantity,
      isTrial: false,
      supportedBillingCycles: sku.supportedBillingCycles,
      purchasePrerequisites: sku.purchasePrerequisites,
      provisioningVariables: ['Scope', 'SubscriptionId', 'Duration'],
      dynamicAttributes: {
        armSkuName: d.armSkuName,
        armRegionName: d.armRegionName,
        region: d.region,
        duration: d.duration,
        cores: d.cores,
        ram: d.ram,
        category: d.category,
        skuDisplayName: d.skuDisplayName,
        // VM SKUs carry no family: the gateway derives it from the size name.
        ...(product.reservationType === 'VirtualMachines' ? {} : { family: d.family }),
        // "Get a list of SKUs for a product": dynamic attributes can change without notice (new keys come).
        productFamily: product.reservationType,
      },
    };
    const changed = this.skuAttributes.get(`${sku.productId}:${sku.id}`);
    for (const [k, v] of Object.entries(changed ?? {})) {
      if (v === undefined) delete (wire.dynamicAttributes as Record<string, unknown>)[k];
      else (wire.dynamicAttributes as Record<string, unknown>)[k] = v;
    }
    return wire;
  }

  private wireAvailability({ availability: a }: CatalogItem) {
    return {
      id: a.id,
      productId: a.productId,
      skuId: a.skuId,
      catalogItemId: a.catalogItemId,
      defaultCurrency: a.defaultCurrency,
      segment: a.segment === 'commercial' ? 'Commercial' : a.segment,
      country: a.country,
      isPurchasable: a.isPurchasable,
      isRenewable: false,
      terms: a.terms,
    };
  }

  private planAvailability(country: string) {
    return {
      id: `AP${country}`,
      productId: planProduct,
      skuId: planSku,
      catalogItemId: `${planProduct}:${planSku}:AP${country}`,
      defaultCurrency: { code: 'USD', symbol: '$' },
      segment: 'Commercial',
      country,
      isPurchasable: true,
      terms: [],
    };
  }

  /**
   * The market's reservation prices as the Partner API's price sheet CSV ("Get a price sheet"): the
   * documented columns only (no billing plan, no segment), one row per product, SKU and term at the
   * commercial price for the whole term (the segment's own where the market sells no commercial one).
   * The term's format in this view is not documented: written as "1 Year" / "3 Years".
   */
  private priceSheet(country: string): string {
    const rows = this.world.db
      .prepare(
        `SELECT a.product_id, a.sku_id, s.title, a.term, a.segment, a.currency_code, a.unit_price_minor
         FROM availabilities a JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id WHERE a.country = ?
         ORDER BY a.product_id, a.sku_id, a.term, a.segment <> 'commercial'`,
      )
      .all(country) as { product_id: string; sku_id: string; title: string; term: string; segment: string; currency_code: string; unit_price_minor: number }[];
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [
      'ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,MeterIds,MeterType,Tags',
    ];
    const written = new Set<string>();
    for (const r of rows) {
      const key = `${r.product_id}|${r.sku_id}|${r.term}`;
      if (written.has(key)) continue;
      written.add(key);
      const term = { P1Y: '1 Year', P3Y: '3 Years', P5Y: '5 Years' }[r.term] ?? r.term;
      const price = (r.unit_price_minor / 100).toFixed(2);
      lines.push(
        [quote(r.title), r.product_id, r.sku_id, quote(r.title), 'Microsoft', quote(r.title), '1 Hour', term, country, r.currency_code, price, '0', '', '2024-01-01T00:00:00Z', '9999-12-31T00:00:00Z', randomUUID(), 'Reservation', ''].join(','),
      );
    }
    return lines.join('\r\n');
  }

  /**
   * The market's pay-as-you-go prices as the price sheet's consumption view ("Get a price sheet",
   * PricesheetView='azure_consumption'): the documented columns; prices in USD only ("Consumption meter
   * prices are only in USD"), per hour; the SkuTitle ending in the meter's region, as the documented example
   * row does ("… - Standard - US East 2"); the example's term ("payG-1"). Each VM size the market sells,
   * in each region with a billing meter region: a Linux row and a dearer Windows one (the licence included).
   */
  private consumptionPriceSheet(country: string): string {
    const sizes = this.world.db
      .prepare(
        `SELECT DISTINCT family, arm_sku_name, arm_region_name FROM availabilities
         WHERE country = ? AND reservation_type = 'VirtualMachines' ORDER BY family, arm_sku_name, arm_region_name`,
      )
      .all(country) as { family: string; arm_sku_name: string; arm_region_name: string }[];
    const meterRegions = new Map(catalogReference.regions.map((r) => [r.armName, r.billingMeterRegion]));
    const lines = [
      'ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,MeterIds,MeterType,Tags',
    ];
    for (const s of sizes) {
      const meterRegion = meterRegions.get(s.arm_region_name);
      const hourlyUsd = paygHourlyMinor({ reservationType: 'VirtualMachines', armSkuName: s.arm_sku_name, armRegionName: s.arm_region_name, currency: 'USD', segment: 'commercial' });
      if (!meterRegion || hourlyUsd === undefined) continue;
      const size = s.arm_sku_name.replace(/^Standard_/, '').replace(/_/g, ' ');
      for (const [os, factor] of [['', 1], [' Windows', 1.8]] as const) {
        const product = `Virtual Machines ${s.family} Series${os}`;
        const title = `${product} - ${size} - ${meterRegion}`;
        const price = ((hourlyUsd * factor) / 100).toFixed(6);
        lines.push([product, 'DZH318Z0BQ4N', '00XX', title, 'Microsoft', title, '1 Hour', 'payG-1', country, 'USD', price, '0', '', '2024-01-01T00:00:00Z', '9999-12-31T00:00:00Z', randomUUID(), '1 Compute Hour', 'Azure'].join(','));
      }
    }
    return lines.join('\r\n');
  }

  /**
   * "Check inventory": the TargetItems of one inventory context (customer, Azure subscription, region),
   * answered one result per item; items not found in the market are left out.
   */
  private checkInventory(q: URLSearchParams, body: unknown): Reply {
    const country = this.country(q);
    const b = body as { targetItems: { productId: string; skuId: string }[]; inventoryContext: { armRegionName: string } };
    if (!Array.isArray(b?.targetItems) || !b.inventoryContext?.armRegionName) throw new HttpError(400, '800002', 'targetItems and inventoryContext are required.');
    return {
      status: 200,
      body: b.targetItems
        .filter(({ productId, skuId }) => this.items('a.product_id = ? AND a.sku_id = ? AND a.country = ?', String(productId), String(skuId), country).length > 0)
        .map(({ productId, skuId }) => {
          const restrictions = this.world.catalog.inventoryRestrictions(productId, skuId, b.inventoryContext.armRegionName);
          return { productId, skuId, isRestricted: restrictions.length > 0, restrictions };
        }),
    };
  }

  // ---- carts, checkout, orders --------------------------------------------------------------------

  private validateLines(customer: Customer, lineItems: unknown): Record<string, unknown>[] {
    if (!Array.isArray(lineItems) || lineItems.length === 0) throw new HttpError(400, '800002', 'A cart needs line items.');
    const reservation = lineItems.some((l) => !String((l as { catalogItemId?: unknown })?.catalogItemId ?? '').startsWith(`${planProduct}:`));
    // Partner Center refuses a purchase for a customer whose MCA acceptance is not confirmed at cart creation.
    if (reservation && customer.agreement === 'notConfirmed') throw mcaNotConfirmed();
    return lineItems.map((raw) => {
      const l = raw as { id: number; catalogItemId: string; quantity: number; billingCycle: string; termDuration?: string; provisioningContext?: Record<string, string>; participants?: unknown[] };
      const line: Record<string, unknown> = { ...l, orderGroup: l.billingCycle === 'monthly' ? '1' : '0' };
      const lineError = (errorCode: string, errorDescription: string) => ({ ...line, error: { errorCode, errorDescription } });
      // "Purchase Azure reservations" (the Azure plan): its SKU supports the one_time billing cycle only.
      if (l.catalogItemId.startsWith(`${planProduct}:${planSku}:`)) return l.billingCycle === 'one_time' ? line : lineError('10013', 'BillingPlanNotSupported');
      const item = this.world.catalog.item(l.catalogItemId);
      if (!item || item.availability.country !== customer.country || !item.availability.isPurchasable) {
        throw new HttpError(400, '800070', `Catalog item ${l.catalogItemId} is not available in the customer's country.`);
      }
      if (!item.sku.supportedBillingCycles.includes(l.billingCycle as never)) return lineError('10013', 'BillingPlanNotSupported');
      const subscription = this.world.directory.subscription(l.provisioningContext?.subscriptionId ?? '');
      if (subscription && subscription.customerId === customer.id && subscription.registrationStatus !== 'registered') {
        return lineError('10011', 'SubscriptionNotRegistered');
      }
      const restricted = this.world.catalog.inventoryRestrictions(item.product.id, item.sku.id, item.sku.dynamicAttributes.armRegionName)[0];
      if (restricted) return lineError(restricted.reasonCode === 'QuotaNotAvailable' ? '10002' : '10003', restricted.reasonCode);
      return line;
    });
  }

  private createCart(partnerId: string, customerId: string, body: unknown, requestId: string): Reply {
    const customer = this.customer(partnerId, customerId);
    const again = this.cartsByRequestId.get(requestId);
    if (again) return { status: 201, body: this.carts.get(again) };
    const now = this.clock();
    const cart: ServerCart = {
      id: randomUUID(),
      customerId: customer.id,
      creationTimestamp: now.toISOString(),
      lastModifiedTimestamp: now.toISOString(),
      expirationTimestamp: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      status: 'Active',
      lineItems: this.validateLines(customer, (body as { lineItems?: unknown })?.lineItems),
    };
    this.carts.set(cart.id, cart);
    this.cartsByRequestId.set(requestId, cart.id);
    return { status: 201, body: cart };
  }

  private cart(partnerId: string, customerId: string, cartId: string): ServerCart {
    const customer = this.customer(partnerId, customerId);
    const cart = this.carts.get(cartId);
    if (!cart || cart.customerId !== customer.id) throw new HttpError(404, '800002', 'Cart not found.');
    // See expireCarts: an active cart past its expirationTimestamp is gone.
    if (cart.status === 'Active' && Date.parse(cart.expirationTimestamp) <= this.clock().getTime()) {
      throw new HttpError(404, '800002', `Cart not found: it expired at ${cart.expirationTimestamp}.`);
    }
    return cart;
  }

  private updateCart(partnerId: string, customerId: string, cartId: string, body: unknown): Reply {
    const cart = this.cart(partnerId, customerId, cartId);
    if (cart.status !== 'Active') throw new HttpError(400, '800065', 'The cart has already been submitted.');
    cart.lineItems = this.validateLines(this.customer(partnerId, customerId), (body as { lineItems?: unknown })?.lineItems);
    cart.lastModifiedTimestamp = this.clock().toISOString();
    return { status: 200, body: cart };
  }

  private checkout(partnerId: string, customerId: string, cartId: string, requestId: string): Reply {
    const previous = this.checkoutsByRequestId.get(requestId);
    if (previous) return previous;
    const cart = this.cart(partnerId, customerId, cartId);
    if (cart.status !== 'Active') throw new HttpError(400, '800065', 'The cart has already been submitted.');
    if (cart.lineItems.some((l) => l.error)) throw new HttpError(400, '800009', 'There are errors in the cart items.');
    const customer = this.customer(partnerId, customerId);
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const l of cart.lineItems) {
      const line = l as { catalogItemId: string; quantity: number; termDuration?: string; provisioningContext?: Record<string, string> };
      if (!line.catalogItemId.startsWith(`${planProduct}:`)) {
        // The acceptance may have been withdrawn since the cart was made: checked again at checkout.
        if (customer.agreement === 'notConfirmed') throw mcaNotConfirmed();
        const item = this.world.catalog.item(line.catalogItemId)!;
        const subscription = this.world.directory.subscription(line.provisioningContext?.subscriptionId ?? '');
        if (!subscription || subscription.customerId !== customer.id) throw new HttpError(400, '800002', 'The subscription does not belong to this customer.');
        if (subscription.status !== 'active') throw new HttpError(400, '800012', 'The subscription is not active.');
        if (!Number.isInteger(line.quantity) || line.quantity < item.sku.minimumQuantity || line.quantity > item.sku.maximumQuantity) {
          throw new HttpError(400, '800017', 'Quantity not available.');
        }
        if (line.termDuration !== item.availability.terms[0].duration) throw new HttpError(400, '800002', 'The term does not match the catalog item.');
      }
      const group = String(l.orderGroup);
      groups.set(group, [...(groups.get(group) ?? []), l]);
    }
    const orders: ServerOrder['body'][] = [];
    const orderErrors: { orderGroupId: string; code: string; description: string }[] = [];
    for (const [group, lines] of groups) {
      const failure = this.failOrderGroups.get(group);
      if (failure) {
        orderErrors.push({ orderGroupId: group, ...failure });
        continue;
      }
      orders.push(this.placeOrder(customer, lines));
    }
    cart.status = 'Ordered';
    const reply: Reply = { status: 201, body: { orders, orderErrors, links: {}, attributes: { objectType: 'CartCheckoutResult' } } };
    this.checkoutsByRequestId.set(requestId, reply);
    return reply;
  }

  private placeOrder(customer: Customer, lines: Record<string, unknown>[]): ServerOrder['body'] {
    const first = lines[0] as { billingCycle: string; catalogItemId: string };
    const id = crypto.randomBytes(18).toString('base64url');
    let total = 0;
    let currency = { code: 'USD', symbol: '$' };
    let planSubscriptionId: string | undefined;
    const lineItems = lines.map((raw, i) => {
      const l = raw as { catalogItemId: string; quantity: number; termDuration?: string; provisioningContext?: Record<string, string>; participants?: { key: string; value: string }[] };
      const [productId, skuId] = l.catalogItemId.split(':');
      if (productId === planProduct) {
        planSubscriptionId = randomUUID();
        this.world.directory.insertSubscription(
          { id: planSubscriptionId, customerId: customer.id, offerId: azurePlanOfferId, kind: 'azurePlan', friendlyName: 'Azure subscription 1', status: 'active', billingType: 'usage', registrationStatus: 'notregistered' },
          this.clock().toISOString(),
        );
        return { lineItemNumber: i, offerId: azurePlanOfferId, friendlyName: 'Azure plan', quantity: 1, partnerIdOnRecord: null, provisioningContext: {} };
      }
      const item = this.world.catalog.item(l.catalogItemId)!;
      currency = item.availability.defaultCurrency;
      total += (item.availability.unitPriceMinor * l.quantity) / 100;
      return {
        lineItemNumber: i,
        offerId: `${productId}:${skuId}`,
        friendlyName: item.sku.title,
        quantity: l.quantity,
        termDuration: l.termDuration,
        transactionType: 'New',
        partnerIdOnRecord: l.participants?.find((p) => p.key === 'transaction_reseller')?.value ?? null,
        provisioningContext: l.provisioningContext ?? {},
      };
    });
    const body: ServerOrder['body'] = {
      id,
      alternateId: crypto.randomBytes(6).toString('hex'),
      referenceCustomerId: customer.id,
      billingCycle: first.billingCycle === 'monthly' ? 'monthly' : 'one_time',
      currencyCode: currency.code,
      currencySymbol: currency.symbol,
      creationDate: this.clock().toISOString(),
      status: 'pending',
      totalPrice: Math.round(total * 100) / 100,
      lineItems,
    };
    this.orders.set(id, { customerId: customer.id, hidden: this.hideNewOrders, body, planSubscriptionId });
    return body;
  }

  /**
   * Whether the order's lines are provisioned by now: Partner Center fulfils an order within minutes
   * (https://learn.microsoft.com/en-us/partner-center/developer/get-order-provisioning-status).
   */
  private fulfilled(order: ServerOrder['body']): boolean {
    return this.clock().getTime() - Date.parse(order.creationDate) >= (this.options.fulfilmentDelayMs ?? 5 * 60_000);
  }

  /** "Get an order by ID": pending until its lines are fulfilled, then completed. */
  private orderNow(body: ServerOrder['body']): ServerOrder['body'] {
    return this.fulfilled(body) && !this.unfulfilledOrders.has(body.id) ? { ...body, status: 'completed' } : body;
  }

  private order(partnerId: string, customerId: string, orderId: string): ServerOrder {
    const customer = this.customer(partnerId, customerId);
    const order = this.orders.get(orderId);
    if (!order || order.customerId !== customer.id || order.hidden) throw new HttpError(404, '800002', 'Order not found.');
    return order;
  }
}
