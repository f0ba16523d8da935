// Fault injection for the Partner Center gateway: a decorator around any PartnerCenter that answers
// chosen calls with what a real gateway does on a bad day (429 with Retry-After, 5xx, timeouts, "order in
// progress", an order made but its answer lost), scripted call by call. Test-only: tests build it
// directly, and a bot process that must meet faults is started through ./faultyBot.ts, which composes the
// product's server with it from PARTNER_CENTER_FAULTS.
//
// A script is a comma-separated list of steps, one per call of that method, then pass-through:
//   ok                 pass the call through
//   429[:s]            throttled, Retry-After s seconds (default 1); not carried out
//   500, 502, 503      server error; not carried out
//   800060, 800064 …   a Partner Center error code (409 for 800060/800064, else 400); not carried out
//   timeout[:ms]       no answer (after ms); not carried out
//   commit+timeout[:ms]  carried out, then no answer: the order exists but the caller does not know
//   slow:ms            waits ms, then carried out and answered
//   commit+slow:ms     carried out, answered ms later (a window to kill the process after the commit)
//   hang               never answers; not carried out (the caller's own timeout applies)
//   random:p[/a|b|…]   every call: with probability p one of the steps a, b, … (default 429:1|500|timeout|commit+timeout)
// A step may end in *n (repeat n times) or * (repeat forever). A spec names the method:
//   "checkout=429:1,500,ok; getOrdersForRequest=timeout"
import { PartnerCenterError, PartnerCenterTimeoutError, type PartnerCenter } from '../../src/partnerCenter/partnerCenter';

export const partnerCenterMethods = [
  'searchCustomers',
  'getCustomer',
  'getSubscriptions',
  'createAzurePlan',
  'getRegistrationStatus',
  'registerSubscription',
  'getResellers',
  'getReservationTypes',
  'searchCatalog',
  'getCatalogVocabulary',
  'getCatalogItem',
  'getPayAsYouGoPrice',
  'checkInventory',
  'checkout',
  'getOrders',
  'getProvisioningStatus',
  'getOrdersForRequest',
] as const satisfies readonly (keyof PartnerCenter)[];
export type PartnerCenterMethod = (typeof partnerCenterMethods)[number];

export type Fault =
  | { kind: 'ok' }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'status'; status: number }
  | { kind: 'code'; code: string }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'commitThenTimeout'; afterMs: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'commitThenSlow'; ms: number }
  | { kind: 'hang' }
  | { kind: 'random'; probability: number; pool: Fault[] };

/** One step of a script: a fault, how many calls it answers (Infinity: every call from then on). */
export interface ScriptStep {
  fault: Fault;
  times: number;
}

/** What one call met, for assertions and reports. */
export interface FaultCall {
  method: PartnerCenterMethod;
  /** The fault it was answered with, as written in a script ("ok" when passed through untouched). */
  fault: string;
  /** checkout: the request id (MS-RequestId) the call carried; getOrdersForRequest: the id looked up. */
  requestId?: string;
  at: number;
}

const defaultRandomPool = '429:1|500|timeout|commit+timeout';

/** Parses one step such as "429:2", "commit+timeout", "500*3". Throws on anything else. */
export function parseStep(token: string): ScriptStep {
  const text = token.trim().toLowerCase();
  const repeat = /^(.*?)\*(\d*)$/.exec(text);
  const body = repeat ? repeat[1]!.trim() : text;
  const fault = parseFault(body, token);
  // A random step applies to every call unless counted.
  const times = repeat ? (repeat[2] ? Number(repeat[2]) : Infinity) : fault.kind === 'random' ? Infinity : 1;
  if (!(times >= 1)) throw new Error(`fault step "${token}": the repeat count must be at least 1`);
  return { fault, times };
}

