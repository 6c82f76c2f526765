// The reminders whose time has come, for the worker to enqueue (one job per id).
import type { Db, Tx } from '../../db.ts';

/** Options of dueReminderIds. */
export type DueRemindersOptions = {
  /** The clock; rows with deliverAt at or before it are due. */
  now: Date;
  /** At most this many ids (the oldest first). */
  limit: number;
};

/** Ids of reminders in `status` whose deliverAt has come, oldest first (index ReminderLog(status, deliverAt)). */
async function idsDue(db: Db | Tx, status: 'planned' | 'sending', options: DueRemindersOptions): Promise<number[]> {
  const rows = await db.reminderLog.findMany({
    where: { status, deliverAt: { lte: options.now } },
    orderBy: [{ deliverAt: 'asc' }, { id: 'asc' }],
    take: options.limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Ids of planned reminders due at `now`, oldest deliverAt first. */
export const dueReminderIds = (db: Db | Tx, options: DueRemindersOptions) => idsDue(db, 'planned', options);

/**
 * Ids of reminders still "sending" after their attempt's lease ended (markSending): their job was
 * lost (a worker and Redis gone together, or a job failed without a word). Handed out again, the
 * next attempt first looks for a delivery the lost one may have made.
 */
export const lostReminderIds = (db: Db | Tx, options: DueRemindersOptions) => idsDue(db, 'sending', options);
