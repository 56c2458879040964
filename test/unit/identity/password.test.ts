import { describe, expect, it } from '@jest/globals';
import { hashPassword, verifyPassword, DEFAULT_SCRYPT, generatePassword } from '../../../server/identity/password.js';

describe('password hashing (scrypt)', () => {
  it('given a hashed password, when verified, then only the same password matches', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
  });

  it('stores memory-hard parameters (N >= 2^15) and a per-user salt with the hash', async () => {
    const a = await hashPassword('same password twice');
    const b = await hashPassword('same password twice');
    const [scheme, n, r, p, saltA] = a.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(n)).toBe(DEFAULT_SCRYPT.N);
    expect([Number(r), Number(p)]).toEqual([8, 1]);
    expect(saltA).not.toBe(b.split('$')[4]);
    expect(a).not.toBe(b);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
  });

  it('generates long random passwords', () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(24);
    expect(a).not.toBe(generatePassword());
  });
});
