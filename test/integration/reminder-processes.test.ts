// Reminder delivery with REAL worker processes (test/helpers/reminder-worker-process.ts) on a real
// PostgreSQL and Redis, Slack faked in this process: two workers in parallel deliver each
// reminder once; a worker killed between the Slack post and markSent leaves a job that another
// worker recovers without posting again; a Redis killed mid-run and started again empty on the
// same port still ends with each reminder delivered once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, QUEUE_NAMES, REMINDER_SCAN_SCHEDULER } from '../../src/jobs/queues.ts';
import { uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.ts';
import { freePort, waitForLine } from '../helpers/process.ts';
import { until } from '../helpers/until.ts';

const t = useTestDb();
const root = path.resolve(import.meta.dirname, '../..');
/** The workers' injected clock: this instant at CLOCK_REAL, running on from there. */
const CLOCK_BASE = '2027-03-24T11:00:00.000Z';
const CLOCK_REAL = String(Date.now());
const ALL_WEEK = JSON.stringify({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' });

let fake: FakeSlack;
type Worker = { child: ChildProcess; output: string[]; exited: Promise<{ code: number | null; signal: string | null }>; delivered: () => number[] };
const running: Worker[] = [];
const redisServers: ChildProcess[] = [];
/** BullMQ prefixes used on the shared Redis, removed at the end. */
const prefixes: string[] = [];
const newPrefix = () => {
  const prefix = `kt-rp-${uid()}`;
  prefixes.push(prefix);
  return prefix;
};

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(async (w) => {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await w.exited;
  }));
  for (const r of redisServers.splice(0)) r.kill('SIGKILL');
});
afterAll(async () => {
  await fake?.close();
  for (const prefix of prefixes) {
    const queues = createQueues(TEST_REDIS_URL, { prefix });
    await queues.get('reminder-scan').removeJobScheduler(REMINDER_SCAN_SCHEDULER).catch(() => undefined);
    for (const name of QUEUE_NAMES) await queues.get(name).obliterate({ force: true }).catch(() => undefined);
    await queues.close();
  }
});

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/reminder-worker-process.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_URL: t.url, REDIS_URL: TEST_REDIS_URL, SLACK_API_URL: fake.apiUrl, CLOCK_BASE, CLOCK_REAL, SCAN_MS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const worker = { child, output, exited, delivered: () => [...output.join('').matchAll(/^DELIVERED (\d+)$/gm)].map((m) => Number(m[1])) };
  running.push(worker);
  return worker;
}

const started = (w: Worker) => waitForLine(w.child, w.output, /workers: started/, 30_000);


/**
 * `count` due reminders ("1 h before", deadline 30 min after the clock) for open contacts of
 * `employees` new employees with Slack ids, working all week. Returns the reminder ids.
 */
async function seed(count: number, employees = 10): Promise<number[]> {
  const tag = uid();
  await t.db.$executeRawUnsafe(`
    INSERT INTO "Employee" (name, email, "slackUserId", "workingHours", "updatedAt")
    SELECT 'Employee ${tag} ' || g, 'e${tag}-' || g || '@kontakt.test', 'U${tag.toUpperCase()}' || g, '${ALL_WEEK}'::jsonb, now()
    FROM generate_series(1, ${employees}) g`);
  await t.db.$executeRawUnsafe(`INSERT INTO "Company" (name, code, "updatedAt") VALUES ('Company ${tag}', 'C${tag}', now())`);
  await t.db.$executeRawUnsafe(`
    INSERT INTO "Contact" (number, "companyId", "ownerId", "dueAt", title, "updatedAt")
    SELECT 'T/${tag}/' || g, (SELECT id FROM "Company" WHERE code = 'C${tag}'),
      (SELECT id FROM "Employee" WHERE email = 'e${tag}-' || (1 + g % ${employees}) || '@kontakt.test'),
      $1::timestamptz + interval '30 minutes', 'Contact ${tag} ' || g, now()
    FROM generate_series(1, ${count}) g`, CLOCK_BASE);
  const rows = await t.db.$queryRawUnsafe<{ id: number }[]>(`
    INSERT INTO "ReminderLog" (key, rule, "contactId", "recipientId", deadline, occurrence, "deliverAt")
    SELECT 'due_soon|contact:' || c.id || '|' || to_char(c."dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || c."ownerId" || '|1h',
      'due_soon', c.id, c."ownerId", c."dueAt", '1h', $1::timestamptz - interval '1 minute'
    FROM "Contact" c WHERE c.number LIKE 'T/${tag}/%'
    RETURNING id`, CLOCK_BASE);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Successful chat.postMessage calls per reminder id (by the DM's metadata). */
function postsById(ids: number[]): Map<number, number> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const body of fake.callsTo('chat.postMessage')) {
    const id = Number(body.metadata?.event_payload?.reminder_id);
    if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
  }
  return counts;
}

const notOnce = (ids: number[]) => [...postsById(ids)].filter(([, n]) => n !== 1);

