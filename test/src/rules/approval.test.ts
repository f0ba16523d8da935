// A second Buy on a cart whose approval request waits (src/rules/approval.ts): refused while it waits,
// allowed once it expired or was decided, so a new request may replace it.
import assert from 'node:assert/strict';
import { checkNotAlreadyWaiting } from '../../../src/rules/approval';

describe('rules/approval: a request already waits for the cart', () => {
  const now = '2026-03-02T11:30:00.000Z';

  it('refuses while a request of the cart waits and has not expired', () => {
    const verdict = checkNotAlreadyWaiting({ state: 'pending', expiresAt: '2026-03-03T09:30:00.000Z' }, now);
    assert.deepEqual(verdict, { ok: false, code: 'APPROVAL', text: { key: 'approvalAlreadyWaiting', params: {} } });
  });

  it('passes without a request, once it expired, and once it was decided', () => {
    assert.equal(checkNotAlreadyWaiting(undefined, now).ok, true);
    assert.equal(checkNotAlreadyWaiting({ state: 'pending', expiresAt: now }, now).ok, true, 'expired at this very moment');
    assert.equal(checkNotAlreadyWaiting({ state: 'rejected', expiresAt: '2026-03-03T09:30:00.000Z' }, now).ok, true);
  });
});
