// Every card the golden transcripts show (each step, refusals, review, confirmation, order history, in
// English and Dutch) drawn by the official Adaptive Cards renderer (the `adaptivecards` package, loaded
// into the page) with Teams' light host config, 450 px wide: the width of a Teams chat on a laptop. A
// card fails when a button label or a text is cut off (its box hides part of its text), when anything
// sticks out of the card, or when the card is taller than 1,200 px. Cards behind a ShowCard button are
// opened and measured too. Screenshots: test-results/teams-450/<locale>/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, TEST_RESULTS } from '../support/browser';
import { goldenFolder, replay, sectionsOf } from '../dialogs/golden';
import { dutch, english } from '../dialogs/lang';
import { renderApprovalCard } from '../../cards/render';
import type { Quote, QuoteLine } from '../../src/purchase/types';
import type { Savings } from '../../src/rules/savings';

const WIDTH = 450;
const MAX_HEIGHT = 1200;
const hostConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'support', 'hostConfig', 'microsoft-teams-light.json'), 'utf8'));
const rendererRoot = path.dirname(require.resolve('adaptivecards/package.json'));

interface Problem {
  what: string;
  text: string;
}

/** Renders `card` into the page's 450 px column and lists what is cut off, opening each ShowCard in turn. */
async function layoutProblems(page: Page, card: unknown): Promise<{ problems: Problem[]; height: number }> {
  return page.evaluate(
    ({ card, hostConfig, maxHeight }) => {
      const AC = (window as unknown as { AdaptiveCards: any }).AdaptiveCards;
      const column = document.getElementById('column')!;
      column.replaceChildren();
      const adaptiveCard = new AC.AdaptiveCard();
      adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
      adaptiveCard.parse(card);
      const rendered: HTMLElement = adaptiveCard.render();
      column.appendChild(rendered);

      const problems: { what: string; text: string }[] = [];
      let height = 0;
      const measure = (when: string) => {
        height = Math.max(height, rendered.getBoundingClientRect().height);
        if (rendered.getBoundingClientRect().height > maxHeight) {
          problems.push({ what: `card${when} is ${Math.round(rendered.getBoundingClientRect().height)} px tall (at most ${maxHeight})`, text: '' });
        }
        if (rendered.scrollWidth > rendered.clientWidth + 1) {
          problems.push({ what: `card${when} is ${rendered.scrollWidth} px wide`, text: '' });
        }
        for (const el of Array.from(rendered.querySelectorAll<HTMLElement>('*'))) {
          if (el.offsetParent === null) continue; // not shown (a closed ShowCard)
          const style = getComputedStyle(el);
          const clipsX = style.overflowX !== 'visible';
          const clipsY = style.overflowY !== 'visible';
          const text = (el.innerText || el.getAttribute('aria-label') || '').trim();
          if (!text) continue;
          const button = el.closest('.ac-pushButton') ? 'button' : 'text';
          if (clipsX && el.scrollWidth > el.clientWidth + 1) problems.push({ what: `${button} cut off at the side${when}`, text });
          else if (clipsY && el.scrollHeight > el.clientHeight + 1) problems.push({ what: `${button} cut off at the bottom${when}`, text });
        }
      };
      measure('');
      const expandable = Array.from(rendered.querySelectorAll<HTMLElement>('.ac-pushButton.expandable'));
      for (const button of expandable) {
        button.click();
        measure(` with "${button.innerText.trim()}" open`);
        button.click();
      }
      return { problems, height: Math.round(height) };
    },
    { card, hostConfig, maxHeight: MAX_HEIGHT },
  );
}

