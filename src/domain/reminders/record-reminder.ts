// What became of a reminder, as the worker reports it. Every transition starts only from a row
// still in play (planned or sending): a late retry can never turn a sent reminder into a
// cancelled one, nor record a delivery twice.
import type { Db, Tx } from '../../db.ts';
import type { DeliveryResult } from './reminder-types.ts';

const IN_PLAY = { in: ['planned' as const, 'sending' as const] };
const MAX_REASON = 1000;
const clip = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text);

/** How long one delivery attempt may take before the reminder counts as lost and is retried. */
const SENDING_LEASE_MS = 10 * 60_000;

/**
 * Claims reminders for delivery: status sending, one more attempt each. Returns each claimed id's
 * attempt number (2 or more: an earlier attempt may have delivered it); ids no longer in play are
 * left out. One statement for the whole batch.
 */
export async function markSendingMany(db: Db | Tx, ids: readonly number[], now: Date = new Date()): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  // While sending, deliverAt is the end of the attempt's lease: a row still "sending" after it
  // lost its job (a worker and Redis both gone) and is handed out again (lostReminderIds).
  const leaseEnd = new Date(now.getTime() + SENDING_LEASE_MS);
  const rows = await db.$queryRaw<{ id: number; attempts: number }[]>`
    UPDATE "ReminderLog" SET status = 'sending', attempts = attempts + 1, "deliverAt" = ${leaseEnd}
    WHERE id = ANY(${[...ids]}::int[]) AND status IN ('planned', 'sending')
    RETURNING id, attempts`;
  return new Map(rows.map((r) => [r.id, r.attempts]));
}

/** markSendingMany for one reminder: its attempt number, or null when it is no longer in play. */
export async function markSending(db: Db | Tx, id: number, now: Date = new Date()): Promise<{ attempts: number } | null> {
  const attempts = (await markSendingMany(db, [id], now)).get(id);
  return attempts === undefined ? null : { attempts };
}

/**
 * Records deliveries and writes "reminder sent" on each contact's history (the digest, about no
 * contact, has none). Returns the ids recorded; a row no longer in play is left as it was.
 */
export async function markSentMany(db: Db | Tx, sent: ReadonlyArray<{ id: number; result: DeliveryResult }>, now: Date = new Date()): Promise<Set<number>> {
  if (sent.length === 0) return new Set();
  const ids = sent.map((s) => s.id);
  const channels = sent.map((s) => s.result.channel);
  const refs = sent.map((s) => s.result.messageRef);
  const reasons = sent.map(({ result }) => (result.fellBackFrom ? clip(`${result.fellBackFrom.channel} failed: ${result.fellBackFrom.error}`) : null));
  // One statement for the batch (the busiest write of a reminder run): the rows leave play and,
  // for those about a contact, the history entries a recordHistory() call would write — actor: the system.
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH input AS (
      SELECT * FROM unnest(${ids}::int[], ${channels}::text[], ${refs}::text[], ${reasons}::text[]) AS i(id, channel, ref, reason)
    ), sent AS (
      UPDATE "ReminderLog" r SET status = 'sent', "sentAt" = ${now}, channel = i.channel, "messageRef" = i.ref, reason = i.reason
      FROM input i
      WHERE r.id = i.id AND r.status IN ('planned', 'sending')
      RETURNING r.id, r.rule, r."contactId", r."itemId", r."recipientId", r.channel
    ), history AS (
      INSERT INTO "HistoryEntry" ("contactId", "actorId", channel, entity, "entityId", action, changes)
      SELECT s."contactId", NULL, 'system'::"Channel", (CASE WHEN s."itemId" IS NULL THEN 'contact' ELSE 'item' END)::"HistoryEntity",
             COALESCE(s."itemId", s."contactId"), 'reminder sent',
             jsonb_build_array(jsonb_build_object('field', 'reminder', 'old', NULL, 'new', s.rule::text || ' to ' || e.name || ' via ' || s.channel))
      FROM sent s JOIN "Employee" e ON e.id = s."recipientId"
      WHERE s."contactId" IS NOT NULL
    )
    SELECT id FROM sent`;
  return new Set(rows.map((r) => r.id));
}

/** markSentMany for one reminder: false when the row was no longer in play (nothing recorded). */
export async function markSent(db: Db | Tx, id: number, result: DeliveryResult, now: Date = new Date()): Promise<boolean> {
  return (await markSentMany(db, [{ id, result }], now)).has(id);
}

/** Not sent, and never will be: `reason` says why (closed, done, rescheduled, handed over …). */
export async function markCancelled(db: Db | Tx, id: number, reason: string): Promise<boolean> {
  const { count } = await db.reminderLog.updateMany({ where: { id, status: IN_PLAY }, data: { status: 'cancelled', reason: clip(reason) } });
  return count > 0;
}

/** Delivery gave up (after the worker's retries); the error is kept as the reason. */
export async function markFailed(db: Db | Tx, id: number, error: unknown): Promise<boolean> {
  const message = error instanceof Error ? error.message : String(error);
  const { count } = await db.reminderLog.updateMany({ where: { id, status: IN_PLAY }, data: { status: 'failed', reason: clip(message) } });
  return count > 0;
}

/** Back to planned, to go out at `until` (a snooze, or the recipient's next working moment). */
export async function postpone(db: Db | Tx, id: number, until: Date): Promise<boolean> {
  const { count } = await db.reminderLog.updateMany({ where: { id, status: IN_PLAY }, data: { status: 'planned', deliverAt: until } });
  return count > 0;
}
