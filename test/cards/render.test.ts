import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Attachment } from 'botbuilder';
import { Template } from 'adaptivecards-templating';
import fc from 'fast-check';
import type { CatalogPage, CatalogPageRow, CatalogRow, CheckoutResult, Quote, QuoteLine } from '../../src/purchase/types';
import type { Customer, Order, OrderLine, Partner, Reseller, Subscription } from '../../src/domain/types';
import { escapeInlineMarkdown, escapeMarkdown, formatMinor, truncate } from '../../cards/format';
import { catalogues, nlNL, ruleText, wordRuleText, type RuleText } from '../../src/i18n';
import { cartSavings, lineSavings } from '../../src/rules/savings';
import {
  CardRenderError,
  expandTemplate,
  withLibraryExpansion,
  renderApprovalCard,
  renderCatalogPage,
  renderChoiceCard,
  renderConfirmationCard,
  renderOrderHistoryCard,
  renderQuantityCard,
  renderReviewCard,
  type Json,
  type JsonObject,
} from '../../cards/render';

// ---------------------------------------------------------------------------------------------------
// Fixtures

const NONCE = 'nonce-7f3a';

const HOSTILE = {
  template: '${customer.id}',
  markdown: '*Bold* _Ideas_ [Ltd]',
  html: '<script>alert(1)</script>',
  rtl: 'شركة الأفكار الجريئة',
  emoji: 'Contoso 🚀☁️ Café',
  formula: '=HYPERLINK("https://evil.example","Click")',
  bold: '**x**',
  long: 'x'.repeat(5000),
};

/** Each hostile string as it must read where the host interprets Markdown: backslash-escaped. */
const HOSTILE_IN_MARKDOWN = new Map<string, string>([
  [HOSTILE.template, '$\\{customer.id\\}'],
  [HOSTILE.markdown, '\\*Bold\\* \\_Ideas\\_ \\[Ltd\\]'],
  [HOSTILE.html, '\\<script\\>alert(1)\\</script\\>'],
  [HOSTILE.rtl, HOSTILE.rtl],
  [HOSTILE.emoji, HOSTILE.emoji],
  [HOSTILE.formula, '\\=HYPERLINK("https://evil.example","Click")'],
  [HOSTILE.bold, '\\*\\*x\\*\\*'],
  [HOSTILE.long, HOSTILE.long],
]);

const fx = {
  partner(over: Partial<Partner> = {}): Partner {
    return { id: 'p-1', name: 'Fabrikam CSP', kind: 'direct', country: 'NL', isCsp: true, mpnId: '1234567', ...over };
  },
  customer(over: Partial<Customer> = {}): Customer {
    return {
      id: 'cust-0001',
      partnerId: 'p-1',
      companyName: 'Bold Ideas Ltd',
      domain: 'boldideas.onmicrosoft.com',
      tenantId: '6f1c2b9e-0000-4000-8000-000000000001',
      country: 'NL',
      agreement: 'confirmed',
      qualifications: ['commercial'],
      resellerMpnId: null,
      ...over,
    };
  },
  subscription(over: Partial<Subscription> = {}): Subscription {
    return {
      id: 'a1b2c3d4-0000-4000-8000-00000000beef',
      customerId: 'cust-0001',
      offerId: 'MS-AZR-0145P',
      kind: 'legacyAzure',
      friendlyName: 'Production',
      status: 'active',
      billingType: 'usage',
      registrationStatus: 'registered',
      ...over,
    };
  },
  row(i: number, over: Partial<CatalogRow> = {}): CatalogRow {
    return {
      catalogItemId: `DZH318Z0BQ${i}:00${i}:0001`,
      title: `Standard_D${2 * (i + 1)}s_v5`,
      productTitle: 'Reserved VM Instance, Dsv5 Series',
      family: 'Dsv5',
      armRegionName: 'westeurope',
      region: 'West Europe',
      term: i % 2 === 0 ? 'P1Y' : 'P3Y',
      cores: 2 * (i + 1),
      ram: 8 * (i + 1),
      unitPrice: { minor: 123456 + i, currency: 'EUR' },
      minimumQuantity: 1,
      maximumQuantity: 100,
      monthlyBillingSupported: true,
      ...over,
    };
  },
  line(lineId: number, over: Partial<QuoteLine> = {}): QuoteLine {
    const row = fx.row(lineId);
    const quantity = over.quantity ?? 2;
    return {
      ...row,
      lineId,
      quantity,
      billingCycle: 'one_time',
      lineTotal: { minor: row.unitPrice.minor * quantity, currency: 'EUR' },
      monthlyPayment: null,
      savings: lineSavings({ quantity, term: row.term, reservationMinor: row.unitPrice.minor * quantity, currency: 'EUR' }, { perHourMinor: 17.5, currency: 'EUR' }),
      ...over,
    };
  },
  resellers(): Reseller[] {
    return [
      { mpnId: '5550001', partnerId: 'r-1', name: 'Northwind Resellers' },
      { mpnId: '5550002', partnerId: 'r-2', name: 'Tailspin Partners' },
    ];
  },
  quote(over: Partial<Quote> = {}): Quote {
    const lines = over.lines ?? [fx.line(1)];
    return {
      cartId: 'cart-42',
      partner: fx.partner(),
      customer: fx.customer(),
      subscription: fx.subscription(),
      currency: 'EUR',
      lines,
      total: { minor: 123456, currency: 'EUR' },
      savings: cartSavings(lines.map((l) => l.savings)),
      scope: 'shared',
      scopeOptions: [
        { scope: 'single', allowed: true, note: ruleText('singleScopeWarning', { subscription: 'Production' }) },
        { scope: 'shared', allowed: true, note: ruleText('sharedScopeNote') },
      ],
      resellerRequired: false,
      resellers: [],
      resellerMpnId: null,
      notes: [ruleText('pricesExcludeTaxes'), ruleText('billingFixedNote')],
      blockers: [],
      ...over,
    };
  },
  page(rows: CatalogPageRow[], over: Partial<CatalogPage> = {}): CatalogPage {
    return { rows, page: 0, pageSize: 10, total: rows.length, filter: {}, ...over };
  },
  orderLine(n: number, over: Partial<OrderLine> = {}): OrderLine {
    return {
      lineItemNumber: n,
      catalogItemId: `DZH318Z0BQ${n}:00${n}:0001`,
      offerId: `DZH318Z0BQ${n}:00${n}`,
      friendlyName: `Reserved VM Instance, Standard_D${2 * (n + 1)}s_v5, West Europe, 3 Years`,
      armRegionName: 'westeurope',
      quantity: 2,
      termDuration: 'P3Y',
      unitPriceMinor: 61728,
      totalMinor: 123456,
      partnerIdOnRecord: '1234567',
      provisioningStatus: 'PrefulfillmentPending',
      ...over,
    };
  },
  order(id: string, over: Partial<Order> = {}): Order {
    const lineItems = over.lineItems ?? [fx.orderLine(0)];
    return {
      id,
      alternateId: `alt-${id}`,
      cartId: 'cart-42',
      customerId: 'cust-0001',
      partnerId: 'p-1',
      agentId: 'agent-1',
      subscriptionId: 'a1b2c3d4-0000-4000-8000-00000000beef',
      scope: 'shared',
      billingCycle: 'monthly',
      currencyCode: 'EUR',
      lineItems,
      totalMinor: lineItems.reduce((sum, l) => sum + l.totalMinor, 0),
      creationDate: '2026-11-25T10:30:00Z',
      status: 'pending',
      ...over,
    };
  },
  checkout(over: Partial<CheckoutResult> = {}): CheckoutResult {
    return {
      orders: [fx.order('ord-1001')],
      orderErrors: [],
      replayed: false,
      portalUrl: 'https://portal.azure.com/#@6f1c2b9e-0000-4000-8000-000000000001/blade/Microsoft_Azure_Reservations',
      ...over,
    };
  },
};

// ---------------------------------------------------------------------------------------------------
// Card inspection helpers

function cardOf(att: Attachment): JsonObject {
  assert.equal(att.contentType, 'application/vnd.microsoft.card.adaptive');
  return att.content as JsonObject;
}

function isObject(node: Json | undefined): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Every object of the card (elements, actions, choices, facts, ...), depth first. */
function objects(node: Json): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (n: Json) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (isObject(n)) {
      out.push(n);
      Object.values(n).forEach(visit);
    }
  };
  visit(node);
  return out;
}

const ofType = (card: JsonObject, type: string) => objects(card).filter((o) => o['type'] === type);
const inputs = (card: JsonObject) => objects(card).filter((o) => String(o['type']).startsWith('Input.'));
const input = (card: JsonObject, id: string) => inputs(card).find((i) => i['id'] === id);
const submits = (card: JsonObject) => ofType(card, 'Action.Submit');
const submitData = (card: JsonObject) => submits(card).map((a) => a['data'] as JsonObject);
const choicesOf = (i: JsonObject | undefined) => ((i?.['choices'] ?? []) as JsonObject[]).map((c) => ({ ...c }));

interface Text {
  text: string;
  markdown: boolean;
}

/** The strings a user reads, with whether the host interprets markdown in them. */
function texts(card: JsonObject): Text[] {
  const out: Text[] = [];
  for (const o of objects(card)) {
    const type = o['type'];
    if (type === 'TextBlock') out.push({ text: String(o['text']), markdown: true });
    if (type === 'TextRun') out.push({ text: String(o['text']), markdown: false });
    if (type === 'FactSet') {
      for (const f of o['facts'] as JsonObject[]) {
        out.push({ text: String(f['title']), markdown: true }, { text: String(f['value']), markdown: true });
      }
    }
    if (typeof type === 'string' && type.startsWith('Action.')) out.push({ text: String(o['title']), markdown: false });
    if (typeof type === 'string' && type.startsWith('Input.')) {
      out.push({ text: String(o['label']), markdown: false });
      for (const c of (o['choices'] ?? []) as JsonObject[]) out.push({ text: String(c['title']), markdown: false });
    }
  }
  return out;
}

