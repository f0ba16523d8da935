// What the bot owns, as the service sees it, whatever engine keeps it: SQLite (src/store/store.ts, the
// embedded default, answering at once) or PostgreSQL (src/store/postgres/, shared by several instances,
// answering with promises). Each write that must not be half-done is one method here, one transaction in
// each engine: a cart with its subscription and its audit event, a line with its event, a checkout's
// journal entry with its cart's status and its order events.
import type { Agent, ApprovalLimit, ApprovalRequest, ApprovalState, BillingCycle, Cart, Partner, Scope, Segment } from '../domain/types';
import type { AuditEvent, AuditFilter, StoredAuditEvent } from './audit';

/** A value now (SQLite) or later (PostgreSQL); callers always await it. */
export type Awaitable<T> = T | Promise<T>;

export interface NewCart {
  id: string;
  partnerId: string;
  agentId: string;
  customerId: string;
  conversationId: string;
  segment: Segment;
  reservationType: string;
  scope: Scope;
  resellerMpnId: string | null;
  now: string;
}

export type CartFields = Partial<{ subscriptionId: string; scope: Scope; resellerMpnId: string | null; reservationType: string; segment: Segment }>;

export interface NewLine {
  catalogItemId: string;
  quantity: number;
  billingCycle: BillingCycle;
  /**
   * The cart's last line id when the agent was asked for this item: a line for the same item added after
   * it is this same answer delivered again, so that line takes the quantity instead of a second line.
   */
  askedAfterLineId?: number;
  /** A line of the same item the cart holds already: it is set to `quantity` (the new total) instead of adding a line. */
  raiseLineId?: number;
}

export interface DirectoryReads {
  partner(id: string): Awaitable<Partner | undefined>;
  /** A channel user (Teams' aadObjectId is the agent id; other channels map from.id) with the agent's partner. */
  agentAndPartnerByUserId(userId: string): Awaitable<{ agent: Agent; partner: Partner } | undefined>;
  agents(): Awaitable<Agent[]>;
  /** The Partner Center subscription ids this agent was given access to (R3). */
  accessibleSubscriptionIds(agentId: string): Awaitable<ReadonlySet<string>>;
}

export interface CartWrites {
  get(id: string): Awaitable<Cart | undefined>;
  /** Creates the cart for `subscriptionId` and appends `event`, in one transaction. */
  open(cart: NewCart, subscriptionId: string, event: AuditEvent): Awaitable<void>;
  /** Updates the header fields given; only an active cart changes. False when the cart is not active. */
  update(id: string, fields: CartFields, now: string): Awaitable<boolean>;
  /** Adds the line, or raises one (NewLine), and appends `event` in one transaction (or takes over a redelivered one); its line id. */
  addLine(cartId: string, line: NewLine, now: string, event: AuditEvent): Awaitable<number>;
  setLine(cartId: string, lineId: number, quantity: number, billingCycle: BillingCycle): Awaitable<void>;
  removeLine(cartId: string, lineId: number): Awaitable<void>;
}

export interface JournalWrites {
  /**
   * Records that the cart was bought as `orderIds`, marks it submitted and appends `events`, in one
   * transaction. False, with nothing written, when this key is recorded already (the unique key decides).
   */
  record(idempotencyKey: string, cartId: string, orderIds: string[], now: string, events: AuditEvent[]): Awaitable<boolean>;
  /** The order ids recorded for a key; undefined when it was never checked out. */
  orderIds(idempotencyKey: string): Awaitable<string[] | undefined>;
}

export interface AuditWrites {
  append(e: AuditEvent, at?: string): Awaitable<void>;
  list(filter?: AuditFilter): Awaitable<StoredAuditEvent[]>;
}

/** What a follow-up job looks at again (src/purchase/followUp.ts words and runs each kind). */
export type FollowUpKind = 'provisioning' | 'checkout' | 'expiry';

export interface NewFollowUp {
  /** Names the thing followed (e.g. "provisioning:<order id>"): adding it again changes nothing. */
  id: string;
  kind: FollowUpKind;
  partnerId: string;
  agentId: string;
  customerId: string;
  /** The conversation the agent bought in: where the notice goes. */
  conversationId: string;
  /** The agent's locale then: the notice's language. */
  locale?: string;
  /** What the kind needs to run (order id, cart id, …), as JSON. */
  subject: Record<string, unknown>;
  /** True when a run asks Partner Center (once): such runs are paced. */
  polls: boolean;
  dueAt: string;
}

export interface FollowUpJob extends NewFollowUp {
  createdAt: string;
}

export interface FollowUpClaim {
  now: string;
  /** Until then no other worker claims the jobs claimed now (a worker that dies mid-run frees them so). */
  leaseUntil: string;
  /** Partner Center calls allowed in any minute, across every worker on this database. */
  callsPerMinute: number;
  /** At most this many jobs of each kind of run (polling or not). */
  batch: number;
}

