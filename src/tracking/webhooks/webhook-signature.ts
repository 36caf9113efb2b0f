/**
 * Webhook signatures: HMAC-SHA256 over "<timestamp>.<raw body>" with the subscription's secret,
 * sent as `Lastmile-Signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the signed text
 * lets receivers refuse replays of an old delivery.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'Lastmile-Signature';

export function signWebhook(secret: string, timestampSeconds: number, rawBody: string): string {
  return `t=${timestampSeconds},v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex')}`;
}

/** What a receiver runs: true when the header signs this body with this secret, recently enough. */
export function verifyWebhookSignature(secret: string, header: string, rawBody: string, options: { toleranceSeconds?: number; now?: number } = {}): boolean {
  const fields = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(fields.get('t'));
  const given = fields.get('v1');
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = (options.now ?? Date.now()) / 1000;
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
