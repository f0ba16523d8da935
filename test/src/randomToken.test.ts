// randomToken (src/randomToken.ts): tokens cut from a shared pool are the requested length, never repeat,
// and keep coming when the pool is refilled.
import assert from 'node:assert/strict';
import { randomToken } from '../../src/randomToken';

describe('randomToken', () => {
  it('gives base64url and hex tokens of the requested size, all different across several pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const nonce = randomToken(6);
      assert.match(nonce, /^[A-Za-z0-9_-]{8}$/, `6 bytes are 8 base64url characters: ${nonce}`);
      const id = randomToken(18);
      assert.match(id, /^[A-Za-z0-9_-]{24}$/, `18 bytes are 24 characters: ${id}`);
      assert.match(randomToken(6, 'hex'), /^[0-9a-f]{12}$/);
      seen.add(nonce).add(id);
    }
    // 3,000 × 30 bytes is 22 pools of 4 KiB: a pool reused without refilling would repeat tokens.
    assert.equal(seen.size, 6000, 'no token repeats');
  });

  it('refuses more bytes than the pool holds', () => {
    assert.throws(() => randomToken(5000), RangeError);
  });
});
