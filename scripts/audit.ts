// Exports the audit trail: every purchase attempt, refusal (with its rule code), quote, checkout and
// order, with time, agent, partner, customer, conversation, cart and idempotency key.
//
//   npm run audit -- --since 2026-01-01 [--until 2026-02-01] [--customer <id, domain or name>] [--format csv|json] [--out file]
//
// Without --out the export goes to stdout: use `npm run -s audit -- ...` (npm writes its own banner to
// stdout otherwise).
// Reads the bot's database of DATA_DIR (environment or .env, default "data") read-only, so it can run next
// to the bot; customer names come from the embedded Partner Center's file beside it, when there is one. CSV (the default) follows RFC 4180 and guards against formula injection: a text cell a
// spreadsheet would evaluate (starting with = + - @, a tab or a carriage return) is prefixed with '.
import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { AuditLog, type StoredAuditEvent } from '../src/store/audit';
import { LocalPartnerCenter } from '../src/partnerCenter/local';

export const usage = `Usage: npm run -s audit -- --since <date> [--until <date>] [--customer <id|domain|name>] [--format csv|json] [--out <file>]
  --since     first moment included: 2026-01-01 (UTC midnight) or an ISO timestamp
  --until     first moment excluded (default: no end)
  --customer  only this customer's events: its id, or its exact domain or company name
  --format    csv (default) or json
  --out       write to this file (default: stdout)
Reads DATA_DIR/reservations.db, and the customer names from DATA_DIR/partner-center.db (the embedded
Partner Center) when it is there (DATA_DIR from the environment or .env, default "data").`;

export class UsageError extends Error {}

export interface ExportOptions {
  since: string;
  until?: string;
  customer?: string;
  format: 'csv' | 'json';
  out?: string;
}

export function parseOptions(argv: string[]): ExportOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        customer: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  if (!values.since) throw new UsageError('--since is required.');
  if (values.format !== 'csv' && values.format !== 'json') throw new UsageError(`--format must be csv or json, not "${values.format}".`);
  return {
    since: isoMoment(values.since, '--since'),
    until: values.until === undefined ? undefined : isoMoment(values.until, '--until'),
    customer: values.customer,
    format: values.format,
    out: values.out,
  };
}

