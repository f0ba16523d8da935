// The catalog card's filter form as a channel submits it: the "Any" choices carry the value "any" (an
// empty choice value makes Web Chat and Teams drop the whole card), and "any" means no filter.
import assert from 'node:assert/strict';
import { ANY_FILTER } from '../../cards/render';
import { inputsOf } from '../support/cardClicks';
import { CONTOSO_RETAIL, CONTOSO_RETAIL_PRODUCTION, Conversation, eachTestBot, lastCard, transcript, VIRTUAL_MACHINES, type TestBot } from './http';

describe('e2e: catalog filters', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot));

  it('"Apply filters" with a region filters; with every list back on "Any" it shows everything again', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    await conv.say('buy');
    await conv.click(CONTOSO_RETAIL);
    await conv.click('Commercial');
    await conv.click(VIRTUAL_MACHINES);
    await conv.click(CONTOSO_RETAIL_PRODUCTION);
    const first = lastCard(conv.last)!;
    const defaults = inputsOf(first);
    assert.deepEqual([defaults.region, defaults.family, defaults.term], [ANY_FILTER, ANY_FILTER, ANY_FILTER], 'no filter: the lists show "Any"');
    const total = /Showing 1–\d+ of ([\d,]+)/.exec(transcript(conv.last))?.[1];
    assert.ok(total, `the catalog says how many items there are: ${transcript(conv.last).slice(0, 500)}`);

    await conv.click('Apply filters', { region: 'westeurope' });
    const filtered = transcript(conv.last);
    assert.match(filtered, /Filters: \nWest Europe\n/, `the region filter is applied: ${filtered.slice(0, 500)}`);
    assert.equal(inputsOf(lastCard(conv.last)!).region, 'westeurope', 'the card shows the chosen region');

    await conv.click('Apply filters', { region: ANY_FILTER, family: ANY_FILTER, term: ANY_FILTER });
    const again = transcript(conv.last);
    assert.match(again, /Filters: \nnone\n/, `"any" everywhere is no filter: ${again.slice(0, 500)}`);
    assert.match(again, new RegExp(`Showing 1–\\d+ of ${total}\\b`), 'and the whole catalog is shown again');
  });
});