for (const [locale, lang] of [
  ['en-US', english],
  ['nl-NL', dutch],
] as const) {
  describe(`Cards at Teams width (450 px, official renderer, Teams light), ${locale}`, function () {
    this.timeout(120_000);
    const sections = sectionsOf(fs.readFileSync(path.join(goldenFolder, `${locale}.md`), 'utf8').split('\n'));
    const screenshots = path.join(TEST_RESULTS, 'teams-450', locale);
    let browser: Browser;
    let page: Page;

    before(async () => {
      fs.rmSync(screenshots, { recursive: true, force: true });
      fs.mkdirSync(screenshots, { recursive: true });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: WIDTH + 40, height: 800 } });
      await page.setContent(`<!doctype html><html><body style="margin:0;padding:20px;background:#f5f5f5">
        <div id="column" style="width:${WIDTH}px;background:#fff"></div></body></html>`);
      await page.addStyleTag({ path: path.join(rendererRoot, 'lib', 'adaptivecards.css') });
      await page.addScriptTag({ path: path.join(rendererRoot, 'dist', 'adaptivecards.min.js') });
      // Teams renders a TextBlock's markdown (links, bold); the renderer leaves that to its host, and the
      // adaptivecards documentation hands it to markdown-it (AdaptiveCard.onProcessMarkdown).
      await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
      await page.addScriptTag({
        content: `AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = window.markdownit().render(text); result.didProcess = true; };`,
      });
      // tsx compiles the function given to page.evaluate with esbuild's keepNames, which calls __name.
      await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    });
    after(async () => browser?.close());

    it('has cards to draw', () => assert.ok(sections.length >= 10));

    // Sections whose transcript draws a card (R1 and R2 refuse before any card).
    sections.forEach((section, s) => {
      if (!section.block.includes('+--')) return;
      it(section.title, async () => {
        const { cards } = await replay(section, lang);
        assert.ok(cards.length > 0, 'the transcript shows no card');
        const failures: string[] = [];
        for (const [i, card] of cards.entries()) {
          const { problems } = await layoutProblems(page, card);
          const file = path.join(screenshots, `${String(s + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}.png`);
          await page.locator('#column').screenshot({ path: file });
          for (const p of problems) failures.push(`${path.relative(TEST_RESULTS, file)}: ${p.what}${p.text ? `: "${p.text.replace(/\s+/g, ' ')}"` : ''}`);
        }
        assert.ok(failures.length === 0, `cards cut off or too tall at ${WIDTH} px:\n${failures.join("\n")}`);
      });
    });

    // Sent to another agent's conversation, so no golden transcript (one agent each) shows it.
    it('The approval request (issue 17): two lines, a long customer name', async () => {
      const card = renderApprovalCard({ quote: approvalQuote, requestId: 'a0c2f1e4-9b7d-4c3a-8e21-5f6a7b8c9d0e', buyerName: 'Sam Visser', expires: 'Mar 3, 2026, 9:30 AM UTC', locale }).content;
      const { problems } = await layoutProblems(page, card);
      await page.locator('#column').screenshot({ path: path.join(screenshots, 'approval.png') });
      assert.deepEqual(problems, [], `the approval card is cut off or too tall at ${WIDTH} px`);
    });
  });
}

const line = (lineId: number, title: string, region: string, quantity: number, unitMinor: number): QuoteLine => ({
  catalogItemId: `DZH318Z0BQ4L:000${lineId}:DZH318Z0BQ4M`,
  title,
  productTitle: 'Reserved VM Instance, Dsv5 Series',
  family: 'Dsv5',
  armRegionName: region.toLowerCase().replace(/ /g, ''),
  region,
  term: 'P3Y',
  cores: 4,
  ram: 16,
  unitPrice: { minor: unitMinor, currency: 'EUR' },
  minimumQuantity: 1,
  maximumQuantity: 1000,
  monthlyBillingSupported: true,
  lineId,
  quantity,
  billingCycle: lineId === 1 ? 'one_time' : 'monthly',
  lineTotal: { minor: unitMinor * quantity, currency: 'EUR' },
  monthlyPayment: null,
  savings: savingsOf(unitMinor * quantity),
});

/** Figures as wide as real ones (the card's width is what matters here, not the arithmetic). */
const savingsOf = (reservationMinor: number): Savings => ({
  known: true,
  figures: {
    currency: 'EUR',
    paygMinor: reservationMinor * 2,
    reservationMinor,
    savingMinor: reservationMinor,
    savingPercent: 58.6,
    breakEvenMonths: 14.9,
    breakEvenUtilisation: 41.4,
    paygPerMonthFine: Math.round((reservationMinor * 2 * 10_000) / 36),
  },
});

/** What the approver's card is drawn from: the buyer's quote (only the fields the card shows matter). */
const approvalQuote = {
  cartId: 'cart-1',
  customer: { companyName: 'Cantina Sociale Cooperativa del Chianti Classico S.r.l.' },
  subscription: { friendlyName: 'Cantina Sociale del Chianti Production (EU)' },
  currency: 'EUR',
  lines: [line(1, 'Standard_D16ds_v5', 'Germany West Central', 120, 1_193_07), line(2, 'Standard_E64is_v5', 'North Europe', 8, 48_120_55)],
  total: { minor: 1_193_07 * 120 + 48_120_55 * 8, currency: 'EUR' },
  scope: 'shared',
  savings: { savings: savingsOf(1_193_07 * 120 + 48_120_55 * 8), linesWithoutPrice: 0 },
} as Quote;
