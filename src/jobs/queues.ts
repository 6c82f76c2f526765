// Queue names, one zod payload schema per queue and a typed enqueue(). Nothing here connects on
// import: createQueues() builds the Queue objects (and their Redis connection) when main.ts, the
// CLI or a test asks. Job ids come from natural keys, so a retry, a second reader or a restart that
// enqueues the same thing again finds the existing job instead of adding another.
import { Queue, UnrecoverableError, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** kebab-case queue names. */
export const QUEUE_NAMES = ['mail-route', 'reminder-scan', 'reminder-send'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Lower-case letters, digits and dashes: safe inside a job id (BullMQ forbids ':' in custom ids). */
const idPart = z.string().regex(/^[a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes only');

export const PAYLOAD_SCHEMAS = {
  /** Parse and route one stored MailMessage (processMail). */
  'mail-route': z.object({
    mailMessageId: z.number().int().positive(),
    /** Set for a deliberate second run (reroute from the CLI): it becomes part of the job id. */
    rerun: idPart.optional(),
  }).strict(),
  /**
   * One tick of the reminder scan (planReminders, then a reminder-send job per due reminder).
   * The scheduler's jobs carry {}; `run` names a deliberate extra tick (tests, the CLI).
   */
  'reminder-scan': z.object({ run: idPart.optional() }).strict(),
  /** Deliver one ReminderLog row, if it is still wanted (currentReminder decides at sending time). */
  'reminder-send': z.object({ reminderId: z.number().int().positive() }).strict(),
} satisfies Record<QueueName, z.ZodType>;

export type QueuePayload<N extends QueueName> = z.infer<(typeof PAYLOAD_SCHEMAS)[N]>;

/** The job id of a payload: derived from its natural key, never random. */
export const JOB_IDS: { [N in QueueName]: (payload: QueuePayload<N>) => string } = {
  'mail-route': (p) => (p.rerun ? `mail-${p.mailMessageId}-${p.rerun}` : `mail-${p.mailMessageId}`),
  // The scheduler names its own jobs (per tick); this id is for an extra tick asked for by hand.
  'reminder-scan': (p) => `reminder-scan-${p.run ?? 'now'}`,
  // One job per reminder: however many scans (or worker processes) find it due, it is sent once.
  'reminder-send': (p) => `reminder-${p.reminderId}`,
};

/** The job scheduler that adds a reminder-scan job every REMINDER_SCAN_SECONDS. */
export const REMINDER_SCAN_SCHEDULER = 'reminder-scan';

/**
 * Retries and retention, set once for every queue. Five attempts with exponential backoff
 * (2 s, 4 s, 8 s, 16 s) ride out a database restart; completed jobs are kept a week (so the
 * same job id stays a no-op that long), failed ones a month for `mail-status` and the panel.
 */
export const JOB_DEFAULTS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};

export type QueuesOptions = {
  /** Redis key prefix of BullMQ (default "bull"); tests use their own so runs never meet. */
  prefix?: string;
};

export type Queues = {
  readonly prefix: string;
  get<N extends QueueName>(name: N): Queue;
  close(): Promise<void>;
};

export function createQueues(redisUrl: string, options: QueuesOptions = {}): Queues {
  const prefix = options.prefix ?? 'bull';
  // A producer should fail fast rather than hang a request or the IMAP loop when Redis is down;
  // the caller retries (the reader re-enqueues on its next pass).
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  connection.on('error', () => {}); // reported by the failing command; an unhandled 'error' would crash
  const queues = new Map<QueueName, Queue>();
  return {
    prefix,
    get(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Queue(name, { connection, prefix, defaultJobOptions: JOB_DEFAULTS });
        queue.on('error', () => {});
        queues.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      queues.clear();
      connection.disconnect();
    },
  };
}

export class InvalidPayloadError extends Error {
  constructor(readonly queue: QueueName, readonly issues: string) {
    super(`invalid payload for queue ${queue}: ${issues}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Validates `payload` against the queue's schema; throws InvalidPayloadError. */
export function parsePayload<N extends QueueName>(name: N, payload: unknown): QueuePayload<N> {
  const result = PAYLOAD_SCHEMAS[name].safeParse(payload);
  if (!result.success) throw new InvalidPayloadError(name, result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; '));
  return result.data as QueuePayload<N>;
}

/** parsePayload() for a processor: bad input fails the job at once (UnrecoverableError: no retries). */
export function parseJobData<N extends QueueName>(name: N, data: unknown): QueuePayload<N> {
  try {
    return parsePayload(name, data);
  } catch (error) {
    throw new UnrecoverableError((error as Error).message);
  }
}

/**
 * Adds a job whose id is derived from the payload. Adding the same natural key again while the
 * job exists (waiting, active, completed within retention, failed) is a no-op that returns the
 * same id. Returns the job id.
 */
export async function enqueue<N extends QueueName>(queues: Queues, name: N, payload: QueuePayload<N>): Promise<string> {
  const data = parsePayload(name, payload);
  const jobId = JOB_IDS[name](data);
  const job = await queues.get(name).add(name, data, { jobId });
  return job.id ?? jobId;
}

/**
 * enqueue() for many payloads of one queue in a few round trips (BullMQ addBulk, in chunks). The
 * same job ids as enqueue(), so the same deduplication. Returns the number of payloads offered.
 */
export async function enqueueMany<N extends QueueName>(queues: Queues, name: N, payloads: readonly QueuePayload<N>[], chunk = 1000): Promise<number> {
  const queue = queues.get(name);
  for (let i = 0; i < payloads.length; i += chunk) {
    const jobs = payloads.slice(i, i + chunk).map((payload) => {
      const data = parsePayload(name, payload);
      return { name, data, opts: { ...JOB_DEFAULTS, jobId: JOB_IDS[name](data) } };
    });
    await queue.addBulk(jobs);
  }
  return payloads.length;
}

/** Counts of one queue's jobs by state, as `jobs-status` and the admin page show them. */
export type QueueCounts = { queue: QueueName; waiting: number; active: number; delayed: number; failed: number; completed: number };

/** A failed job as `jobs-status` and the admin page list it. */
export type FailedJob = { queue: QueueName; id: string; name: string; failedAt: Date | null; attempts: number; error: string };

/** What the panel's jobs page reads (main.ts binds it to the queues; tests pass their own). */
export type JobsStatus = {
  counts(): Promise<QueueCounts[]>;
  /** The latest `limit` failed jobs over all queues (or of one), newest first. */
  failed(limit: number, queue?: QueueName): Promise<FailedJob[]>;
};

export function jobsStatus(queues: Queues): JobsStatus {
  return {
    counts: () =>
      Promise.all(QUEUE_NAMES.map(async (queue) => {
        const c = await queues.get(queue).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return { queue, waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
      })),
    async failed(limit, only) {
      if (limit <= 0) return [];
      // The failed set is ordered by finish time, so each queue's first `limit` suffice.
      const perQueue = await Promise.all((only ? [only] : QUEUE_NAMES).map(async (queue) =>
        (await queues.get(queue).getFailed(0, limit - 1)).map((job): FailedJob => ({
          queue, id: job.id ?? '', name: job.name, failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
          attempts: job.attemptsMade, error: job.failedReason ?? '',
        }))));
      return perQueue.flat().sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0)).slice(0, limit);
    },
  };
}

/** enqueue() bound to one set of queues: what adapters (the IMAP reader, the CLI) receive. */
export type Enqueue = (<N extends QueueName>(name: N, payload: QueuePayload<N>) => Promise<string>) & {
  /** enqueueMany() on the same queues, for a producer with a batch at hand (the mail reader). */
  many: <N extends QueueName>(name: N, payloads: readonly QueuePayload<N>[]) => Promise<number>;
};

export const bindEnqueue = (queues: Queues): Enqueue =>
  Object.assign(<N extends QueueName>(name: N, payload: QueuePayload<N>) => enqueue(queues, name, payload), {
    many: <N extends QueueName>(name: N, payloads: readonly QueuePayload<N>[]) => enqueueMany(queues, name, payloads),
  });
