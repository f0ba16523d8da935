// The house's arrows (.dependency-cruiser.cjs): no cycle, nothing imported upward, src/ free of botbuilder.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { IConfiguration } from 'dependency-cruiser';

const root = path.resolve(__dirname, '..');

describe('dependencies: arrows only point down', () => {
  it('dependency-cruiser finds no violation of .dependency-cruiser.cjs in the product code', async function () {
    this.timeout(120_000);
    const { cruise, format } = await import('dependency-cruiser');
    const { forbidden, options } = require(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;
    const result = await cruise(['bot', 'dialogs', 'cards', 'channels', 'src'], { ...options, baseDir: root, validate: true, ruleSet: { forbidden } });
    if (typeof result.output === 'string') throw new Error(result.output);
    const { violations, totalCruised } = result.output.summary;
    assert.ok(totalCruised > 50, `cruised ${totalCruised} modules: the product code was found`);
    const report = await format(result.output, { outputType: 'err' });
    assert.equal(violations.length, 0, String(report.output));
  });
});
