// The embedded Partner Center's directory: resellers, customers and their subscriptions; rows mapped to
// domain types.
import { statement, type Db } from '../../store/db';
import { Customer, Reseller, Subscription, type Segment } from '../../domain/types';
import { searchFold } from '../partnerCenter';

interface CustomerRow {
  id: string;
  partner_id: string;
  company_name: string;
  domain: string;
  tenant_id: string;
  country: string;
  agreement: string;
  qualifications: string;
  reseller_mpn_id: string | null;
}

interface SubscriptionRow {
  id: string;
  customer_id: string;
  offer_id: string;
  kind: string;
  friendly_name: string;
  status: string;
  billing_type: string;
  registration_status: string;
}

const toCustomer = (r: CustomerRow): Customer =>
  Customer.parse({
    id: r.id,
    partnerId: r.partner_id,
    companyName: r.company_name,
    domain: r.domain,
    tenantId: r.tenant_id,
    country: r.country,
    agreement: r.agreement,
    qualifications: JSON.parse(r.qualifications) as Segment[],
    resellerMpnId: r.reseller_mpn_id,
  });

const toSubscription = (r: SubscriptionRow): Subscription =>
  Subscription.parse({
    id: r.id,
    customerId: r.customer_id,
    offerId: r.offer_id,
    kind: r.kind,
    friendlyName: r.friendly_name,
    status: r.status,
    billingType: r.billing_type,
    registrationStatus: r.registration_status,
  });

/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches literally. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The longest customer search run: a domain name has at most 253 characters, a company name fewer. */
export const maxCustomerQueryLength = 256;

export class PartnerCenterDirectory {
  constructor(private readonly db: Db) {
    // SQLite's LIKE folds ASCII case only: "cafe noel" must find "Café Noël SARL".
    db.function('search_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchFold(text) : text));
  }

  resellers(partnerId: string): Reseller[] {
    return (
      statement(this.db, 'SELECT * FROM resellers WHERE partner_id = ? ORDER BY name').all(partnerId) as {
        mpn_id: string;
        partner_id: string;
        name: string;
      }[]
    ).map((r) => Reseller.parse({ mpnId: r.mpn_id, partnerId: r.partner_id, name: r.name }));
  }

  /** Customers of one partner whose name or domain contains the query, accents and case aside (all when empty), by name; a page of them. */
  searchCustomers(partnerId: string, query: string, limit: number, offset = 0): { customers: Customer[]; total: number } {
    // Longer than any company name or domain: matches nothing (and SQLite refuses LIKE patterns over 50,000 bytes).
    if (query.trim().length > maxCustomerQueryLength) return { customers: [], total: 0 };
    const folded = searchFold(query.trim());
    // No text lists every customer: the folding function then runs on no row (it is a JS call per row and column).
    const pattern = likeContains(folded);
    const [where, args] = folded
      ? [`partner_id = ? AND (search_fold(company_name) LIKE ? ESCAPE '\\' OR search_fold(domain) LIKE ? ESCAPE '\\')`, [partnerId, pattern, pattern]]
      : ['partner_id = ?', [partnerId]];
    const total = (statement(this.db, `SELECT COUNT(*) AS n FROM customers WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = statement(this.db, `SELECT * FROM customers WHERE ${where} ORDER BY company_name COLLATE NOCASE LIMIT ? OFFSET ?`)
      .all(...args, limit, Math.max(0, offset)) as CustomerRow[];
    return { customers: rows.map(toCustomer), total };
  }

  customer(id: string): Customer | undefined {
    const r = statement(this.db, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
    return r && toCustomer(r);
  }

  /** Customers of any partner whose domain or company name is `text`, ignoring case. */
  customersNamed(text: string): Customer[] {
    return (
      statement(this.db, 'SELECT * FROM customers WHERE lower(domain) = lower(?) OR lower(company_name) = lower(?) ORDER BY id').all(text, text) as CustomerRow[]
    ).map(toCustomer);
  }

  subscriptions(customerId: string): Subscription[] {
    return (
      statement(this.db, 'SELECT * FROM subscriptions WHERE customer_id = ? ORDER BY created_at, id').all(customerId) as SubscriptionRow[]
    ).map(toSubscription);
  }

  subscription(id: string): Subscription | undefined {
    const r = statement(this.db, 'SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return r && toSubscription(r);
  }

  insertSubscription(s: Subscription, createdAt: string): void {
    statement(
      this.db,
      `INSERT INTO subscriptions (id, customer_id, offer_id, kind, friendly_name, status, billing_type, registration_status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(s.id, s.customerId, s.offerId, s.kind, s.friendlyName, s.status, s.billingType, s.registrationStatus, createdAt);
  }

  setRegistrationStatus(subscriptionId: string, status: Subscription['registrationStatus']): void {
    statement(this.db, 'UPDATE subscriptions SET registration_status = ? WHERE id = ?').run(status, subscriptionId);
  }
}
