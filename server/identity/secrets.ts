import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for session ids and token secrets: 32 bytes, base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Session ids and token secrets are stored only as SHA-256: a leaked table does not log anyone in. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
