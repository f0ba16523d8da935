// Grows the bot's store (its carts, checkout journal, audit trail and stored conversations) to a given
// size, for the RSS / database-size curve. Run by bench/run.ts as a child process:
//   node --import tsx bench/tasks/ledger.ts --templates <product-run.db> --db <ledger.db> --to 10000
// What is written: copies of real rows. The templates are the purchases (cart, cart lines, journal entry
// and every audit event of the conversation) and the conversation-state documents (bot_state) that the
// product run wrote over HTTP; each copy gets fresh ids (cart, conversation, order, eTag) through the
// same tables and unique constraints. The orders themselves are the embedded Partner Center's, in its
// own file: not grown here. Stored conversations
// alternate between a finished purchase's state and a purchase left half-way (its dialog stack and card),
// the larger kind. Prints one JSON line.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/store';

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) throw new Error(`--${name} is required`);
  return v;
}

type Row = Record<string, unknown>;

interface Purchase {
  cart: Row;
  cartLines: Row[];
  checkout: Row;
  audit: Row[];
}

const PREFIX = 'bench-ledger-';

function loadTemplates(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const carts = db.prepare(`SELECT * FROM carts WHERE status = 'submitted' ORDER BY created_at LIMIT 500`).all() as Row[];
    const purchases: Purchase[] = carts.map((cart) => ({
      cart,
      cartLines: db.prepare('SELECT * FROM cart_lines WHERE cart_id = ? ORDER BY id').all(cart.id) as Row[],
      checkout: db.prepare('SELECT * FROM checkouts WHERE cart_id = ?').get(cart.id) as Row,
      audit: db.prepare('SELECT * FROM audit_events WHERE conversation_id = ? ORDER BY seq').all(cart.conversation_id) as Row[],
    }));
    const states = db.prepare(`SELECT key, value FROM bot_state WHERE key LIKE '%/conversations/%'`).all() as { key: string; value: string }[];
    const inProgress = states.filter((s) => (JSON.parse(s.value) as { dialogState?: { dialogStack?: unknown[] } }).dialogState?.dialogStack?.length);
    const finished = states.filter((s) => !inProgress.includes(s));
    if (purchases.length === 0 || states.length === 0) throw new Error(`no templates in ${file}`);
    return { purchases, inProgress: inProgress.length ? inProgress : finished, finished: finished.length ? finished : inProgress };
  } finally {
    db.close();
  }
}

function insertStatement(db: Database.Database, table: string, columns: string[]) {
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
}

function main() {
  const t0 = performance.now();
  const templates = loadTemplates(arg('templates'));
  const file = arg('db');
  const target = Number(arg('to'));
  const store = Store.open(file); // creates, migrates and seeds a new file (the demo partners and agents)
  const db = store.db;
  const existingConversations = (db.prepare(`SELECT COUNT(*) AS n FROM bot_state WHERE key LIKE ?`).get(`%/conversations/${PREFIX}%`) as { n: number }).n;
  const existingPurchases = (db.prepare(`SELECT COUNT(*) AS n FROM carts WHERE conversation_id LIKE ?`).get(`${PREFIX}%`) as { n: number }).n;

  const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const cols = {
    carts: columns('carts'),
    cart_lines: columns('cart_lines'),
    checkouts: columns('checkouts'),
    audit_events: columns('audit_events').filter((c) => c !== 'seq'),
  };
  const ins = Object.fromEntries(Object.entries(cols).map(([t, c]) => [t, insertStatement(db, t, c)])) as Record<keyof typeof cols, Database.Statement>;
  const insState = db.prepare('INSERT INTO bot_state (key, etag, value, updated_at) VALUES (?, ?, ?, ?)');
  const values = (row: Row, table: keyof typeof cols) => cols[table].map((c) => row[c]);

  const addPurchase = (k: number) => {
    const t = templates.purchases[k % templates.purchases.length]!;
    const cartId = randomUUID();
    const conversationId = `${PREFIX}${k}`;
    const ids = new Map<string, string>([[String(t.cart.id), cartId], [String(t.cart.conversation_id), conversationId]]);
    const orderIds = JSON.parse(String(t.checkout.order_ids)) as string[];
    for (const id of orderIds) ids.set(id, randomBytes(18).toString('base64url'));
    const rewrite = (text: string) => {
      let out = text;
      for (const [from, to] of ids) out = out.split(from).join(to);
      return out;
    };
    ins.carts.run(...values({ ...t.cart, id: cartId, conversation_id: conversationId }, 'carts'));
    for (const l of t.cartLines) ins.cart_lines.run(...values({ ...l, cart_id: cartId }, 'cart_lines'));
    const checkout = { ...t.checkout, idempotency_key: cartId, cart_id: cartId, order_ids: JSON.stringify(orderIds.map((id) => ids.get(id))) };
    ins.checkouts.run(...values(checkout, 'checkouts'));
    for (const e of t.audit) {
      ins.audit_events.run(
        ...values(
          {
            ...e,
            conversation_id: conversationId,
            cart_id: e.cart_id ? cartId : null,
            idempotency_key: e.idempotency_key ? cartId : null,
            detail: rewrite(String(e.detail)),
          },
          'audit_events',
        ),
      );
    }
  };
  const addConversation = (k: number) => {
    const list = k % 2 ? templates.finished : templates.inProgress;
    const t = list[k % list.length]!;
    const key = t.key.replace(/\/conversations\/[^/]+\//, `/conversations/${PREFIX}${k}/`);
    insState.run(key, randomUUID(), t.value, new Date().toISOString());
  };

  const batch = 1000;
  let conversations = existingConversations;
  let purchases = existingPurchases;
  while (conversations < target || purchases < target) {
    db.transaction(() => {
      for (let i = 0; i < batch; i++) {
        if (purchases < target) addPurchase(purchases++);
        if (conversations < target) addConversation(conversations++);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const result = {
    conversations: count(`SELECT COUNT(*) AS n FROM bot_state WHERE key LIKE '%/conversations/%'`),
    orders: count('SELECT COALESCE(SUM(json_array_length(order_ids)), 0) AS n FROM checkouts'),
    carts: count('SELECT COUNT(*) AS n FROM carts'),
    auditEvents: count('SELECT COUNT(*) AS n FROM audit_events'),
    ms: performance.now() - t0,
    templates: { purchases: templates.purchases.length, inProgress: templates.inProgress.length, finished: templates.finished.length },
    fileBytes: fs.statSync(file).size,
  };
  store.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
