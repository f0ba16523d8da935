// What a reservation saves against running the same instances pay-as-you-go for its whole term, and when
// it pays off. Money stays in integer minor units; the pay-as-you-go meter price, finer than the currency,
// is held in ten-thousandths of a minor unit so every product is an exact integer and each figure is
// rounded once. Where no pay-as-you-go price is known the verdict says so: a price is never guessed.
import { ruleText, type PayAsYouGoPrice, type TermDuration, type Verdict } from '../domain/types';
import { pass } from './verdict';

/** Azure bills and prices a month as 730 hours (the Azure pricing calculator's month); a year is 12 of them. */
export const hoursPerMonth = 730;

const termMonths: Record<TermDuration, number> = { P1Y: 12, P3Y: 36, P5Y: 60 };
/** Ten-thousandths of a minor unit: a meter price in minor units to four more decimals (six of the major unit). */
const fine = 10_000;

export interface SavingsFigures {
  currency: string;
  /** The same instances pay-as-you-go for the whole term, running all the time. */
  paygMinor: number;
  /** What the reservation costs for its term. */
  reservationMinor: number;
  /** paygMinor − reservationMinor (negative when the reservation costs more). */
  savingMinor: number;
  /** The saving as a percentage of the pay-as-you-go cost, to one decimal (half up). */
  savingPercent: number;
  /** Months of full use at pay-as-you-go prices that cost what the reservation does, to one decimal, rounded up. */
  breakEvenMonths: number;
  /** The share of the term the instances must run for the reservation to cost no more, in percent, one decimal, rounded up. */
  breakEvenUtilisation: number;
  /** Pay-as-you-go for one month of full use, in ten-thousandths of a minor unit (what a cart's figures add up). */
  paygPerMonthFine: number;
}

/** Figures, or the verdict that no pay-as-you-go price is known for it. */
export type Savings = { known: true; figures: SavingsFigures } | { known: false; verdict: Verdict };

export interface CartSavings {
  savings: Savings;
  /** Lines left out of the cart's figures because no pay-as-you-go price is known for them. */
  linesWithoutPrice: number;
}

const unknown = (): Savings => ({ known: false, verdict: pass('SAVINGS', ruleText('noPaygPrice')) });

/** A ceiling of a / b to one decimal, for non-negative integers (b > 0). */
const ceilTenths = (a: number, b: number) => Math.ceil((10 * a) / b) / 10;

function figures(currency: string, paygPerMonthFine: number, paygMinor: number, reservationMinor: number): Savings {
  if (paygMinor <= 0 || paygPerMonthFine <= 0) return unknown();
  const savingMinor = paygMinor - reservationMinor;
  return {
    known: true,
    figures: {
      currency,
      paygMinor,
      reservationMinor,
      savingMinor,
      savingPercent: Math.round((1000 * savingMinor) / paygMinor) / 10,
      breakEvenMonths: ceilTenths(reservationMinor * fine, paygPerMonthFine),
      breakEvenUtilisation: ceilTenths(100 * reservationMinor, paygMinor),
      paygPerMonthFine,
    },
  };
}

/**
 * One cart or order line: `quantity` instances reserved for `term` at `reservationMinor` (the line's
 * total) against `payg`, the hourly pay-as-you-go price of one instance. A price in another currency
 * than the reservation's is not converted: it counts as unknown.
 */
export function lineSavings(line: { quantity: number; term: TermDuration; reservationMinor: number; currency: string }, payg: PayAsYouGoPrice | undefined): Savings {
  if (!payg || payg.currency !== line.currency || !(payg.perHourMinor > 0)) return unknown();
  const paygPerMonthFine = Math.round(payg.perHourMinor * fine) * hoursPerMonth * line.quantity;
  const paygMinor = Math.round((paygPerMonthFine * termMonths[line.term]) / fine);
  return figures(line.currency, paygPerMonthFine, paygMinor, line.reservationMinor);
}

/**
 * The cart's figures: its lines with a known pay-as-you-go price added up. Its break-even is the months
 * of full use of all of them that pay for all their reservations (whatever each line's term).
 */
export function cartSavings(lines: readonly Savings[]): CartSavings {
  const known = lines.flatMap((s) => (s.known ? [s.figures] : []));
  const linesWithoutPrice = lines.length - known.length;
  if (known.length === 0) return { savings: unknown(), linesWithoutPrice };
  const sum = (f: (x: SavingsFigures) => number) => known.reduce((n, x) => n + f(x), 0);
  return {
    savings: figures(known[0]!.currency, sum((x) => x.paygPerMonthFine), sum((x) => x.paygMinor), sum((x) => x.reservationMinor)),
    linesWithoutPrice,
  };
}
