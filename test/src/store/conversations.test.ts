// The store contract for conversation references, on both engines: each agent's conversations read back
// with the reference last given, the one they wrote in last first; a conversation reads back by its id.
import assert from 'node:assert/strict';
import type { BotStore } from '../../../src/store/botStore';
import { demoAgents } from '../../../src/store/demoIds';
import { storeEngines } from '../../support/storeEngines';

const reference = (conversationId: string, serviceUrl: string) => ({
  channelId: 'emulator',
  serviceUrl,
  conversation: { id: conversationId },
  user: { id: 'demo-anna' },
  bot: { id: 'bot' },
  locale: 'nl-NL',
});

for (const engine of storeEngines) {
  describe(`store/conversations: where agents talk to the bot (${engine.name})`, () => {
    let store: BotStore;

    before(async function () {
      this.timeout(60_000);
      store = await engine.open();
    });
    after(() => store.close());

    it('knows no conversation of an agent who never wrote', async () => {
      assert.deepEqual(await store.conversations.ofAgent(demoAgents.gijs), []);
      assert.equal(await store.conversations.get('conv-unknown'), undefined);
    });

    it("keeps each conversation's latest reference, the one written in last first", async () => {
      await store.conversations.remember(demoAgents.anna, 'conv-a', 'emulator', reference('conv-a', 'http://old'), '2026-12-01T09:00:00.000Z');
      await store.conversations.remember(demoAgents.anna, 'conv-b', 'msteams', reference('conv-b', 'https://teams'), '2026-12-01T10:00:00.000Z');
      await store.conversations.remember(demoAgents.anna, 'conv-a', 'emulator', reference('conv-a', 'http://new'), '2026-12-01T11:00:00.000Z');
      const conversations = await store.conversations.ofAgent(demoAgents.anna);
      assert.deepEqual(
        conversations.map((c) => [c.conversationId, c.channelId, c.reference.serviceUrl, c.updatedAt]),
        [
          ['conv-a', 'emulator', 'http://new', '2026-12-01T11:00:00.000Z'],
          ['conv-b', 'msteams', 'https://teams', '2026-12-01T10:00:00.000Z'],
        ],
      );
      assert.deepEqual(conversations[0]!.reference, reference('conv-a', 'http://new'), 'the reference reads back whole');
    });

    it('refreshes an unchanged reference only when its time is a minute old; a changed one at once', async () => {
      const teams = reference('conv-t', 'https://teams');
      await store.conversations.remember(demoAgents.hanna, 'conv-t', 'msteams', teams, '2026-12-01T09:00:00.000Z');
      await store.conversations.remember(demoAgents.hanna, 'conv-t', 'msteams', teams, '2026-12-01T09:00:59.000Z');
      const times = async () => (await store.conversations.ofAgent(demoAgents.hanna)).map((c) => c.updatedAt);
      assert.deepEqual(await times(), ['2026-12-01T09:00:00.000Z'], 'within the minute: not rewritten');
      await store.conversations.remember(demoAgents.hanna, 'conv-t', 'msteams', teams, '2026-12-01T09:01:01.000Z');
      assert.deepEqual(await times(), ['2026-12-01T09:01:01.000Z'], 'a minute later: refreshed');
      await store.conversations.remember(demoAgents.hanna, 'conv-t', 'msteams', reference('conv-t', 'https://teams-2'), '2026-12-01T09:01:02.000Z');
      assert.deepEqual(await times(), ['2026-12-01T09:01:02.000Z'], 'a changed reference: at once');
    });

    it('reads a conversation by its id, as the agent who wrote in it last left it', async () => {
      await store.conversations.remember(demoAgents.gijs, 'conv-b', 'msteams', reference('conv-b', 'https://teams-2'), '2026-12-01T12:00:00.000Z');
      const conversation = await store.conversations.get('conv-b');
      assert.equal(conversation?.agentId, demoAgents.gijs);
      assert.equal(conversation?.reference.serviceUrl, 'https://teams-2');
      assert.deepEqual((await store.conversations.ofAgent(demoAgents.anna)).map((c) => c.conversationId), ['conv-a', 'conv-b'], "Anna's conversations stay hers");
    });
  });
}