const allText = (card: JsonObject) => texts(card).map((t) => t.text);
const hasText = (card: JsonObject, s: string) => allText(card).some((t) => t.includes(s));
/**
 * assert.ok with a message always: without one, Node builds the message by re-parsing the (tsx
 * transformed) source, which can take minutes on this file.
 */
function ok(value: unknown, message = 'expected a truthy value (see the stack for the line)'): void {
  assert.ok(value, message);
}
function expectText(card: JsonObject, s: string): void {
  ok(hasText(card, s), `card has no text containing "${s.slice(0, 80)}"; texts: ${JSON.stringify(allText(card)).slice(0, 600)}`);
}
function expectNoText(card: JsonObject, s: string): void {
  ok(!hasText(card, s), `card unexpectedly shows "${s.slice(0, 80)}"`);
}
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Checks shared by every card: what Teams, the Emulator and Web Chat need. */
function assertWellFormed(card: JsonObject, opts: { nonce?: string; leftoverCheck?: boolean } = {}) {
  assert.equal(card['type'], 'AdaptiveCard');
  ok(Number(card['version']) <= 1.5, `version ${String(card['version'])} > 1.5`);
  assert.equal(ofType(card, 'Action.Execute').length, 0, 'Action.Execute is not supported by Web Chat/Emulator');
  const json = JSON.stringify(card);
  if (opts.leftoverCheck !== false) ok(!json.includes('${'), `leftover template expression in ${json.slice(0, 200)}`);
  ok(Buffer.byteLength(json, 'utf8') < 28 * 1024, `card is ${Buffer.byteLength(json, 'utf8')} bytes`);
  const ids = inputs(card).map((i) => i['id']);
  assert.equal(new Set(ids).size, ids.length, `duplicate input ids ${ids.join(',')}`);
  for (const i of inputs(card)) {
    ok(typeof i['id'] === 'string' && i['id'] !== '', 'input without id');
    ok(typeof i['label'] === 'string' && i['label'] !== '', `input ${String(i['id'])} without label`);
    if (i['isRequired']) ok(i['errorMessage'], `required input ${String(i['id'])} without errorMessage`);
  }
  if (opts.nonce !== undefined) {
    for (const data of submitData(card)) {
      assert.equal(typeof data['action'], 'string', 'submit without action discriminator');
      assert.equal(data['nonce'], opts.nonce, `submit ${String(data['action'])} without the prompt's nonce`);
      // Submit data must not collide with an input id: Action.Submit merges inputs into data.
      for (const key of Object.keys(data)) ok(!ids.includes(key), `data key ${key} collides with an input`);
    }
  }
}

/**
 * The hostile string is shown literally: as is where markdown is not interpreted, backslash-escaped where
 * it is (HOSTILE_IN_MARKDOWN); and never unescaped in a markdown slot.
 */
function assertLiteral(card: JsonObject, value: string) {
  const inMarkdown = HOSTILE_IN_MARKDOWN.get(value);
  if (inMarkdown === undefined) throw new Error(`no Markdown form for "${value.slice(0, 40)}"`);
  const all = texts(card);
  const shown = all.some((t) => t.text.includes(t.markdown ? inMarkdown : value));
  ok(shown, `"${value.slice(0, 40)}" is not shown literally`);
  if (inMarkdown !== value) {
    for (const t of all.filter((t) => t.markdown)) {
      const unescaped = t.text.split(inMarkdown).join('');
      ok(!unescaped.includes(value), `"${value.slice(0, 40)}" is unescaped in markdown text "${t.text.slice(0, 80)}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

describe('cards/format', () => {
  it('formats minor units as currency for the locale', () => {
    assert.equal(formatMinor(123456, 'EUR', 'en-US'), '€1,234.56');
    assert.equal(nbsp(formatMinor(123456, 'EUR', 'nl-NL')), '€ 1.234,56');
    assert.equal(formatMinor(5, 'USD'), '$0.05');
    assert.equal(formatMinor(123456, 'EUR', 'not a locale!'), '€1,234.56', 'bad locale falls back to en-US');
    assert.equal(formatMinor(100, 'XX1', 'en-US'), '1.00 XX1', 'bad currency code does not throw');
  });

  it('escapes markdown so it renders literally', () => {
    assert.equal(escapeMarkdown('*Bold* _Ideas_ [Ltd]'), '\\*Bold\\* \\_Ideas\\_ \\[Ltd\\]');
    assert.equal(escapeMarkdown('<b>x</b>'), '\\<b\\>x\\</b\\>');
    assert.equal(escapeMarkdown('- item\n1. one'), '\\- item\n1\\. one');
    assert.equal(escapeMarkdown('{{DATE(2020-01-01T00:00:00Z)}}'), '\\{\\{DATE(2020-01-01T00:00:00Z)\\}\\}');
    assert.equal(escapeMarkdown('West Europe 1.5'), 'West Europe 1.5');
  });

  it('returns a string with nothing to escape as it is, and escapes everything else exactly as the full replacements do', () => {
    const replaceAll = (text: string) =>
      text
        .replace(/[\\`*_~[\]#<>|{}]/g, (c) => `\\${c}`)
        .replace(/^(\s*)([-+=])/gm, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
    const unit = fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\r', '1', '.', ')', '-', '+', '=', '*', '_', '~', '[', ']', '#', '<', '>', '|', '{', '}', '\\', '`', '!', '(');
    fc.assert(fc.property(fc.string({ unit }), (text) => escapeMarkdown(text) === replaceAll(text)), { numRuns: 5000 });
  });

  it('truncates by code points without splitting emoji', () => {
    assert.equal(truncate('abc', 10), 'abc');
    assert.equal(truncate('🚀🚀🚀🚀', 3), '🚀🚀…');
  });
});

describe('cards/render: renderChoiceCard', () => {
  const choices = [
    { title: 'Bold Ideas Ltd', subtitle: 'boldideas.onmicrosoft.com · NL', value: 'cust-0001' },
    { title: 'Contoso', subtitle: 'contoso.onmicrosoft.com · DE', value: 'cust-0002' },
    { title: 'Act as demo agent', value: 'demo' },
  ];

  it('has one submit per choice with {action, value, nonce}', () => {
    const card = cardOf(renderChoiceCard({ title: 'Choose a customer', choices, action: 'pickCustomer', nonce: NONCE }));
    assertWellFormed(card, { nonce: NONCE });
    assert.deepEqual(
      submits(card).map((a) => [a['title'], a['data']]),
      choices.map((c) => [c.title, { action: 'pickCustomer', value: c.value, nonce: NONCE }]),
    );
    expectText(card, 'Choose a customer');
  });

  it('shows subtitles small under their title, and none when absent', () => {
    const card = cardOf(renderChoiceCard({ title: 'Choose', text: 'Pick one.', choices, action: 'a', nonce: NONCE }));
    const subtitles = ofType(card, 'TextRun').filter((r) => r['size'] === 'Small').map((r) => r['text']);
    assert.deepEqual(subtitles, ['boldideas.onmicrosoft.com · NL', 'contoso.onmicrosoft.com · DE']);
    expectText(card, 'Pick one.');
    const noText = cardOf(renderChoiceCard({ title: 'Choose', choices, action: 'a', nonce: NONCE }));
    assert.equal(ofType(noText, 'RichTextBlock').length, ofType(card, 'RichTextBlock').length - 1);
  });

  it('renders 12 choices under the size limit', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ title: `Customer ${i}`, subtitle: `c${i}.example · NL`, value: `c${i}` }));
    const card = cardOf(renderChoiceCard({ title: 'Choose', choices: many, action: 'pickCustomer', nonce: NONCE }));
    assertWellFormed(card, { nonce: NONCE });
    assert.equal(submits(card).length, 12);
  });

  it('refuses a missing nonce', () => {
    assert.throws(() => renderChoiceCard({ title: 'x', choices, action: 'a', nonce: '' }), CardRenderError);
  });

  it('shows hostile titles, subtitles and values literally', () => {
    const hostile = Object.values(HOSTILE).map((h, i) => ({ title: h, subtitle: h, value: `${h}#${i}` }));
    const card = cardOf(
      renderChoiceCard({ title: HOSTILE.markdown, text: HOSTILE.template, choices: hostile, action: 'pickCustomer', nonce: NONCE }),
    );
    assertWellFormed(card, { nonce: NONCE, leftoverCheck: false });
    for (const h of Object.values(HOSTILE)) assertLiteral(card, h);
    assert.deepEqual(
      submitData(card).map((d) => d['value']),
      hostile.map((c) => c.value),
      'values are sent back exactly',
    );
  });
});

