// Queues and workers on a real Redis and PostgreSQL: payload validation on enqueue, job ids from
// natural keys, UnrecoverableError for bad input (no retries), the mail-route processor, and a
// close() that keeps its deadline even when a job hangs. Each file uses its own BullMQ prefix.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { InvalidPayloadError, QUEUE_NAMES, createQueues, enqueue, type Queues } from '../../src/jobs/queues.ts';
import { createLogger } from '../../src/logger.ts';
import { checkEvictionPolicy, startWorkers, type WorkersHandle } from '../../workers/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { Redis } from 'ioredis';
import { uid } from '../factories/index.ts';
import { until } from '../helpers/until.ts';

const t = useTestDb();
const logger = createLogger('silent');
const prefix = `kt-workers-${uid()}`;
let queues: Queues;
let store: FileStore;
let dataDir = '';

beforeAll(async () => {
  queues = createQueues(TEST_REDIS_URL, { prefix });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-workers-'));
  store = createFileStore({ dataDir, maxFileBytes: 1024 * 1024 });
});
afterAll(async () => {
  // Every queue the workers touched, schedulers included: nothing of this run stays in the shared Redis.
  for (const name of QUEUE_NAMES) await queues?.get(name).obliterate({ force: true }).catch(() => undefined);
  await queues?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const start = (overrides: { prefix?: string } = {}) =>
  startWorkers({ db: t.db, store, redisUrl: TEST_REDIS_URL, settings: DEFAULT_MAIL_SETTINGS, logger, prefix, concurrency: 2, ...overrides });

async function storedMail() {
  const raw = `From: someone-${uid()}@unknown.example\r\nTo: kontakty@firma.example\r\nSubject: Test ${uid()}\r\nMessage-ID: <${uid()}@unknown.example>\r\n\r\nHello\r\n`;
  return receiveMail(t.db, store, { mailbox: `workers-${uid()}/INBOX`, uidValidity: 1n, uid: 1, raw: Buffer.from(raw) });
}


describe('enqueue', () => {
  it('validates the payload and refuses bad ones before they reach Redis', async () => {
    await expect(enqueue(queues, 'mail-route', { mailMessageId: -1 })).rejects.toBeInstanceOf(InvalidPayloadError);
    await expect(enqueue(queues, 'mail-route', { mailMessageId: 1.5 })).rejects.toThrow(/mailMessageId/);
    await expect(enqueue(queues, 'mail-route', { mailMessageId: 7, extra: true } as never)).rejects.toThrow(/invalid payload/);
    await expect(enqueue(queues, 'mail-route', { mailMessageId: 7, rerun: 'a:b' })).rejects.toThrow(/rerun/);
  });

  it('derives the job id from the natural key: the same message twice is one job', async () => {
    const id = 900_000 + Math.floor(Math.random() * 99_999);
    const first = await enqueue(queues, 'mail-route', { mailMessageId: id });
    const second = await enqueue(queues, 'mail-route', { mailMessageId: id });
    expect(first).toBe(`mail-${id}`);
    expect(second).toBe(first);
    expect(first).not.toContain(':');
    const jobs = (await queues.get('mail-route').getJobs(['waiting', 'delayed', 'active'])).filter((j) => j.id === first);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.opts.attempts).toBe(5);
    expect(jobs[0]!.opts.backoff).toEqual({ type: 'exponential', delay: 2000 });
    // A deliberate re-run is a different natural key.
    expect(await enqueue(queues, 'mail-route', { mailMessageId: id, rerun: 'r1' })).toBe(`mail-${id}-r1`);
    await queues.get('mail-route').remove(first);
    await queues.get('mail-route').remove(`mail-${id}-r1`);
  });
});

describe('workers', () => {
  it('routes a stored message, and fails bad input once with no retries (UnrecoverableError)', async () => {
    const mail = await storedMail();
    const queue = queues.get('mail-route');
    await enqueue(queues, 'mail-route', { mailMessageId: mail.id });
    // Bypassing enqueue's validation, as an old producer or a hand-made job would.
    await queue.add('mail-route', { mailMessageId: 'seven' }, { jobId: `bad-${uid()}`, attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    const missing = await queue.add('mail-route', { mailMessageId: 2_000_000_000 }, { jobId: `missing-${uid()}`, attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    const handle = await start();
    try {
      const row = await until('the message routed', async () => {
        const r = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
        return r.status !== 'received' && r;
      });
      expect(row.status).toBe('rejected'); // unknown forwarder: quarantined
      expect((await queue.getJob(`mail-${mail.id}`))!.returnvalue).toEqual({ status: 'rejected' });

      const failed = await until('two failed jobs', async () => {
        const jobs = (await queue.getFailed()).filter((j) => j.id?.startsWith('bad-') || j.id === missing.id);
        return jobs.length === 2 && jobs;
      });
      for (const job of failed) expect(job.attemptsMade).toBe(1);
      expect(failed.find((j) => j.id!.startsWith('bad-'))!.failedReason).toMatch(/mailMessageId/);
      expect(failed.find((j) => j.id === missing.id)!.failedReason).toMatch(/not found|no such|does not exist/i);
    } finally {
      await handle.close(5000);
    }
  });

  it('close() keeps its deadline while a job hangs', async () => {
    const mail = await storedMail();
    const ownPrefix = `kt-workers-close-${uid()}`;
    const ownQueues = createQueues(TEST_REDIS_URL, { prefix: ownPrefix });
    // Hold the message's row lock, so processMail blocks inside the job.
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM "MailMessage" WHERE id = $1 FOR UPDATE', [mail.id]);
    let handle: WorkersHandle | undefined;
    try {
      handle = await start({ prefix: ownPrefix });
      await enqueue(ownQueues, 'mail-route', { mailMessageId: mail.id });
      await until('the job to be active', async () => (await ownQueues.get('mail-route').getActiveCount()) === 1);
      const started = Date.now();
      const result = await handle.close(400);
      expect(result.timedOut).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
      await handle?.close(1000);
      await ownQueues.get('mail-route').obliterate({ force: true }).catch(() => undefined);
      await ownQueues.close();
    }
  });

  it('closes promptly when idle, and checks that Redis never evicts keys', async () => {
    const handle = await start();
    const started = Date.now();
    expect(await handle.close(5000)).toEqual({ timedOut: false });
    expect(Date.now() - started).toBeLessThan(3000);

    const warnings: string[] = [];
    const spy = { ...logger, warn: (_: unknown, msg?: string) => void warnings.push(String(msg)) } as unknown as typeof logger;
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const policy = await checkEvictionPolicy(redis, spy);
      expect(policy).toBe('noeviction'); // as .ci/run and the README require
      expect(warnings).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
