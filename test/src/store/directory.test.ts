// The store contract for the acting agent, read on every turn, on both engines: found by id or by a channel
// id, with the agent's partner; on SQLite one statement, its channel ids read through an index.
import assert from 'node:assert/strict';
import type { BotStore } from '../../../src/store/botStore';
import { Store } from '../../../src/store/store';
import { storeEngines } from '../../support/storeEngines';

for (const engine of storeEngines) {
  describe(`store/directory: the acting agent (${engine.name})`, () => {
    let store: BotStore;

    before(async function () {
      this.timeout(60_000);
      store = await engine.open();
    });
    after(() => store.close());

    it('finds Anna by her channel id and by her agent id, with her partner', async () => {
      const byChannel = await store.directory.agentAndPartnerByUserId('demo-anna');
      assert.ok(byChannel);
      assert.equal(byChannel.agent.displayName, 'Anna de Vries');
      assert.equal(byChannel.agent.role, 'AdminAgent');
      assert.equal(byChannel.partner.id, byChannel.agent.partnerId);
      assert.equal(byChannel.partner.country, 'NL');
      const byId = await store.directory.agentAndPartnerByUserId(byChannel.agent.id);
      assert.deepEqual(byId, byChannel);
    });

    it('finds Lucas with his own partner, and nobody for an unknown id', async () => {
      const lucas = await store.directory.agentAndPartnerByUserId('demo-lucas');
      assert.equal(lucas?.agent.displayName, 'Lucas Silva');
      assert.equal(lucas?.partner.country, 'BR');
      assert.equal(await store.directory.agentAndPartnerByUserId('nobody-knows-me'), undefined);
    });
  });
}

describe('store/directory on SQLite: an agent among many', () => {
  it("reads the agent's channel ids through the agent's index, not a scan of every agent's ids", () => {
    const store = Store.open(':memory:');
    try {
      const plan = store.db
        .prepare('EXPLAIN QUERY PLAN SELECT json_group_array(channel_user_id) FROM (SELECT channel_user_id FROM agent_channel_ids WHERE agent_id = ? ORDER BY 1)')
        .all('demo-anna') as { detail: string }[];
      assert.ok(plan.some((p) => /USING COVERING INDEX agent_channel_ids_agent/.test(p.detail)), plan.map((p) => p.detail).join('; '));
    } finally {
      store.close();
    }
  });
});
