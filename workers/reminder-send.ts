// reminder-send: delivers reminders that are still wanted. currentReminders decides at sending
// time (cancel, later, send); the delivery adapter posts the Slack DM or sends the e-mail.
//
// One job per reminder, handled in batches: the jobs a worker runs at once (its concurrency) are
// gathered for a few milliseconds (microBatch) and decided, claimed and recorded together — one
// statement each for the whole batch instead of one per reminder. Each job still gets its own
// outcome, retry and failure.
//
// Exactly once, with several worker processes and crashes:
// - one job per reminder (job id reminder-<id>), so two scans or two machines add it once;
// - a PostgreSQL advisory lock per reminder, held while it is being delivered: should BullMQ hand
//   the job to a second worker while the first still runs (its lock lapsed: a stall, a Redis
//   outage), the second backs off and retries, and then finds the reminder sent;
// - markSendingMany counts attempts before anything goes out; from the second attempt on,
//   delivery first looks for the DM an earlier attempt may have posted (a worker killed after the
//   post but before markSentMany) instead of posting again.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { currentReminders } from '../src/domain/reminders/current-reminder.ts';
import { markCancelled, markFailed, markSendingMany, markSentMany, postpone } from '../src/domain/reminders/record-reminder.ts';
import type { DeliveryResult, ReminderMessage } from '../src/domain/reminders/reminder-types.ts';
import { isAppError } from '../src/errors.ts';
import { microBatch, type BatchResults } from '../src/jobs/micro-batch.ts';
import { parseJobData } from '../src/jobs/queues.ts';
import { DeliveryConfigError } from '../src/reminders/deliver.ts';
import type { WorkerContext } from './index.ts';

/** Reminders decided and recorded together: at most this many, gathered for at most BATCH_WAIT_MS. */
const BATCH_SIZE = 50;
const BATCH_WAIT_MS = 5;
/** reminder-send jobs at once per worker process: two batches (one gathering while one is delivered). */
export const REMINDER_SEND_CONCURRENCY = 2 * BATCH_SIZE;
/** Deliveries of one batch in flight at once (an SMTP server may refuse many connections). */
const DELIVERIES_AT_ONCE = 16;

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

export const reminderSend = (ctx: WorkerContext) => {
  const send = microBatch((ids: number[]) => sendBatch(ctx, ids), { maxSize: BATCH_SIZE, maxWaitMs: BATCH_WAIT_MS });
  return async (job: Job, token?: string) => {
    const { reminderId } = parseJobData('reminder-send', job.data);
    const outcome = await send(reminderId).catch(async (error: unknown) => {
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
};

const fulfilled = (value: Outcome): PromiseSettledResult<Outcome> => ({ status: 'fulfilled', value });
const rejected = (reason: unknown): PromiseSettledResult<Outcome> => ({ status: 'rejected', reason });

/**
 * Delivers a batch of reminders, each under its advisory lock (transaction-scoped: released on
 * commit, on error, and when a killed worker's connection closes). The transaction only holds the
 * locks: the rest writes through the client, so markSendingMany is committed before anything is posted.
 */
async function sendBatch(ctx: WorkerContext, ids: number[]): Promise<BatchResults<number, Outcome>> {
  return ctx.db.$transaction(async (tx) => {
    const locks = await tx.$queryRaw<{ id: number; locked: boolean }[]>`
      SELECT id, pg_try_advisory_xact_lock(hashtext('kontakt:reminder-send'), id) AS locked FROM unnest(${ids}::int[]) AS id`;
    const results: BatchResults<number, Outcome> = new Map();
    for (const { id, locked } of locks) if (!locked) results.set(id, rejected(new ReminderBusyError(id)));
    await sendLocked(ctx, locks.filter((l) => l.locked).map((l) => l.id), results);
    return results;
  }, { maxWait: 10_000, timeout: 5 * 60_000 });
}

async function sendLocked(ctx: WorkerContext, ids: number[], results: BatchResults<number, Outcome>): Promise<void> {
  const now = ctx.clock();
  const settle = async (id: number, outcome: Promise<Outcome>) => {
    results.set(id, await outcome.then(fulfilled, rejected));
  };
  const toSend: { id: number; message: ReminderMessage }[] = [];
  const updates: Promise<void>[] = [];
  for (const [id, decision] of await currentReminders(ctx.db, ids, now)) {
    if (decision.action === 'send') toSend.push({ id, message: decision.message });
    // Already sent, cancelled or failed (a job added again after Redis lost its data): nothing to do.
    else if (decision.action === 'cancel') updates.push(settle(id, markCancelled(ctx.db, id, decision.reason).then((cancelled) => (cancelled ? { status: 'cancelled', reason: decision.reason } : { status: 'skipped' }))));
    else updates.push(settle(id, postpone(ctx.db, id, decision.until).then(() => ({ status: 'later', until: decision.until }))));
  }
  await Promise.all(updates);

  const attempts = await markSendingMany(ctx.db, toSend.map((s) => s.id), now);
  const deps = { slack: ctx.slack ?? null, mailer: ctx.mailer ?? null, logger: ctx.logger, publicUrl: ctx.publicUrl, now: ctx.clock };
  const delivered: { id: number; result: DeliveryResult; attempt: number }[] = [];
  await inParallel(toSend, DELIVERIES_AT_ONCE, async ({ id, message }) => {
    const attempt = attempts.get(id);
    if (attempt === undefined) return void results.set(id, fulfilled({ status: 'skipped' }));
    // An in-play row records no channel or message yet (markSentMany takes it out of play), so all
    // a later attempt knows is that an earlier one may have got the message out.
    const previousAttempt = attempt > 1 ? { channel: null, messageRef: null } : null;
    if (previousAttempt) ctx.logger.info({ reminderId: id, attempt }, 'reminder-send: a later attempt; looking for an earlier delivery first');
    try {
      delivered.push({ id, result: await ctx.deliver(deps, message, { previousAttempt }), attempt });
    } catch (error) {
      results.set(id, rejected(error));
    }
  });
  await markSentMany(ctx.db, delivered, ctx.clock());
  for (const { id, result, attempt } of delivered) results.set(id, fulfilled({ status: 'sent', channel: result.channel, attempt }));
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Errors no retry can fix: delivery misconfigured, bad data, an SMTP 5xx answer. */
function isPermanent(error: unknown): boolean {
  if (error instanceof UnrecoverableError || error instanceof DeliveryConfigError) return true;
  if (isAppError(error, 'NOT_FOUND') || isAppError(error, 'VALIDATION')) return true;
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
