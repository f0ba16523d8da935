// The Web Chat page in a real browser (headless Chromium driven by playwright-core: ../support/browser.ts):
// a whole purchase by typing and clicking the cards, as a person would; an answered card (the customer,
// the catalog, "add another item?") is replaced by its one-line summary where it was, and the review by a
// read-only line after Buy. Screenshots of the review and confirmation cards are left in test-results/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, TEST_RESULTS } from '../support/browser';
import { CONTOSO_RETAIL, CONTOSO_RETAIL_PRODUCTION, VIRTUAL_MACHINES, makeDataDir, removeDataDir, startTestBot, type TestBot } from '../e2e/http';

const CARD = '.ac-adaptiveCard';
const WAIT_MS = 10_000;

describe('Web Chat page (browser)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let t: TestBot;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async function () {
    dataDir = makeDataDir();
    t = await startTestBot(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    fs.mkdirSync(TEST_RESULTS, { recursive: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(TEST_RESULTS, 'webchat-failure.png'), fullPage: true }).catch(() => undefined);
    }
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await t?.stop();
    removeDataDir(dataDir);
  });

  /** The text of the whole transcript, for assert messages. */
  const transcript = async () => (await page.locator('.webchat__basic-transcript').innerText().catch(() => '')).slice(-3000);

  /** The text of the latest card: what the next card must differ from (answered cards are replaced, so counting them does not tell). */
  async function latestCardText(): Promise<string> {
    return page.evaluate((selector) => {
      const cards = document.querySelectorAll(selector);
      return (cards[cards.length - 1] as HTMLElement | undefined)?.innerText ?? '';
    }, CARD);
  }

  /** Waits for a latest card other than the one that read `before`, whose text matches `pattern`, and returns it. */
  async function nextCard(before: string, pattern: RegExp, step: string): Promise<Locator> {
    try {
      await page.waitForFunction(
        ({ selector, before, source, flags }) => {
          const cards = document.querySelectorAll(selector);
          const last = cards[cards.length - 1] as HTMLElement | undefined;
          return !!last && last.innerText !== before && new RegExp(source, flags).test(last.innerText);
        },
        { selector: CARD, before, source: pattern.source, flags: pattern.flags },
        { timeout: WAIT_MS },
      );
    } catch {
      assert.fail(`${step}: no new card matching ${pattern} within ${WAIT_MS} ms; the transcript ends with:\n${await transcript()}`);
    }
    return page.locator(CARD).last();
  }

  async function waitForText(pattern: RegExp, step: string): Promise<void> {
    try {
      await page.waitForFunction(
        ({ source, flags }) => new RegExp(source, flags).test(document.querySelector('.webchat__basic-transcript')?.textContent ?? ''),
        { source: pattern.source, flags: pattern.flags },
        { timeout: WAIT_MS },
      );
    } catch {
      assert.fail(`${step}: the transcript does not show ${pattern} within ${WAIT_MS} ms; it ends with:\n${await transcript()}`);
    }
  }

  async function type(text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Clicks the button titled `title` on the latest card, and returns the next card matching `expect`. */
  async function click(title: string, expect: RegExp, step: string): Promise<Locator> {
    const before = await latestCardText();
    const button = page.locator(CARD).last().getByRole('button', { name: title, exact: true }).first();
    assert.equal(await button.count(), 1, `${step}: the latest card has a "${title}" button; the transcript ends with:\n${await transcript()}`);
    await button.click();
    return nextCard(before, expect, step);
  }

  it('completes a purchase by typing and clicking the cards; the confirmation card shows the order number', async function () {
    await page.goto(`${t.baseUrl}/`);
    await waitForText(/I buy Azure reservations/, 'the welcome message');

    // A Web Chat user is not in the agent directory: the bot offers the demo agents to act as.
    let before = await latestCardText();
    await type('buy');
    await nextCard(before, /choose who you want to act as/, 'buy as an unknown user');
    const pickerCard = page.locator(CARD).last();
    await pickerCard.getByRole('button', { name: 'Anna de Vries', exact: true }).click();
    await waitForText(/You are now acting as Anna de Vries/, 'act as Anna');

    before = await latestCardText();
    await type('buy');
    await nextCard(before, /Which customer are you buying for\?/, 'buy');
    await click(CONTOSO_RETAIL, /Which segment\?/, 'customer');
    // The answered card settles into its summary where it was: no customer list stays in the chat.
    await waitForText(/✓ Customer: Contoso Retail B\.V\./, 'the customer card settled');
    assert.equal(await page.locator(CARD, { hasText: 'Which customer are you buying for?' }).count(), 0, `the customer card is replaced; the transcript ends with:\n${await transcript()}`);
    await click('Commercial', /Which type of reservation\?/, 'segment');
    await click(VIRTUAL_MACHINES, /subscriptions should the reservation be tied to\?/, 'reservation type');
    await click(CONTOSO_RETAIL_PRODUCTION, /Apply filters/, 'subscription');
    const quantityCard = await click('Standard_DS1_v2 · 1 year', /How many instances\?/, 'item');
    // The catalog, its filters and its item buttons, becomes the item picked.
    await waitForText(/✓ Item: Standard_DS1_v2, [^,]+, 1 year/, 'the catalog card settled');
    assert.equal(await page.locator(CARD, { hasText: 'Apply filters' }).count(), 0, `the catalog card is replaced; the transcript ends with:\n${await transcript()}`);
    await quantityCard.locator('input[type="number"]').fill('2');
    await click('Add to cart', /Review the cart/, 'quantity');
    const review = await click('Review the cart', /Review your order/, 'next');
    await waitForText(/✓ Review the cart/, 'the "add another item, or review the cart?" card settled');
    assert.match(await review.innerText(), /Total:/, 'the review card shows the total');
    await review.scrollIntoViewIfNeeded();
    const reviewShot = path.join(TEST_RESULTS, 'webchat-review.png');
    await review.screenshot({ path: reviewShot });

    const confirmation = await click('Buy', /Order placed/, 'buy');
    await waitForText(/✓ Bought: 1 item for Contoso Retail B\.V\./, 'the review settled');
    assert.equal(await page.locator(CARD, { hasText: 'Review your order' }).count(), 0, 'the review card, and its Buy, do not stay live above the confirmation');
    const text = await confirmation.innerText();
    const shown = /Order number\s*:?\s*(\S+)/.exec(text)?.[1];
    const orders = t.bot.partnerCenter!.db.prepare('SELECT id FROM orders').all() as { id: string }[];
    assert.equal(orders.length, 1, `one order in the store: ${JSON.stringify(orders)}`);
    assert.equal(shown, orders[0]!.id, `the confirmation card shows the order number of the store's order; card text:\n${text}`);
    const confirmationShot = path.join(TEST_RESULTS, 'webchat-confirmation.png');
    await confirmation.scrollIntoViewIfNeeded();
    await confirmation.screenshot({ path: confirmationShot });
    await page.screenshot({ path: path.join(TEST_RESULTS, 'webchat-page.png') });

    for (const shot of [reviewShot, confirmationShot]) {
      assert.ok(fs.statSync(shot).size > 1000, `screenshot ${shot} was written`);
    }
    assert.deepEqual(pageErrors, [], 'the page raised no script errors');
    assert.deepEqual(t.logs, [], 'no turn failed and the Direct Line endpoint logged no error');
  });
});
