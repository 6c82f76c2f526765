// The reminder benchmark (issue 6, "Benchmark"): 1,000,000 contacts, 20,000 of them due within
// the next hour, owned by 200 employees with Slack ids who work around the clock (so deferral to
// working hours does not interfere). Measured:
//   1. one scan tick's database time: planReminders, the first tick after scannedUntil = now − 1 h
//      (it plans the 20,000 "1 h before" reminders), and dueReminderIds over them;
//   2. the time from a scan job until all 20,000 DMs reached the fake Slack, with 2 worker
//      processes (test/helpers/reminder-worker-process.ts, the real startWorkers), each reminder
//      checked to have arrived exactly once and its row to say sent;
//   3. on the same Redis, in the same run, 2 processes of a no-op BullMQ worker (same concurrency)
//      working off 20,000 trivial jobs added the same way: ours should reach half its rate;
//   4. for information, the floor of one DM per job: the same no-op worker whose processor only
//      posts one chat.postMessage to the fake Slack (no database, no decision, no record).
// "Now" is an injected clock (a Wednesday, 12:00 in Warsaw, running on in real time), so the
// figures do not depend on the hour the benchmark runs at (no working-day morning or digest falls
// in the scanned window). Runs against its own database (kontakt_bench_reminders, from the
// migrations, dropped afterwards) and its own BullMQ prefix.
// For work on it: BENCH_REMINDER_CONTACTS=n generates fewer contacts (the 20,000 due stay);
// BENCH_CPU_PROF=<dir> writes a CPU profile of each worker process there.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createDb } from '../../src/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { dueReminderIds } from '../../src/domain/reminders/due-reminders.ts';
import { planReminders } from '../../src/domain/reminders/plan-reminders.ts';
import { createQueues, enqueue, JOB_DEFAULTS, QUEUE_NAMES, REMINDER_SCAN_SCHEDULER } from '../../src/jobs/queues.ts';
import { startFakeSlack } from '../helpers/fake-slack.ts';
import { waitForLine } from '../helpers/process.ts';
import { dropBenchDatabase } from './bench-env.ts';
import { explainCall, type Plan } from './explain.ts';
import type { Summary } from './stats.ts';
import { setScanPosition } from '../helpers/reminders.ts';
import { REMINDER_SEND_CONCURRENCY } from '../../workers/reminder-send.ts';

export const REMINDER_TARGETS = { scanTickMs: 200, shareOfNoop: 0.5 } as const;
const DATABASE = 'kontakt_bench_reminders';
const CONTACTS = Number(process.env.BENCH_REMINDER_CONTACTS ?? 1_000_000);
const DUE = 20_000;
const EMPLOYEES = 200;
const COMPANIES = 10_000;
const WORKERS = 2;
/** Jobs at once per worker process, ours (reminder-send) and the no-op's alike. */
const CONCURRENCY = REMINDER_SEND_CONCURRENCY;
const CLOCK_BASE = '2027-03-24T11:00:00.000Z';
const TIMEOUT_MS = 10 * 60_000;
const root = path.resolve(import.meta.dirname, '../..');

export type ReminderRow = { name: string; summary: Summary; throughput?: number; target: string; pass: boolean | null; note?: string };
/** The measured tick's statements under EXPLAIN ANALYZE, when it missed its target. */
export type TickDiagnosis = { measurement: string; call: string; runMs: number; plans: Plan[]; error: string | null };
export type ReminderBenchResult = { rows: ReminderRow[]; details: Record<string, unknown>; diagnosis: TickDiagnosis | null };

const single = (ms: number): Summary => ({ count: 1, p50: ms, p95: ms, p99: ms, max: ms, mean: ms });
const none = (count = 0): Summary => ({ count, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN });

export async function benchReminders(options: { serverUrl: string; redisUrl: string; log: (m: string) => void }): Promise<ReminderBenchResult> {
  const { log } = options;
  const url = new URL(options.serverUrl);
  url.pathname = `/${DATABASE}`;
  const dbUrl = url.toString();
  log(`reminders: fresh database ${DATABASE} from the migrations …`);
  await dropBenchDatabase(dbUrl);
  await migrate(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const db = createDb(dbUrl);
  const prefix = `kt-bench-rem-${process.pid}-${Date.now()}`;
  const queues = createQueues(options.redisUrl, { prefix });
  const fake = await startFakeSlack();
  const children: ChildProcess[] = [];
  try {
    const generateStart = performance.now();
    await generate(pool, log);
    const generateMs = performance.now() - generateStart;

    // The clock every process shares: CLOCK_BASE now, running on.
    const clockReal = Date.now();
    const clock = () => new Date(new Date(CLOCK_BASE).getTime() + (Date.now() - clockReal));
    // Park the scan state ahead of the clock: the workers' first tick (at their start) plans nothing.
    await setScanPosition(db, new Date(clock().getTime() + 3_600_000));
    const workerEnv = {
      PATH: process.env.PATH ?? '', DATABASE_URL: dbUrl, REDIS_URL: options.redisUrl, PREFIX: prefix, SLACK_API_URL: fake.apiUrl,
      CLOCK_BASE, CLOCK_REAL: String(clockReal), CONCURRENCY: String(CONCURRENCY), DB_POOL: '10', SCAN_MS: '3600000', LOG_LEVEL: 'info',
    };

    // 3. The baseline first: a no-op worker on the same Redis, 20,000 jobs added like ours.
    log(`reminders: no-op BullMQ baseline, ${DUE.toLocaleString('en')} jobs, ${WORKERS} processes × concurrency ${CONCURRENCY} …`);
    const noopQueue = `${prefix}-noop`;
    const noopChildren = await Promise.all(Array.from({ length: WORKERS }, () => startChild({ ...workerEnv, NOOP_QUEUE: 'bench-noop', PREFIX: noopQueue }, children)));
    const noopCpuBefore = cpuMs(noopChildren);
    const noop = await runNoop(options.redisUrl, noopQueue);
    const noopCpuPerJob = (cpuMs(noopChildren) - noopCpuBefore) / DUE;
    await Promise.all(noopChildren.map(stopChild));
    log(`reminders: no-op ${noop.perSecond.toFixed(0)} jobs/s (${noop.ms.toFixed(0)} ms; ${noopCpuPerJob.toFixed(3)} ms of worker CPU a job)`);

    // Our workers, started while nothing is due (the scan state is still parked ahead): their
    // first tick, at start, finds nothing; the measured run starts with the scan job below.
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => startChild(workerEnv, children)));
    const scans = queues.get('reminder-scan');
    for (const begun = Date.now(); (await scans.getCompletedCount()) + (await scans.getFailedCount()) < 1;) {
      if (Date.now() - begun > 60_000) throw new Error('reminders: the workers\' first scan tick did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }

    // 1a. A regular tick: the scan runs every REMINDER_SCAN_SECONDS (60 s), so it plans what
    // triggered in the last minute (about 1/60 of the 20,000). Its rows are removed again.
    log('reminders: one regular scan tick (planReminders over the last 60 s) …');
    await setScanPosition(db, new Date(clock().getTime() - 60_000));
    let regular: Awaited<ReturnType<typeof planReminders>> | null = null;
    const regularExplained = await explainCall(dbUrl, async (d) => (regular = await planReminders(d, { now: clock() })));
    if (!regular || regularExplained.error) throw new Error(`reminders: planReminders failed: ${regularExplained.error}`);
    const regularPlanned = (regular as { planned: number }).planned;
    const regularDbMs = regularExplained.plans.reduce((sum, p) => sum + p.ms, 0);
    await pool.query('DELETE FROM "ReminderLog"');
    log(`reminders: regular tick planned ${regularPlanned} (${regularDbMs.toFixed(0)} ms in PostgreSQL)`);

    // 1b. A catch-up tick: planReminders over the last hour (the scan was down for an hour), then the due ids. The tick runs on a
    // connection with auto_explain, so each statement's time in PostgreSQL comes back with it:
    // their sum is the tick's database time (the rest of the wall time is planning in JavaScript).
    log('reminders: one scan tick (planReminders over the last hour, then dueReminderIds) …');
    await setScanPosition(db, new Date(clock().getTime() - 3_600_000));
    const tickAt = clock();
    let plan: Awaited<ReturnType<typeof planReminders>> | null = null;
    const planStart = performance.now();
    const explained = await explainCall(dbUrl, async (d) => (plan = await planReminders(d, { now: tickAt })));
    const planMs = performance.now() - planStart;
    if (!plan || explained.error) throw new Error(`reminders: planReminders failed: ${explained.error}`);
    const planned = (plan as { planned: number }).planned;
    const planDbMs = explained.plans.reduce((sum, p) => sum + p.ms, 0);
    const dueStart = performance.now();
    const due = await dueReminderIds(db, { now: clock(), limit: 50_000 });
    const dueMs = performance.now() - dueStart;
    log(`reminders: planned ${planned} in ${planMs.toFixed(0)} ms (${planDbMs.toFixed(0)} ms in PostgreSQL); ${due.length} due ids in ${dueMs.toFixed(0)} ms`);
    const diagnosis: TickDiagnosis | null = planDbMs >= REMINDER_TARGETS.scanTickMs
      ? { measurement: 'reminders: one scan tick', call: `planReminders(db, { now: ${tickAt.toISOString()} }) over the last hour`, runMs: planMs, ...explained }
      : null;

    // 2. Delivery with 2 worker processes: from a scan job to the last DM at the fake Slack.
    log(`reminders: delivering ${due.length.toLocaleString('en')} with ${WORKERS} worker processes × concurrency ${CONCURRENCY} …`);
    // Counted incrementally: rescanning a growing list every 20 ms would take CPU from the workers.
    let seen = 0;
    let posted = 0;
    const posts = () => {
      for (; seen < fake.calls.length; seen++) if (fake.calls[seen]!.method === 'chat.postMessage') posted++;
      return posted;
    };
    const postsBefore = posts();
    const workerCpuBefore = cpuMs(workers);
    const deliverStart = performance.now();
    await enqueue(queues, 'reminder-scan', { run: 'bench' });
    let firstMs: number | null = null;
    while (posts() - postsBefore < due.length) {
      if (firstMs === null && posts() > postsBefore) firstMs = performance.now() - deliverStart;
      if (performance.now() - deliverStart > TIMEOUT_MS) throw new Error(`reminders: only ${posts() - postsBefore} of ${due.length} delivered after ${TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const deliverMs = performance.now() - deliverStart;
    const perSecond = due.length / (deliverMs / 1000);
    // Rows are marked sent right after their post: give the last ones a moment.
    const statuses = await settledStatuses(pool, due.length);
    const workerCpuPerReminder = (cpuMs(workers) - workerCpuBefore) / due.length;
    await Promise.all(workers.map(stopChild));
    const check = exactlyOnce(fake.callsTo('chat.postMessage'), due);
    log(`reminders: delivered in ${deliverMs.toFixed(0)} ms (${perSecond.toFixed(0)}/s; ${workerCpuPerReminder.toFixed(3)} ms of worker CPU a reminder); ${check.summary}`);

    // 4. The floor for one DM per job: the no-op worker posting one DM per job, nothing else.
    log(`reminders: floor — no-op worker posting one DM per job, ${DUE.toLocaleString('en')} jobs …`);
    const floorQueue = `${prefix}-floor`;
    const floorChildren = await Promise.all(Array.from({ length: WORKERS }, () => startChild({ ...workerEnv, NOOP_QUEUE: 'bench-noop', NOOP_POST: '1', PREFIX: floorQueue }, children)));
    const floorCpuBefore = cpuMs(floorChildren);
    const floor = await runNoop(options.redisUrl, floorQueue);
    const floorCpuPerJob = (cpuMs(floorChildren) - floorCpuBefore) / DUE;
    await Promise.all(floorChildren.map(stopChild));
    log(`reminders: floor ${floor.perSecond.toFixed(0)} jobs/s (${floorCpuPerJob.toFixed(3)} ms of worker CPU a job)`);

    const share = perSecond / noop.perSecond;
    const rows: ReminderRow[] = [
      {
        name: `reminders: one regular scan tick (60 s window) over ${CONTACTS.toLocaleString('en')} contacts, database time`, summary: single(regularDbMs),
        target: `< ${REMINDER_TARGETS.scanTickMs} ms`, pass: regularDbMs < REMINDER_TARGETS.scanTickMs && regularPlanned > 0,
        note: `${regularPlanned.toLocaleString('en')} planned; ${regularExplained.plans.length} statements`,
      },
      {
        name: `reminders: catch-up tick after an hour's outage (all 20,000 at once), database time`, summary: single(planDbMs),
        target: `< ${REMINDER_TARGETS.scanTickMs} ms`, pass: planDbMs < REMINDER_TARGETS.scanTickMs && planned === DUE,
        note: `${planned.toLocaleString('en')} planned${planned === DUE ? '' : ` (expected ${DUE})`}; ${explained.plans.length} statements, slowest ${explained.plans.slice(0, 2).map((p) => `${p.ms.toFixed(0)} ms ${p.query.replace(/\s+/g, ' ').trim().slice(0, 22)}…`).join(', ')}; planReminders wall time ${planMs.toFixed(0)} ms; dueReminderIds ${dueMs.toFixed(0)} ms`,
      },
      {
        name: `reminders: ${due.length.toLocaleString('en')} delivered by ${WORKERS} worker processes`, summary: single(deliverMs), throughput: perSecond, target: '—', pass: null,
        note: `scan job to last DM ${(deliverMs / 1000).toFixed(1)} s; first DM after ${firstMs === null ? '—' : `${firstMs.toFixed(0)} ms`}; concurrency ${CONCURRENCY}; ${workerCpuPerReminder.toFixed(2)} ms of worker CPU a reminder`,
      },
      { name: `reminders: no-op BullMQ worker, same Redis (${WORKERS} processes)`, summary: single(noop.ms), throughput: noop.perSecond, target: '—', pass: null, note: `${DUE.toLocaleString('en')} jobs; ${noopCpuPerJob.toFixed(2)} ms of worker CPU a job` },
      {
        name: `reminders: floor — the no-op worker posting one DM per job (${WORKERS} processes)`, summary: single(floor.ms), throughput: floor.perSecond, target: '—', pass: null,
        note: `${((floor.perSecond / noop.perSecond) * 100).toFixed(0)}% of the no-op; ${floorCpuPerJob.toFixed(2)} ms of worker CPU a job`,
      },
      {
        name: 'reminders: ours against the no-op worker', summary: none(1), target: `≥ ${REMINDER_TARGETS.shareOfNoop * 100}%`, pass: share >= REMINDER_TARGETS.shareOfNoop,
        note: `${(share * 100).toFixed(0)}%`,
      },
      {
        name: 'reminders: each DM exactly once, every row sent', summary: none(due.length), target: 'exactly once',
        pass: check.problems.length === 0 && statuses.sent === due.length, note: check.problems.length ? check.problems.slice(0, 5).join('; ') : `${check.summary}; rows ${JSON.stringify(statuses)}`,
      },
    ];
    return {
      rows, diagnosis,
      details: {
        database: DATABASE, contacts: CONTACTS, due: DUE, employees: EMPLOYEES, workers: WORKERS, concurrency: CONCURRENCY, generateMs,
        scanTick: { planMs, planDbMs, plan, statements: explained.plans.map((p) => ({ ms: p.ms, query: p.query.replace(/\s+/g, ' ').trim().slice(0, 200) })), dueMs, dueIds: due.length }, delivery: { ms: deliverMs, perSecond, firstMs, statuses, check, workerCpuPerReminder }, noop: { ...noop, cpuPerJob: noopCpuPerJob }, floor: { ...floor, cpuPerJob: floorCpuPerJob }, share,
      },
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await queues.get('reminder-scan').removeJobScheduler(REMINDER_SCAN_SCHEDULER).catch(() => undefined);
    for (const name of QUEUE_NAMES) await queues.get(name).obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await fake.close();
    await db.$disconnect();
    await pool.end();
    await dropBenchDatabase(dbUrl);
  }
}

/**
 * 200 employees (Slack ids, working every day 00:00–23:59), 10,000 companies and 1,000,000
 * contacts in bulk SQL. 20,000 open contacts are due between 10 and 60 minutes after the clock
 * (their "1 h before" warning triggered in the last hour); of the rest 30 % have no deadline and
 * the others are due 2–60 days before or after it (overdue ones included), a fifth of them closed,
 * all last changed months ago: nothing else triggers in the scanned hour.
 */
async function generate(pool: pg.Pool, log: (m: string) => void) {
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const start = performance.now();
    await pool.query(sql, params);
    log(`reminders:   ${what} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  };
  const hours = JSON.stringify({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' });
  await step(`${EMPLOYEES} employees`, `
    INSERT INTO "Employee" (name, email, "slackUserId", "workingHours", locale, "updatedAt")
    SELECT 'Handlowiec ' || g, 'handlowiec' || g || '@bench.test', 'UBENCH' || lpad(g::text, 5, '0'), $1::jsonb,
      (CASE WHEN g % 4 = 0 THEN 'en' ELSE 'pl' END)::"Locale", now()
    FROM generate_series(1, ${EMPLOYEES}) g`, [hours]);
  await step(`${COMPANIES.toLocaleString('en')} companies`, `
    INSERT INTO "Company" (name, code, "updatedAt") SELECT 'Firma ' || g || ' sp. z o.o.', 'RB' || g, now() FROM generate_series(1, ${COMPANIES}) g`);
  await step(`${CONTACTS.toLocaleString('en')} contacts`, `
    INSERT INTO "Contact" (number, "registeredAt", "companyId", "ownerId", "dueAt", priority, status, "closedAt", title, "createdAt", "updatedAt")
    SELECT 'R/' || g, base - interval '120 days', 1 + g % ${COMPANIES}, 1 + g % ${EMPLOYEES},
      CASE
        WHEN g <= ${DUE} THEN base + interval '10 minutes' + ((g * 7919) % 3000) * interval '1 second'
        WHEN g % 10 < 3 THEN NULL
        WHEN g % 10 < 6 THEN base - interval '2 days' - ((g * 31) % 83520) * interval '1 minute'
        ELSE base + interval '2 days' + ((g * 31) % 83520) * interval '1 minute'
      END,
      (CASE WHEN g % 7 = 0 THEN 'high' WHEN g % 7 = 1 THEN 'low' ELSE 'normal' END)::"Priority",
      (CASE WHEN g > ${DUE} AND g % 5 = 0 THEN 'closed' ELSE 'open' END)::"ContactStatus",
      CASE WHEN g > ${DUE} AND g % 5 = 0 THEN base - interval '100 days' END,
      'Oferta ' || g, base - interval '120 days', base - interval '90 days'
    FROM generate_series(1, ${CONTACTS}) g, (SELECT $1::timestamp AS base) b`, [CLOCK_BASE.replace('Z', '')]);
  await step('analyze', 'ANALYZE');
}

async function startChild(env: Record<string, string>, children: ChildProcess[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'test/helpers/reminder-worker-process.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output: string[] = [];
  // Keep only the start of the output (for an error message): DELIVERED lines run into the tens of thousands.
  const keep = (d: Buffer) => void (output.length < 200 && output.push(String(d)));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await waitForLine(child, output, /workers: started/, 60_000);
  return child;
}

/**
 * CPU time (user + system, ms) the processes have used so far, from /proc: how much work each
 * reminder (or no-op job) costs the workers themselves, whatever else shares the machine.
 */
function cpuMs(processes: ChildProcess[]): number {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  return processes.reduce((sum, p) => {
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
  }, 0);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** 20,000 trivial jobs added in chunks of 1,000 (as the scan adds ours); from the first add to the last completion. */
async function runNoop(redisUrl: string, prefix: string): Promise<{ ms: number; perSecond: number }> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const noop = new Queue('bench-noop', { connection, prefix, defaultJobOptions: JOB_DEFAULTS });
  try {
    const start = performance.now();
    for (let i = 0; i < DUE; i += 1000) {
      await noop.addBulk(Array.from({ length: Math.min(1000, DUE - i) }, (_, k) => ({ name: 'noop', data: { n: i + k + 1 }, opts: { jobId: `noop-${i + k + 1}` } })));
    }
    while ((await noop.getCompletedCount()) < DUE) {
      if (performance.now() - start > TIMEOUT_MS) throw new Error('reminders: the no-op baseline did not finish');
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - start;
    return { ms, perSecond: DUE / (ms / 1000) };
  } finally {
    await noop.obliterate({ force: true }).catch(() => undefined);
    await noop.close();
    connection.disconnect();
  }
}

async function settledStatuses(pool: pg.Pool, expected: number): Promise<Record<string, number>> {
  const started = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM "ReminderLog" GROUP BY status`);
    const statuses = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    if ((statuses.sent ?? 0) >= expected || Date.now() - started > 10_000) return statuses;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exactlyOnce(posts: Record<string, any>[], ids: number[]): { problems: string[]; summary: string } {
  const counts = new Map(ids.map((id) => [id, 0]));
  let other = 0;
  for (const body of posts) {
    const id = Number(body.metadata?.event_payload?.reminder_id);
    if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
    else other++;
  }
  const problems = [...counts].filter(([, n]) => n !== 1).map(([id, n]) => `reminder ${id}: ${n} DMs`);
  if (other) problems.push(`${other} DMs for reminders not in the due list`);
  return { problems, summary: `${posts.length.toLocaleString('en')} DMs for ${ids.length.toLocaleString('en')} reminders` };
}