/** 2026-01-01 or 2026-01-01T12:00:00Z → the ISO timestamp the stored `at` values are compared with. */
function isoMoment(value: string, option: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${option} must be a date like 2026-01-01 or an ISO timestamp, not "${value}".`);
  }
  return date.toISOString();
}

// ---- formatting -----------------------------------------------------------------------------------

/** A text cell that a spreadsheet would read as a formula (also the full-width forms some apps accept). */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One CSV field: formula-guarded, and quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const columns = [
  'seq',
  'at',
  'type',
  'code',
  'partner_id',
  'agent_id',
  'agent_name',
  'customer_id',
  'customer_name',
  'conversation_id',
  'cart_id',
  'idempotency_key',
  'detail',
] as const;

export interface ExportRow {
  seq: number;
  at: string;
  type: string;
  code: string | null;
  partnerId: string | null;
  agentId: string | null;
  agentName: string | null;
  customerId: string | null;
  customerName: string | null;
  conversationId: string | null;
  cartId: string | null;
  idempotencyKey: string | null;
  detail: Record<string, unknown>;
}

export function csvLine(row: ExportRow): string {
  const cells = [
    row.seq,
    row.at,
    row.type,
    row.code,
    row.partnerId,
    row.agentId,
    row.agentName,
    row.customerId,
    row.customerName,
    row.conversationId,
    row.cartId,
    row.idempotencyKey,
    JSON.stringify(row.detail),
  ];
  return cells.map(csvCell).join(',') + '\r\n';
}

// ---- the export -----------------------------------------------------------------------------------

export function databaseFiles(env: NodeJS.ProcessEnv = process.env): { store: string; partnerCenter: string } {
  const dir = path.resolve(env.DATA_DIR?.trim() || 'data');
  return { store: path.join(dir, 'reservations.db'), partnerCenter: path.join(dir, 'partner-center.db') };
}

/** Writes the export of `options` from the bot's database (names from the embedded Partner Center's) to `write`; returns how many events. */
export function exportAudit(files: { store: string; partnerCenter: string }, options: ExportOptions, write: (chunk: string) => void): number {
  let db: Database.Database;
  try {
    db = new Database(files.store, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`Cannot open the database ${files.store}: ${(error as Error).message}. Is DATA_DIR right?`);
  }
  const partnerCenter = fs.existsSync(files.partnerCenter)
    ? new LocalPartnerCenter(new Database(files.partnerCenter, { readonly: true, fileMustExist: true }))
    : undefined;
  try {
    const customerId = options.customer === undefined ? undefined : resolveCustomer(partnerCenter, options.customer);
    const agentName = lookup(db, 'SELECT display_name AS name FROM agents WHERE id = ?');
    const customerNames = new Map<string, string | null>();
    const customerName = (id: string | undefined) => {
      if (id === undefined) return null;
      if (!customerNames.has(id)) customerNames.set(id, partnerCenter?.directory.customer(id)?.companyName ?? null);
      return customerNames.get(id)!;
    };
    const events = new AuditLog(db).each({ since: options.since, until: options.until, customerId });
    const toRow = (e: StoredAuditEvent): ExportRow => ({
      seq: e.seq,
      at: e.at,
      type: e.type,
      code: e.code ?? null,
      partnerId: e.partnerId ?? null,
      agentId: e.agentId ?? null,
      agentName: agentName(e.agentId),
      customerId: e.customerId ?? null,
      customerName: customerName(e.customerId),
      conversationId: e.conversationId ?? null,
      cartId: e.cartId ?? null,
      idempotencyKey: e.idempotencyKey ?? null,
      detail: e.detail ?? {},
    });
    let n = 0;
    if (options.format === 'csv') {
      write(columns.join(',') + '\r\n');
      for (const e of events) {
        write(csvLine(toRow(e)));
        n++;
      }
    } else {
      write('[');
      for (const e of events) {
        write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(toRow(e))}`);
        n++;
      }
      write(n === 0 ? ']\n' : '\n]\n');
    }
    return n;
  } finally {
    db.close();
    partnerCenter?.close();
  }
}

/** A customer id as given, or the id of the one customer whose domain or company name it is exactly. */
function resolveCustomer(partnerCenter: LocalPartnerCenter | undefined, customer: string): string {
  if (!partnerCenter || partnerCenter.directory.customer(customer)) return customer;
  const matches = partnerCenter.directory.customersNamed(customer);
  if (matches.length > 1) {
    throw new UsageError(`--customer "${customer}" names ${matches.length} customers; give the id: ${matches.map((m) => `${m.id} (${m.partnerId})`).join(', ')}`);
  }
  // No match: still an id to look for (a refused, forged or since removed customer id is in the trail too).
  return matches[0]?.id ?? customer;
}

function lookup(db: Database.Database, sql: string): (id: string | undefined) => string | null {
  const statement = db.prepare(sql);
  const cache = new Map<string, string | null>();
  return (id) => {
    if (id === undefined) return null;
    if (!cache.has(id)) cache.set(id, (statement.get(id) as { name: string } | undefined)?.name ?? null);
    return cache.get(id)!;
  };
}

function main(): void {
  let options: ExportOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(usage);
    process.exit(error.message ? 2 : 0);
  }
  try {
    // A file is written synchronously; stdout (often a pipe) through the stream, which buffers.
    const fd = options.out ? fs.openSync(options.out, 'w') : undefined;
    let n: number;
    try {
      n = exportAudit(databaseFiles(), options, fd === undefined ? (chunk) => void process.stdout.write(chunk) : (chunk) => void fs.writeSync(fd, chunk));
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    console.error(`${n} audit event${n === 1 ? '' : 's'} exported${options.out ? ` to ${options.out}` : ''}.`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

if (require.main === module) main();
