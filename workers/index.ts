// Every processor and scheduler is registered here, in one place. Nothing starts on import:
// main.ts calls startWorkers() for the `workers` role; tests call it with their own prefix.
import { Worker, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import type { Db } from '../src/db.ts';
import type { FileStore } from '../src/domain/files/index.ts';
import type { IngestSettings } from '../src/domain/mail/mail-settings.ts';
import type { ProcessMailHooks } from '../src/domain/mail/process-mail.ts';
import { createQueues, REMINDER_SCAN_SCHEDULER, type QueueName, type Queues } from '../src/jobs/queues.ts';
import type { Logger } from '../src/logger.ts';
import type { Mailer } from '../src/mail/smtp.ts';
import type { SlackApi } from '../src/slack/slack-api.ts';
import { deliverReminder } from '../src/reminders/deliver.ts';
import { mailRoute } from './mail-route.ts';
import { reminderScan } from './reminder-scan.ts';
import { REMINDER_SEND_CONCURRENCY, reminderSend } from './reminder-send.ts';

export type WorkerDeps = {
  db: Db;
  /** The file store mail is read from (the reader's store: same DATA_DIR). */
  store: FileStore;
  redisUrl: string;
  /** Parsing and routing settings for mail-route. */
  settings: IngestSettings;
  logger: Logger;
  /** BullMQ key prefix (default "bull"); must match createQueues(). */
  prefix?: string;
  /** Jobs run at once per worker (default 4); reminder-send runs REMINDER_SEND_CONCURRENCY (its batches). */
  concurrency?: number;
  /**
   * Called by mail-route for an e-mail left in triage (processMail's hook); main.ts passes the
   * Slack triage DM (src/slack/triage-dm.ts triageHook) when Slack is configured. Workers import
   * nothing from Bolt: their only Slack piece is the SlackApi type of the reminder DMs.
   */
  onUnmatched?: ProcessMailHooks['onUnmatched'];
  /** Reminders by Slack DM (null or absent: e-mail only). main.ts builds it from SLACK_BOT_TOKEN. */
  slack?: SlackApi | null;
  /** Reminders by e-mail (null or absent: Slack only). main.ts builds it from SMTP_URL. */
  mailer?: Mailer | null;
  /** The panel's address, for the links in reminders (default http://localhost:3000). */
  publicUrl?: string;
  /** Interval of the reminder scan in ms (default 60 s, REMINDER_SCAN_SECONDS). */
  reminderScanMs?: number;
  /** "Now" for planning and deciding reminders (default: the system clock); tests inject their own. */
  clock?: () => Date;
  /** The delivery adapter (default deliverReminder); the process tests wrap it to die mid-job. */
  deliver?: typeof deliverReminder;
  /**
   * BullMQ's lock and stall settings (defaults 30 s, 30 s, 1): how soon the job of a worker that
   * died is handed to another. Tests shorten them; in production the defaults are right.
   */
  locks?: { lockDuration?: number; stalledInterval?: number; maxStalledCount?: number };
};

/** What processors get: the deps with the defaults filled in, and the queues to enqueue follow-up jobs on. */
export type WorkerContext = WorkerDeps & {
  queues: Queues;
  clock: () => Date;
  deliver: typeof deliverReminder;
  publicUrl: string;
};

export const DEFAULT_REMINDER_SCAN_MS = 60_000;

const PROCESSORS: { [N in QueueName]: (ctx: WorkerContext) => Processor } = {
  'mail-route': mailRoute,
  'reminder-scan': reminderScan,
  'reminder-send': reminderSend,
};

/**
 * Creates the reminder-scan scheduler, or leaves it as it is: upserting with the same options
 * replaces the pending tick by one at the same time, so every worker process may (and does) call
 * this at start and after each reconnect — a Redis that came back empty gets it back.
 */
export async function upsertSchedulers(queues: Queues, reminderScanMs: number): Promise<void> {
  await queues.get('reminder-scan').upsertJobScheduler(REMINDER_SCAN_SCHEDULER, { every: reminderScanMs }, {
    name: 'reminder-scan',
    data: {},
    // A failed tick is not retried: the next one plans from where the last successful one stopped.
    opts: { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } },
  });
}

