/**
 * API key format: `lm_<lookup>_<secret>`. The lookup part finds the row; only a SHA-256 hash of
 * the secret is stored. The secret carries 256 random bits, so a fast hash is safe (there is
 * nothing to brute-force), and a constant-time comparison avoids timing leaks.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface KeyParts {
  lookup: string;
  secret: string;
}

export function generateApiKey(): KeyParts & { token: string } {
  const lookup = randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { lookup, secret, token: `lm_${lookup}_${secret}` };
}

export function parseApiKey(token: string): KeyParts | undefined {
  const match = /^lm_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { lookup: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
