// The botbuilder Storage contract, run against SqliteStorage, PostgresStorage (a fresh database on the test
// run's PostgreSQL) and botbuilder's own MemoryStorage (the reference), plus SQLite-only checks:
// persistence across a reopen, two connections, the stored row.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import type { Activity, Storage, StoreItems } from 'botbuilder';
import { ETagConflictError, SqliteStorage } from '../../bot/sqliteStorage';
import type { Db } from '../../src/store/db';
import { openStoreDatabase } from '../../src/store/store';
import { PostgresStorage } from '../../bot/postgresStorage';
import { PostgresStore } from '../../src/store/postgres/store';
import { newTestDatabase } from '../support/postgres';

interface Opened {
  storage: Storage;
  close(): unknown;
}

interface Subject {
  name: string;
  /**
   * MemoryStorage is NOT atomic per batch: on an eTag conflict (or a null item) it rejects, but the other
   * items of the batch, before and after the bad one, have already been written. SqliteStorage writes
   * none of the batch; the batch tests assert each behaviour explicitly.
   */
  atomicBatches: boolean;
  open(): Opened | Promise<Opened>;
}

const subjects: Subject[] = [
  {
    name: 'SqliteStorage on openStoreDatabase(":memory:")',
    atomicBatches: true,
    open() {
      const db = openStoreDatabase(':memory:');
      return { storage: new SqliteStorage(db), close: () => db.close() };
    },
  },
  {
    name: 'PostgresStorage on a new PostgreSQL database',
    atomicBatches: true,
    async open() {
      const store = await PostgresStore.open(await newTestDatabase(), { seed: false });
      return { storage: new PostgresStorage(store.pool), close: () => store.close() };
    },
  },
  {
    name: 'botbuilder MemoryStorage (reference)',
    atomicBatches: false,
    open() {
      return { storage: new MemoryStorage(), close: () => undefined };
    },
  },
];

// Misuse is exercised through these casts: the typings forbid it, JavaScript callers can still do it.
const asKeys = (v: unknown) => v as string[];
const asChanges = (v: unknown) => v as StoreItems;

const conflict = (key: string) => (err: unknown) =>
  err instanceof Error && /eTag conflict/.test(err.message) && err.message.includes(JSON.stringify(key));

/** Writes `key` twice and returns the item as read after the first write: its eTag is stale. */
async function staleItem(storage: Storage, key: string): Promise<{ stale: StoreItems[string]; current: StoreItems[string] }> {
  await storage.write({ [key]: { count: 1 } });
  const stale = (await storage.read([key]))[key];
  await storage.write({ [key]: { ...stale, count: 2 } });
  const current = (await storage.read([key]))[key];
  assert.notEqual(current.eTag, stale.eTag);
  return { stale, current };
}

const oddKeys = [
  '?',
  '/',
  '\\',
  '#',
  '%',
  '%_', // LIKE wildcards
  '*',
  '',
  ' ',
  'a ', // differs from 'a' only by a trailing space
  'a',
  'A', // differs from 'a' only by case
  'caf\u00e9', // NFC
  'cafe\u0301', // NFD: same text, different code points
  '日本語/会話#1',
  '🙂👍🏽',
  '\u202eRTL',
  'line\nbreak\ttab',
  'nul',
  'nul\u0000inside',
  "'; DROP TABLE bot_state; --",
  '"double" \'single\' `back`',
  '!@#$%^&*()~/\\><,.?\';"`~',
  'msteams/conversations/19:abc@thread.v2;messageid=123?x=1&y=%20',
  'k'.repeat(10_000),
  'ü'.repeat(5_000) + '?',
];

