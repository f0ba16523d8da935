// randomToken (src/randomToken.ts): tokens are the requested length in the requested encoding and never repeat.
import assert from 'node:assert/strict';
import { randomToken } from '../../src/randomToken';

describe('randomToken', () => {
  it('gives base64url and hex tokens of the requested size, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const nonce = randomToken(6);
      assert.match(nonce, /^[A-Za-z0-9_-]{8}$/, `6 bytes are 8 base64url characters: ${nonce}`);
      const id = randomToken(18);
      assert.match(id, /^[A-Za-z0-9_-]{24}$/, `18 bytes are 24 characters: ${id}`);
      const hex = randomToken(6, 'hex');
      assert.match(hex, /^[0-9a-f]{12}$/, `6 bytes are 12 hex digits: ${hex}`);
      seen.add(nonce).add(id).add(hex);
    }
    assert.equal(seen.size, 3000, 'no token repeats');
  });
});
