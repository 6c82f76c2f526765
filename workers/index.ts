// Every processor (and, later, every scheduler) is registered here, in one place. Nothing starts on
// import: main.ts calls startWorkers() for the `workers` role; tests call it with their own prefix.
import { Worker, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import type { Db } from '../src/db.ts';
import type { FileStore } from '../src/domain/files/index.ts';
import type { IngestSettings } from '../src/domain/mail/mail-settings.ts';
import type { ProcessMailHooks } from '../src/domain/mail/process-mail.ts';
import type { QueueName } from '../src/jobs/queues.ts';
import type { Logger } from '../src/logger.ts';
import { mailRoute } from './mail-route.ts';

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
  /** Jobs run at once per worker (default 4). */
  concurrency?: number;
  /** Called when an e-mail lands in triage (the Slack DM to its forwarder); main.ts builds it. */
  onUnmatched?: ProcessMailHooks['onUnmatched'];
};

const PROCESSORS: { [N in QueueName]: (deps: WorkerDeps) => Processor } = {
  'mail-route': mailRoute,
};

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
  const workers = (Object.keys(PROCESSORS) as QueueName[]).map((name) => {
    const worker = new Worker(name, PROCESSORS[name](deps), { connection, prefix: deps.prefix ?? 'bull', concurrency: deps.concurrency ?? 4 });
    worker.on('failed', (job, err) =>
      log.warn({ queue: name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, `${name}: job failed`));
    worker.on('error', (err) => log.error({ queue: name, err: err.message }, `${name}: worker error`));
    return worker;
  });
  log.info({ queues: workers.map((w) => w.name) }, 'workers: started');

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