function parseFault(body: string, token: string): Fault {
  const ms = (s: string | undefined, fallback?: number) => {
    if (s === undefined) {
      if (fallback === undefined) throw new Error(`fault step "${token}" needs a duration in ms`);
      return fallback;
    }
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new Error(`fault step "${token}": "${s}" is not a duration in ms`);
    return n;
  };
  let m: RegExpExecArray | null;
  if (body === 'ok') return { kind: 'ok' };
  if (body === 'hang') return { kind: 'hang' };
  if ((m = /^429(?::(\d+(?:\.\d+)?))?$/.exec(body))) return { kind: 'throttle', retryAfterSeconds: m[1] === undefined ? 1 : Number(m[1]) };
  if ((m = /^(5\d\d)$/.exec(body))) return { kind: 'status', status: Number(m[1]) };
  if ((m = /^(\d{4,6})$/.exec(body))) return { kind: 'code', code: m[1]! };
  if ((m = /^timeout(?::(\d+))?$/.exec(body))) return { kind: 'timeout', afterMs: ms(m[1], 0) };
  if ((m = /^commit\+timeout(?::(\d+))?$/.exec(body))) return { kind: 'commitThenTimeout', afterMs: ms(m[1], 0) };
  if ((m = /^slow:(\d+)$/.exec(body))) return { kind: 'slow', ms: ms(m[1]) };
  if ((m = /^commit\+slow:(\d+)$/.exec(body))) return { kind: 'commitThenSlow', ms: ms(m[1]) };
  if ((m = /^random:(\d*\.?\d+)(?:\/(.+))?$/.exec(body))) {
    const probability = Number(m[1]);
    if (!(probability >= 0 && probability <= 1)) throw new Error(`fault step "${token}": the probability must be between 0 and 1`);
    const pool = (m[2] ?? defaultRandomPool).split('|').map((t) => parseFault(t.trim(), token));
    if (pool.some((f) => f.kind === 'random')) throw new Error(`fault step "${token}": random steps do not nest`);
    return { kind: 'random', probability, pool };
  }
  throw new Error(`unknown fault step "${token}" (ok, 429[:s], 5xx, a Partner Center code, timeout[:ms], commit+timeout[:ms], slow:ms, commit+slow:ms, hang, random:p[/a|b])`);
}

/** "429:1, 500, ok" → steps. */
export function parseScript(script: string | readonly string[]): ScriptStep[] {
  const tokens = typeof script === 'string' ? script.split(',') : script;
  return tokens.map((t) => t.trim()).filter(Boolean).map(parseStep);
}

/** "checkout=429:1,500; getOrdersForRequest=timeout" → the script of each method. Throws on an unknown method. */
export function parseFaultSpec(spec: string): Partial<Record<PartnerCenterMethod, ScriptStep[]>> {
  const scripts: Partial<Record<PartnerCenterMethod, ScriptStep[]>> = {};
  for (const part of spec.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`fault spec "${part}": write method=steps, e.g. checkout=429:1,500,ok`);
    const method = part.slice(0, eq).trim();
    if (!(partnerCenterMethods as readonly string[]).includes(method)) {
      throw new Error(`fault spec "${part}": "${method}" is not a Partner Center gateway method (${partnerCenterMethods.join(', ')})`);
    }
    scripts[method as PartnerCenterMethod] = parseScript(part.slice(eq + 1));
  }
  return scripts;
}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'ok': return 'ok';
    case 'throttle': return `429:${f.retryAfterSeconds}`;
    case 'status': return String(f.status);
    case 'code': return f.code;
    case 'timeout': return f.afterMs ? `timeout:${f.afterMs}` : 'timeout';
    case 'commitThenTimeout': return f.afterMs ? `commit+timeout:${f.afterMs}` : 'commit+timeout';
    case 'slow': return `slow:${f.ms}`;
    case 'commitThenSlow': return `commit+slow:${f.ms}`;
    case 'hang': return 'hang';
    case 'random': return `random:${f.probability}`;
  }
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve();
    setTimeout(resolve, ms).unref();
  });

