// The golden transcripts (test/dialogs/golden/<locale>.md): whole conversations written out as the
// agent types and clicks and as the bot answers, cards drawn as text (test/support/transcript.ts). Each
// section runs as a test on its own copy of the demo world, its activities in the file's locale, with a
// fixed clock; the bot's replies must equal the file's text, line for line.
//
// In a transcript block, a line starting with "> " is what the agent does, everything up to the next
// such line is what the bot answers:
//   > buy                                      types "buy"
//   > [Contoso Retail B.V.]                    clicks that button on the latest card
//   > [Add to cart] {Quantity (…): 3}          fills the card's input of that label, then clicks
//   > [Select] of Standard_D2s_v5              clicks the Select of the row that shows that line
// Order numbers are random, so they read "<order 1>", "<order 2>"… in the order they were made.
//
// After a deliberate change of what the bot says, `GOLDEN_UPDATE=1 npx mocha test/dialogs/golden.test.ts`
// writes the bot's replies into the files; review that diff as a product change before committing it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { goldenFolder, replay, sectionsOf, type Section } from './golden';
import { dutch, english } from './lang';

const update = process.env.GOLDEN_UPDATE === '1';

for (const [locale, lang] of [
  ['en-US', english],
  ['nl-NL', dutch],
] as const) {
  describe(`Golden transcripts, ${locale} (test/dialogs/golden/${locale}.md)`, () => {
    const file = path.join(goldenFolder, `${locale}.md`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const sections = sectionsOf(lines);
    const replayed = new Map<Section, string[]>();

    it('has its transcripts', () => assert.ok(sections.length >= 10, `${file} holds ${sections.length} transcripts`));

    for (const section of sections) {
      it(section.title, async () => {
        const actual = (await replay(section, lang)).lines;
        replayed.set(section, actual);
        if (!update) assert.equal(actual.join('\n'), section.block.join('\n'), `the bot no longer answers as "${section.title}" in ${file} says`);
      });
    }

    if (update) {
      after(() => {
        const out = [...lines];
        for (const section of [...sections].reverse()) {
          const actual = replayed.get(section);
          if (actual) out.splice(section.start, section.block.length, ...actual);
        }
        fs.writeFileSync(file, out.join('\n'));
      });
    }
  });
}