describe('cards/render: renderCatalogPage', () => {
  const regions = [
    { armName: 'westeurope', displayName: 'West Europe' },
    { armName: 'northeurope', displayName: 'North Europe' },
  ];
  const families = ['Dsv5', 'Esv5', 'Fsv2'];
  const rows10 = Array.from({ length: 10 }, (_, i) => fx.row(i));
  const render = (page: CatalogPage, locale?: string) =>
    cardOf(
      renderCatalogPage({ page, reservationTypeTitle: 'Virtual machines', regions, families, nonce: NONCE, ...(locale ? { locale } : {}) }),
    );

  it('shows the first page with one button per row naming the item, only a next-page action, and no Clear filters without a filter', () => {
    const card = render(fx.page(rows10, { total: 57 }));
    assertWellFormed(card, { nonce: NONCE });
    expectText(card, 'Showing 1–10 of 57');
    assert.deepEqual(submits(card).map((a) => a['title']).slice(0, 3), ['Apply filters', 'Standard_D2s_v5 · 1 year', 'Standard_D4s_v5 · 3 years']);
    const picks = submitData(card).filter((d) => d['action'] === 'pickItem');
    assert.deepEqual(
      picks,
      rows10.map((r) => ({ action: 'pickItem', catalogItemId: r.catalogItemId, nonce: NONCE })),
    );
    assert.deepEqual(
      submitData(card).filter((d) => d['action'] === 'page'),
      [{ action: 'page', page: 1, nonce: NONCE }],
    );
  });

  it('shows previous and next in the middle, previous only on the last page', () => {
    const middle = render(fx.page(rows10, { page: 2, total: 57 }));
    expectText(middle, 'Showing 21–30 of 57');
    assert.deepEqual(
      submitData(middle).filter((d) => d['action'] === 'page').map((d) => d['page']),
      [1, 3],
    );
    const last = render(fx.page(rows10.slice(0, 7), { page: 5, total: 57 }));
    expectText(last, 'Showing 51–57 of 57');
    assert.deepEqual(
      submitData(last).filter((d) => d['action'] === 'page').map((d) => d['page']),
      [4],
    );
  });

  it('shows a capped total as "1,000+" (en-US) and "1.000+" (nl-NL), with a next page, also past the cap', () => {
    const capped = render(fx.page(rows10, { total: 1000, totalCapped: true }));
    assertWellFormed(capped, { nonce: NONCE });
    expectText(capped, 'Showing 1–10 of 1,000+');
    assert.deepEqual(
      submitData(capped).filter((d) => d['action'] === 'page').map((d) => d['page']),
      [1],
    );
    const atCap = render(fx.page(rows10, { page: 99, total: 1000, totalCapped: true }));
    expectText(atCap, 'Showing 991–1,000 of 1,000+');
    assert.deepEqual(
      submitData(atCap).filter((d) => d['action'] === 'page').map((d) => d['page']),
      [98, 100],
      'more rows are known to exist: a next page',
    );
    const dutch = render(fx.page(rows10, { total: 1000, totalCapped: true }), 'nl-NL');
    expectText(dutch, 'Resultaten 1–10 van 1.000+');
  });

  it('shows each row: size, region, term, vCPU/RAM, price for the term, billing', () => {
    const rows = [
      fx.row(0, { term: 'P1Y', monthlyBillingSupported: true }),
      fx.row(1, { term: 'P3Y', monthlyBillingSupported: false, cores: null, ram: null, unitPrice: { minor: 987654, currency: 'GBP' } }),
    ];
    const card = render(fx.page(rows));
    const containers = ofType(card, 'Container').filter((c) => objects(c).some((o) => o['type'] === 'Action.Submit' && (o['data'] as JsonObject)['action'] === 'pickItem'));
    assert.equal(containers.length, 2);
    const [first, second] = containers.map((c) => allText(c));
    // The button names the item and its term; one line says the rest, money without a repeated currency.
    assert.deepEqual(first, ['Standard_D2s_v5 · 1 year', 'West Europe · 2 vCPU · 8 GB RAM · €1,234.56 for 1 year · Monthly billing available']);
    assert.deepEqual(second, ['Standard_D4s_v5 · 3 years', 'West Europe · £9,876.54 for 3 years · One-time only']);
  });

  it('gives every filter choice a title and a non-empty value (Web Chat and Teams render nothing of a card with an empty choice value)', () => {
    const card = render(fx.page(rows10, { total: 57 }));
    for (const id of ['region', 'family', 'term']) {
      const set = input(card, id)!;
      assert.equal(set['value'], 'any', `${id} shows its "Any" choice when there is no filter`);
      for (const c of choicesOf(set)) assert.ok(c['title'] && c['value'], `${id}: choice ${JSON.stringify(c)} has a title and a value`);
    }
  });

  it('has the filter form with the current filter selected', () => {
    const card = render(fx.page(rows10, { total: 57, filter: { region: 'westeurope', family: 'Dsv5', term: 'P3Y', text: 'D4s' } }));
    expectText(card, 'Filters:');
    const region = input(card, 'region')!;
    assert.equal(region['type'], 'Input.ChoiceSet');
    assert.equal(region['style'], 'compact');
    assert.equal(region['value'], 'westeurope');
    assert.deepEqual(choicesOf(region), [
      { title: 'Any region', value: 'any' },
      { title: 'West Europe', value: 'westeurope' },
      { title: 'North Europe', value: 'northeurope' },
    ]);
    assert.deepEqual(choicesOf(input(card, 'family')).map((c) => c['value']), ['any', 'Dsv5', 'Esv5', 'Fsv2']);
    assert.equal(input(card, 'family')!['value'], 'Dsv5');
    assert.deepEqual(choicesOf(input(card, 'term')), [
      { title: 'Any', value: 'any' },
      { title: '1 year', value: 'P1Y' },
      { title: '3 years', value: 'P3Y' },
    ]);
    assert.equal(input(card, 'term')!['value'], 'P3Y');
    const text = input(card, 'text')!;
    assert.equal(text['type'], 'Input.Text');
    assert.equal(text['placeholder'], 'e.g. D4s v5');
    assert.equal(text['value'], 'D4s');
    const apply = submits(card).find((a) => a['title'] === 'Apply filters');
    assert.deepEqual(apply?.['data'], { action: 'filter', nonce: NONCE });
    assert.notEqual(apply?.['associatedInputs'], 'none', 'Apply filters must send the filter inputs');
  });

  it('shows every active filter as a button that removes it alone, at most three in a row and no wider together than the card', () => {
    const long = 'a very long typed search that goes on and on';
    const card = render(fx.page(rows10, { total: 57, filter: { region: 'westeurope', family: 'Dsv5', armSkuName: 'Standard_D4s_v5', term: 'P3Y', text: long } }));
    assertWellFormed(card, { nonce: NONCE });
    const removers = submits(card).filter((a) => (a['data'] as JsonObject)['action'] === 'removeFilter');
    assert.deepEqual(
      removers.map((a) => [a['title'], (a['data'] as JsonObject)['filter'], a['associatedInputs']]),
      [
        ['✕ West Europe', 'region', 'none'],
        ['✕ Dsv5', 'family', 'none'],
        ['✕ Standard_D4s_v5', 'armSkuName', 'none'],
        ['✕ 3 years', 'term', 'none'],
        ['✕ “a very long typed s…”', 'text', 'none'],
      ],
    );
    assert.equal(removers[4]!['tooltip'], `Remove the filter “${long}”`, 'the tooltip names the whole text');
    const rowsOfButtons = ofType(card, 'ActionSet').map((set) => (set['actions'] as JsonObject[]).filter((a) => (a['data'] as JsonObject)['action'] === 'removeFilter').map((a) => a['title']));
    assert.deepEqual(
      rowsOfButtons.filter((r) => r.length > 0),
      [['✕ West Europe', '✕ Dsv5'], ['✕ Standard_D4s_v5', '✕ 3 years'], ['✕ “a very long typed s…”']],
      'rows of at most three that fit 450 px',
    );
    const dutch = render(fx.page(rows10, { total: 57, filter: { region: 'westeurope', text: 'D4s' } }), 'nl-NL');
    assert.deepEqual(
      submits(dutch).filter((a) => (a['data'] as JsonObject)['action'] === 'removeFilter').map((a) => [a['title'], a['tooltip']]),
      [['✕ West-Europa', 'Filter West-Europa verwijderen'], ['✕ „D4s”', 'Filter „D4s” verwijderen']],
    );
    assert.deepEqual(submitData(render(fx.page(rows10, { total: 57 }))).filter((d) => d['action'] === 'removeFilter'), [], 'no filter, nothing to remove');
  });

  it('names an item the inventory check restricts without a button, and says why', () => {
    const rows: CatalogPageRow[] = [fx.row(0), fx.row(1, { term: 'P3Y' }), fx.row(2)];
    rows[1] = { ...rows[1]!, restriction: 'noCapacity' };
    rows[2] = { ...rows[2]!, restriction: 'noQuota' };
    const card = render(fx.page(rows));
    assertWellFormed(card, { nonce: NONCE });
    assert.deepEqual(submitData(card).filter((d) => d['action'] === 'pickItem').map((d) => d['catalogItemId']), [rows[0]!.catalogItemId], 'only the unrestricted item is offered');
    const [, noCapacity, noQuota] = ofType(card, 'Container').filter((c) => c['separator'] === true).map((c) => allText(c));
    // The name is a TextBlock's markdown here: its underscores escaped.
    assert.deepEqual(noCapacity, ['Standard\\_D4s\\_v5 · 3 years', 'West Europe · 4 vCPU · 16 GB RAM · €1,234.57 for 3 years · Monthly billing available', '⛔ No capacity in this region now']);
    assert.deepEqual(noQuota!.at(-1), "⛔ The subscription's vCPU quota is too low here");
    const dutch = render(fx.page(rows), 'nl-NL');
    expectText(dutch, '⛔ Nu geen capaciteit in deze regio');
    expectText(dutch, '⛔ Het vCPU-quotum van het abonnement is hier te laag');
  });

  it('says clearly when nothing matches and still offers the filter form, with a button that clears the filters', () => {
    const card = render(fx.page([], { total: 0, filter: { family: 'Zzz' } }));
    assertWellFormed(card, { nonce: NONCE });
    expectText(card, 'No reservations match these filters');
    expectNoText(card, 'Showing');
    assert.deepEqual(submitData(card).map((d) => d['action']), ['removeFilter', 'filter', 'clearFilters']);
    const clear = submits(card).find((a) => a['title'] === 'Clear filters');
    assert.deepEqual(clear?.['data'], { action: 'clearFilters', nonce: NONCE });
    assert.equal(clear?.['associatedInputs'], 'none');
    assert.deepEqual(inputs(card).map((i) => i['id']), ['region', 'term', 'family', 'text']);
    assert.equal(input(card, 'family')!['value'], 'Zzz', 'an unknown current family is still selectable');
  });

  it('formats prices for nl-NL', () => {
    const card = render(fx.page([fx.row(0)]), 'nl-NL');
    ok(allText(card).some((t) => nbsp(t) === 'West-Europa · 2 vCPU · 8 GB RAM · € 1.234,56 voor 1 jaar · Maandelijkse facturering mogelijk'), 'the price for the term in Dutch');
    assert.equal(card['lang'], 'nl');
  });

  it('speaks Dutch for nl-NL and nl-BE: labels, region names, terms, the "Any" choices', () => {
    for (const locale of ['nl-NL', 'nl-BE', 'nl']) {
      const card = render(fx.page(rows10, { total: 57, filter: { region: 'westeurope', term: 'P3Y' } }), locale);
      assertWellFormed(card, { nonce: NONCE });
      expectText(card, 'Resultaten 1–10 van 57');
      expectText(card, '✕ West-Europa');
      expectText(card, '✕ 3 jaar');
      ok(allText(card).includes('Regio') && allText(card).includes('Looptijd'), `${locale}: Dutch filter labels`);
      assert.deepEqual(choicesOf(input(card, 'region')).map((c) => c['title']), ["Alle regio's", 'West-Europa', 'Noord-Europa'], `${locale}: region choices`);
      assert.deepEqual(choicesOf(input(card, 'term')).map((c) => c['title']), ['Alle', '1 jaar', '3 jaar'], `${locale}: term choices`);
      assert.deepEqual(submits(card).map((a) => a['title']).slice(0, 6), ['✕ West-Europa', '✕ 3 jaar', 'Filters toepassen', 'Filters wissen', 'Standard_D2s_v5 · 1 jaar', 'Standard_D4s_v5 · 3 jaar'], `${locale}: buttons`);
      for (const english of ['Showing', 'Region', 'Term', 'Apply filters', 'Clear filters', 'West Europe', 'Any']) {
        ok(!allText(card).some((t) => t === english || t.startsWith(`${english} `)), `${locale}: no English "${english}" on the Dutch card`);
      }
    }
  });

  it('shows hostile catalog strings literally', () => {
    const rows = Object.values(HOSTILE).map((h, i) => fx.row(i, { title: h, productTitle: h, region: h }));
    const card = cardOf(
      renderCatalogPage({
        page: fx.page(rows, { filter: { text: HOSTILE.template } }),
        reservationTypeTitle: HOSTILE.markdown,
        regions: [{ armName: 'x', displayName: HOSTILE.html }],
        families: [HOSTILE.rtl],
        nonce: NONCE,
      }),
    );
    assertWellFormed(card, { nonce: NONCE, leftoverCheck: false });
    for (const h of Object.values(HOSTILE)) assertLiteral(card, h);
    assert.equal(input(card, 'text')!['value'], HOSTILE.template, 'filter text is prefilled unchanged');
  });
});