/** A small seeded generator, so a soak with random faults can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultyPartnerCenter implements PartnerCenter {
  private readonly scripts = new Map<PartnerCenterMethod, ScriptStep[]>();
  /** Every call, in order, with the fault it met ("ok" when passed through). */
  readonly calls: FaultCall[] = [];
  private readonly random: () => number;

  constructor(
    private readonly inner: PartnerCenter,
    scripts: Partial<Record<PartnerCenterMethod, string | readonly string[] | ScriptStep[]>> = {},
    options: { seed?: number } = {},
  ) {
    this.random = mulberry32(options.seed ?? 1);
    for (const [method, script] of Object.entries(scripts)) this.script(method as PartnerCenterMethod, script!);
  }

  /** Replaces the script of one method: its next calls meet these steps, in order, then pass through. */
  script(method: PartnerCenterMethod, script: string | readonly string[] | ScriptStep[]): this {
    const steps = Array.isArray(script) && script.length && typeof script[0] === 'object' ? (script as ScriptStep[]) : parseScript(script as string | string[]);
    this.scripts.set(method, steps.map((s) => ({ ...s })));
    return this;
  }

  /** The calls of one method (checkout: each with the request id it carried). */
  callsOf(method: PartnerCenterMethod): FaultCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The calls that met a fault (not "ok"). */
  injected(): FaultCall[] {
    return this.calls.filter((c) => c.fault !== 'ok');
  }

  private nextFault(method: PartnerCenterMethod): Fault {
    const steps = this.scripts.get(method);
    const step = steps?.[0];
    if (!step) return { kind: 'ok' };
    if (step.times !== Infinity && --step.times <= 0) steps.shift();
    if (step.fault.kind !== 'random') return step.fault;
    const { probability, pool } = step.fault;
    return this.random() < probability ? pool[Math.floor(this.random() * pool.length)]! : { kind: 'ok' };
  }

  private async call<T>(method: PartnerCenterMethod, requestId: string | undefined, run: () => Promise<T>): Promise<T> {
    const fault = this.nextFault(method);
    this.calls.push({ method, fault: describeFault(fault), requestId, at: Date.now() });
    switch (fault.kind) {
      case 'ok':
        return run();
      case 'throttle':
        throw new PartnerCenterError('429', 'Too many requests.', 429, fault.retryAfterSeconds);
      case 'status':
        throw new PartnerCenterError(String(fault.status), `Partner Center answered HTTP ${fault.status}.`, fault.status);
      case 'code':
        throw new PartnerCenterError(
          fault.code,
          fault.code === '800060' ? 'Order in progress.' : fault.code === '800064' ? 'The cart is being processed by another request.' : `Injected error ${fault.code}.`,
          fault.code === '800060' || fault.code === '800064' ? 409 : 400,
        );
      case 'timeout':
        await sleep(fault.afterMs);
        throw new PartnerCenterTimeoutError();
      case 'commitThenTimeout':
        await run();
        await sleep(fault.afterMs);
        throw new PartnerCenterTimeoutError('Partner Center did not answer in time (the request was carried out).');
      case 'slow':
        await sleep(fault.ms);
        return run();
      case 'commitThenSlow': {
        const answer = await run();
        await sleep(fault.ms);
        return answer;
      }
      case 'hang':
        return new Promise<T>(() => undefined);
      case 'random':
        throw new Error('unreachable: random faults are resolved by nextFault');
    }
  }

  searchCustomers(...a: Parameters<PartnerCenter['searchCustomers']>) { return this.call('searchCustomers', undefined, () => this.inner.searchCustomers(...a)); }
  getCustomer(...a: Parameters<PartnerCenter['getCustomer']>) { return this.call('getCustomer', undefined, () => this.inner.getCustomer(...a)); }
  getSubscriptions(...a: Parameters<PartnerCenter['getSubscriptions']>) { return this.call('getSubscriptions', undefined, () => this.inner.getSubscriptions(...a)); }
  createAzurePlan(...a: Parameters<PartnerCenter['createAzurePlan']>) { return this.call('createAzurePlan', a[1], () => this.inner.createAzurePlan(...a)); }
  getRegistrationStatus(...a: Parameters<PartnerCenter['getRegistrationStatus']>) { return this.call('getRegistrationStatus', undefined, () => this.inner.getRegistrationStatus(...a)); }
  registerSubscription(...a: Parameters<PartnerCenter['registerSubscription']>) { return this.call('registerSubscription', undefined, () => this.inner.registerSubscription(...a)); }
  getResellers(...a: Parameters<PartnerCenter['getResellers']>) { return this.call('getResellers', undefined, () => this.inner.getResellers(...a)); }
  getReservationTypes() { return this.call('getReservationTypes', undefined, () => this.inner.getReservationTypes()); }
  searchCatalog(...a: Parameters<PartnerCenter['searchCatalog']>) { return this.call('searchCatalog', undefined, () => this.inner.searchCatalog(...a)); }
  getCatalogVocabulary(...a: Parameters<PartnerCenter['getCatalogVocabulary']>) { return this.call('getCatalogVocabulary', undefined, () => this.inner.getCatalogVocabulary(...a)); }
  getCatalogItem(...a: Parameters<PartnerCenter['getCatalogItem']>) { return this.call('getCatalogItem', undefined, () => this.inner.getCatalogItem(...a)); }
  getPayAsYouGoPrice(...a: Parameters<PartnerCenter['getPayAsYouGoPrice']>) { return this.call('getPayAsYouGoPrice', undefined, () => this.inner.getPayAsYouGoPrice(...a)); }
  checkInventory(...a: Parameters<PartnerCenter['checkInventory']>) { return this.call('checkInventory', undefined, () => this.inner.checkInventory(...a)); }
  prepareCheckout(...a: Parameters<PartnerCenter['prepareCheckout']>) { return this.inner.prepareCheckout(...a); }
  checkout(...a: Parameters<PartnerCenter['checkout']>) { return this.call('checkout', a[0].requestId, () => this.inner.checkout(...a)); }
  getOrders(...a: Parameters<PartnerCenter['getOrders']>) { return this.call('getOrders', undefined, () => this.inner.getOrders(...a)); }
  getProvisioningStatus(...a: Parameters<PartnerCenter['getProvisioningStatus']>) { return this.call('getProvisioningStatus', undefined, () => this.inner.getProvisioningStatus(...a)); }
  getOrdersForRequest(...a: Parameters<PartnerCenter['getOrdersForRequest']>) { return this.call('getOrdersForRequest', a[0], () => this.inner.getOrdersForRequest(...a)); }
}
