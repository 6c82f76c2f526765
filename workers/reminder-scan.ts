// reminder-scan: one tick of the job scheduler. Plans what triggered since the last tick, then
// hands every due reminder to reminder-send. Safe to run twice at once (two machines, a manual
// tick): planning is keyed by the reminder log's unique key and each send job id by the
// reminder's id, so a second run adds nothing.
import type { Job } from 'bullmq';
import { planReminders } from '../src/domain/reminders/plan-reminders.ts';
import { dueReminderIds } from '../src/domain/reminders/due-reminders.ts';
import { enqueueMany, parseJobData } from '../src/jobs/queues.ts';
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
  await enqueueMany(ctx.queues, 'reminder-send', due.map((reminderId) => ({ reminderId })));
  return { planned: plan.planned, due: due.length };
};
