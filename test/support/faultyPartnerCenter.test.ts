// The fault-injecting gateway: its script language, and what each fault does to the wrapped gateway.
import assert from 'node:assert/strict';
import { FaultyPartnerCenter, parseFaultSpec, parseScript, parseStep } from './faultyPartnerCenter';
import { PartnerCenterError, PartnerCenterTimeoutError, type PartnerCenter } from '../../src/partnerCenter/partnerCenter';

/** A gateway whose only real method counts its calls: enough to see whether a fault let a call through. */
function countingGateway() {
  const made: string[] = [];
  const gateway = {
    async getOrdersForRequest(requestId: string) {
      made.push(`lookup:${requestId}`);
      return [];
    },
    async checkout(request: { requestId: string }) {
      made.push(`checkout:${request.requestId}`);
      return { orders: [], orderErrors: [], replayed: false };
    },
  } as unknown as PartnerCenter;
  return { gateway, made };
}

const checkoutRequest = { customerId: 'c', cartId: 'cart-1', requestId: 'cart-1', agentId: 'a', lineItems: [] };

describe('support/faultyPartnerCenter: the script language', () => {
  it('reads every kind of step', () => {
    assert.deepEqual(parseScript('ok, 429:2, 429, 503, 800060, timeout, timeout:50, commit+timeout, slow:10, commit+slow:20, hang').map((s) => s.fault), [
      { kind: 'ok' },
      { kind: 'throttle', retryAfterSeconds: 2 },
      { kind: 'throttle', retryAfterSeconds: 1 },
      { kind: 'status', status: 503 },
      { kind: 'code', code: '800060' },
      { kind: 'timeout', afterMs: 0 },
      { kind: 'timeout', afterMs: 50 },
      { kind: 'commitThenTimeout', afterMs: 0 },
      { kind: 'slow', ms: 10 },
      { kind: 'commitThenSlow', ms: 20 },
      { kind: 'hang' },
    ], 'each step is parsed to its fault');
  });

  it('reads repeats, and random steps apply to every call unless counted', () => {
    assert.equal(parseStep('500*3').times, 3, '*3 repeats three times');
    assert.equal(parseStep('500*').times, Infinity, '* repeats forever');
    assert.equal(parseStep('500').times, 1, 'a plain step answers one call');
    const random = parseStep('random:0.25/429:0|500');
    assert.equal(random.times, Infinity, 'a random step applies to every call');
    assert.deepEqual(random.fault, { kind: 'random', probability: 0.25, pool: [{ kind: 'throttle', retryAfterSeconds: 0 }, { kind: 'status', status: 500 }] }, 'with its own pool');
  });

  it('refuses what it does not know, naming the step or the method', () => {
    assert.throws(() => parseStep('explode'), /unknown fault step "explode"/, 'an unknown step');
    assert.throws(() => parseStep('random:2'), /probability/, 'a probability above 1');
    assert.throws(() => parseFaultSpec('chekout=500'), /"chekout" is not a Partner Center gateway method/, 'a misspelt method');
    assert.throws(() => parseFaultSpec('checkout'), /method=steps/, 'a spec without =');
    assert.deepEqual(Object.keys(parseFaultSpec('checkout=500; getOrdersForRequest=timeout')), ['checkout', 'getOrdersForRequest'], 'two methods');
  });
});

describe('support/faultyPartnerCenter: what each fault does', () => {
  it('429 carries Retry-After, 5xx its status, a code its Partner Center code; none reaches the gateway', async () => {
    const { gateway, made } = countingGateway();
    const faulty = new FaultyPartnerCenter(gateway, { checkout: '429:3, 500, 800060, 800064' });
    const throttled = await faulty.checkout(checkoutRequest).catch((e) => e);
    assert.ok(throttled instanceof PartnerCenterError, 'a 429 is a PartnerCenterError');
    assert.equal(throttled.status, 429, 'with status 429');
    assert.equal(throttled.retryAfterSeconds, 3, 'and Retry-After 3');
    const failed = await faulty.checkout(checkoutRequest).catch((e) => e);
    assert.equal(failed.status, 500, 'then a 500');
    const inProgress = await faulty.checkout(checkoutRequest).catch((e) => e);
    assert.equal(inProgress.code, '800060', 'then order in progress');
    const busy = await faulty.checkout(checkoutRequest).catch((e) => e);
    assert.equal(busy.code, '800064', 'then cart being processed');
    assert.deepEqual(made, [], 'none of them reached the gateway');
    await faulty.checkout(checkoutRequest);
    assert.deepEqual(made, ['checkout:cart-1'], 'after the script, calls pass through');
    assert.deepEqual(faulty.callsOf('checkout').map((c) => [c.fault, c.requestId]), [
      ['429:3', 'cart-1'], ['500', 'cart-1'], ['800060', 'cart-1'], ['800064', 'cart-1'], ['ok', 'cart-1'],
    ], 'every call is logged with its fault and request id');
  });

  it('timeout does not carry the call out; commit+timeout does, then loses the answer', async () => {
    const { gateway, made } = countingGateway();
    const faulty = new FaultyPartnerCenter(gateway, { checkout: 'timeout, commit+timeout' });
    await assert.rejects(faulty.checkout(checkoutRequest), PartnerCenterTimeoutError, 'a timeout');
    assert.deepEqual(made, [], 'a plain timeout made nothing');
    await assert.rejects(faulty.checkout(checkoutRequest), PartnerCenterTimeoutError, 'commit+timeout also times out');
    assert.deepEqual(made, ['checkout:cart-1'], 'but the checkout was carried out');
  });

  it('commit+slow commits first and answers only after its wait', async () => {
    const { gateway, made } = countingGateway();
    const faulty = new FaultyPartnerCenter(gateway, { checkout: 'commit+slow:50' });
    let answered = false;
    const answer = faulty.checkout(checkoutRequest).then(() => (answered = true));
    // A macrotask later the checkout has been carried out, and its answer is still being held back.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(made, ['checkout:cart-1'], 'committed before answering');
    assert.equal(answered, false, 'not answered yet');
    await answer;
    assert.deepEqual(made, ['checkout:cart-1'], 'answered without carrying it out again');
  });

  it('random faults are reproducible from the seed', async () => {
    const run = async (seed: number) => {
      const faulty = new FaultyPartnerCenter(countingGateway().gateway, { getOrdersForRequest: 'random:0.5/500' }, { seed });
      for (let i = 0; i < 40; i++) await faulty.getOrdersForRequest('x').catch(() => undefined);
      return faulty.calls.map((c) => c.fault).join(',');
    };
    const a = await run(7);
    assert.equal(a, await run(7), 'the same seed, the same faults');
    assert.notEqual(a, await run(8), 'another seed, other faults');
    const faults = a.split(',').filter((f) => f === '500').length;
    assert.ok(faults > 5 && faults < 35, `about half the calls fail (${faults} of 40)`);
  });
});
