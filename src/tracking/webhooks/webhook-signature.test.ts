import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  const t = now / 1000;

  it('verifies what it signed, and nothing altered', () => {
    const header = signWebhook('whsec_x', t, '{"a":1}');
    expect(verifyWebhookSignature('whsec_x', header, '{"a":1}', { now })).toBe(true);
    expect(verifyWebhookSignature('whsec_x', header, '{"a":2}', { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_y', header, '{"a":1}', { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_x', header.replace(`t=${t}`, `t=${t + 1}`), '{"a":1}', { now })).toBe(false);
  });

  it('refuses an old delivery replayed later, and malformed headers', () => {
    expect(verifyWebhookSignature('s', signWebhook('s', t - 3600, 'x'), 'x', { now })).toBe(false);
    expect(verifyWebhookSignature('s', 'garbage', 'x', { now })).toBe(false);
  });
});