describe('cards/render: renderQuantityCard', () => {
  it('asks for a quantity within the SKU limits', () => {
    const card = cardOf(renderQuantityCard({ row: fx.row(1, { minimumQuantity: 1, maximumQuantity: 250 }), nonce: NONCE }));
    assertWellFormed(card, { nonce: NONCE });
    const qty = input(card, 'quantity')!;
    assert.equal(qty['type'], 'Input.Number');
    assert.equal(qty['min'], 1);
    assert.equal(qty['max'], 250);
    assert.equal(qty['isRequired'], true);
    assert.equal(qty['label'], 'Quantity (number of instances, 1–250)');
    ok(String(qty['errorMessage']).includes('1') && String(qty['errorMessage']).includes('250'));
    assert.deepEqual(submitData(card), [{ action: 'quantity', nonce: NONCE }]);
    assert.equal(submits(card)[0]!['title'], 'Add to cart');
    expectText(card, 'Standard_D4s_v5');
    expectText(card, '€1,234.57 for 3 years');
  });

  it('shows hostile item strings literally', () => {
    const row = fx.row(1, { title: HOSTILE.markdown, productTitle: HOSTILE.template, region: HOSTILE.html });
    const card = cardOf(renderQuantityCard({ row, nonce: NONCE }));
    assertWellFormed(card, { nonce: NONCE, leftoverCheck: false });
    for (const h of [HOSTILE.markdown, HOSTILE.template, HOSTILE.html]) assertLiteral(card, h);
  });
});

