// Random tokens (card nonces, order ids): fresh CSPRNG bytes for each token.
import { randomBytes } from 'node:crypto';

/** `bytes` fresh random bytes, encoded. */
export function randomToken(bytes: number, encoding: 'base64url' | 'hex' = 'base64url'): string {
  return randomBytes(bytes).toString(encoding);
}
