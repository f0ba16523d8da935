// dialogs/sdk.ts: the bot takes botbuilder-dialogs' classes from their own modules, so a start does not load
// every built-in prompt's text recognizers (bench/README.md, cold start).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as botbuilderDialogs from 'botbuilder-dialogs';
import * as sdk from '../../dialogs/sdk';

const root = path.resolve(__dirname, '../..');

describe('dialogs/sdk: the dialog classes without the built-in prompts', () => {
  it('are the very classes botbuilder-dialogs exports', () => {
    const names = Object.keys(sdk) as (keyof typeof sdk)[];
    assert.ok(names.length >= 5, `the classes the dialogs use (${names.join(', ')})`);
    for (const name of names) assert.equal(sdk[name], botbuilderDialogs[name], `${name} is botbuilder-dialogs' own`);
  });

  it('loading the bot loads neither the date-time nor the suite of text recognizers', function () {
    this.timeout(30_000);
    const script = `require('./bot/server'); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' }),
    ) as string[];
    assert.ok(loaded.some((m) => m.includes('/dialogs/mainDialog.ts')), 'the bot was loaded');
    assert.ok(loaded.some((m) => m.includes('/botbuilder-dialogs/lib/componentDialog.js')), 'the dialog classes were loaded');
    for (const unused of ['recognizers-text-date-time', 'recognizers-text-suite']) {
      assert.deepEqual(loaded.filter((m) => m.includes(`/${unused}/`)), [], `${unused} is not loaded`);
    }
  });
});
