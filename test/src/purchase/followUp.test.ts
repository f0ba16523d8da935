// The follow-ups across instances, on both engines: two workers on one database tell the agent once, and
// all workers together ask Partner Center no more than the per-minute budget allows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FollowUps, type FollowUpNotice } from '../../../src/purchase/followUp';
import { followUpText } from '../../../dialogs/followUpNotices';
import type { LineProvisioningStatus, PartnerCenter } from '../../../src/partnerCenter/partnerCenter';
import type { BotStore, NewFollowUp } from '../../../src/store/botStore';
import { Store } from '../../../src/store/store';
import { PostgresStore } from '../../../src/store/postgres/store';
import { newTestDatabase } from '../../support/postgres';
import { demoAgents, demoPartners } from '../../../src/store/demoIds';

const t0 = new Date('2026-12-03T09:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** Two connections to one database, as two bot instances have. */
interface SharedDatabase {
  name: string;
  open(): Promise<[BotStore, BotStore]>;
}

const engines: SharedDatabase[] = [
  {
    name: 'SQLite (one file)',
    open: async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'follow-ups-')), 'reservations.db');
      return [Store.open(file), Store.open(file)];
    },
  },
  {
    name: 'PostgreSQL (one database)',
    open: async () => {
      const url = await newTestDatabase();
      return [await PostgresStore.open(url), await PostgresStore.open(url)];
    },
  },
];

/** A Partner Center that answers every provisioning status Fulfilled and counts the calls. */
function countingPartnerCenter() {
  const calls: string[] = [];
  const gateway = {
    getProvisioningStatus: async (_customerId: string, orderId: string): Promise<LineProvisioningStatus[]> => {
      calls.push(orderId);
      return [{ lineItemNumber: 0, status: 'Fulfilled' }];
    },
  } as unknown as PartnerCenter;
  return { gateway, calls };
}

const provisioningJob = (orderId: string): NewFollowUp => ({
  id: `provisioning:${orderId}`,
  kind: 'provisioning',
  partnerId: demoPartners.contosoNl,
  agentId: demoAgents.anna,
  customerId: 'customer-1',
  conversationId: 'conversation-1',
  locale: 'en-US',
  polls: true,
  dueAt: t0.toISOString(),
  subject: { orderId, customer: 'Contoso Retail B.V.', creationDate: t0.toISOString(), items: [{ name: 'Standard_D2s_v5', quantity: 3 }], terms: ['P3Y'] },
});

for (const engine of engines) {
  describe(`follow-ups on ${engine.name}`, function () {
    this.timeout(60_000);
    let stores: [BotStore, BotStore];
    beforeEach(async () => {
      stores = await engine.open();
    });
    afterEach(async () => {
      for (const s of stores) await s.close();
    });

    it('two workers on one database: the agent is told once, Partner Center asked once', async () => {
      await stores[0].followUps.add([provisioningJob('order-1')], t0.toISOString());
      const { gateway, calls } = countingPartnerCenter();
      const told: string[] = [];
      const send = async (n: FollowUpNotice) => (told.push(followUpText(n)), true);
      const workers = stores.map((s) => new FollowUps(s, gateway, send, { callsPerMinute: 10 }));
      await Promise.all(workers.map((w) => w.runDue(at(1))));
      await Promise.all(workers.map((w) => w.runDue(at(120))));
      assert.deepEqual(told, ['Order order-1 for Contoso Retail B.V. is complete: Partner Center has provisioned 3 × Standard\\_D2s\\_v5.']);
      assert.deepEqual(calls, ['order-1']);
    });

    it('a worker that dies mid-run leaves its job to another after the lease', async () => {
      await stores[0].followUps.add([provisioningJob('order-1')], t0.toISOString());
      const claimed = await stores[0].followUps.claim({ now: at(1).toISOString(), leaseUntil: at(301).toISOString(), callsPerMinute: 10, batch: 10 });
      assert.equal(claimed.length, 1, 'the first worker took it, and then died');
      const { gateway, calls } = countingPartnerCenter();
      const told: string[] = [];
      const other = new FollowUps(stores[1], gateway, async (n) => (told.push(followUpText(n)), true), { callsPerMinute: 10 });
      assert.equal(await other.runDue(at(200)), 0, 'leased: not taken');
      assert.equal(await other.runDue(at(301)), 1, 'the lease ran out: taken');
      assert.deepEqual(calls, ['order-1']);
      assert.equal(told.length, 1);
    });

    it('paced: 5 due jobs with a budget of 2 calls a minute make 2 calls in that minute, whichever worker asks', async () => {
      await stores[0].followUps.add(['a', 'b', 'c', 'd', 'e'].map((o) => provisioningJob(`order-${o}`)), t0.toISOString());
      const { gateway, calls } = countingPartnerCenter();
      const send = async () => true;
      const [one, two] = stores.map((s) => new FollowUps(s, gateway, send, { callsPerMinute: 2 }));
      await one!.runDue(at(0));
      await two!.runDue(at(1));
      await one!.runDue(at(59));
      assert.equal(calls.length, 2, `2 calls in the first minute: ${calls.join(', ')}`);
      await two!.runDue(at(60));
      await one!.runDue(at(61));
      assert.equal(calls.length, 4, 'the next minute, 2 more');
      await one!.runDue(at(120));
      assert.equal(calls.length, 5, 'then the last one');
      assert.equal(new Set(calls).size, 5, 'each job once');
    });
  });
}
