// Queue names, one zod payload schema per queue and a typed enqueue(). Nothing here connects on
// import: createQueues() builds the Queue objects (and their Redis connection) when main.ts, the
// CLI or a test asks. Job ids come from natural keys, so a retry, a second reader or a restart that
// enqueues the same thing again finds the existing job instead of adding another.
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** kebab-case queue names. */
export const QUEUE_NAMES = ['mail-route'] as const;
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
} satisfies Record<QueueName, z.ZodType>;

export type QueuePayload<N extends QueueName> = z.infer<(typeof PAYLOAD_SCHEMAS)[N]>;

/** The job id of a payload: derived from its natural key, never random. */
export const JOB_IDS: { [N in QueueName]: (payload: QueuePayload<N>) => string } = {
  'mail-route': (p) => (p.rerun ? `mail-${p.mailMessageId}-${p.rerun}` : `mail-${p.mailMessageId}`),
};

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

/** enqueue() bound to one set of queues: what adapters (the IMAP reader, the CLI) receive. */
export type Enqueue = <N extends QueueName>(name: N, payload: QueuePayload<N>) => Promise<string>;

export const bindEnqueue = (queues: Queues): Enqueue => (name, payload) => enqueue(queues, name, payload);
