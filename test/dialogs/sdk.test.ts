// dialogs/sdk.ts: the bot takes botbuilder-dialogs' classes from their own modules, so a start does not load
// every built-in prompt's recognizers (the start-up time of bench/README.md's cold start).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as botbuilderDialogs from 'botbuilder-dialogs';
import * as sdk from '../../dialogs/sdk';

const root = path.resolve(__dirname, '../..');

describe('dialogs/sdk: the dialog classes without the built-in prompts', () => {
  it('are the very classes botbuilder-dialogs exports', () => {
    for (const name of Object.keys(sdk) as (keyof typeof sdk)[]) {
      assert.equal(sdk[name], botbuilderDialogs[name], `${name} is botbuilder-dialogs' own`);
    }
  });

  it('loading the bot does not load the date-time recognizers', function () {
    this.timeout(30_000);
    const script = `
      require('./bot/server');
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' })) as string[];
    assert.ok(loaded.some((m) => m.includes('/dialogs/mainDialog.ts')), 'the bot was loaded');
    for (const unused of ['recognizers-text-date-time', 'recognizers-text-suite']) {
      assert.deepEqual(loaded.filter((m) => m.includes(`/${unused}/`)), [], `${unused} is not loaded`);
    }
  });
});
