// One Partner Center REST call done right on the wire:
// - `MS-RequestId` is chosen once per operation and sent unchanged on every retry of it (Partner Center
//   uses it for idempotency); `MS-CorrelationId` is new on every HTTP request and logged with it;
// - `X-Locale` is the agent's locale (from the turn's call context), else the configured default;
// - only idempotent operations are retried: on 429 (after `Retry-After`), 500/502/503/504 and transport
//   failures, with exponential backoff and jitter. A non-idempotent one (checkout) is never resent here;
// - every request has its own timeout; a 401 drops the cached token and signs in again once;
// - an error answer becomes a PartnerCenterError with Partner Center's `code` and `description`.
import { randomUUID } from 'node:crypto';
import { PartnerCenterError, PartnerCenterTimeoutError } from '../partnerCenter';
import type { TokenProvider } from './auth';
import { currentPartnerCenterContext, normaliseLocale } from './callContext';
import { TransportError, type HttpResponse, type Transport } from './http';

/**
 * Partner Center did not answer (timeout, or the connection failed): the outcome of the call is unknown,
 * so it is a PartnerCenterTimeoutError to every caller (a checkout is looked up, never re-posted blindly).
 */
export class PartnerCenterUnreachableError extends PartnerCenterTimeoutError {
  constructor(
    readonly kind: 'timeout' | 'network',
    description: string,
    readonly requestId: string,
  ) {
    super(description);
    this.name = 'PartnerCenterUnreachableError';
  }
}

export interface CallSpec {
  /** A name for the logs, e.g. "getCustomer". */
  op: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Relative to the base URL ("/customers/…"), or an absolute URL (the price sheet host). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** MS-RequestId for this operation; a new one when not given. Kept across retries. */
  requestId?: string;
  /** Whether a retry can do no harm (reads; writes that Partner Center de-duplicates by MS-RequestId). */
  idempotent: boolean;
  timeoutMs?: number;
  accept?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
  requestId: string;
}

export interface RestClientOptions {
  baseUrl: string;
  tokens: TokenProvider;
  transport: Transport;
  defaultLocale: string;
  timeoutMs: number;
  maxRetries: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** A Retry-After longer than this is not waited for: the call fails (the agent tries later). */
  maxRetryAfterMs?: number;
  /** First backoff delay; doubled on each retry. */
  backoffBaseMs?: number;
}

const retriableStatuses = new Set([429, 500, 502, 503, 504]);

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Partner Center's error body `{code, description}` (code may be a number), or the HTTP status; with Retry-After. */
export function errorFromResponse(response: HttpResponse, now: number = Date.now()): PartnerCenterError {
  let code = String(response.status);
  let description = `HTTP ${response.status}`;
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>;
    if (body && (typeof body.code === 'string' || typeof body.code === 'number')) code = String(body.code);
    else if (body && (typeof body.errorCode === 'string' || typeof body.errorCode === 'number')) code = String(body.errorCode);
    const text = body?.description ?? body?.message ?? body?.errorMessage;
    if (typeof text === 'string' && text) description = text;
  } catch {
    if (response.body) description = `HTTP ${response.status}: ${response.body.slice(0, 200)}`;
  }
  const wait = retryAfterMs(response.headers['retry-after'], now);
  return new PartnerCenterError(code, description, response.status, wait === undefined ? undefined : Math.ceil(wait / 1000));
}

export class PartnerCenterRestClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: RestClientOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  async call(spec: CallSpec): Promise<CallResult> {
    const requestId = spec.requestId ?? randomUUID();
    const url = this.url(spec);
    const locale = normaliseLocale(currentPartnerCenterContext().locale) ?? this.options.defaultLocale;
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    const maxAttempts = spec.idempotent ? this.options.maxRetries + 1 : 1;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      const correlationId = randomUUID();
      const token = await this.options.tokens.getToken();
      const started = Date.now();
      const logLine = (outcome: string) =>
        `[partner-center] ${spec.op} ${spec.method} ${new URL(url).pathname} → ${outcome} in ${Date.now() - started} ms ` +
        `(MS-RequestId ${requestId}, MS-CorrelationId ${correlationId}, attempt ${attempt})`;
      let response: HttpResponse;
      try {
        response = await this.options.transport({
          method: spec.method,
          url,
          timeoutMs,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: spec.accept ?? 'application/json',
            'MS-RequestId': requestId,
            'MS-CorrelationId': correlationId,
            'X-Locale': locale,
            ...(spec.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        this.options.log(logLine(error.kind));
        if (attempt < maxAttempts) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new PartnerCenterUnreachableError(error.kind, `Partner Center did not answer ${spec.op}: ${error.message}`, requestId);
      }
      this.options.log(logLine(String(response.status)));
      if (response.status >= 200 && response.status < 300) {
        let json: unknown;
        if (response.body && (response.headers['content-type'] ?? 'application/json').includes('json')) {
          try {
            json = JSON.parse(response.body.replace(/^\uFEFF/, ''));
          } catch {
            throw new PartnerCenterError('invalid_response', `Partner Center answered ${spec.op} with invalid JSON.`, response.status);
          }
        }
        return { status: response.status, headers: response.headers, text: response.body, json, requestId };
      }
      if (response.status === 401 && !reauthenticated) {
        // The token was revoked or expired early: sign in again once (nothing was processed).
        reauthenticated = true;
        this.options.tokens.invalidate();
        attempt--;
        continue;
      }
      if (retriableStatuses.has(response.status) && attempt < maxAttempts) {
        const asked = retryAfterMs(response.headers['retry-after']);
        const delay = asked ?? this.backoff(attempt);
        if (delay <= (this.options.maxRetryAfterMs ?? 120_000)) {
          await this.sleep(delay);
          continue;
        }
      }
      throw errorFromResponse(response);
    }
  }

  /** GET and parse JSON. */
  async getJson(op: string, path: string, query?: CallSpec['query'], extra: Partial<CallSpec> = {}): Promise<unknown> {
    return (await this.call({ op, method: 'GET', path, query, idempotent: true, ...extra })).json;
  }

  private backoff(attempt: number): number {
    const base = (this.options.backoffBaseMs ?? 500) * 2 ** (attempt - 1);
    return Math.round(base * (0.75 + this.random() * 0.5));
  }

  private url(spec: CallSpec): string {
    const url = new URL(/^https?:\/\//.test(spec.path) ? spec.path : `${this.options.baseUrl}${spec.path}`);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }
}
