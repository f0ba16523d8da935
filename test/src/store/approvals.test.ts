// The store contract for approval limits and requests, on both engines: a limit set and removed, one
// request per idempotency key and at most one waiting per cart, a state change made once, and where the
// cards of a request were sent.
import assert from 'node:assert/strict';
import type { BotStore, NewApprovalRequest } from '../../../src/store/botStore';
import { demoAgents, demoCustomers, demoPartners } from '../../../src/store/demoIds';
import { storeEngines } from '../../support/storeEngines';

const now = '2026-12-01T09:00:00.000Z';
const request = (id: string, key: string): NewApprovalRequest => ({
  id,
  idempotencyKey: key,
  cartId: 'cart-1',
  partnerId: demoPartners.contosoNl,
  customerId: demoCustomers.contosoRetail,
  buyerAgentId: demoAgents.sam,
  buyerConversationId: 'conv-sam',
  totalMinor: 104_931,
  currency: 'EUR',
  unitPrices: [{ lineId: 1, catalogItemId: 'item-1', quantity: 3, unitPriceMinor: 34_977 }],
  resellerConfirmed: null,
  createdAt: now,
  expiresAt: '2026-12-02T09:00:00.000Z',
});

for (const engine of storeEngines) {
  describe(`store/approvals: limits and requests (${engine.name})`, () => {
    let store: BotStore;

    before(async function () {
      this.timeout(60_000);
      store = await engine.open();
      const cart = { id: 'cart-1', partnerId: demoPartners.contosoNl, agentId: demoAgents.sam, customerId: demoCustomers.contosoRetail, conversationId: 'conv-sam', segment: 'commercial', reservationType: 'VirtualMachines', scope: 'shared', resellerMpnId: null, now } as const;
      await store.carts.open(cart, 'sub-1', { type: 'cart.opened', cartId: 'cart-1' });
    });
    after(() => store.close());

    it('sets, replaces and removes a partner limit, each with its audit event', async () => {
      assert.equal(await store.approvals.limit(demoPartners.contosoNl), undefined, 'no limit by default');
      await store.approvals.setLimit(demoPartners.contosoNl, { amountMinor: 100_000, currency: 'EUR' }, demoAgents.anna, now, { type: 'approval.limitSet' });
      await store.approvals.setLimit(demoPartners.contosoNl, { amountMinor: 250_000_00, currency: 'EUR' }, demoAgents.gijs, now, { type: 'approval.limitSet' });
      assert.deepEqual(await store.approvals.limit(demoPartners.contosoNl), { amountMinor: 250_000_00, currency: 'EUR' });
      await store.approvals.setLimit(demoPartners.contosoNl, null, demoAgents.anna, now, { type: 'approval.limitSet' });
      assert.equal(await store.approvals.limit(demoPartners.contosoNl), undefined, 'removed');
      assert.equal((await store.audit.list()).filter((e) => e.type === 'approval.limitSet').length, 3);
    });

    it('keeps one request per key and one waiting per cart; a change happens once', async () => {
      const first = await store.approvals.create(request('a-1', 'cart-1:1'), { type: 'approval.requested', cartId: 'cart-1' });
      assert.equal(first.state, 'pending');
      assert.deepEqual(first.unitPrices, request('a-1', 'cart-1:1').unitPrices, 'the quoted prices read back');
      assert.equal((await store.approvals.create(request('a-2', 'cart-1:1'), { type: 'approval.requested', cartId: 'cart-1' })).id, 'a-1', 'the same key: the first request');
      assert.equal((await store.approvals.create(request('a-3', 'cart-1:2'), { type: 'approval.requested', cartId: 'cart-1' })).id, 'a-1', 'the cart has one waiting: that one');
      assert.equal(await store.approvals.countForCart('cart-1'), 1);
      const [one, two] = await Promise.all([
        store.approvals.change('a-1', 'pending', { state: 'approved', decidedBy: demoAgents.anna }, now, { type: 'approval.approved' }),
        store.approvals.change('a-1', 'pending', { state: 'approved', decidedBy: demoAgents.gijs }, now, { type: 'approval.approved' }),
      ]);
      assert.deepEqual([one, two].sort(), [false, true], 'one of two changes at once moves it');
      await store.approvals.change('a-1', 'approved', { state: 'approved', orderIds: ['order-1'] }, now, { type: 'approval.ordered' });
      const decided = (await store.approvals.get('a-1'))!;
      assert.deepEqual([decided.state, decided.orderIds], ['approved', ['order-1']]);
      assert.ok([demoAgents.anna, demoAgents.gijs].includes(decided.decidedBy as never), 'decided by the one who moved it');
      assert.deepEqual((await store.audit.list({ cartId: 'cart-1' })).map((e) => e.type), ['cart.opened', 'approval.requested']);
      assert.deepEqual((await store.approvals.ofPartner(demoPartners.contosoNl, 'pending')).length, 0, 'nothing waits');
      const next = await store.approvals.create(request('a-4', 'cart-1:2'), { type: 'approval.requested', cartId: 'cart-1' });
      assert.equal(next.id, 'a-4', 'once decided, the cart may ask again');
      assert.deepEqual((await store.approvals.due('2026-12-02T09:00:00.000Z')).map((r) => r.id), ['a-4'], 'due at its expiry');
      assert.deepEqual(await store.approvals.due('2026-12-02T08:59:59.999Z'), [], 'not before');
    });

    it("keeps where a request's cards were sent, each message once", async () => {
      const gijs = { approvalId: 'a-4', agentId: demoAgents.gijs, conversationId: 'conv-gijs', activityId: 'msg-2', sentAt: '2026-12-01T09:00:01.000Z' };
      const anna = { approvalId: 'a-4', agentId: demoAgents.anna, conversationId: 'conv-anna', activityId: 'msg-1', sentAt: now };
      await store.approvals.addCard(gijs);
      await store.approvals.addCard(anna);
      await store.approvals.addCard(gijs);
      assert.deepEqual(await store.approvals.cards('a-4'), [anna, gijs], 'oldest first, the repeated one once');
      assert.deepEqual(await store.approvals.cards('a-1'), [], 'another request has none');
    });
  });
}
