// reminder-send: delivers one reminder, if it is still wanted. currentReminder decides at sending
// time (cancel, later, send); the delivery adapter posts the Slack DM or sends the e-mail.
//
// Exactly once, with several worker processes and crashes:
// - one job per reminder (job id reminder-<id>), so two scans or two machines add it once;
// - a PostgreSQL advisory lock per reminder, held while it is being delivered: should BullMQ hand
//   the job to a second worker while the first still runs (its lock lapsed: a stall, a Redis
//   outage), the second backs off and retries, and then finds the reminder sent;
// - markSending counts attempts before anything goes out; from the second attempt on, delivery
//   first looks for the DM an earlier attempt may have posted (a worker killed after the post but
//   before markSent) instead of posting again.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Db } from '../src/db.ts';
import { currentReminder } from '../src/domain/reminders/current-reminder.ts';
import { markCancelled, markFailed, markSending, markSent, postpone } from '../src/domain/reminders/record-reminder.ts';
import { isAppError } from '../src/errors.ts';
import { parseJobData } from '../src/jobs/queues.ts';
import { DeliveryConfigError } from '../src/reminders/deliver.ts';
import type { WorkerContext } from './index.ts';

/** Another worker holds the reminder's lock: this attempt waits for the retry (backoff). */
export class ReminderBusyError extends Error {
  constructor(reminderId: number) {
    super(`reminder ${reminderId} is being delivered by another worker`);
    this.name = 'ReminderBusyError';
  }
}

type Outcome =
  | { status: 'sent'; channel: 'slack' | 'email'; attempt: number }
  | { status: 'cancelled'; reason: string }
  | { status: 'skipped' }
  | { status: 'later'; until: Date };

export const reminderSend = (ctx: WorkerContext) => async (job: Job, token?: string) => {
  const { reminderId } = parseJobData('reminder-send', job.data);
  const outcome = await exclusively(ctx.db, reminderId, () => send(ctx, job, reminderId)).catch(async (error: unknown) => {
    const permanent = isPermanent(error);
    // The last attempt, or no point in another: the row says so too (the panel and the log show it).
    // Not while another worker delivers it: that one records the outcome.
    if (!(error instanceof ReminderBusyError) && (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1))) {
      await markFailed(ctx.db, reminderId, error).catch((e: Error) => ctx.logger.error({ reminderId, err: e.message }, 'reminder-send: could not record the failure'));
    }
    throw permanent && !(error instanceof UnrecoverableError) ? new UnrecoverableError((error as Error).message) : error;
  });
  if (outcome.status !== 'later') return outcome;
  // Off work or snoozed: the same job comes back at `until` (a new job under the same id could not
  // be added while this one is kept as completed). The delay follows the injected clock.
  await job.moveToDelayed(Date.now() + Math.max(0, outcome.until.getTime() - ctx.clock().getTime()), token);
  throw new DelayedError();
};

async function send(ctx: WorkerContext, job: Job, reminderId: number): Promise<Outcome> {
  const now = ctx.clock();
  const decision = await currentReminder(ctx.db, reminderId, now);
  if (decision.action === 'cancel') {
    // Already sent, cancelled or failed (a job added again after Redis lost its data): nothing to do.
    const cancelled = await markCancelled(ctx.db, reminderId, decision.reason);
    return cancelled ? { status: 'cancelled', reason: decision.reason } : { status: 'skipped' };
  }
  if (decision.action === 'later') {
    await postpone(ctx.db, reminderId, decision.until);
    return { status: 'later', until: decision.until };
  }
  const claim = await markSending(ctx.db, reminderId, now);
  if (!claim) return { status: 'skipped' };
  // An in-play row records no channel or message yet (markSent takes it out of play), so all a
  // later attempt knows is that an earlier one may have got the message out.
  const previousAttempt = claim.attempts > 1 ? { channel: null, messageRef: null } : null;
  if (previousAttempt) ctx.logger.info({ reminderId, attempt: claim.attempts, jobAttempt: job.attemptsMade + 1 }, 'reminder-send: a later attempt; looking for an earlier delivery first');
  const result = await ctx.deliver(
    { slack: ctx.slack ?? null, mailer: ctx.mailer ?? null, logger: ctx.logger, publicUrl: ctx.publicUrl, now: ctx.clock },
    decision.message,
    { previousAttempt },
  );
  await markSent(ctx.db, reminderId, result, ctx.clock());
  return { status: 'sent', channel: result.channel, attempt: claim.attempts };
}

/**
 * Runs `fn` holding a transaction-scoped advisory lock on the reminder (released on commit, on
 * error, and when a killed worker's connection closes). The transaction only holds the lock: `fn`
 * writes through the client, so markSending is committed before anything is posted.
 */
async function exclusively<T>(db: Db, reminderId: number, fn: () => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('kontakt:reminder-send'), ${reminderId}::int) AS locked`;
    if (!row?.locked) throw new ReminderBusyError(reminderId);
    return fn();
  }, { maxWait: 10_000, timeout: 5 * 60_000 });
}

/** Errors no retry can fix: delivery misconfigured, bad data, an SMTP 5xx answer. */
function isPermanent(error: unknown): boolean {
  if (error instanceof UnrecoverableError || error instanceof DeliveryConfigError) return true;
  if (isAppError(error, 'NOT_FOUND') || isAppError(error, 'VALIDATION')) return true;
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