describe('cards/render: renderReviewCard', () => {
  const threeLines = () => [
    fx.line(1, { monthlyBillingSupported: true, billingCycle: 'monthly', monthlyPayment: { minor: 10288, currency: 'EUR' } }),
    fx.line(2, { monthlyBillingSupported: false, billingCycle: 'one_time', minimumQuantity: 1, maximumQuantity: 30, quantity: 3 }),
    fx.line(3, { monthlyBillingSupported: true, billingCycle: 'one_time' }),
  ];
  const render = (quote: Quote, locale?: string) => cardOf(renderReviewCard({ quote, nonce: NONCE, ...(locale ? { locale } : {}) }));

  it('shows the customer, the subscription and the actions with cartId and nonce', () => {
    const card = render(fx.quote({ lines: threeLines() }));
    assertWellFormed(card, { nonce: NONCE });
    expectText(card, 'Review your order');
    expectText(card, 'Bold Ideas Ltd');
    expectText(card, 'Production');
    expectNoText(card, 'a1b2c3d4-0000-4000-8000-00000000beef'); // no GUIDs for agents: the subscription goes by its name
    assert.deepEqual(
      submits(card).map((a) => [a['title'], a['data']]),
      [
        ['Buy', { action: 'buy', cartId: 'cart-42', nonce: NONCE }],
        ['Update', { action: 'update', nonce: NONCE }],
        ['Add another item', { action: 'addItem', nonce: NONCE }],
        ['Cancel', { action: 'cancel', nonce: NONCE }],
      ],
    );
    const cancel = submits(card).find((a) => a['title'] === 'Cancel')!;
    assert.equal(cancel['associatedInputs'], 'none', 'Cancel must not be blocked by input validation');
  });

  it('has a quantity input per line and a billing choice only where monthly is supported', () => {
    const card = render(fx.quote({ lines: threeLines() }));
    for (const [id, value, max] of [['qty_1', 2, 100], ['qty_2', 3, 30], ['qty_3', 2, 100]] as const) {
      const qty = input(card, id)!;
      assert.equal(qty['type'], 'Input.Number', id);
      assert.equal(qty['value'], value, id);
      assert.equal(qty['min'], 1, id);
      assert.equal(qty['max'], max, id);
    }
    assert.equal(input(card, 'billing_1')?.['value'], 'monthly');
    assert.equal(input(card, 'billing_3')?.['value'], 'one_time');
    assert.deepEqual(choicesOf(input(card, 'billing_1')), [
      { title: 'One-time', value: 'one_time' },
      { title: 'Monthly', value: 'monthly' },
    ]);
    assert.equal(input(card, 'billing_2'), undefined, 'no billing choice for a line without monthly billing');
    const fixed = allText(card).filter((t) => t === 'Billing: one-time (this item has no monthly billing plan)');
    assert.equal(fixed.length, 1);
    ok(hasText(card, '€102.88 per month'), 'monthly payment shown for the monthly line');
  });

  it('shows line prices, totals and the total in en-US and nl-NL', () => {
    const quote = fx.quote({ lines: [fx.line(1, { quantity: 1, lineTotal: { minor: 123456, currency: 'EUR' } })], total: { minor: 123456, currency: 'EUR' } });
    const en = render(quote);
    expectText(en, 'Total: €1,234.56');
    expectText(en, '€1,234.57 for 3 years');
    ok(allText(en).includes('€1,234.56'), 'line total');
    ok(!allText(en).includes('EUR'), 'no currency code beside prices that carry their symbol');
    const nl = render(quote, 'nl-NL');
    ok(allText(nl).some((t) => nbsp(t) === 'Totaal: € 1.234,56'), 'the total in Dutch');
    ok(allText(nl).some((t) => nbsp(t) === '€ 1.234,57 voor 3 jaar'), 'the price for the term in Dutch');
    expectNoText(nl, '€1,234.56');
  });

  it('says the savings of each line and, for several lines, of the cart, leaving out a line without a pay-as-you-go price', () => {
    // Line 1: 2 × €1,234.57 = €2,469.14 reserved for 3 years against 17.5 ct/h: 17.5 × 730 × 2 = 25,550 ct a month,
    // × 36 = €9,198.00 pay-as-you-go; saving €6,728.86 (672,886 / 919,800 = 73.155% → 73.2%);
    // break-even 246,914 / 25,550 = 9.664 → 9.7 months, 246,914 / 919,800 = 26.844% → 26.9% use.
    const unpriced = fx.line(2, { savings: lineSavings({ quantity: 2, term: 'P1Y', reservationMinor: 246916, currency: 'EUR' }, undefined) });
    const quote = fx.quote({ lines: [fx.line(1), unpriced] });
    const line1 = 'Savings: €6,728.86 (73.2%) vs €9,198.00 pay-as-you-go; break-even after 9.7 months of full use (26.9% use)';
    const en = render(quote);
    expectText(en, line1);
    expectText(en, 'Savings: No pay-as-you-go price known: no savings to show.');
    expectText(en, `${line1} Items without a pay-as-you-go price are not counted.`);
    const nl = allText(render(quote, 'nl-NL')).map(nbsp);
    const line1nl = 'Besparing: € 6.728,86 (73,2%) t.o.v. € 9.198,00 betalen per gebruik; terugverdiend na 9,7 mnd vol gebruik (26,9% gebruik)';
    ok(nl.includes(line1nl), 'line 1 in Dutch');
    ok(nl.includes('Besparing: Geen prijs voor betalen per gebruik bekend: geen besparing te tonen.'), 'line 2 in Dutch');
    ok(nl.includes(`${line1nl} Artikelen zonder prijs voor betalen per gebruik tellen niet mee.`), 'the cart in Dutch');
    const single = allText(render(fx.quote({ lines: [fx.line(1)] })));
    assert.equal(single.filter((t) => t.startsWith('Savings:')).length, 1, 'one line says its savings once, not again for the cart');
  });

  it('offers a scope choice with notes when both scopes are allowed', () => {
    const card = render(fx.quote({ scope: 'single' }));
    const scope = input(card, 'scope')!;
    assert.equal(scope['type'], 'Input.ChoiceSet');
    assert.equal(scope['value'], 'single');
    assert.deepEqual(choicesOf(scope), [
      { title: 'Single subscription', value: 'single' },
      { title: 'Shared', value: 'shared' },
    ]);
    expectText(card, 'Single subscription: The discount applies only to "Production", which may need a vCPU quota increase (a support request in the Azure portal).');
    expectText(card, "Shared: The discount applies to any subscription in the customer's billing context.");
  });

  it('words the scope choice and its notes in Dutch for nl-NL', () => {
    const card = render(fx.quote({ scope: 'single' }), 'nl-NL');
    assert.deepEqual(choicesOf(input(card, 'scope')), [
      { title: 'Eén abonnement', value: 'single' },
      { title: 'Gedeeld', value: 'shared' },
    ]);
    assert.equal(input(card, 'scope')!['label'], 'Bereik');
    expectText(card, `Eén abonnement: ${wordRuleText(nlNL.rules, ruleText('singleScopeWarning', { subscription: 'Production' })).message}`);
    expectText(card, `Gedeeld: ${wordRuleText(nlNL.rules, ruleText('sharedScopeNote')).message}`);
    expectText(card, 'Uw bestelling controleren');
    assert.deepEqual(submits(card).map((a) => a['title']), ['Kopen', 'Bijwerken', 'Nog een item toevoegen', 'Annuleren']);
  });

  it('shows the fixed scope and the reason when only shared is allowed (Azure plan)', () => {
    const refusal: RuleText = ruleText('azurePlanSharedScope');
    const reason =
      'Under the Azure plan the scope is Shared when you buy. Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal.';
    const card = render(
      fx.quote({
        scope: 'shared',
        scopeOptions: [
          { scope: 'single', allowed: false, note: refusal },
          { scope: 'shared', allowed: true },
        ],
      }),
    );
    assertWellFormed(card, { nonce: NONCE });
    assert.equal(input(card, 'scope'), undefined);
    const scopeFact = ofType(card, 'FactSet').flatMap((f) => f['facts'] as JsonObject[]).find((f) => f['title'] === 'Scope');
    assert.equal(scopeFact?.['value'], 'Shared');
    expectText(card, reason);
  });

  it('asks for the reseller only when required, preselected, labelled "name (MPN id)"', () => {
    const without = render(fx.quote());
    assert.equal(input(without, 'reseller'), undefined);
    expectNoText(without, 'Reseller (partner of record)');

    const card = render(fx.quote({ resellerRequired: true, resellers: fx.resellers(), resellerMpnId: '5550002' }));
    assertWellFormed(card, { nonce: NONCE });
    const reseller = input(card, 'reseller')!;
    assert.equal(reseller['type'], 'Input.ChoiceSet');
    assert.equal(reseller['label'], 'Reseller (partner of record)');
    assert.equal(reseller['value'], '5550002');
    assert.deepEqual(choicesOf(reseller), [
      { title: 'Northwind Resellers (5550001)', value: '5550001' },
      { title: 'Tailspin Partners (5550002)', value: '5550002' },
    ]);
    const none = render(fx.quote({ resellerRequired: true, resellers: fx.resellers(), resellerMpnId: null }));
    assert.equal(input(none, 'reseller')!['value'], '', 'nothing preselected without resellerMpnId');
  });

  it('shows notes small and subtle, blockers prominently in attention colour', () => {
    const card = render(
      fx.quote({
        notes: [ruleText('pricesExcludeTaxes'), ruleText('billingFixedNote')],
        blockers: [{ ok: false, code: 'R9_RESELLER', text: ruleText('resellerRequired') }],
      }),
    );
    const noteBlocks = ofType(card, 'TextBlock').filter((b) => String(b['text']).startsWith('• '));
    assert.deepEqual(noteBlocks.map((b) => b['text']), [
      '• Prices exclude taxes. Software costs (Windows, SQL Server licences, SUSE and others) are not included in reservation prices.',
      '• Billing frequency cannot be changed after purchase.',
    ]);
    ok(noteBlocks.every((b) => b['size'] === 'Small' && b['isSubtle'] === true));
    const blocker = ofType(card, 'TextBlock').find((b) => String(b['text']).includes('Choose the reseller'));
    assert.equal(blocker?.['color'], 'Attention');
    assert.equal(blocker?.['text'], 'Choose the reseller (partner of record) for this purchase. Pick the indirect reseller on the review card. It cannot be changed after purchase.');
    const clean = render(fx.quote({ blockers: [] }));
    ok(!ofType(clean, 'TextBlock').some((b) => b['color'] === 'Attention'));
  });

  it('stays under 28 KB with 10 lines, a required reseller and all notes', () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      fx.line(i + 1, { monthlyBillingSupported: i % 2 === 0, billingCycle: i % 4 === 0 ? 'monthly' : 'one_time', monthlyPayment: i % 4 === 0 ? { minor: 4321, currency: 'EUR' } : null }),
    );
    const notes = (['pricesIncludeTaxes', 'resellerFixedNote', 'sharedScopeNote', 'azurePlanScopeNote', 'termFixedNote', 'billingFixedNote', 'transferNote', 'orderListingNote'] as const).map((key) => ruleText(key));
    const card = render(fx.quote({ lines, notes, resellerRequired: true, resellers: fx.resellers(), resellerMpnId: '5550001' }));
    assertWellFormed(card, { nonce: NONCE });
    assert.equal(inputs(card).filter((i) => String(i['id']).startsWith('qty_')).length, 10);
    assert.equal(inputs(card).filter((i) => String(i['id']).startsWith('billing_')).length, 5);
  });

  it('shows hostile customer, subscription, item, reseller, note and blocker strings literally', () => {
    const card = render(
      fx.quote({
        customer: fx.customer({ companyName: HOSTILE.template + ' ' + HOSTILE.markdown }),
        subscription: fx.subscription({ friendlyName: HOSTILE.html }),
        lines: [fx.line(1, { title: HOSTILE.markdown, productTitle: HOSTILE.rtl, region: HOSTILE.emoji })],
        resellerRequired: true,
        resellers: [{ mpnId: '5550001', partnerId: 'r', name: HOSTILE.markdown }],
        resellerMpnId: '5550001',
        notes: [ruleText('singleScopeWarning', { subscription: HOSTILE.markdown }), ruleText('singleScopeWarning', { subscription: HOSTILE.template })],
        blockers: [{ ok: false, code: 'R9_RESELLER', text: ruleText('resellerUnknown', { mpnId: HOSTILE.html }) }],
      }),
    );
    assertWellFormed(card, { nonce: NONCE, leftoverCheck: false });
    for (const h of [HOSTILE.template, HOSTILE.markdown, HOSTILE.html, HOSTILE.rtl, HOSTILE.emoji]) assertLiteral(card, h);
    ok(!JSON.stringify(card).includes('cust-0001'), '${customer.id} in a name must not expand to the id');
    ok(choicesOf(input(card, 'reseller')).some((c) => c['title'] === `${HOSTILE.markdown} (5550001)`));
    const long = cardOf(renderReviewCard({ quote: fx.quote({ customer: fx.customer({ companyName: HOSTILE.long }) }), nonce: NONCE }));
    assertWellFormed(long, { nonce: NONCE });
    assertLiteral(long, HOSTILE.long);
  });
});

