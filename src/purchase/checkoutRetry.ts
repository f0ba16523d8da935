// The retry policy of a checkout. Every post carries the same request id (the cart id: Partner Center's
// MS-RequestId makes a repeat idempotent), attempts are bounded and spaced (Retry-After honoured), and
// after any failure that may have been carried out (no answer, 5xx, "order in progress") the order is
// looked up by that request id before anything else: never a blind re-post. It ends in one of four
// outcomes the agent is told about: bought, refused, not bought (Partner Center failing, no order), or
// unknown (no answer and no order found yet: R15, look again later, do not buy again).
import {
  PartnerCenterError,
  PartnerCenterTimeoutError,
  type CheckoutRequest,
  type CheckoutResponse,
  type PartnerCenter,
} from '../partnerCenter/partnerCenter';
import type { FailureKind, GatewayFailure, Order } from '../domain/types';

export interface CheckoutRetryPolicy {
  /** Posts of the checkout at most, the first included. */
  maxAttempts: number;
  /** Wait before the n-th retry without a Retry-After: base × 2^(n-1), capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Waits stop once the checkout has taken this long: a channel redelivers a turn not answered in ~15 s. */
  budgetMs: number;
  /** One gateway call may take this long; then it counts as unanswered (and may still have been carried out). */
  callTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const defaultCheckoutRetryPolicy: CheckoutRetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  budgetMs: 10_000,
  callTimeoutMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

export function classifyFailure(error: PartnerCenterError): FailureKind {
  if (error instanceof PartnerCenterTimeoutError || error.code === 'timeout') return 'noAnswer';
  if (error.status === 429) return 'throttled';
  if (error.code === '800060' || error.code === '800064') return 'inProgress';
  if (error.status >= 500) return 'serverError';
  return 'refused';
}

export type CheckoutAttempts =
  | { kind: 'bought'; response: CheckoutResponse; foundByLookup: boolean; attempts: number; failures: GatewayFailure[] }
  | { kind: 'refused'; error: PartnerCenterError; attempts: number; failures: GatewayFailure[] }
  | { kind: 'notBought'; error: PartnerCenterError; attempts: number; failures: GatewayFailure[] }
  | { kind: 'unknown'; error: PartnerCenterError; attempts: number; failures: GatewayFailure[] };

/** Runs `promise` against a deadline; a late answer is dropped (its rejection too), never left unhandled. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PartnerCenterTimeoutError(`Partner Center did not answer ${what} within ${ms} ms.`)), ms);
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks out `request` with retries. Errors that are not Partner Center's (a database fault of the
 * embedded gateway, a bug) are not retried: they propagate.
 */
export async function checkoutWithRetries(
  gateway: PartnerCenter,
  request: CheckoutRequest,
  overrides: Partial<CheckoutRetryPolicy> = {},
): Promise<CheckoutAttempts> {
  const policy = { ...defaultCheckoutRetryPolicy, ...overrides };
  const started = policy.now();
  const failures: GatewayFailure[] = [];
  const note = (call: GatewayFailure['call'], error: PartnerCenterError) => {
    const failure = failureOf(error, call);
    failures.push(failure);
    return failure.kind;
  };
  const rethrowUnlessPartnerCenter = (error: unknown): PartnerCenterError => {
    if (error instanceof PartnerCenterError) return error;
    throw error;
  };

  /** The orders of this request id; undefined when the lookup itself fails twice (then nothing is certain). */
  const lookup = async (): Promise<Order[] | undefined> => {
    for (let i = 0; i < 2; i++) {
      try {
        // A lookup gets what is left of the budget (at least a second): the agent is waiting.
        const left = Math.max(1000, policy.budgetMs - (policy.now() - started));
        return await withTimeout(gateway.getOrdersForRequest(request.requestId), Math.min(policy.callTimeoutMs, left), 'the order lookup');
      } catch (e) {
        const error = rethrowUnlessPartnerCenter(e);
        note('lookup', error);
        const wait = Math.min((error.retryAfterSeconds ?? 0) * 1000 || policy.baseDelayMs, policy.maxDelayMs);
        if (i === 0 && policy.now() - started + wait <= policy.budgetMs) await policy.sleep(wait);
        else break;
      }
    }
    return undefined;
  };

  let attempts = 0;
  let uncertain = false; // some post may have been carried out without our knowing
  let last: PartnerCenterError | undefined;
  let post = true;
  for (let round = 1; ; round++) {
    if (post) {
      attempts++;
      try {
        const response = await withTimeout(gateway.checkout(request), policy.callTimeoutMs, 'the checkout');
        // A replay answered after an earlier post of this very checkout went unanswered is that post's
        // order: this purchase, not an earlier one (as when the lookup finds it).
        const own = uncertain && response.replayed ? { ...response, replayed: false } : response;
        return { kind: 'bought', response: own, foundByLookup: false, attempts, failures };
      } catch (e) {
        last = rethrowUnlessPartnerCenter(e);
        const kind = note('checkout', last);
        if (kind === 'refused') {
          // A refusal such as "already submitted" may be the doing of an earlier, unanswered post of ours
          // (then the order is ours), or of a concurrent checkout of the same cart (then it is a replay).
          const orders = await lookup();
          if (orders?.length) return bought(orders, attempts, failures, !uncertain);
          if (orders === undefined && uncertain) return { kind: 'unknown', error: last, attempts, failures };
          return { kind: 'refused', error: last, attempts, failures };
        }
        if (kind !== 'throttled') uncertain = true;
      }
    }
    const kind = classifyFailure(last!);
    if (uncertain) {
      const orders = await lookup();
      if (orders === undefined) return { kind: 'unknown', error: last!, attempts, failures };
      if (orders.length) return bought(orders, attempts, failures, false);
    }
    // "In progress": Partner Center is making the order; posting again is what R15 forbids. Only look again.
    post = kind !== 'inProgress';
    const wait = last!.retryAfterSeconds !== undefined
      ? last!.retryAfterSeconds * 1000
      : Math.min(policy.baseDelayMs * 2 ** (round - 1), policy.maxDelayMs);
    const exhausted = round >= policy.maxAttempts || policy.now() - started + wait > policy.budgetMs;
    if (exhausted) break;
    await policy.sleep(wait);
  }
  // Given up. Only 429s and 5xx (each followed by an empty lookup) mean nothing was made; after no answer
  // or "in progress" the order may still appear (R15).
  const unsure = failures.some((f) => f.call === 'checkout' && (f.kind === 'noAnswer' || f.kind === 'inProgress'));
  return { kind: unsure ? 'unknown' : 'notBought', error: last!, attempts, failures };
}

function bought(orders: Order[], attempts: number, failures: GatewayFailure[], replayed: boolean): CheckoutAttempts {
  return { kind: 'bought', response: { orders, orderErrors: [], replayed }, foundByLookup: true, attempts, failures };
}

/** One failed call as a GatewayFailure (what the agent is told). */
export function failureOf(error: PartnerCenterError, call: GatewayFailure['call']): GatewayFailure {
  return {
    call,
    kind: classifyFailure(error),
    code: error.code,
    status: error.status,
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}

/** The PartnerCenterError under `error`, also when wrapped (botbuilder-dialogs' DialogContextError keeps it in `error`). */
export function partnerCenterErrorOf(error: unknown): PartnerCenterError | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof PartnerCenterError) return e;
    e = (e as { error?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The orders of a request id, asked twice at most (a lookup buys nothing, so asking again is safe; a
 * Retry-After is honoured within the budget). Throws the last Partner Center error when both fail.
 */
export async function lookupOrders(gateway: PartnerCenter, requestId: string, overrides: Partial<CheckoutRetryPolicy> = {}): Promise<Order[]> {
  const policy = { ...defaultCheckoutRetryPolicy, ...overrides };
  for (let i = 0; ; i++) {
    try {
      return await withTimeout(gateway.getOrdersForRequest(requestId), policy.callTimeoutMs, 'the order lookup');
    } catch (e) {
      if (!(e instanceof PartnerCenterError)) throw e;
      const wait = Math.min((e.retryAfterSeconds ?? 0) * 1000 || policy.baseDelayMs, policy.maxDelayMs);
      if (i >= 1 || wait > policy.budgetMs) throw e;
      await policy.sleep(wait);
    }
  }
}
