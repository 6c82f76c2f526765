// What became of a reminder, as the worker reports it. Every transition starts only from a row
// still in play (planned or sending): a late retry can never turn a sent reminder into a
// cancelled one, nor record a delivery twice.
import type { Db, Tx } from '../../db.ts';
import type { DeliveryResult } from './reminder-types.ts';

const IN_PLAY = { in: ['planned' as const, 'sending' as const] };
const MAX_REASON = 1000;
const clip = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text);

/**
 * Claims a reminder for delivery: status sending, one more attempt. Returns the attempt number
 * (2 or more: an earlier attempt may have delivered it), or null when it is no longer in play.
 */
/** How long one delivery attempt may take before the reminder counts as lost and is retried. */
const SENDING_LEASE_MS = 10 * 60_000;

export async function markSending(db: Db | Tx, id: number, now: Date = new Date()): Promise<{ attempts: number } | null> {
  // While sending, deliverAt is the end of the attempt's lease: a row still "sending" after it
  // lost its job (a worker and Redis both gone) and is handed out again (lostReminderIds).
  const leaseEnd = new Date(now.getTime() + SENDING_LEASE_MS);
  const rows = await db.$queryRaw<{ attempts: number }[]>`
    UPDATE "ReminderLog" SET status = 'sending', attempts = attempts + 1, "deliverAt" = ${leaseEnd}
    WHERE id = ${id} AND status IN ('planned', 'sending')
    RETURNING attempts`;
  return rows[0] ?? null;
}

/**
 * Records a delivery and writes "reminder sent" on the contact's history (the digest, about no
 * contact, has none). Returns false when the row was no longer in play (nothing recorded).
 */
export async function markSent(db: Db | Tx, id: number, result: DeliveryResult, now: Date = new Date()): Promise<boolean> {
  const reason = result.fellBackFrom ? clip(`${result.fellBackFrom.channel} failed: ${result.fellBackFrom.error}`) : null;
  // One statement (the busiest write of a reminder run): the row leaves play and, when it is about
  // a contact, the history entry a recordHistory() call would write — actor: the system.
  const [row] = await db.$queryRaw<{ sent: number }[]>`
    WITH sent AS (
      UPDATE "ReminderLog" SET status = 'sent', "sentAt" = ${now}, channel = ${result.channel}, "messageRef" = ${result.messageRef}, reason = ${reason}
      WHERE id = ${id} AND status IN ('planned', 'sending')
      RETURNING rule, "contactId", "itemId", "recipientId"
    ), history AS (
      INSERT INTO "HistoryEntry" ("contactId", "actorId", channel, entity, "entityId", action, changes)
      SELECT s."contactId", NULL, 'system'::"Channel", (CASE WHEN s."itemId" IS NULL THEN 'contact' ELSE 'item' END)::"HistoryEntity",
             COALESCE(s."itemId", s."contactId"), 'reminder sent',
             jsonb_build_array(jsonb_build_object('field', 'reminder', 'old', NULL, 'new', s.rule::text || ' to ' || e.name || ' via ' || ${result.channel}))
      FROM sent s JOIN "Employee" e ON e.id = s."recipientId"
      WHERE s."contactId" IS NOT NULL
    )
    SELECT count(*)::int AS sent FROM sent`;
  return (row?.sent ?? 0) > 0;
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
