// reminder-scan: one tick of the job scheduler. Plans what triggered since the last tick, then
// hands every due reminder to reminder-send. Safe to run twice at once (two machines, a manual
// tick): planning is keyed by the reminder log's unique key and each send job id by the
// reminder's id, so a second run adds nothing.
import type { Job } from 'bullmq';
import { planReminders } from '../src/domain/reminders/plan-reminders.ts';
import { dueReminderIds, lostReminderIds } from '../src/domain/reminders/due-reminders.ts';
import { enqueueMany, JOB_IDS, parseJobData } from '../src/jobs/queues.ts';
import type { WorkerContext } from './index.ts';

/**
 * Due reminders handed over per tick. A backlog larger than this (an outage of hours with a big
 * team) drains over the following ticks.
 */
export const SCAN_LIMIT = 50_000;

export const reminderScan = (ctx: WorkerContext) => async (job: Job) => {
  parseJobData('reminder-scan', job.data);
  const now = ctx.clock();
  const plan = await planReminders(ctx.db, { now });
  const due = await dueReminderIds(ctx.db, { now, limit: SCAN_LIMIT });
  // A lost attempt's job may still sit in Redis as failed or completed, and would keep its id
  // taken: remove it, so the add below queues the reminder again. A job still running is left.
  const lost = await lostReminderIds(ctx.db, { now, limit: SCAN_LIMIT });
  const sends = ctx.queues.get('reminder-send');
  for (const reminderId of lost) {
    const stale = await sends.getJob(JOB_IDS['reminder-send']({ reminderId }));
    const state = stale ? await stale.getState() : null;
    if (stale && (state === 'failed' || state === 'completed')) await stale.remove();
  }
  await enqueueMany(ctx.queues, 'reminder-send', [...due, ...lost].map((reminderId) => ({ reminderId })));
  return { planned: plan.planned, due: due.length, lost: lost.length };
};