describe('cards/render: renderConfirmationCard', () => {
  it('shows the order number, status, billing, date, lines, totals, portal link and the 15-minute note', () => {
    const order = fx.order('ord-1001', {
      lineItems: [fx.orderLine(0, { quantity: 2, totalMinor: 123456 }), fx.orderLine(1, { quantity: 1, totalMinor: 50000, termDuration: 'P1Y' })],
    });
    const result = fx.checkout({ orders: [order] });
    const names = { subscriptions: { [order.subscriptionId]: 'Bold Production' }, resellers: { [order.lineItems[0]!.partnerIdOnRecord]: 'Tailspin' } };
    const card = cardOf(renderConfirmationCard({ result, customerName: 'Bold Ideas Ltd', names }));
    assertWellFormed(card);
    expectText(card, 'Order placed');
    expectNoText(card, 'already bought');
    expectText(card, 'Bold Ideas Ltd');
    const facts = ofType(card, 'FactSet').flatMap((f) => f['facts'] as JsonObject[]).map((f) => [f['title'], f['value']]);
    assert.deepEqual(facts, [
      ['Order number', 'ord-1001'],
      ['Status', 'Pending'],
      ['Subscription', 'Bold Production'],
      ['Scope', 'Shared'],
      ['Reseller', 'Tailspin (1234567)'],
      ['Billing', 'Monthly'],
      ['Created', 'Nov 25, 2026, 10:30 AM UTC'],
    ]);
    expectText(card, order.lineItems[0]!.friendlyName);
    expectText(card, 'West Europe · 3 years · quantity 2 · €1,234.56');
    expectText(card, '€34.29 per month');
    expectText(card, 'West Europe · 1 year · quantity 1 · €500.00');
    expectText(card, '€41.67 per month');
    expectText(card, 'Order total: €1,734.56');
    expectText(card, 'up to 15 minutes');
    const open = ofType(card, 'Action.OpenUrl');
    assert.deepEqual(open.map((a) => [a['title'], a['url']]), [['Manage in the Azure portal', result.portalUrl]]);
    assert.equal(submits(card).length, 0);
  });

  it('writes its headings in the default text colour: Teams\' light "good" green and "warning" yellow read below 4.5:1 on white', () => {
    for (const result of [fx.checkout(), fx.checkout({ replayed: true })]) {
      const card = cardOf(renderConfirmationCard({ result, customerName: 'Bold Ideas Ltd' }));
      const headings = ofType(card, 'TextBlock').filter((b) => b['style'] === 'heading');
      assert.equal(headings.length, 1, 'one heading');
      assert.equal(headings[0]!['color'], undefined, `"${headings[0]!['text']}" in the default colour`);
    }
  });

  it('says a replayed cart bought nothing new', () => {
    const card = cardOf(renderConfirmationCard({ result: fx.checkout({ replayed: true }), customerName: 'Bold Ideas Ltd' }));
    expectText(card, 'This cart was already bought — nothing new was ordered');
    expectNoText(card, 'Order placed');
    expectText(card, 'ord-1001');
  });

  it('shows order errors in attention colour and no "Order placed" without orders', () => {
    const result = fx.checkout({
      orders: [],
      orderErrors: [{ orderGroupId: '0', code: '800010', description: 'Inventory is not available for this region.' }],
    });
    const card = cardOf(renderConfirmationCard({ result, customerName: 'Bold Ideas Ltd' }));
    assertWellFormed(card);
    expectNoText(card, 'Order placed');
    const err = ofType(card, 'TextBlock').find((b) => String(b['text']).includes('Inventory is not available'));
    assert.equal(err?.['color'], 'Attention');
    ok(String(err?.['text']).includes('800010'));
  });

  it('formats money and dates for nl-NL', () => {
    const card = cardOf(renderConfirmationCard({ result: fx.checkout(), customerName: 'x', locale: 'nl-NL' }));
    ok(allText(card).some((t) => nbsp(t) === 'Ordertotaal: € 1.234,56'), 'the order total in Dutch');
    ok(allText(card).some((t) => t.startsWith('25 nov 2026')), 'the date in Dutch');
  });

  it('speaks Dutch for nl-NL: heading, facts, statuses, lines, the 15-minute note and the portal link', () => {
    const card = cardOf(renderConfirmationCard({ result: fx.checkout(), customerName: 'Bold Ideas Ltd', locale: 'nl-NL' }));
    assertWellFormed(card);
    expectText(card, 'Order geplaatst');
    const facts = Object.fromEntries(ofType(card, 'FactSet').flatMap((f) => f['facts'] as JsonObject[]).map((f) => [f['title'], f['value']]));
    assert.deepEqual(Object.keys(facts), ['Ordernummer', 'Status', 'Abonnement', 'Bereik', 'Wederverkoper', 'Facturering', 'Gemaakt'], 'Dutch fact titles');
    assert.equal(facts['Status'], 'In behandeling');
    assert.equal(facts['Facturering'], 'Maandelijks');
    ok(allText(card).some((t) => nbsp(t) === 'West-Europa · 3 jaar · aantal 2 · € 1.234,56'), 'the line in Dutch, its region translated');
    expectText(card, nlNL.cards.listingNote);
    assert.deepEqual(ofType(card, 'Action.OpenUrl').map((a) => a['title']), ['Beheren in Azure Portal']);
    expectNoText(card, 'Order placed');
  });

  it('never links a non-https portal URL', () => {
    const card = cardOf(renderConfirmationCard({ result: fx.checkout({ portalUrl: 'javascript:alert(1)' }), customerName: 'x' }));
    assert.equal(ofType(card, 'Action.OpenUrl').length, 0);
  });

  it('stays under 28 KB with 10 lines and shows hostile strings literally', () => {
    const lines = Array.from({ length: 10 }, (_, i) => fx.orderLine(i));
    const big = cardOf(renderConfirmationCard({ result: fx.checkout({ orders: [fx.order('o', { lineItems: lines })] }), customerName: 'x' }));
    assertWellFormed(big);

    const hostileLines = Object.values(HOSTILE).filter((h) => h !== HOSTILE.long).map((h, i) => fx.orderLine(i, { friendlyName: h }));
    const result = fx.checkout({
      orders: [fx.order(HOSTILE.markdown, { lineItems: hostileLines })],
      orderErrors: [{ orderGroupId: '1', code: '10013', description: HOSTILE.html }],
    });
    const card = cardOf(renderConfirmationCard({ result, customerName: HOSTILE.long }));
    assertWellFormed(card, { leftoverCheck: false });
    for (const h of Object.values(HOSTILE)) assertLiteral(card, h);
  });
});

describe('cards/render: renderOrderHistoryCard', () => {
  const names = { 'cust-0001': 'Bold Ideas Ltd', 'cust-0002': 'Contoso' };

  it('lists orders in the given order with date, customer, status, total and lines', () => {
    const orders = [
      fx.order('ord-3', { customerId: 'cust-0002', status: 'completed', creationDate: '2026-11-25T12:00:00Z' }),
      fx.order('ord-2', { customerId: 'cust-0001', lineItems: [fx.orderLine(0), fx.orderLine(1, { quantity: 5, termDuration: 'P1Y' })] }),
      fx.order('ord-1', { customerId: 'cust-unknown', status: 'cancelled' }),
    ];
    const card = cardOf(renderOrderHistoryCard({ orders, customerNames: names, title: 'Order history' }));
    assertWellFormed(card);
    const runs = ofType(card, 'TextRun').map((r) => r['text']);
    assert.deepEqual(runs.filter((t) => String(t).startsWith('ord-')), ['ord-3', 'ord-2', 'ord-1']);
    ok(runs.includes('Contoso') && runs.includes('Bold Ideas Ltd'));
    ok(runs.includes('cust-unknown'), 'unknown customer falls back to the id');
    expectText(card, 'Nov 25, 2026, 12:00 PM UTC · Completed · €1,234.56');
    expectText(card, 'Cancelled');
    expectText(card, '2 × Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years (West Europe, 3 years); ');
    expectText(card, '5 × Reserved VM Instance, Standard_D4s_v5, West Europe, 3 Years (West Europe, 1 year)');
    expectNoText(card, 'No orders yet');
  });

  it('speaks Dutch for nl-NL: statuses, terms, dates, money, the page line and its buttons', () => {
    const orders = Array.from({ length: 10 }, (_, i) => fx.order(`ord-${100 - i}`, { status: i === 0 ? 'completed' : 'pending' }));
    const card = cardOf(renderOrderHistoryCard({ orders, paging: { page: 0, pageSize: 10, total: 12 }, customerNames: names, title: 'Ordergeschiedenis', locale: 'nl-NL' }));
    assertWellFormed(card);
    ok(allText(card).some((t) => nbsp(t) === '25 nov 2026, 10:30 UTC · Voltooid · € 1.234,56'), 'date, status and total in Dutch');
    expectText(card, '2 × Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years (West-Europa, 3 jaar)');
    expectText(card, 'Orders 1–10 van 12, nieuwste eerst');
    assert.deepEqual(ofType(card, 'Action.Submit').map((a) => a['title']), ['Volgende pagina']);
    const empty = cardOf(renderOrderHistoryCard({ orders: [], customerNames: {}, title: 'Ordergeschiedenis', locale: 'nl-NL' }));
    expectText(empty, 'Nog geen orders');
  });

  it('says "No orders yet" when empty', () => {
    const card = cardOf(renderOrderHistoryCard({ orders: [], customerNames: {}, title: 'Order history' }));
    assertWellFormed(card);
    expectText(card, 'No orders yet');
    assert.equal(ofType(card, 'Container').length, 0);
  });

  it('says where its page sits among the orders, and its page buttons send the pages around it with the customer', () => {
    const orders = Array.from({ length: 10 }, (_, i) => fx.order(`ord-${90 - i}`, { lineItems: Array.from({ length: 3 }, (_, j) => fx.orderLine(j)) }));
    const card = cardOf(renderOrderHistoryCard({ orders, paging: { page: 1, pageSize: 10, total: 23 }, customerId: 'cust-0002', customerNames: names, title: 'Order history' }));
    assertWellFormed(card);
    expectText(card, 'Orders 11–20 of 23, newest first');
    assert.equal(ofType(card, 'TextRun').filter((r) => String(r['text']).startsWith('ord-')).length, 10);
    assert.deepEqual(
      ofType(card, 'Action.Submit').map((a) => [a['title'], a['data']]),
      [
        ['Previous page', { action: 'ordersPage', page: 0, customerId: 'cust-0002' }],
        ['Next page', { action: 'ordersPage', page: 2, customerId: 'cust-0002' }],
      ],
    );
    const all = cardOf(renderOrderHistoryCard({ orders: orders.slice(0, 3), customerNames: names, title: 'Order history' }));
    expectNoText(all, 'Orders 1–3 of 3, newest first');
    assert.deepEqual(ofType(all, 'Action.Submit'), [], 'one page: no page buttons');
  });

  it('shows hostile strings literally and shortens them only when the card would be too big', () => {
    const hostileNames = { a: HOSTILE.template, b: HOSTILE.markdown, c: HOSTILE.rtl, d: HOSTILE.emoji, e: HOSTILE.html };
    const orders = Object.keys(hostileNames).map((id, i) => fx.order(`ord-${i}`, { customerId: id }));
    const card = cardOf(renderOrderHistoryCard({ orders, customerNames: hostileNames, title: HOSTILE.markdown }));
    assertWellFormed(card, { leftoverCheck: false });
    for (const h of Object.values(hostileNames)) assertLiteral(card, h);

    // Ten orders of a customer with a 5000-character name would be ~50 KB: names get shortened.
    const long = Array.from({ length: 10 }, (_, i) => fx.order(`ord-${i}`, { customerId: 'long' }));
    const big = cardOf(renderOrderHistoryCard({ orders: long, customerNames: { long: HOSTILE.long }, title: 'History' }));
    assertWellFormed(big);
    const shown = ofType(big, 'TextRun').filter((r) => String(r['text']).startsWith('xxx'));
    assert.equal(shown.length, 10);
    ok(shown.every((r) => String(r['text']).endsWith('…')));
    assert.deepEqual(ofType(big, 'TextRun').filter((r) => String(r['text']).startsWith('ord-')).length, 10, 'ids are not cut');
  });
});