async function statuses(ids: number[]): Promise<Record<string, number>> {
  const rows = await t.db.reminderLog.groupBy({ by: ['status'], where: { id: { in: ids } }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

const allSent = (ids: number[]) => async () => (await statuses(ids)).sent === ids.length;

/**
 * conversations.history as Slack answers it: the DMs posted to that user, newest first, with
 * their metadata (the fake answers {ok:true} with no messages otherwise).
 */
function serveHistory(times = 200) {
  for (let i = 0; i < times; i++) {
    fake.answerNext('conversations.history', (body) => {
      const user = `U${String(body.channel).replace(/^D/, '')}`;
      const messages = fake.callsTo('chat.postMessage').map((m, n) => ({ m, ts: `1800000000.${String(n).padStart(6, '0')}` }))
        .filter(({ m }) => m.channel === user).reverse()
        .map(({ m, ts }) => ({ type: 'message', ts, text: m.text, metadata: m.metadata }));
      return { ok: true, messages };
    });
  }
}

describe('reminder worker processes', () => {
  it('two processes in parallel over the same reminders: each DM exactly once, every row sent', async () => {
    const prefix = newPrefix();
    const a = startWorker({ PREFIX: prefix, CONCURRENCY: '4', DELIVER_DELAY_MS: '5' });
    const b = startWorker({ PREFIX: prefix, CONCURRENCY: '4', DELIVER_DELAY_MS: '5' });
    await Promise.all([started(a), started(b)]);
    // Both are idle on the queue when the next tick (every second) finds the reminders due.
    const ids = await seed(200);
    await until('all 200 sent', allSent(ids), 30_000);
    expect(notOnce(ids)).toEqual([]);
    // Both processes took part, and no reminder was delivered by both.
    const [byA, byB] = [a.delivered(), b.delivered()];
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.length + byB.length).toBe(200);
    expect(new Set([...byA, ...byB]).size).toBe(200);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('a worker killed after the Slack post but before markSent: another picks up the stalled job and does not post again', async () => {
    const prefix = newPrefix();
    const ids = await seed(3, 3);
    serveHistory();
    const locks = { LOCK_MS: '2000', STALLED_MS: '1000' };
    const doomed = startWorker({ PREFIX: prefix, CONCURRENCY: '1', KILL_AFTER_POST: '1', ...locks });
    expect(await doomed.exited, doomed.output.join('')).toEqual({ code: null, signal: 'SIGKILL' });
    const [killed] = doomed.delivered();
    expect(ids).toContain(killed);
    // It died between the post and markSent: the row still says sending.
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: killed! } })).toMatchObject({ status: 'sending', attempts: 1, messageRef: null });
    expect(postsById([killed!]).get(killed!)).toBe(1);

    const rescuer = startWorker({ PREFIX: prefix, CONCURRENCY: '2', ...locks });
    await until('all 3 sent', allSent(ids), 30_000);
    expect(notOnce(ids)).toEqual([]);
    const row = await t.db.reminderLog.findUniqueOrThrow({ where: { id: killed! } });
    expect(row.attempts).toBe(2);
    // The earlier DM was found (conversations.history) and recorded, not posted again.
    expect(row.messageRef).toMatch(/^D\w+\/1800000000\.\d{6}$/);
    expect(rescuer.delivered()).toContain(killed);
    rescuer.child.kill('SIGTERM');
    expect((await rescuer.exited).code).toBe(0);
  }, 60_000);

  it('Redis killed mid-run and started again empty on the same port: every reminder still delivered once', async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    await startRedis(port);
    const prefix = `kt-rp-${uid()}`;
    // Slow deliveries: a send worker delivers 16 of a batch at once, so with 30 ms all 300 could be
    // out before Redis is killed.
    const env = { PREFIX: prefix, REDIS_URL: redisUrl, CONCURRENCY: '4', DELIVER_DELAY_MS: '300' };
    const a = startWorker(env);
    const b = startWorker(env);
    await Promise.all([started(a), started(b)]);
    serveHistory();
    const ids = await seed(300);

    await until('a fifth delivered', () => [...postsById(ids).values()].filter((n) => n > 0).length >= 60, 30_000);
    const redis = redisServers.pop()!;
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    const sentWhileDown = (await statuses(ids)).sent ?? 0;
    expect(sentWhileDown).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 1000));
    await startRedis(port);

    await until('all 300 sent', allSent(ids), 40_000);
    expect(notOnce(ids)).toEqual([]);
    // The workers noticed the empty Redis and put the scheduler back.
    for (const w of [a, b]) expect(w.output.join('')).toContain('job schedulers checked after a Redis reconnect');
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect((await a.exited).code).toBe(0);
    expect((await b.exited).code).toBe(0);
  }, 60_000);
});

/** A Redis of this test's own (never the shared one), no persistence: a restart loses everything. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  server.stdout!.on('data', (d) => output.push(String(d)));
  server.stderr!.on('data', (d) => output.push(String(d)));
  redisServers.push(server);
  await waitForLine(server, output, /Ready to accept connections/, 10_000);
  return server;
}
