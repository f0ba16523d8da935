// Savings against pay-as-you-go (src/rules/savings.ts), checked against figures worked out by hand from the
// demo world's inputs (src/partnerCenter/local/seed.ts, src/data/catalog-reference.json): the reference's
// Linux pay-as-you-go price per hour in USD, the seed's region factor (0.95 + fnv1a("region:<arm name>")
// mod 30001 / 100000), its exchange rate (EUR 0.92 per USD) and segment factor (education 0.9), and its
// reservation discount (0.38 or 0.58 + fnv1a("discount:<size>") mod 401 / 10000). A month is 730 hours.
import assert from 'node:assert/strict';
import { cartSavings, lineSavings, type Savings, type SavingsFigures } from '../../../src/rules/savings';
import { enUS, nlNL, verdictWording } from '../../../src/i18n';
import type { TermDuration } from '../../../src/domain/types';

interface Case {
  item: string;
  perHourMinor: number;
  currency: string;
  quantity: number;
  term: TermDuration;
  reservationMinor: number;
  expected: Omit<SavingsFigures, 'currency' | 'paygPerMonthFine'>;
}

const cases: Case[] = [
  {
    // Pay-as-you-go: 0.096 USD/h × 1.2428 (West Europe: 0.95 + 29280/100000) × 0.92 EUR/USD × 100 = 10.9764096 ct/h,
    //   held as 10.9764 ct/h; × 730 h × 3 instances = 24,038.316 ct a month; × 36 months = 865,379.376 → €8,653.79.
    // Reservation: 0.096 × 8,760 h × 3 years × (1 − 0.5864) × 1.2428 × 0.92 × 100 = 119,307.07 → €1,193.07 each; × 3 = €3,579.21.
    // Saving: 865,379 − 357,921 = 507,458 (€5,074.58); 507,458 / 865,379 = 58.640% → 58.6%.
    // Break-even: 357,921 / 24,038.316 = 14.890 → 14.9 months (rounded up); 357,921 / 865,379 = 41.360% → 41.4% use.
    item: 'Standard_D2s_v5, West Europe, 3 years, 3 instances, NL commercial (EUR)',
    perHourMinor: 10.9764096,
    currency: 'EUR',
    quantity: 3,
    term: 'P3Y',
    reservationMinor: 357921,
    expected: { paygMinor: 865379, reservationMinor: 357921, savingMinor: 507458, savingPercent: 58.6, breakEvenMonths: 14.9, breakEvenUtilisation: 41.4 },
  },
  {
    // Pay-as-you-go: 0.096 USD/h × 1.01248 (Brazil South: 0.95 + 6248/100000) × 1 × 100 = 9.719808 ct/h → 9.7198;
    //   × 730 × 2 = 14,190.908 ct a month; × 12 = 170,290.896 → $1,702.91.
    // Reservation: 0.096 × 8,760 × 1 × (1 − 0.3864) × 1.01248 × 100 = 52,245.29 → $522.45 each; × 2 = $1,044.90.
    // Saving: 170,291 − 104,490 = 65,801 ($658.01); 65,801 / 170,291 = 38.640% → 38.6%.
    // Break-even: 104,490 / 14,190.908 = 7.363 → 7.4 months; 104,490 / 170,291 = 61.360% → 61.4% use.
    item: 'Standard_D2s_v5, Brazil South, 1 year, 2 instances, BR commercial (USD)',
    perHourMinor: 9.719808,
    currency: 'USD',
    quantity: 2,
    term: 'P1Y',
    reservationMinor: 104490,
    expected: { paygMinor: 170291, reservationMinor: 104490, savingMinor: 65801, savingPercent: 38.6, breakEvenMonths: 7.4, breakEvenUtilisation: 61.4 },
  },
  {
    // Pay-as-you-go: 0.169 USD/h × 1.09532 (North Europe: 0.95 + 14532/100000) × 0.92 × 0.9 (education) × 100
    //   = 15.327031824 ct/h → 15.3270; × 730 × 10 = 111,887.1 ct a month; × 36 = 4,027,935.6 → €40,279.36.
    // Reservation: 0.169 × 8,760 × 3 × (1 − 0.5936) × 1.09532 × 0.92 × 0.9 × 100 = 163,695.64 → €1,636.96 each; × 10 = €16,369.60.
    // Saving: 4,027,936 − 1,636,960 = 2,390,976 (€23,909.76); 2,390,976 / 4,027,936 = 59.360% → 59.4%.
    // Break-even: 1,636,960 / 111,887.1 = 14.630 → 14.7 months; 1,636,960 / 4,027,936 = 40.640% → 40.7% use.
    item: 'Standard_F4s_v2, North Europe, 3 years, 10 instances, NL education (EUR)',
    perHourMinor: 15.327031824,
    currency: 'EUR',
    quantity: 10,
    term: 'P3Y',
    reservationMinor: 1636960,
    expected: { paygMinor: 4027936, reservationMinor: 1636960, savingMinor: 2390976, savingPercent: 59.4, breakEvenMonths: 14.7, breakEvenUtilisation: 40.7 },
  },
];