for (const subject of subjects) {
  describe(`Storage contract: ${subject.name}`, () => {
    let opened: Opened;
    let storage: Storage;

    beforeEach(async () => {
      opened = await subject.open();
      storage = opened.storage;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('read of unknown keys (and of no keys) returns {}', async () => {
      assert.deepEqual(await storage.read(['unknown', 'also/unknown']), {});
      assert.deepEqual(await storage.read([]), {});
    });

    it('rejects (never throws synchronously) on misuse, with the same error classes as MemoryStorage', async () => {
      await assert.rejects(storage.read(asKeys(null)), new ReferenceError('Keys are required when reading.'));
      await assert.rejects(storage.read(asKeys(undefined)), ReferenceError);
      await assert.rejects(storage.read(asKeys('not-an-array')), TypeError);
      await assert.rejects(storage.write(asChanges(null)), new ReferenceError('Changes are required when writing.'));
      await assert.rejects(storage.delete(asKeys(null)), TypeError);
      await assert.rejects(storage.delete(asKeys('not-an-array')), TypeError);
      // Writing nothing is fine, as an empty object or an empty array (storage base tests).
      await storage.write({});
      await storage.write(asChanges([]));
      assert.deepEqual(await storage.read(['0']), {});
    });

    it('create then read returns the value with a string eTag and leaves the input untouched', async () => {
      const input = { count: 1, name: 'first' };
      await storage.write({ created: input });
      const result = await storage.read(['created', 'missing']);
      assert.deepEqual(Object.keys(result), ['created']);
      const { eTag, ...value } = result.created;
      assert.deepEqual(value, { count: 1, name: 'first' });
      assert.equal(typeof eTag, 'string');
      assert.notEqual(eTag, '');
      assert.notEqual(eTag, '*');
      assert.deepEqual(input, { count: 1, name: 'first' }, 'write must not add an eTag to the caller object');
    });

    it('update with the current eTag succeeds and issues a new eTag', async () => {
      await storage.write({ item: { count: 1 } });
      const read1 = (await storage.read(['item'])).item;
      await storage.write({ item: { ...read1, count: 2 } });
      const read2 = (await storage.read(['item'])).item;
      assert.equal(read2.count, 2);
      assert.notEqual(read2.eTag, read1.eTag);
      // The new eTag is accepted in turn.
      await storage.write({ item: { ...read2, count: 3 } });
      assert.equal((await storage.read(['item'])).item.count, 3);
    });

    it('update with a stale eTag rejects with an eTag conflict naming the key; the value is unchanged', async () => {
      const { stale, current } = await staleItem(storage, 'conv/1');
      await assert.rejects(storage.write({ 'conv/1': { ...stale, count: 99 } }), conflict('conv/1'));
      const after = (await storage.read(['conv/1']))['conv/1'];
      assert.deepEqual(after, current);
    });

    it("eTag '*' overwrites whatever is stored", async () => {
      await staleItem(storage, 'star');
      await storage.write({ star: { eTag: '*', count: 100 } });
      const after = (await storage.read(['star'])).star;
      assert.equal(after.count, 100);
      assert.notEqual(after.eTag, '*', "'*' is a wildcard, never stored as the eTag");
    });

    it('a missing (or empty) eTag overwrites whatever is stored', async () => {
      const { current } = await staleItem(storage, 'nolock');
      await storage.write({ nolock: { count: 7 } });
      const after = (await storage.read(['nolock'])).nolock;
      assert.equal(after.count, 7);
      assert.notEqual(after.eTag, current.eTag);
      await storage.write({ nolock: { eTag: '', count: 8 } });
      assert.equal((await storage.read(['nolock'])).nolock.count, 8);
    });

    it('an eTag given for a key that does not exist yet creates the item (as MemoryStorage does)', async () => {
      await storage.write({ fresh: { eTag: 'never-issued', v: 1 } });
      const item = (await storage.read(['fresh'])).fresh;
      assert.equal(item.v, 1);
      assert.notEqual(item.eTag, 'never-issued');
    });

    it('every write issues a new eTag', async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) {
        await storage.write({ k: { i } });
        seen.add((await storage.read(['k'])).k.eTag);
      }
      assert.equal(seen.size, 5);
    });

    it('creates several keys in one batch, then deletes them in one batch', async () => {
      await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
      const result = await storage.read(['batch1', 'batch2', 'batch3']);
      assert.deepEqual(
        Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.count])),
        { batch1: 10, batch2: 20, batch3: 30 },
      );
      for (const item of Object.values(result)) assert.equal(typeof item.eTag, 'string');
      await storage.delete(['batch1', 'batch2', 'batch3']);
      assert.deepEqual(await storage.read(['batch1', 'batch2', 'batch3']), {});
    });

    it('a batch where one item has a stale eTag: rejects; SqliteStorage writes none of it', async () => {
      await storage.write({ ok: { count: 1 } });
      const ok = (await storage.read(['ok'])).ok;
      const { stale, current } = await staleItem(storage, 'stale');
      const batch: StoreItems = {
        before: { count: 1 },
        ok: { ...ok, count: 2 },
        stale: { ...stale, count: 99 },
        after: { count: 1 },
      };
      await assert.rejects(storage.write(batch), conflict('stale'));
      const result = await storage.read(['before', 'ok', 'stale', 'after']);
      assert.deepEqual(result.stale, current);
      if (subject.atomicBatches) {
        assert.deepEqual(result, { ok, stale: current }, 'nothing of the batch may be written');
      } else {
        // MemoryStorage (reference): the other items were written despite the rejection.
        assert.deepEqual(Object.keys(result).sort(), ['after', 'before', 'ok', 'stale']);
        assert.equal(result.ok.count, 2);
      }
    });

    it('a null item: SqliteStorage rejects the batch with a TypeError and writes none of it', async () => {
      await storage.write({ existing: { v: 0 } });
      const existing = (await storage.read(['existing'])).existing;
      if (subject.atomicBatches) {
        await assert.rejects(storage.write({ good: { v: 1 }, bad: null }), TypeError);
        await assert.rejects(storage.write({ good: { v: 1 }, existing: null }), TypeError);
        assert.deepEqual(await storage.read(['good', 'bad', 'existing']), { existing });
      } else {
        // MemoryStorage (reference) is inconsistent here, so SqliteStorage deliberately differs: a null item
        // for a NEW key is stored as {} (Object.assign({}, null)), one for an EXISTING key throws a TypeError
        // (null.eTag) after the earlier items of the batch were written.
        await storage.write({ good: { v: 1 }, bad: null });
        assert.deepEqual(Object.keys((await storage.read(['bad'])).bad), ['eTag']);
        await assert.rejects(storage.write({ good2: { v: 1 }, existing: null }), TypeError);
        assert.deepEqual(Object.keys(await storage.read(['good2', 'existing'])), ['good2', 'existing']);
      }
    });

    it('delete removes the key; deleting unknown keys is fine', async () => {
      await storage.write({ del1: { n: 1 }, keep: { n: 2 } });
      await storage.delete(['del1', 'never-existed']);
      const result = await storage.read(['del1', 'keep']);
      assert.deepEqual(Object.keys(result), ['keep']);
      await storage.delete(['unknown_key']);
      await storage.delete([]);
      // A deleted key can be created again, even with the old eTag.
      await storage.write({ del1: { n: 3 } });
      assert.equal((await storage.read(['del1'])).del1.n, 3);
    });

    it('keys with odd characters are distinct, exact keys', async () => {
      assert.equal(new Set(oddKeys).size, oddKeys.length);
      const changes: StoreItems = {};
      oddKeys.forEach((key, i) => (changes[key] = { i }));
      await storage.write(changes);

      const all = await storage.read(oddKeys);
      assert.deepEqual(Object.keys(all).sort(), [...oddKeys].sort());
      oddKeys.forEach((key, i) => assert.equal(all[key].i, i, `key #${i}`));
      for (const [i, key] of oddKeys.entries()) {
        assert.deepEqual(Object.keys(await storage.read([key])), [key], `key #${i} read alone`);
      }
      // Updating with the eTag works per odd key, and a stale one conflicts.
      const target = oddKeys[oddKeys.length - 1];
      await storage.write({ [target]: { ...all[target], i: -1 } });
      await assert.rejects(storage.write({ [target]: { ...all[target], i: -2 } }), conflict(target));

      await storage.delete(oddKeys.filter((_, i) => i % 2 === 0));
      const left = await storage.read(oddKeys);
      assert.deepEqual(Object.keys(left).sort(), oddKeys.filter((_, i) => i % 2 === 1).sort());
    });

    it('nested objects and arrays round-trip as JSON (Dates become ISO strings, undefined is dropped)', async () => {
      const when = new Date('2024-05-06T07:08:09.010Z');
      const value = {
        dialogStack: [{ id: 'purchase', state: { options: {}, values: { instanceId: 'x' }, stepIndex: 2 } }],
        cart: { lines: [{ sku: 'DZH318Z0BQ3P', qty: 3, price: 12.5 }, { sku: 'other', qty: 1, price: 0 }] },
        matrix: [[1, 2], [3, [4, [5]]], []],
        flags: { on: true, off: false, none: null, gone: undefined },
        text: 'Grüße 🙂 "quoted" \\ /',
        when,
        big: Number.MAX_SAFE_INTEGER,
        neg: -0.000123,
      };
      await storage.write({ nested: value });
      const { eTag, ...readBack } = (await storage.read(['nested'])).nested;
      assert.equal(typeof eTag, 'string');
      assert.deepEqual(readBack, JSON.parse(JSON.stringify(value)));
      assert.equal(readBack.when, '2024-05-06T07:08:09.010Z');
      assert.equal('gone' in readBack.flags, false);

      // Reads hand out copies: mutating one changes neither the store nor the caller's original.
      readBack.cart.lines.push({ sku: 'mutated' });
      value.cart.lines.push({ sku: 'mutated-too', qty: 0, price: 0 });
      const again = (await storage.read(['nested'])).nested;
      assert.equal(again.cart.lines.length, 2);
    });

    it('ConversationState saves a property and a new turn context loads it back', async () => {
      const adapter = new TestAdapter();
      const activity = (conversationId: string): Partial<Activity> => ({
        type: 'message',
        channelId: 'test',
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: 'user1', name: 'User' },
        recipient: { id: 'bot', name: 'Bot' },
        text: 'hi',
      });
      const cart = { customerId: 'c-1', lines: [{ sku: 'x', qty: 2 }], at: new Date(0) };

      const state1 = new ConversationState(storage);
      const cartProp1 = state1.createProperty<typeof cart>('cart');
      const ctx1 = new TurnContext(adapter, activity('conv?/#1'));
      await cartProp1.set(ctx1, cart);
      await state1.saveChanges(ctx1);

      // A new ConversationState has no cache: the value must come from storage.
      const state2 = new ConversationState(storage);
      const cartProp2 = state2.createProperty<typeof cart>('cart');
      const ctx2 = new TurnContext(adapter, activity('conv?/#1'));
      assert.deepEqual(await cartProp2.get(ctx2), JSON.parse(JSON.stringify(cart)));
      // ...and it is saved again from the loaded state (BotState writes with eTag '*').
      await cartProp2.set(ctx2, { ...cart, customerId: 'c-2' });
      await state2.saveChanges(ctx2);
      const ctx3 = new TurnContext(adapter, activity('conv?/#1'));
      assert.equal((await new ConversationState(storage).createProperty<typeof cart>('cart').get(ctx3))?.customerId, 'c-2');

      // Another conversation does not see it.
      const other = new TurnContext(adapter, activity('conv-2'));
      assert.equal(await new ConversationState(storage).createProperty('cart').get(other), undefined);
      const key = state1.getStorageKey(ctx1);
      assert.equal(key, 'test/conversations/conv?/#1/');
      assert.deepEqual(Object.keys(await storage.read([key])), [key]);
    });
  });
}

