// The catalog card's filter form as a channel submits it: the "Any" choices carry the value "any" (an
// empty choice value makes Web Chat and Teams drop the whole card), and "any" means no filter. The list
// starts at the customer's region; each active filter has a button that removes it alone.
import assert from 'node:assert/strict';
import { ANY_FILTER } from '../../cards/render';
import { inputsOf } from '../support/cardClicks';
import { CONTOSO_RETAIL, CONTOSO_RETAIL_PRODUCTION, Conversation, eachTestBot, lastCard, transcript, VIRTUAL_MACHINES, type TestBot } from './http';

describe('e2e: catalog filters', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot));

  it('starts at the customer\'s region; "Apply filters" with every list on "Any" shows everything; a filter\'s ✕ removes it alone', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    await conv.say('buy');
    await conv.click(CONTOSO_RETAIL);
    await conv.click('Commercial');
    await conv.click(VIRTUAL_MACHINES);
    await conv.click(CONTOSO_RETAIL_PRODUCTION);
    const first = inputsOf(lastCard(conv.last)!);
    assert.deepEqual([first.region, first.family, first.term], ['westeurope', ANY_FILTER, ANY_FILTER], 'a Dutch customer: the region list shows West Europe');
    assert.match(transcript(conv.last), /Filters:\n✕ West Europe\nShowing 1–5 of 128\n/, `the preset is an active filter: ${transcript(conv.last).slice(0, 500)}`);

    await conv.click('Apply filters', { region: ANY_FILTER, family: ANY_FILTER, term: ANY_FILTER });
    const everything = transcript(conv.last);
    assert.match(everything, /Filters: \nnone\n/, `"any" everywhere is no filter: ${everything.slice(0, 500)}`);
    assert.match(everything, /Showing 1–5 of 1,000\+\n/, 'the whole catalog');

    await conv.click('Apply filters', { region: 'westeurope', term: 'P3Y' });
    assert.match(transcript(conv.last), /Filters:\n✕ West Europe\n✕ 3 years\nShowing 1–5 of 64\n/, `both filters applied: ${transcript(conv.last).slice(0, 500)}`);
    assert.equal(inputsOf(lastCard(conv.last)!).region, 'westeurope', 'the card shows the chosen region');

    await conv.click('✕ West Europe');
    const termOnly = transcript(conv.last);
    assert.match(termOnly, /Filters:\n✕ 3 years\nShowing 1–5 of 1,000\+\n/, `the region is removed, the term kept: ${termOnly.slice(0, 500)}`);
    assert.deepEqual([inputsOf(lastCard(conv.last)!).region, inputsOf(lastCard(conv.last)!).term], [ANY_FILTER, 'P3Y']);
  });
});