const figuresOf = (s: Savings) => {
  assert.ok(s.known, 'figures, not "no pay-as-you-go price known"');
  const { currency: _currency, paygPerMonthFine: _fine, ...figures } = s.figures;
  return figures;
};

const run = (c: Case) =>
  lineSavings({ quantity: c.quantity, term: c.term, reservationMinor: c.reservationMinor, currency: c.currency }, { perHourMinor: c.perHourMinor, currency: c.currency });

describe('savings against pay-as-you-go (src/rules/savings.ts)', () => {
  for (const c of cases) {
    it(`${c.item}: the figures worked out by hand`, () => assert.deepEqual(figuresOf(run(c)), c.expected));
  }

  it('a cart adds up its lines with a price: the first and third above, and one without a price', () => {
    // Pay-as-you-go 865,379 + 4,027,936 = 4,893,315; reservations 357,921 + 1,636,960 = 1,994,881; saving 2,898,434
    // (59.233% → 59.2%). Break-even: 1,994,881 / (24,038.316 + 111,887.1 ct a month) = 14.676 → 14.7 months;
    // 1,994,881 / 4,893,315 = 40.767% → 40.8% use.
    const noPrice = lineSavings({ quantity: 2, term: 'P1Y', reservationMinor: 28044, currency: 'EUR' }, undefined);
    const cart = cartSavings([run(cases[0]!), noPrice, run(cases[2]!)]);
    assert.equal(cart.linesWithoutPrice, 1);
    assert.deepEqual(figuresOf(cart.savings), {
      paygMinor: 4893315,
      reservationMinor: 1994881,
      savingMinor: 2898434,
      savingPercent: 59.2,
      breakEvenMonths: 14.7,
      breakEvenUtilisation: 40.8,
    });
  });

  it('says "no pay-as-you-go price known", in English and Dutch, rather than guess one', () => {
    const line = { quantity: 1, term: 'P1Y' as const, reservationMinor: 14022, currency: 'EUR' };
    const unknown = [
      lineSavings(line, undefined),
      // A price in another currency is not converted.
      lineSavings(line, { perHourMinor: 9.72, currency: 'USD' }),
      lineSavings(line, { perHourMinor: 0, currency: 'EUR' }),
      cartSavings([lineSavings(line, undefined)]).savings,
    ];
    for (const s of unknown) {
      assert.equal(s.known, false);
      if (s.known) continue;
      assert.equal(s.verdict.code, 'SAVINGS');
      assert.equal(verdictWording(enUS, s.verdict).message, 'No pay-as-you-go price known: no savings to show.');
      assert.equal(verdictWording(nlNL, s.verdict).message, 'Geen prijs voor betalen per gebruik bekend: geen besparing te tonen.');
    }
  });

  it('a reservation dearer than pay-as-you-go shows a negative saving and a break-even beyond its term', () => {
    // Pay-as-you-go 10 ct/h × 730 × 12 = 87,600; reservation 100,000: saving −12,400 (−14.155% → −14.2%);
    // 100,000 / 7,300 = 13.699 → 13.7 months; 100,000 / 87,600 = 114.155% → 114.2% use.
    assert.deepEqual(figuresOf(lineSavings({ quantity: 1, term: 'P1Y', reservationMinor: 100000, currency: 'EUR' }, { perHourMinor: 10, currency: 'EUR' })), {
      paygMinor: 87600,
      reservationMinor: 100000,
      savingMinor: -12400,
      savingPercent: -14.2,
      breakEvenMonths: 13.7,
      breakEvenUtilisation: 114.2,
    });
  });
});