export type WorkersHandle = {
  workers: Worker[];
  /**
   * Stops taking jobs and lets running ones finish until `deadlineMs`; then closes by force (the
   * unfinished jobs' locks lapse and another worker picks them up as stalled). Our own deadline,
   * because Worker.close() can wait forever (a hung job, an unreachable Redis).
   */
  close(deadlineMs: number): Promise<{ timedOut: boolean }>;
};

/** Warns unless Redis runs with maxmemory-policy noeviction: an evicted queue key loses jobs. */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy !== 'noeviction') logger.warn({ policy }, 'redis: maxmemory-policy is not noeviction; queued jobs may be evicted under memory pressure');
    return policy;
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'redis: could not read maxmemory-policy (CONFIG disabled?); make sure it is noeviction');
    return null;
  }
}

export async function startWorkers(deps: WorkerDeps): Promise<WorkersHandle> {
  const log = deps.logger.child({ role: 'workers' });
  // Workers need maxRetriesPerRequest: null: their blocking commands must wait out a Redis restart.
  const connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis: connection error'));
  await checkEvictionPolicy(connection, log);
  const prefix = deps.prefix ?? 'bull';
  // The processors' producer side (reminder-scan adds reminder-send jobs) and the scheduler.
  const queues = createQueues(deps.redisUrl, { prefix });
  const ctx: WorkerContext = {
    ...deps, queues, clock: deps.clock ?? (() => new Date()), deliver: deps.deliver ?? deliverReminder, publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  };
  const reminderScanMs = deps.reminderScanMs ?? DEFAULT_REMINDER_SCAN_MS;
  // Not fatal: with Redis unreachable at start, the 'ready' below upserts once it answers.
  await upsertSchedulers(queues, reminderScanMs).catch((err: Error) => log.warn({ err: err.message }, 'workers: could not upsert the job schedulers'));
  // After a reconnect Redis may have lost everything (restarted without persistence): put the
  // scheduler back. The next scan then re-enqueues every due reminder; their job ids dedupe.
  const reupsert = () =>
    void upsertSchedulers(queues, reminderScanMs).then(
      () => log.info('workers: job schedulers checked after a Redis reconnect'),
      (err: Error) => log.warn({ err: err.message }, 'workers: could not upsert the job schedulers after a reconnect'),
    );
  connection.on('ready', reupsert);
  const workers = (Object.keys(PROCESSORS) as QueueName[]).map((name) => {
    // reminder-send jobs mostly wait for their batch (reminder-send.ts): two whole batches at once.
    const concurrency = name === 'reminder-send' ? REMINDER_SEND_CONCURRENCY : deps.concurrency ?? 4;
    const worker = new Worker(name, PROCESSORS[name](ctx), { connection, prefix, concurrency, ...deps.locks });
    worker.on('failed', (job, err) =>
      log.warn({ queue: name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, `${name}: job failed`));
    worker.on('error', (err) => log.error({ queue: name, err: err.message }, `${name}: worker error`));
    return worker;
  });
  log.info({ queues: workers.map((w) => w.name), reminderScanMs }, 'workers: started');

  let closing: Promise<{ timedOut: boolean }> | null = null;
  const close = (deadlineMs: number) =>
    (closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const graceful = Promise.allSettled(workers.map((w) => w.close())).then(() => false);
      const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadlineMs))));
      const timedOut = await Promise.race([graceful, deadline]);
      clearTimeout(timer);
      if (timedOut) {
        log.warn({ deadlineMs }, 'workers: jobs still running at the deadline; closing by force');
        // Force-close without waiting long either: it too can hang on an unreachable Redis.
        await Promise.race([Promise.allSettled(workers.map((w) => w.close(true))), new Promise((r) => setTimeout(r, 500))]);
      }
      connection.off('ready', reupsert);
      await Promise.race([queues.close(), new Promise((r) => setTimeout(r, 500))]);
      connection.disconnect();
      log.info({ timedOut }, 'workers: stopped');
      return { timedOut };
    })());
  return { workers, close };
}

/** The `workers` role for main.ts: every processor, closed within `closeDeadlineMs` on stop. */
export async function startWorkersRole(deps: WorkerDeps & { closeDeadlineMs: number }): Promise<{ name: string; stop(): Promise<void> }> {
  const handle = await startWorkers(deps);
  return { name: 'workers', stop: async () => void (await handle.close(deps.closeDeadlineMs)) };
}
