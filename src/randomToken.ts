// Random tokens (card nonces, order ids) cut from a pool of CSPRNG bytes filled 4 KiB at a time, as
// crypto.randomUUID does for UUIDs: a randomBytes call per token cost a system call each, every turn.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let used = pool.length;

/** `bytes` fresh random bytes (at most 4,096), encoded. */
export function randomToken(bytes: number, encoding: 'base64url' | 'hex' = 'base64url'): string {
  if (bytes > pool.length) throw new RangeError(`randomToken: at most ${pool.length} bytes`);
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString(encoding, used, used + bytes);
  used += bytes;
  return token;
}