describe('escapeInlineMarkdown: data inside a chat sentence', () => {
  it('escapes emphasis, links, code, headings, HTML and tables, and nothing else', () => {
    assert.equal(escapeInlineMarkdown('*a* _b_ [c](d) `e` #f <g> |h| ~i~ {j}'), '\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\#f \\<g\\> \\|h\\| \\~i\\~ \\{j\\}', 'every markdown character escaped');
    assert.equal(escapeInlineMarkdown('2.5 -1 +3 = 4'), '2.5 -1 +3 = 4', 'numbers and signs inside a sentence stay as typed');
  });

  it('puts data with line breaks on one line, so it cannot start a list or heading', () => {
    assert.equal(escapeInlineMarkdown('a\n- b\r\n# c\rd'), 'a - b \\# c d', 'breaks become spaces');
  });
});

describe('cards/render: data is placed as typed, never evaluated or formatted', () => {
  it('shows "${…}", "**x**" and "=HYPERLINK(…)" exactly as typed in TextRuns, titles and submit values', () => {
    const card = cardOf(
      renderChoiceCard({
        title: '${$root.nonce}',
        text: '**x**',
        choices: [{ title: '=HYPERLINK("https://evil.example","Click")', subtitle: '${customer.id}', value: '${$root.action}' }],
        action: 'pickCustomer',
        nonce: NONCE,
      }),
    );
    assert.deepEqual(
      ofType(card, 'TextRun').map((r) => r['text']),
      ['${$root.nonce}', '**x**', '${customer.id}'],
    );
    assert.deepEqual(
      submits(card).map((a) => [a['title'], a['data']]),
      [['=HYPERLINK("https://evil.example","Click")', { action: 'pickCustomer', value: '${$root.action}', nonce: NONCE }]],
    );
  });

  it('escapes them where the host reads Markdown (a TextBlock, a Fact) and nowhere else', () => {
    const card = cardOf(
      renderReviewCard({
        quote: fx.quote({
          cartId: 'cart-9',
          customer: fx.customer({ companyName: '${$root.cartId}' }),
          blockers: [{ ok: false, code: 'R9_RESELLER', text: ruleText('resellerUnknown', { mpnId: '**x** ${$root.cartId} =HYPERLINK("a","b")' }) }],
          lines: [fx.line(1, { region: '=HYPERLINK("a","b")', armRegionName: 'custom' })],
        }),
        nonce: NONCE,
      }),
    );
    const blocker = ofType(card, 'TextBlock').find((b) => b['color'] === 'Attention' && String(b['text']).includes('HYPERLINK'));
    assert.equal(blocker?.['text'], 'MPN ID \\*\\*x\\*\\* $\\{$root.cartId\\} =HYPERLINK("a","b") is not one of your indirect resellers. Pick one of your resellers from the list.');
    const region = ofType(card, 'FactSet').flatMap((f) => f['facts'] as JsonObject[]).find((f) => f['title'] === 'Region');
    assert.equal(region?.['value'], '\\=HYPERLINK("a","b")');
    ok(ofType(card, 'TextRun').some((r) => r['text'] === '${$root.cartId}'), 'the customer name in its TextRun as typed');
  });
});

