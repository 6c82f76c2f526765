// The reminder queues with in-process workers on a real Redis and PostgreSQL, Slack faked: the
// scheduler upserted once however many workers start, a scan tick planning and handing due
// reminders to reminder-send, the DMs at the fake Slack exactly once, a transient Slack error
// retried, cancel and later decided at sending time, bad payloads and permanent failures failed
// at once, and failed jobs in the figures the CLI and the admin page show.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { systemActor } from '../../src/domain/shared/actor.ts';
import { createQueues, enqueue, enqueueMany, InvalidPayloadError, jobsStatus, QUEUE_NAMES, REMINDER_SCAN_SCHEDULER, type JobsStatus, type Queues } from '../../src/jobs/queues.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackApi } from '../../src/slack/slack-api.ts';
import { startWorkers, type WorkerContext, type WorkerDeps, type WorkersHandle } from '../../workers/index.ts';
import { ReminderBusyError, reminderSend } from '../../workers/reminder-send.ts';
import { deliverReminder } from '../../src/reminders/deliver.ts';
import { makeCompany, uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { setScanPosition } from '../helpers/reminders.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { BOT_TOKEN, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.ts';
import { usePanelApp } from '../helpers/panel.ts';
import { until } from '../helpers/until.ts';

const t = useTestDb();
/** The injected clock: a Wednesday, 12:00 in Warsaw. */
const NOW = new Date('2027-03-24T11:00:00.000Z');
const MINUTE = 60_000;
const ALL_WEEK = { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' };
const logger = createLogger('silent');
const root = path.resolve(import.meta.dirname, '../..');

let fake: FakeSlack;
let status: JobsStatus | undefined;
// The panel reads the queues of whichever test ran last (each test has its own prefix).
const panelApp = usePanelApp(t, { jobs: { counts: () => status!.counts(), failed: (n, q) => status!.failed(n, q) } });
const opened: { queues: Queues; handles: WorkersHandle[] }[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
// A test's workers stop with it: a later scan tick of theirs would pick up the next test's rows.
afterEach(async () => {
  for (const { handles } of opened) await Promise.all(handles.splice(0).map((h) => h.close(3000)));
});
afterAll(async () => {
  for (const { queues } of opened) {
    await queues.get('reminder-scan').removeJobScheduler(REMINDER_SCAN_SCHEDULER).catch(() => undefined);
    for (const name of QUEUE_NAMES) await queues.get(name).obliterate({ force: true }).catch(() => undefined);
    await queues.close();
  }
  await fake?.close();
});

/** Own prefix (queues and workers of one test never meet another's). */
function world() {
  const prefix = `kt-rw-${uid()}`;
  const entry = { queues: createQueues(TEST_REDIS_URL, { prefix }), handles: [] as WorkersHandle[] };
  opened.push(entry);
  status = jobsStatus(entry.queues);
  const start = async (overrides: Partial<WorkerDeps> = {}) => {
    const handle = await startWorkers({
      db: t.db, store: createFileStore({ dataDir: '/tmp/kontakt-rw', maxFileBytes: 1024 }), redisUrl: TEST_REDIS_URL, settings: DEFAULT_MAIL_SETTINGS, logger,
      prefix, concurrency: 2, slack: createSlackApi({ token: BOT_TOKEN, apiUrl: fake.apiUrl }), mailer: null, publicUrl: 'http://localhost:3000',
      reminderScanMs: 60_000, clock: () => NOW, ...overrides,
    });
    entry.handles.push(handle);
    return handle;
  };
  return { prefix, queues: entry.queues, start };
}


function employee(overrides: { workingHours?: object; reminderChannel?: 'slack' | 'email' | 'both'; slack?: boolean } = {}) {
  const id = uid();
  return t.db.employee.create({
    data: {
      name: `Employee ${id}`, email: `employee-${id}@kontakt.test`, slackUserId: overrides.slack === false ? null : `U${id.toUpperCase()}`,
      workingHours: overrides.workingHours ?? ALL_WEEK, reminderChannel: overrides.reminderChannel ?? 'slack',
    },
  });
}

async function contactOf(ownerId: number, dueAt: Date) {
  const company = await makeCompany(t.db);
  return createContact(t.db, systemActor(), { companyId: company.id, title: `Contact ${uid()}`, ownerId, dueAt: dueAt.toISOString() });
}

/** A planned reminder row written directly (as planReminders would), due at NOW unless said. */
async function plannedReminder(o: { recipientId: number; contactId: number; deadline: Date; occurrence?: string; deliverAt?: Date }) {
  const occurrence = o.occurrence ?? '1h';
  return t.db.reminderLog.create({
    data: {
      key: `due_soon|contact:${o.contactId}|${o.deadline.toISOString()}|${o.recipientId}|${occurrence}`, rule: 'due_soon', contactId: o.contactId,
      recipientId: o.recipientId, deadline: o.deadline, occurrence, deliverAt: o.deliverAt ?? new Date(NOW.getTime() - MINUTE),
    },
  });
}

/** chat.postMessage calls (successful or not) carrying reminder `id` in their metadata. */
const postsFor = (id: number) => fake.callsTo('chat.postMessage').filter((b) => String(b.metadata?.event_payload?.reminder_id) === String(id));

const scanFrom = (at: Date) => setScanPosition(t.db, at);

describe('queues', () => {
  it('validates reminder payloads and derives job ids from the reminder (no ":" in them); many at once dedupe too', async () => {
    const { queues } = world();
    await expect(enqueue(queues, 'reminder-send', { reminderId: 0 })).rejects.toBeInstanceOf(InvalidPayloadError);
    await expect(enqueue(queues, 'reminder-send', { reminderId: 7, extra: 1 } as never)).rejects.toThrow(/invalid payload/);
    await expect(enqueue(queues, 'reminder-scan', { run: 'a:b' })).rejects.toThrow(/run/);
    const id = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    expect(await enqueue(queues, 'reminder-send', { reminderId: id })).toBe(`reminder-${id}`);
    await enqueueMany(queues, 'reminder-send', [{ reminderId: id }, { reminderId: id }, { reminderId: id + 1 }]);
    const jobs = await queues.get('reminder-send').getJobs(['waiting', 'delayed']);
    expect(jobs.map((j) => j.id).sort()).toEqual([`reminder-${id}`, `reminder-${id + 1}`]);
    expect(jobs[0]!.opts.attempts).toBe(5);
    expect(jobs[0]!.opts.backoff).toEqual({ type: 'exponential', delay: 2000 });
  });
});

describe('reminder workers', () => {
  it('two workers upsert one scheduler; its first tick plans the due reminders and the fake Slack gets each DM once', async () => {
    const { queues, start } = world();
    const owners = await Promise.all([employee(), employee(), employee()]);
    // Due in 30 min: the 1 h warning triggered 30 min ago, inside the window the scan looks at.
    const contacts = await Promise.all(owners.map((o) => contactOf(o.id, new Date(NOW.getTime() + 30 * MINUTE))));
    await scanFrom(new Date(NOW.getTime() - 60 * MINUTE));

    await Promise.all([start(), start()]);
    const scan = queues.get('reminder-scan');
    expect(await scan.getJobSchedulersCount()).toBe(1);
    expect((await scan.getJobScheduler(REMINDER_SCAN_SCHEDULER))?.every).toBe(60_000);

    const rows = await until('the reminders sent', async () => {
      const r = await t.db.reminderLog.findMany({ where: { contactId: { in: contacts.map((c) => c.id) } } });
      return r.length === 3 && r.every((x) => x.status === 'sent') && r;
    });
    for (const row of rows) {
      const owner = owners.find((o) => o.id === row.recipientId)!;
      const posts = postsFor(row.id);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.channel).toBe(owner.slackUserId);
      expect(row).toMatchObject({ rule: 'due_soon', occurrence: '1h', channel: 'slack', attempts: 1 });
      expect(row.messageRef).toMatch(/\//);
      const job = await queues.get('reminder-send').getJob(`reminder-${row.id}`);
      expect(job?.returnvalue).toMatchObject({ status: 'sent', channel: 'slack' });
    }
    // One tick ran (a second worker's upsert replaced the pending one; it did not add another run).
    const ticks = await scan.getJobs(['completed', 'active', 'waiting']);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.returnvalue).toMatchObject({ planned: expect.any(Number), due: expect.any(Number) });
    expect((await scan.getJobs(['delayed'])).length).toBeLessThanOrEqual(1);
    expect(await scan.getJobSchedulersCount()).toBe(1);
  });

  it('retries a transient Slack error with backoff; the retry looks for the earlier DM first and posts once', async () => {
    const { queues, start } = world();
    const owner = await employee();
    const deadline = new Date(NOW.getTime() + 30 * MINUTE);
    const contact = await contactOf(owner.id, deadline);
    const row = await plannedReminder({ recipientId: owner.id, contactId: contact.id, deadline });
    fake.answerNext('chat.postMessage', { ok: false, error: 'internal_error' });
    const historyBefore = fake.callsTo('conversations.history').length;
    await start();
    await enqueue(queues, 'reminder-send', { reminderId: row.id });
    const sent = await until('the reminder sent', async () => {
      const r = await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } });
      return r.status === 'sent' && r;
    });
    expect(sent.attempts).toBe(2);
    // Two calls: the one Slack refused, and the one that went out.
    expect(postsFor(row.id)).toHaveLength(2);
    expect(fake.callsTo('conversations.history').length).toBe(historyBefore + 1);
    const job = (await queues.get('reminder-send').getJob(`reminder-${row.id}`))!;
    expect(job.attemptsMade).toBe(2); // the failed attempt and the one that succeeded
    expect(job.returnvalue).toMatchObject({ status: 'sent', attempt: 2 });
  });

  it('hands out again a reminder whose attempt was lost (still "sending" after its lease, no job left): delivered once', async () => {
    const { queues, start } = world();
    const owner = await employee();
    const deadline = new Date(NOW.getTime() + 30 * MINUTE);
    const [lostBefore, lostAfter] = await Promise.all([contactOf(owner.id, deadline), contactOf(owner.id, deadline)]);
    // Two attempts that died with their jobs (a worker and Redis gone): one before posting, one
    // after posting (its DM is in the conversation, with our metadata).
    const leaseOver = new Date(NOW.getTime() - MINUTE);
    const rowA = await plannedReminder({ recipientId: owner.id, contactId: lostBefore.id, deadline, deliverAt: leaseOver });
    const rowB = await plannedReminder({ recipientId: owner.id, contactId: lostAfter.id, deadline, deliverAt: leaseOver });
    await t.db.reminderLog.updateMany({ where: { id: { in: [rowA.id, rowB.id] } }, data: { status: 'sending', attempts: 1 } });
    // A row still within its lease is left alone (its attempt may be running).
    const running = await contactOf(owner.id, deadline);
    const rowC = await plannedReminder({ recipientId: owner.id, contactId: running.id, deadline, deliverAt: new Date(NOW.getTime() + 5 * MINUTE) });
    await t.db.reminderLog.update({ where: { id: rowC.id }, data: { status: 'sending', attempts: 1 } });
    await scanFrom(NOW);
    fake.answerNext('conversations.history', (body) => ({
      ok: true, has_more: false,
      messages: [{ type: 'message', ts: '1700000000.000100', channel: body.channel, text: 'earlier', metadata: { event_type: 'kontakt_reminder', event_payload: { reminder_id: rowB.id } } }],
    }));
    fake.answerNext('conversations.history', (body) => ({
      ok: true, has_more: false,
      messages: [{ type: 'message', ts: '1700000000.000100', channel: body.channel, text: 'earlier', metadata: { event_type: 'kontakt_reminder', event_payload: { reminder_id: rowB.id } } }],
    }));
    await start();
    await enqueue(queues, 'reminder-scan', { run: 'lost' });
    const [a, b] = await until('both lost reminders recorded', async () => {
      const rows = await t.db.reminderLog.findMany({ where: { id: { in: [rowA.id, rowB.id] } }, orderBy: { id: 'asc' } });
      return rows.every((r) => r.status === 'sent') && rows;
    });
    expect(a!.attempts).toBe(2);
    expect(postsFor(rowA.id)).toHaveLength(1);
    // B's DM had gone out before its attempt was lost: found, not posted again.
    expect(postsFor(rowB.id)).toHaveLength(0);
    expect(b!.messageRef).toMatch(/1700000000\.000100$/);
    expect((await t.db.reminderLog.findUniqueOrThrow({ where: { id: rowC.id } })).status).toBe('sending');
    expect(postsFor(rowC.id)).toHaveLength(0);
  });

  it('cancels what no longer makes sense and puts off what falls outside working hours (the same job, delayed)', async () => {
    const { queues, start } = world();
    const owner = await employee();
    const deadline = new Date(NOW.getTime() + 30 * MINUTE);
    const closed = await contactOf(owner.id, deadline);
    await t.db.contact.update({ where: { id: closed.id }, data: { status: 'closed', closedAt: NOW } });
    const cancelled = await plannedReminder({ recipientId: owner.id, contactId: closed.id, deadline });

    // Works 06:00–07:00 on weekdays: at 12:00 the 24 h warning waits for Thursday 06:00 (05:00Z).
    const early = await employee({ workingHours: { days: [1, 2, 3, 4, 5], start: '06:00', end: '07:00' } });
    const later = new Date(NOW.getTime() + 20 * 60 * MINUTE);
    const postponed = await plannedReminder({ recipientId: early.id, contactId: (await contactOf(early.id, later)).id, deadline: later, occurrence: '24h' });

    await start();
    await enqueueMany(queues, 'reminder-send', [{ reminderId: cancelled.id }, { reminderId: postponed.id }]);
    await until('the cancellation', async () => (await t.db.reminderLog.findUniqueOrThrow({ where: { id: cancelled.id } })).status === 'cancelled');
    expect((await t.db.reminderLog.findUniqueOrThrow({ where: { id: cancelled.id } })).reason).toBe('contact closed');
    const job = await until('the postponed job delayed', async () => {
      const sends = queues.get('reminder-send');
      // The state first, then the job's data: data read before the move would miss its delay.
      return (await sends.getJobState(`reminder-${postponed.id}`)) === 'delayed' && sends.getJob(`reminder-${postponed.id}`);
    });
    const row = await t.db.reminderLog.findUniqueOrThrow({ where: { id: postponed.id } });
    expect(row.status).toBe('planned');
    expect(row.deliverAt.toISOString()).toBe('2027-03-25T05:00:00.000Z');
    // Delayed by the injected clock's distance to that moment (17 h), not the real one.
    const expected = row.deliverAt.getTime() - NOW.getTime();
    expect(Math.abs(job.timestamp + job.delay - (Date.now() + expected))).toBeLessThan(10_000);
    expect(job.attemptsMade).toBe(0);
    expect(postsFor(cancelled.id)).toHaveLength(0);
    expect(postsFor(postponed.id)).toHaveLength(0);
  });

  it('runs one delivery of a reminder at a time: the same job run twice at once (a lapsed BullMQ lock) backs off instead of posting again', async () => {
    const { queues } = world();
    const owner = await employee();
    const deadline = new Date(NOW.getTime() + 30 * MINUTE);
    const row = await plannedReminder({ recipientId: owner.id, contactId: (await contactOf(owner.id, deadline)).id, deadline });
    // No workers: the processor is called directly, twice at once, on the same job.
    const job = await queues.get('reminder-send').add('reminder-send', { reminderId: row.id }, { jobId: `reminder-${row.id}`, attempts: 5 });
    const ctx: WorkerContext = {
      db: t.db, store: createFileStore({ dataDir: '/tmp/kontakt-rw', maxFileBytes: 1024 }), redisUrl: TEST_REDIS_URL, settings: DEFAULT_MAIL_SETTINGS, logger,
      queues, clock: () => NOW, publicUrl: 'http://localhost:3000', slack: createSlackApi({ token: BOT_TOKEN, apiUrl: fake.apiUrl }), mailer: null,
      // Slow enough that the second run starts while the first is delivering.
      deliver: async (...args) => (await new Promise((r) => setTimeout(r, 300)), deliverReminder(...args)),
    };
    const process = reminderSend(ctx);
    const [first, second] = await Promise.allSettled([process(job), new Promise((r) => setTimeout(r, 50)).then(() => process(job))]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { status: 'sent' } });
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(ReminderBusyError);
    expect(postsFor(row.id)).toHaveLength(1);
    // Its retry finds the reminder sent: nothing more goes out, and the row stays as recorded.
    expect(await process(job)).toEqual({ status: 'skipped' });
    expect(postsFor(row.id)).toHaveLength(1);
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('fails bad payloads and permanent delivery errors at once, records them, and shows them to the CLI and the admin page', async () => {
    const { prefix, queues, start } = world();
    const send = queues.get('reminder-send');
    // Bypassing enqueue's validation, as an old producer or a hand-made job would.
    const bad = await send.add('reminder-send', { reminderId: 'seven' }, { jobId: `bad-${uid()}`, attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    // Wants e-mail, and SMTP is not configured: no retry can help.
    const mailOnly = await employee({ reminderChannel: 'email', slack: false });
    const deadline = new Date(NOW.getTime() + 30 * MINUTE);
    const row = await plannedReminder({ recipientId: mailOnly.id, contactId: (await contactOf(mailOnly.id, deadline)).id, deadline });
    await enqueue(queues, 'reminder-send', { reminderId: row.id });
    await start();

    const failed = await until('two failed jobs', async () => {
      const jobs = await send.getFailed();
      return jobs.length === 2 && jobs;
    });
    for (const job of failed) expect(job.attemptsMade).toBe(1);
    expect(failed.find((j) => j.id === bad.id)!.failedReason).toMatch(/reminderId/);
    expect(failed.find((j) => j.id === `reminder-${row.id}`)!.failedReason).toMatch(/SMTP_URL is not set/);
    const recorded = await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(recorded.status).toBe('failed');
    expect(recorded.reason).toMatch(/SMTP_URL is not set/);

    // The figures behind `cli jobs-status` and /admin/jobs.
    const counts = await status!.counts();
    expect(counts.map((c) => c.queue)).toEqual(['mail-route', 'reminder-scan', 'reminder-send']);
    expect(counts.find((c) => c.queue === 'reminder-send')).toMatchObject({ failed: 2, waiting: 0, active: 0 });
    const latest = await status!.failed(10);
    expect(latest.map((j) => j.id).sort()).toEqual([bad.id, `reminder-${row.id}`].sort());
    expect(latest.every((j) => j.queue === 'reminder-send' && j.error.length > 0 && j.failedAt instanceof Date)).toBe(true);

    const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
    const page = await admin.get('/admin/jobs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Background jobs');
    expect(html).toMatch(/<td>reminder-send<\/td>(?:<td[^>]*>\d+<\/td>){3}<td class="error" data-state="failed">2<\/td>/);
    expect(html).toContain(`reminder-${row.id}`);
    expect(html).toContain('SMTP_URL is not set');
    expect(html).toContain('href="/admin/jobs"');
    const member = await panelApp.browser({ role: 'member' });
    expect((await member.get('/admin/jobs')).status).toBe(403);
    expect(await (await member.get('/contacts')).text()).not.toContain('href="/admin/jobs"');

    // The CLI prints the same figures (it reads the default prefix: here only its shape is checked).
    const cli = await runCli(['jobs-status']);
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/jobs by queue:\n\s+mail-route\s+waiting \d+, active \d+, delayed \d+, failed \d+, completed \d+\n\s+reminder-scan .*\n\s+reminder-send .*/);
    expect(prefix).not.toBe('bull');
  });

  it('says so on the admin page when the queues cannot be read', async () => {
    const previous = status;
    status = { counts: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390')), failed: () => Promise.resolve([]) };
    try {
      const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
      const page = await admin.get('/admin/jobs');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('The job queues cannot be read: connect ECONNREFUSED 127.0.0.1:6390');
    } finally {
      status = previous;
    }
  });
});

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root, env: { PATH: process.env.PATH, REDIS_URL: TEST_REDIS_URL, DATABASE_URL: t.url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => resolve({ code, out }));
  });
}
