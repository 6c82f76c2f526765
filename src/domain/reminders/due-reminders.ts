// The reminders whose time has come, for the worker to enqueue (one job per id).
import type { Db, Tx } from '../../db.ts';

/** Options of dueReminderIds. */
export type DueRemindersOptions = {
  /** The clock; rows with deliverAt at or before it are due. */
  now: Date;
  /** At most this many ids (the oldest first). */
  limit: number;
};

/** Ids of planned reminders due at `now`, oldest deliverAt first (index ReminderLog(status, deliverAt)). */
export async function dueReminderIds(db: Db | Tx, options: DueRemindersOptions): Promise<number[]> {
  const rows = await db.reminderLog.findMany({
    where: { status: 'planned', deliverAt: { lte: options.now } },
    orderBy: [{ deliverAt: 'asc' }, { id: 'asc' }],
    take: options.limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