describe('cards/render: the catalogues\' card labels', () => {
  it('carry no Markdown syntax, so the templates place them as they are in TextBlocks and facts too', () => {
    for (const t of catalogues) {
      const labels = [...Object.values(t.cards).filter((v) => typeof v === 'string'), ...Object.values(t.names.billingCycles)];
      ok(labels.length > 40, `${t.locale}: the labels were found`);
      for (const label of labels) ok(!/[\\`*_~[\]#<>|{}]|^\s*[-+=]|^\s*\d+[.)]/m.test(label), `${t.locale}: "${label}" has Markdown syntax`);
    }
  });
});

describe('cards/templates: every template expands completely with sample and hostile data', () => {
  const templateDir = path.resolve(__dirname, '../../cards/templates');
  const long = (i: number) => `${HOSTILE.markdown} ${'y'.repeat(1500 + i)}`;
  const hostileRows = () => Object.values(HOSTILE).map((h, i) => fx.row(i, { title: h, productTitle: h, region: h }));
  const monthlyLines = () => [
    fx.line(1, { billingCycle: 'monthly', monthlyPayment: { minor: 10288, currency: 'EUR' } }),
    fx.line(2, { monthlyBillingSupported: false, title: HOSTILE.formula, productTitle: HOSTILE.bold }),
  ];
  /** Per template file, renders that between them take every `$when` both ways. */
  const samples: Record<string, [string, (locale: string) => Attachment][]> = {
    'choice.json': [
      ['with text and subtitles, hostile', (locale) => renderChoiceCard({ title: HOSTILE.bold, text: HOSTILE.markdown, choices: [{ title: HOSTILE.template, subtitle: HOSTILE.formula, value: HOSTILE.template }, { title: 'Plain', value: 'c-2' }], action: 'pickCustomer', nonce: NONCE, locale })],
      ['oversized, without text', (locale) => renderChoiceCard({ title: 'Which customer?', choices: Array.from({ length: 12 }, (_, i) => ({ title: long(i), subtitle: long(i), value: `c-${i}` })), action: 'pickCustomer', nonce: NONCE, locale })],
    ],
    'catalog.json': [
      ['filtered, capped, first page', (locale) => renderCatalogPage({ page: fx.page([fx.row(0), fx.row(1, { cores: null, ram: null, monthlyBillingSupported: false }), { ...fx.row(2), restriction: 'noCapacity' }], { total: 1000, totalCapped: true, filter: { region: 'westeurope', term: 'P3Y' } }), reservationTypeTitle: 'Virtual machines', regions: [{ armName: 'westeurope', displayName: 'West Europe' }], families: ['Dsv5'], nonce: NONCE, locale })],
      ['a middle page', (locale) => renderCatalogPage({ page: fx.page([fx.row(0, { term: 'P5Y', family: 'HBv2' })], { page: 2, total: 57 }), reservationTypeTitle: 'Virtual machines', regions: [], families: ['HBv2'], nonce: NONCE, locale })],
      ['hostile', (locale) => renderCatalogPage({ page: fx.page(hostileRows(), { filter: { text: HOSTILE.template, family: HOSTILE.formula } }), reservationTypeTitle: HOSTILE.markdown, regions: [{ armName: 'x', displayName: HOSTILE.html }], families: [HOSTILE.rtl], nonce: NONCE, locale })],
      ['nothing matches', (locale) => renderCatalogPage({ page: fx.page([]), reservationTypeTitle: 'Virtual machines', regions: [], families: [], nonce: NONCE, locale })],
    ],
    'quantity.json': [
      ['one-time only, hostile', (locale) => renderQuantityCard({ row: fx.row(1, { title: HOSTILE.markdown, productTitle: HOSTILE.template, monthlyBillingSupported: false }), nonce: NONCE, locale })],
      ['monthly billing, no size', (locale) => renderQuantityCard({ row: fx.row(2, { cores: null, ram: null, region: HOSTILE.formula }), nonce: NONCE, locale })],
    ],
    'review.json': [
      ['scope choice, reseller, blockers, hostile', (locale) => renderReviewCard({ quote: fx.quote({ customer: fx.customer({ companyName: HOSTILE.template }), subscription: fx.subscription({ friendlyName: HOSTILE.bold }), lines: monthlyLines(), resellerRequired: true, resellers: [{ mpnId: '5550001', partnerId: 'r', name: HOSTILE.formula }], resellerMpnId: '5550001', blockers: [{ ok: false, code: 'R9_RESELLER', text: ruleText('resellerUnknown', { mpnId: HOSTILE.html }) }] }), nonce: NONCE, locale })],
      ['oversized', (locale) => renderReviewCard({ quote: fx.quote({ lines: Array.from({ length: 10 }, (_, i) => fx.line(i + 1, { title: long(i), productTitle: long(i) })), customer: fx.customer({ companyName: HOSTILE.long }) }), nonce: NONCE, locale })],
      ['shared scope only', (locale) => renderReviewCard({ quote: fx.quote({ scopeOptions: [{ scope: 'single', allowed: false, note: ruleText('azurePlanScopeNote') }, { scope: 'shared', allowed: true, note: ruleText('sharedScopeNote') }] }), nonce: NONCE, locale })],
    ],
    'approval.json': [
      ['hostile', (locale) => renderApprovalCard({ quote: fx.quote({ customer: fx.customer({ companyName: HOSTILE.template }), subscription: fx.subscription({ friendlyName: HOSTILE.bold }), lines: monthlyLines() }), requestId: HOSTILE.formula, buyerName: HOSTILE.markdown, expires: HOSTILE.html, locale })],
    ],
    'confirmation.json': [
      ['placed, hostile', (locale) => renderConfirmationCard({ result: fx.checkout({ orders: [fx.order(HOSTILE.bold, { lineItems: [fx.orderLine(0), fx.orderLine(1, { friendlyName: HOSTILE.markdown })] }), fx.order('ord-2', { billingCycle: 'one_time' })] }), customerName: HOSTILE.formula, locale })],
      ['replayed', (locale) => renderConfirmationCard({ result: fx.checkout({ replayed: true }), customerName: 'Bold Ideas Ltd', locale })],
      ['nothing ordered, no portal link', (locale) => renderConfirmationCard({ result: fx.checkout({ orders: [], orderErrors: [{ orderGroupId: 'g-1', code: '800002', description: HOSTILE.template }], portalUrl: 'javascript:alert(1)' }), customerName: 'Bold Ideas Ltd', locale })],
    ],
    'orderHistory.json': [
      ['a middle page, hostile', (locale) => renderOrderHistoryCard({ orders: Array.from({ length: 10 }, (_, i) => fx.order(`ord-${i}`)), paging: { page: 1, pageSize: 10, total: 23 }, customerId: HOSTILE.template, customerNames: { 'cust-0001': HOSTILE.template }, title: HOSTILE.formula, locale })],
      ['empty', (locale) => renderOrderHistoryCard({ orders: [], customerNames: {}, title: HOSTILE.template, locale })],
    ],
  };

  /** Every `${` of the card once the hostile strings, which the data brings and the card shows as typed, are taken out. */
  function unresolved(card: JsonObject): string[] {
    let json = JSON.stringify(card);
    for (const h of Object.values(HOSTILE)) json = json.split(JSON.stringify(h).slice(1, -1)).join('');
    return json.match(/\$\{[^}]*\}?/g) ?? [];
  }

  it('has samples for every template file', () => {
    const files = fs.readdirSync(templateDir).filter((f) => f.endsWith('.json'));
    assert.deepEqual(Object.keys(samples).sort(), files.sort());
  });

  for (const [file, renders] of Object.entries(samples)) {
    it(`${file}: a binding the view model lacks is left as \${…}, which the check below finds`, () => {
      const template = JSON.parse(fs.readFileSync(path.join(templateDir, file), 'utf8')) as object;
      const card = new Template(template).expand({ $root: {} }) as JsonObject;
      assert.deepEqual(unresolved(card).slice(0, 1), ['${$root.locale}']);
    });
    for (const [name, render] of renders) {
      for (const locale of ['en-US', 'nl-NL']) {
        it(`${file}: ${name} (${locale}) leaves no \${…}`, () => {
          const card = cardOf(render(locale));
          assertWellFormed(card, { leftoverCheck: false });
          assert.deepEqual(unresolved(card), []);
        });
      }
    }
  }
});

describe('cards/render: the compiled expansion gives the same card as adaptivecards-templating', () => {
  // Every card, in both languages, with ordinary, hostile and oversized data (the last shortens display
  // strings step by step): rendered by the compiled templates and by the library over tokenised data.
  const long = (i: number) => `${HOSTILE.markdown} ${'y'.repeat(1500 + i)}`;
  const renders: [string, (locale: string) => Attachment][] = [
    ['choice', (locale) => renderChoiceCard({ title: 'Which customer?', text: HOSTILE.markdown, choices: [{ title: HOSTILE.template, subtitle: HOSTILE.rtl, value: 'c-1' }, { title: 'Plain', value: 'c-2' }], action: 'pickCustomer', nonce: NONCE, locale })],
    ['choice, oversized', (locale) => renderChoiceCard({ title: 'Which customer?', choices: Array.from({ length: 12 }, (_, i) => ({ title: long(i), subtitle: long(i), value: `c-${i}` })), action: 'pickCustomer', nonce: NONCE, locale })],
    ['catalog', (locale) => renderCatalogPage({ page: fx.page([fx.row(0), fx.row(1, { cores: null, ram: null, monthlyBillingSupported: false })], { total: 1000, totalCapped: true, filter: { region: 'westeurope', term: 'P3Y' } }), reservationTypeTitle: 'Virtual machines', regions: [{ armName: 'westeurope', displayName: 'West Europe' }], families: ['Dsv5'], nonce: NONCE, locale })],
    ['catalog, hostile', (locale) => renderCatalogPage({ page: fx.page(Object.values(HOSTILE).map((h, i) => fx.row(i, { title: h, productTitle: h, region: h })), { filter: { text: HOSTILE.template } }), reservationTypeTitle: HOSTILE.markdown, regions: [{ armName: 'x', displayName: HOSTILE.html }], families: [HOSTILE.rtl], nonce: NONCE, locale })],
    ['catalog, empty', (locale) => renderCatalogPage({ page: fx.page([]), reservationTypeTitle: 'Virtual machines', regions: [], families: [], nonce: NONCE, locale })],
    ['quantity', (locale) => renderQuantityCard({ row: fx.row(1, { title: HOSTILE.markdown, monthlyBillingSupported: false }), nonce: NONCE, locale })],
    ['review', (locale) => renderReviewCard({ quote: fx.quote({ customer: fx.customer({ companyName: HOSTILE.template }), resellerRequired: true, resellers: fx.resellers(), resellerMpnId: '5550001', blockers: [{ ok: false, code: 'R9_RESELLER', text: ruleText('resellerUnknown', { mpnId: HOSTILE.html }) }] }), nonce: NONCE, locale })],
    ['review, oversized', (locale) => renderReviewCard({ quote: fx.quote({ lines: Array.from({ length: 10 }, (_, i) => fx.line(i + 1, { title: long(i), productTitle: long(i) })), customer: fx.customer({ companyName: HOSTILE.long }) }), nonce: NONCE, locale })],
    ['review, shared scope only', (locale) => renderReviewCard({ quote: fx.quote({ scopeOptions: [{ scope: 'single', allowed: false, note: ruleText('azurePlanScopeNote') }, { scope: 'shared', allowed: true, note: ruleText('sharedScopeNote') }] }), nonce: NONCE, locale })],
    ['approval request', (locale) => renderApprovalCard({ quote: fx.quote({ customer: fx.customer({ companyName: HOSTILE.template }), lines: [fx.line(1, { billingCycle: 'monthly', monthlyPayment: { minor: 10288, currency: 'EUR' } }), fx.line(2)] }), requestId: 'a-1', buyerName: HOSTILE.rtl, expires: 'Mar 3, 2026, 9:30 AM UTC', locale })],
    ['confirmation', (locale) => renderConfirmationCard({ result: fx.checkout({ orders: [fx.order('ord-1', { lineItems: [fx.orderLine(0), fx.orderLine(1, { friendlyName: HOSTILE.markdown })] }), fx.order('ord-2', { billingCycle: 'one_time' })] }), customerName: HOSTILE.html, locale })],
    ['confirmation, replayed', (locale) => renderConfirmationCard({ result: fx.checkout({ replayed: true }), customerName: 'Bold Ideas Ltd', locale })],
    ['confirmation, nothing ordered', (locale) => renderConfirmationCard({ result: fx.checkout({ orders: [], orderErrors: [{ orderGroupId: 'g-1', code: '800002', description: HOSTILE.markdown }] }), customerName: 'Bold Ideas Ltd', locale })],
    ['order history', (locale) => renderOrderHistoryCard({ orders: Array.from({ length: 10 }, (_, i) => fx.order(`ord-${i}`)), paging: { page: 1, pageSize: 10, total: 23 }, customerNames: { 'cust-0001': HOSTILE.rtl }, title: 'Orders', locale })],
    ['order history, empty', (locale) => renderOrderHistoryCard({ orders: [], customerNames: {}, title: HOSTILE.template, locale })],
  ];
  for (const [name, render] of renders) {
    for (const locale of ['en-US', 'nl-NL']) {
      it(`${name} (${locale})`, () => {
        const compiled = cardOf(render(locale));
        const library = cardOf(withLibraryExpansion(() => render(locale)));
        assert.deepEqual(compiled, library, `the ${name} card is the same both ways`);
      });
    }
  }

  it('is really two ways: the cards above never reach the library, a template outside the subset does', () => {
    const expand = Template.prototype.expand;
    let libraryCalls = 0;
    Template.prototype.expand = function (this: Template, ...args: Parameters<Template['expand']>) {
      libraryCalls++;
      return expand.apply(this, args);
    };
    try {
      for (const [, render] of renders) for (const locale of ['en-US', 'nl-NL']) render(locale);
      assert.equal(libraryCalls, 0, 'every card above was expanded by its compiled template');
      // `if()` is outside the compiled subset: only the library can expand it, and it does.
      const card = expandTemplate({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: "${if($root.flag, 'yes', 'no')}" }] }, { flag: true });
      assert.equal((card['body'] as JsonObject[])[0]!['text'], 'yes', 'the library evaluated what the compiled renderer cannot');
      assert.equal(libraryCalls, 1, 'that template went to the library');
    } finally {
      Template.prototype.expand = expand;
    }
  });
});
