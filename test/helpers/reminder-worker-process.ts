// A worker process for the reminder process tests and the benchmark: startWorkers() as the
// `workers` role runs it, configured from the environment (the test's database, Redis, BullMQ
// prefix and fake Slack). Test-only hooks live here, never in production code:
//   KILL_AFTER_POST=1    die (SIGKILL) right after the first delivery, before markSent
//   DELIVER_DELAY_MS=n   wait n ms before each delivery (keeps a run in flight long enough to break it)
//   CLOCK_BASE / CLOCK_REAL   the injected clock: CLOCK_BASE (ISO) at real time CLOCK_REAL (ms), running on from there
//   NOOP_QUEUE=name      instead of our workers, a BullMQ Worker with a processor that does nothing
//                        on that queue (the benchmark's baseline; same prefix, Redis and CONCURRENCY)
//   NOOP_POST=1          with NOOP_QUEUE: the processor posts one DM to SLACK_API_URL and nothing else
//                        (the benchmark's floor for one DM per job)
// Prints "DELIVERED <reminderId>" per delivery and logs as JSON (pino) on stdout.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createDb } from '../../src/db.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { createLogger } from '../../src/logger.ts';
import { deliverReminder } from '../../src/reminders/deliver.ts';
import { createSlackApi } from '../../src/slack/slack-api.ts';
import { startWorkers } from '../../workers/index.ts';
import { BOT_TOKEN } from './fake-slack.ts';

const env = process.env;
const need = (name: string) => {
  const value = env[name];
  if (!value) throw new Error(`reminder-worker-process: ${name} is required`);
  return value;
};
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);

const logger = createLogger(env.LOG_LEVEL ?? 'info', `worker-${process.pid}`);
const db = createDb(need('DATABASE_URL'), { max: num('DB_POOL', 10) });
const base = env.CLOCK_BASE ? new Date(env.CLOCK_BASE).getTime() : null;
const real = num('CLOCK_REAL', Date.now());
const clock = () => (base === null ? new Date() : new Date(base + (Date.now() - real)));
const killAfterPost = env.KILL_AFTER_POST === '1';
const delayMs = num('DELIVER_DELAY_MS', 0);

const deliver: typeof deliverReminder = async (deps, message, options) => {
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  const result = await deliverReminder(deps, message, options);
  process.stdout.write(`DELIVERED ${message.reminderId}\n`);
  if (killAfterPost) process.kill(process.pid, 'SIGKILL');
  return result;
};

if (env.NOOP_QUEUE) await noopWorker(env.NOOP_QUEUE);

async function noopWorker(queue: string): Promise<never> {
  const connection = new Redis(need('REDIS_URL'), { maxRetriesPerRequest: null });
  const slack = env.NOOP_POST ? createSlackApi({ token: BOT_TOKEN, apiUrl: need('SLACK_API_URL') }) : null;
  const processor = slack ? async () => slack.call('chat.postMessage', { channel: 'UFLOOR', text: 'floor' }) : async () => null;
  const worker = new Worker(queue, processor, { connection, prefix: need('PREFIX'), concurrency: num('CONCURRENCY', 4) });
  await worker.waitUntilReady();
  logger.info({ queue }, 'workers: started (no-op)');
  const stopNoop = async () => {
    await worker.close();
    connection.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stopNoop());
  return new Promise<never>(() => {});
}

const handle = await startWorkers({
  db,
  store: createFileStore({ dataDir: env.DATA_DIR ?? '/tmp/kontakt-reminder-worker', maxFileBytes: 1024 * 1024 }),
  redisUrl: need('REDIS_URL'),
  settings: DEFAULT_MAIL_SETTINGS,
  logger,
  prefix: need('PREFIX'),
  concurrency: num('CONCURRENCY', 4),
  slack: createSlackApi({ token: BOT_TOKEN, apiUrl: need('SLACK_API_URL') }),
  mailer: null,
  publicUrl: 'http://localhost:3000',
  reminderScanMs: num('SCAN_MS', 1000),
  clock,
  deliver,
  locks: env.LOCK_MS ? { lockDuration: num('LOCK_MS', 30_000), stalledInterval: num('STALLED_MS', 30_000) } : undefined,
});

const stop = async () => {
  await handle.close(5000);
  await db.$disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