export interface FollowUpWrites {
  /** Adds the jobs; one whose id exists already stays as it is. */
  add(jobs: NewFollowUp[], now: string): Awaitable<void>;
  /**
   * Leases due jobs to the caller: those that poll only as many as the minute's budget has left (each
   * counted as one call now), the others up to `batch`. Atomic across workers on the same database.
   */
  claim(claim: FollowUpClaim): Awaitable<FollowUpJob[]>;
  /** The job is done (never claimed again); `next` jobs are added in the same transaction. */
  complete(id: string, now: string, next?: NewFollowUp[]): Awaitable<void>;
  /** Not yet: due again at `dueAt` with this subject, the lease released. */
  reschedule(id: string, dueAt: string, subject: Record<string, unknown>): Awaitable<void>;
}

/** One conversation an agent talks to the bot in, as the channel last addressed it. */
export interface StoredConversation {
  agentId: string;
  conversationId: string;
  channelId: string;
  /** The Bot Framework ConversationReference, as JSON (the store knows nothing of the Bot Framework). */
  reference: Record<string, unknown>;
  /** When the agent last wrote in it (ISO). */
  updatedAt: string;
}

export interface ConversationReferences {
  /** Keeps this conversation's latest reference for the agent, with the time of their message. */
  remember(agentId: string, conversationId: string, channelId: string, reference: Record<string, unknown>, now: string): Awaitable<void>;
  /** The agent's conversations, the one they wrote in last first. */
  ofAgent(agentId: string): Awaitable<StoredConversation[]>;
  /** The conversation's reference as the agent who wrote in it last left it. */
  get(conversationId: string): Awaitable<StoredConversation | undefined>;
}

/** A new request: what the buyer's Buy asked, waiting. */
export type NewApprovalRequest = Omit<ApprovalRequest, 'state' | 'decidedBy' | 'reason' | 'orderIds' | 'updatedAt'>;

/** A request's change of state, with who decided and why, and the orders an approval placed. */
export interface ApprovalChange {
  state: ApprovalState;
  decidedBy?: string;
  reason?: string;
  orderIds?: string[];
}

/** An approval card as sent: the message a decision replaces with its outcome. */
export interface ApprovalCard {
  approvalId: string;
  /** The approver whose conversation it is. */
  agentId: string;
  conversationId: string;
  /** The id the channel gave the message. */
  activityId: string;
  sentAt: string;
}

export interface ApprovalWrites {
  limit(partnerId: string): Awaitable<ApprovalLimit | undefined>;
  /** Sets (or, with null, removes) the partner's limit and appends `event`, in one transaction. */
  setLimit(partnerId: string, limit: ApprovalLimit | null, agentId: string, now: string, event: AuditEvent): Awaitable<void>;
  /**
   * Writes the request and appends `event` in one transaction; a request of the same idempotency key, or
   * one already waiting for the cart, is returned instead (nothing written).
   */
  create(request: NewApprovalRequest, event: AuditEvent): Awaitable<ApprovalRequest>;
  get(id: string): Awaitable<ApprovalRequest | undefined>;
  /** How many requests the cart has had: the next one's idempotency key counts on from it. */
  countForCart(cartId: string): Awaitable<number>;
  /** The partner's requests in `state`, oldest first. */
  ofPartner(partnerId: string, state: ApprovalState): Awaitable<ApprovalRequest[]>;
  /** Waiting requests whose expiry is at or before `now`. */
  due(now: string): Awaitable<ApprovalRequest[]>;
  /**
   * Moves the request from state `from` to `change` and appends `event`, in one transaction; false, with
   * nothing written, when it is no longer in `from` (someone else decided first).
   */
  change(id: string, from: ApprovalState, change: ApprovalChange, now: string, event: AuditEvent): Awaitable<boolean>;
  /** Keeps where an approval card was sent (the same message twice is kept once). */
  addCard(card: ApprovalCard): Awaitable<void>;
  /** Where the request's cards were sent, oldest first. */
  cards(approvalId: string): Awaitable<ApprovalCard[]>;
}

export interface BotStore {
  readonly engine: 'sqlite' | 'postgres';
  readonly directory: DirectoryReads;
  readonly carts: CartWrites;
  readonly journal: JournalWrites;
  readonly audit: AuditWrites;
  readonly followUps: FollowUpWrites;
  readonly conversations: ConversationReferences;
  readonly approvals: ApprovalWrites;
  /**
   * Runs `fn` while holding the checkout lock of `key` (a cart id): a second caller, in this process or
   * another instance on the same database, waits until the first one's `fn` has finished, then runs
   * its own (and finds the cart bought).
   */
  withCheckoutLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Awaitable<void>;
}

/** One caller at a time per key, in this process: the others queue behind it. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn);
    const settled = result.catch(() => undefined);
    this.tails.set(key, settled);
    return result.finally(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
  }
}
