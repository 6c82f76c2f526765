// What became of a reminder, as the worker reports it. Every transition starts only from a row
// still in play (planned or sending): a late retry can never turn a sent reminder into a
// cancelled one, nor record a delivery twice.
import type { Db, Tx } from '../../db.ts';
import { recordHistory } from '../history/record-history.ts';
import { systemActor } from '../shared/actor.ts';
import { inTransaction } from '../shared/transaction.ts';
import type { DeliveryResult } from './reminder-types.ts';

const IN_PLAY = { in: ['planned' as const, 'sending' as const] };
const MAX_REASON = 1000;
const clip = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text);

/**
 * Claims a reminder for delivery: status sending, one more attempt. Returns the attempt number
 * (2 or more: an earlier attempt may have delivered it), or null when it is no longer in play.
 */
/** How long one delivery attempt may take before the reminder counts as lost and is retried. */
export const SENDING_LEASE_MS = 10 * 60_000;

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
  return inTransaction(db, async (tx) => {
    const updated = await tx.reminderLog.updateMany({
      where: { id, status: IN_PLAY },
      data: {
        status: 'sent', sentAt: now, channel: result.channel, messageRef: result.messageRef,
        reason: result.fellBackFrom ? clip(`${result.fellBackFrom.channel} failed: ${result.fellBackFrom.error}`) : null,
      },
    });
    if (updated.count === 0) return false;
    const log = await tx.reminderLog.findUniqueOrThrow({
      where: { id }, select: { rule: true, contactId: true, itemId: true, recipient: { select: { name: true } } },
    });
    if (log.contactId !== null) {
      await recordHistory(tx, systemActor(), {
        contactId: log.contactId,
        entity: log.itemId !== null ? 'item' : 'contact',
        entityId: log.itemId ?? log.contactId,
        action: 'reminder sent',
        changes: [{ field: 'reminder', old: null, new: `${log.rule} to ${log.recipient.name} via ${result.channel}` }],
      });
    }
    return true;
  });
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