describe('SqliteStorage specifics', () => {
  let db: Db;
  let storage: SqliteStorage;

  beforeEach(() => {
    db = openStoreDatabase(':memory:');
    storage = new SqliteStorage(db);
  });
  afterEach(() => db.close());

  const row = (key: string) =>
    db.prepare('SELECT etag, value, updated_at FROM bot_state WHERE key = ?').get(key) as
      | { etag: string; value: string; updated_at: string }
      | undefined;

  it('stores the eTag only in its column, never inside the JSON value', async () => {
    await storage.write({ k: { eTag: '*', a: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, a: 2 } });
    const stored = row('k');
    assert.ok(stored);
    assert.deepEqual(JSON.parse(stored.value), { a: 2 });
    assert.equal(stored.etag, (await storage.read(['k'])).k.eTag);
    assert.match(stored.updated_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('a rejected batch leaves the table exactly as it was', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const a = (await storage.read(['a'])).a;
    await storage.write({ a: { n: 2 } });
    const before = db.prepare('SELECT key, etag, value, updated_at FROM bot_state ORDER BY key').all();
    await assert.rejects(storage.write({ b: { n: 5 }, c: { n: 5 }, a }), (err: unknown) => err instanceof ETagConflictError && err.key === 'a');
    assert.deepEqual(db.prepare('SELECT key, etag, value, updated_at FROM bot_state ORDER BY key').all(), before);
  });

  it('keys that are Object.prototype names work (MemoryStorage throws reading "constructor" and cannot store "__proto__")', async () => {
    const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype'];
    assert.deepEqual(await storage.read(names), {});
    const changes: StoreItems = {};
    names.forEach((name, i) => Object.defineProperty(changes, name, { value: { i }, enumerable: true }));
    await storage.write(changes);
    const result = await storage.read(names);
    assert.deepEqual(Object.keys(result).sort(), [...names].sort());
    assert.equal(Object.getPrototypeOf(result), Object.prototype, '"__proto__" must be an own key, not the prototype');
    assert.equal(Object.getOwnPropertyDescriptor(result, '__proto__')?.value.i, 0);
  });

  it('rejects non-string keys instead of coercing them (MemoryStorage reads [undefined] as the key "undefined")', async () => {
    await storage.write({ undefined: { n: 1 }, '1': { n: 1 } });
    await assert.rejects(storage.read(asKeys([undefined])), TypeError);
    await assert.rejects(storage.read(asKeys([1])), TypeError);
    await assert.rejects(storage.delete(asKeys([undefined])), TypeError);
    assert.equal(Object.keys(await storage.read(['undefined', '1'])).length, 2);
  });

  it('prepares its statements once, in the constructor', async () => {
    let prepares = 0;
    const original = db.prepare.bind(db);
    (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      prepares++;
      return original(sql);
    };
    const fresh = new SqliteStorage(db);
    const inConstructor = prepares;
    assert.ok(inConstructor > 0);
    await fresh.write({ a: { n: 1 } });
    const a = (await fresh.read(['a', 'b'])).a;
    await fresh.write({ a });
    await assert.rejects(fresh.write({ a }));
    await fresh.delete(['a']);
    assert.equal(prepares, inConstructor);
  });

  it('a ConversationState saved through one SqliteStorage is loaded by another over the same database', async () => {
    const adapter = new TestAdapter();
    const activity: Partial<Activity> = {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: '19:abc@thread.v2', isGroup: true, conversationType: 'channel', name: '' },
      from: { id: 'u', name: 'U' },
      recipient: { id: 'b', name: 'B' },
    };
    const s1 = new ConversationState(storage);
    const ctx1 = new TurnContext(adapter, activity);
    await s1.createProperty<number>('step').set(ctx1, 3);
    await s1.saveChanges(ctx1);
    const ctx2 = new TurnContext(adapter, activity);
    assert.equal(await new ConversationState(new SqliteStorage(db)).createProperty<number>('step').get(ctx2), 3);
    const stored = row(s1.getStorageKey(ctx1)!);
    assert.ok(stored);
    assert.deepEqual(JSON.parse(stored.value), { step: 3 });
  });
});

describe('SqliteStorage on a file', () => {
  let dir: string;
  let file: string;
  const dbs: Db[] = [];
  const open = () => {
    const db = openStoreDatabase(file);
    dbs.push(db);
    return db;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-storage-'));
    file = path.join(dir, 'bot.db');
  });
  afterEach(() => {
    for (const db of dbs.splice(0)) if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('values and eTags survive closing and re-opening the file; eTags are not reused after a reopen', async () => {
    const db1 = open();
    const s1 = new SqliteStorage(db1);
    await s1.write({ 'conv/a?#': { cart: [{ sku: 'x', qty: 2 }], at: new Date(0) }, 'conv/b': { n: 1 } });
    const before = await s1.read(['conv/a?#', 'conv/b']);
    db1.close();

    const db2 = open();
    const s2 = new SqliteStorage(db2);
    const after = await s2.read(['conv/a?#', 'conv/b', 'conv/c']);
    assert.deepEqual(after, before);
    assert.deepEqual(after['conv/a?#'].cart, [{ sku: 'x', qty: 2 }]);
    assert.equal(after['conv/a?#'].at, '1970-01-01T00:00:00.000Z');

    // The eTag read before the reopen is still the current one...
    await s2.write({ 'conv/b': { ...before['conv/b'], n: 2 } });
    // ...and after that update it is stale, and no eTag issued after the reopen repeats an earlier one
    // (a per-instance counter restarting at 1 would hand the old eTag out again and let this through).
    await s2.write({ 'conv/a?#': { n: 0 } });
    const issuedAfter = await s2.read(['conv/a?#', 'conv/b']);
    const issuedBefore = new Set(Object.values(before).map((v) => v.eTag));
    for (const item of Object.values(issuedAfter)) assert.equal(issuedBefore.has(item.eTag), false);
    await assert.rejects(s2.write({ 'conv/b': { ...before['conv/b'], n: 3 } }), conflict('conv/b'));
    db2.close();

    const s3 = new SqliteStorage(open());
    assert.equal((await s3.read(['conv/b']))['conv/b'].n, 2);
  });

  it('two connections to the same file see each other and conflict on stale eTags', async () => {
    const a = new SqliteStorage(open());
    const b = new SqliteStorage(open());
    await a.write({ shared: { n: 1 } });
    const seenByA = (await a.read(['shared'])).shared;
    const seenByB = (await b.read(['shared'])).shared;
    assert.deepEqual(seenByB, seenByA);
    await b.write({ shared: { ...seenByB, n: 2 } });
    await assert.rejects(a.write({ shared: { ...seenByA, n: 3 } }), conflict('shared'));
    assert.equal((await a.read(['shared'])).shared.n, 2);
  });
});

describe('PostgresStorage: two instances on one database', () => {
  const stores: PostgresStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('two pools see each other, conflict on stale eTags, and a rejected batch writes nothing', async () => {
    const url = await newTestDatabase();
    for (let i = 0; i < 2; i++) stores.push(await PostgresStore.open(url, { seed: false }));
    const [a, b] = stores.map((s) => new PostgresStorage(s.pool));
    await a!.write({ shared: { n: 1 }, ['__proto__']: { n: 0 } });
    const seenByA = (await a!.read(['shared'])).shared;
    const seenByB = (await b!.read(['shared'])).shared;
    assert.deepEqual(seenByB, seenByA);
    await b!.write({ shared: { ...seenByB, n: 2 } });
    await assert.rejects(a!.write({ other: { n: 9 }, shared: { ...seenByA, n: 3 } }), conflict('shared'));
    assert.deepEqual(Object.keys(await b!.read(['shared', 'other', '__proto__'])).sort(), ['__proto__', 'shared'], 'the other item of the rejected batch is not written');
    assert.equal((await a!.read(['shared'])).shared.n, 2);
  });
});
