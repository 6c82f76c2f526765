// Slack request signing (https://docs.slack.dev/authentication/verifying-requests-from-slack/):
// HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the signing secret, hex, prefixed "v0=".
// We check it ourselves on the raw bytes, compare in constant time, and refuse timestamps more than
// five minutes away in EITHER direction (Bolt's own check only refuses old ones): a captured
// request cannot be replayed later, nor one pre-signed with a future timestamp.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function signSlackRequest(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  rawBody: string;
  /** Seconds since the epoch (injectable for Slack's documented test vector). */
  nowSeconds?: number;
}): SignatureCheck {
  const { signingSecret, timestamp, signature, rawBody } = input;
  if (!signingSecret) return { ok: false, reason: 'no signing secret configured' };
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Slack-Request-Timestamp' };
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'missing or malformed X-Slack-Signature' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'timestamp more than 5 minutes away from now' };
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
