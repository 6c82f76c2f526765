// The IMAP reader against a real Dovecot, PostgreSQL and Redis: messages APPENDed to the inbox
// become stored raw sources, MailMessage rows and mail-route jobs; routed messages leave the inbox;
// restarts, UIDVALIDITY changes, a second reader and a Dovecot restart lose and double nothing.
// Each test reads its own IMAP user (its own maildir, mailbox key and lock), so tests are independent.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, openFile, type FileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import { bindEnqueue, createQueues, type Queues } from '../../src/jobs/queues.ts';
import { createLogger } from '../../src/logger.ts';
import { createMailIngester, mailboxKey, type MailIngester } from '../../src/mail/imap-reader.ts';
import { startWorkers, type WorkersHandle } from '../../workers/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { createDovecot, destroyDovecot, type DovecotServer } from '../helpers/dovecot.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { makeEmployee, uid } from '../factories/index.ts';
import { until } from '../helpers/until.ts';

const t = useTestDb();
const logger = createLogger(process.env.TEST_MAIL_LOG ?? 'silent');
const POLL_SECONDS = 60;
const TIMING = { lockTtlMs: 3000, lockRetryMs: 250, idleRestartMs: 60_000, reconnectMinMs: 200, reconnectMaxMs: 1000, moveCheckMinMs: 200, stopGraceMs: 2000 };

let dovecot: DovecotServer;
let redis: Redis;
let queues: Queues;
let store: FileStore;
let dataDir = '';
const prefix = `kt-mail-${uid()}`;
const running: { stop(): Promise<unknown> }[] = [];

beforeAll(async () => {
  dovecot = await createDovecot();
  await dovecot.start();
  redis = new Redis(TEST_REDIS_URL);
  queues = createQueues(TEST_REDIS_URL, { prefix });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-mail-'));
  store = createFileStore({ dataDir, maxFileBytes: 1024 * 1024 });
});
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});
afterAll(async () => {
  await queues?.get('mail-route').obliterate({ force: true }).catch(() => undefined);
  await queues?.close();
  redis?.disconnect();
  await destroyDovecot(dovecot);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A fresh IMAP user (own maildir) and its settings. */
function mailbox() {
  const user = `inbox-${uid()}`;
  const server = dovecot.forUser(user);
  const imap = dovecot.imapConfig({ user, pollSeconds: POLL_SECONDS });
  return { server, imap, key: mailboxKey(imap) };
}

function ingester(imap: ReturnType<typeof dovecot.imapConfig>): MailIngester {
  const reader = createMailIngester({
    db: t.db, redis, store, imap, mailSettings: { maxMessageBytes: 1024 * 1024 }, enqueue: bindEnqueue(queues), logger, timing: TIMING,
  });
  running.push(reader);
  return reader;
}

async function workers(): Promise<WorkersHandle> {
  const handle = await startWorkers({ db: t.db, store, redisUrl: TEST_REDIS_URL, settings: DEFAULT_MAIL_SETTINGS, logger, prefix });
  running.push({ stop: () => handle.close(5000) });
  return handle;
}

function message(from: string, subject = `Zapytanie ${uid()}`) {
  const messageId = `${uid()}.${uid()}@klient.example`;
  const raw = Buffer.from(
    `From: Jan Nowak <${from}>\r\nTo: kontakty@firma.example\r\nSubject: ${subject}\r\nDate: Tue, 03 Mar 2026 10:00:00 +0100\r\n` +
      `Message-ID: <${messageId}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n` +
      `Dzień dobry, proszę o ofertę. ${uid()}\r\n`,
  );
  return { raw, messageId };
}


const rowsOf = (key: string) => t.db.mailMessage.findMany({ where: { mailbox: key }, orderBy: { uid: 'asc' }, include: { rawFile: true } });
const countOf = async (key: string, n: number) => (await t.db.mailMessage.count({ where: { mailbox: key } })) >= n;

describe('IMAP reader', () => {
  it('stores each message raw within seconds through IDLE, routes it and moves it out of the inbox', async () => {
    const { server, imap, key } = mailbox();
    const employee = await makeEmployee(t.db);
    await workers();
    const reader = ingester(imap);
    await reader.start();
    await until('the reader to idle', async () => reader.status().state === 'idle');

    const fromEmployee = message(employee.email);
    const fromStranger = message(`someone-${uid()}@unknown.example`);
    const appendedAt = Date.now();
    await server.appendMessage(fromEmployee.raw);
    await server.appendMessage(fromStranger.raw);
    await until('two records', () => countOf(key, 2));
    const latencyMs = Date.now() - appendedAt;
    // Through IDLE, not the poll: well under the 60 s poll interval.
    expect(latencyMs).toBeLessThan(5000);
    expect(latencyMs).toBeLessThan(POLL_SECONDS * 1000 / 10);

    const rows = await rowsOf(key);
    expect(rows.map((r) => r.messageId)).toEqual([fromEmployee.messageId, fromStranger.messageId]);
    for (const [row, sent] of [[rows[0]!, fromEmployee], [rows[1]!, fromStranger]] as const) {
      expect(await buffer(await openFile(store, row.rawFile.sha256))).toEqual(sent.raw); // byte for byte
      expect(row.uidValidity).toBe(await server.uidValidity());
    }

    // Routed by the worker (unknown forwarder → rejected; employee without a contact → unmatched),
    // then moved: rejected to the failed folder, the rest to the processed folder.
    const done = await until('both routed and moved', async () => {
      const r = await rowsOf(key);
      return r.every((m) => m.status !== 'received' && m.movedAt) && r;
    });
    expect(done.map((r) => r.status)).toEqual(['unmatched', 'rejected']);
    const queue = queues.get('mail-route');
    for (const row of done) expect(await (await queue.getJob(`mail-${row.id}`))!.getState()).toBe('completed');
    expect(await server.listFolder('INBOX')).toEqual([]);
    expect((await server.listFolder('Kontakt/Processed')).map((m) => m.messageId)).toEqual([fromEmployee.messageId]);
    expect((await server.listFolder('Kontakt/Failed')).map((m) => m.messageId)).toEqual([fromStranger.messageId]);
    const state = await t.db.mailboxState.findUniqueOrThrow({ where: { mailbox: key } });
    expect(state.lastUid).toBe(2);
  });

  it('keeps the beginning of a message larger than the raw store accepts, records it as rejected and moves it to the failed folder', async () => {
    const { server, imap, key } = mailbox();
    const small = message(`small-${uid()}@unknown.example`);
    // The reader's raw store takes twice MAIL_MAX_MESSAGE_MB (here 1 MB): 2.5 MB is too much.
    const big = message(`big-${uid()}@unknown.example`);
    const raw = Buffer.concat([big.raw, Buffer.from(`${'Załącznik w treści. '.repeat(60)}\r\n`.repeat(2400))]);
    expect(raw.length).toBeGreaterThan(2.5 * 1024 * 1024);
    await server.appendMessage(raw);
    await server.appendMessage(small.raw);
    await workers();
    const reader = ingester(imap);
    await reader.start();
    const rows = await until('both recorded and moved', async () => {
      const r = await rowsOf(key);
      return r.length === 2 && r.every((m) => m.movedAt) && r;
    });
    const [oversized] = rows;
    expect(oversized).toMatchObject({ messageId: big.messageId, status: 'rejected', size: 256 * 1024 });
    expect(oversized!.reason).toMatch(/^message is 3\.\d MB, over the 2\.0 MB Kontakt stores; its first 256 KB are kept here/);
    expect(await buffer(await openFile(store, oversized!.rawFile.sha256))).toEqual(raw.subarray(0, 256 * 1024));
    // Never routed: no job; the whole message waits in the failed folder.
    expect(await queues.get('mail-route').getJob(`mail-${oversized!.id}`)).toBeUndefined();
    expect((await server.listFolder('Kontakt/Failed')).map((m) => m.messageId)).toContain(big.messageId);
    expect(await server.listFolder('INBOX')).toEqual([]);
  });

  it('resumes exactly where it stopped: a restart in the middle loses and doubles nothing', async () => {
    const { server, imap, key } = mailbox();
    const sent = Array.from({ length: 8 }, () => message(`x-${uid()}@unknown.example`));
    const uids: number[] = [];
    for (const m of sent) uids.push((await server.appendMessage(m.raw)).uid);

    const first = ingester(imap);
    await first.start();
    await until('some records', () => countOf(key, 2));
    await first.stop(); // possibly in the middle of the batch

    const second = ingester(imap);
    await second.start();
    await until('all records', () => countOf(key, sent.length));
    await until('the second reader to idle', async () => second.status().state === 'idle');
    await second.stop();
    expect(first.status().downloads + second.status().downloads).toBeLessThanOrEqual(sent.length + 1);

    let rows = await rowsOf(key);
    expect(rows.map((r) => r.uid)).toEqual(uids);
    expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(sent.map((m) => m.messageId)));
    expect((await t.db.mailboxState.findUniqueOrThrow({ where: { mailbox: key } })).lastUid).toBe(Math.max(...uids));
    // One job per message, none twice (no worker runs here: they wait).
    const queue = queues.get('mail-route');
    for (const row of rows) expect(await queue.getJob(`mail-${row.id}`)).toBeTruthy();

    // A restart with the state intact downloads nothing again.
    const third = ingester(imap);
    await third.start();
    await until('the third reader to idle', async () => third.status().state === 'idle');
    expect(third.status().downloads).toBe(0);
    await third.stop();

    // A crash after storing but before saving the state: everything is fetched again, nothing doubles.
    await t.db.mailboxState.update({ where: { mailbox: key }, data: { lastUid: 0 } });
    const fourth = ingester(imap);
    await fourth.start();
    await until('the fourth reader to re-read', async () => fourth.status().downloads === sent.length && fourth.status().state === 'idle');
    rows = await rowsOf(key);
    expect(rows).toHaveLength(sent.length);
    expect((await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((j) => rows.some((r) => j.id === `mail-${r.id}`))).toHaveLength(sent.length);
  });

  it('rescans the folder after a UIDVALIDITY change without storing anything twice', async () => {
    const { server, imap, key } = mailbox();
    const a = message(`a-${uid()}@unknown.example`);
    const b = message(`b-${uid()}@unknown.example`);
    await server.appendMessage(a.raw);
    await server.appendMessage(b.raw);
    const reader = ingester(imap);
    await reader.start();
    await until('two records', () => countOf(key, 2));
    await reader.stop();
    const oldValidity = (await t.db.mailboxState.findUniqueOrThrow({ where: { mailbox: key } })).uidValidity;

    const newValidity = await server.changeUidValidity();
    expect(newValidity).not.toBe(oldValidity);
    const c = message(`c-${uid()}@unknown.example`);
    await server.appendMessage(c.raw);

    const again = ingester(imap);
    await again.start();
    await until('three records', () => countOf(key, 3));
    await until('the reader to idle', async () => again.status().state === 'idle');
    const rows = await rowsOf(key);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.messageId)).toEqual([a.messageId, b.messageId, c.messageId]);
    expect(rows.every((r) => r.uidValidity === newValidity)).toBe(true);
    expect(again.status().downloads).toBe(1); // only the new one; a and b were re-keyed
    expect((await t.db.mailboxState.findUniqueOrThrow({ where: { mailbox: key } })).uidValidity).toBe(newValidity);

    // Routed and moved under the new UIDs.
    await workers();
    await until('all moved', async () => (await rowsOf(key)).every((r) => r.movedAt));
    expect(await server.listFolder('INBOX')).toEqual([]);
    expect(new Set((await server.listFolder('Kontakt/Failed')).map((m) => m.messageId))).toEqual(new Set([a.messageId, b.messageId, c.messageId]));
  });

  it('lets only one of two ingesters read; the other takes over when the first stops', async () => {
    const { server, imap, key } = mailbox();
    const one = ingester(imap);
    const two = ingester(imap);
    await one.start();
    await until('the first to hold the lock', async () => one.status().holdsLock && one.status().state === 'idle');
    await two.start();
    await until('the second to stand by', async () => two.status().state === 'standby');

    await server.appendMessage(message(`x-${uid()}@unknown.example`).raw);
    await until('one record', () => countOf(key, 1));
    await new Promise((r) => setTimeout(r, 600)); // several lock retries of the second
    expect(one.status().downloads).toBe(1);
    expect(two.status()).toMatchObject({ state: 'standby', holdsLock: false, downloads: 0, connects: 0 });

    await one.stop();
    await until('the second to take over', async () => two.status().holdsLock && two.status().state === 'idle');
    await server.appendMessage(message(`y-${uid()}@unknown.example`).raw);
    await until('two records', () => countOf(key, 2));
    expect(two.status().downloads).toBe(1);
    expect(await t.db.mailMessage.count({ where: { mailbox: key } })).toBe(2);
  });

  it('reconnects after Dovecot restarts while it idles and picks up mail that arrived meanwhile', async () => {
    const { server, imap, key } = mailbox();
    await server.appendMessage(message(`x-${uid()}@unknown.example`).raw);
    const reader = ingester(imap);
    await reader.start();
    await until('first record', () => countOf(key, 1));
    await until('the reader to idle', async () => reader.status().state === 'idle');
    expect(reader.status().connects).toBe(1);

    await dovecot.stop();
    const meanwhile = message(`late-${uid()}@unknown.example`);
    await server.deliverToMaildir(meanwhile.raw); // delivered while the server is down
    await until('the reader to notice', async () => ['backoff', 'connecting'].includes(reader.status().state), 10_000);
    await new Promise((r) => setTimeout(r, 500)); // a failed attempt or two
    await dovecot.start();

    const rows = await until('the late message', async () => {
      const r = await rowsOf(key);
      return r.length === 2 && r;
    });
    expect(rows[1]!.messageId).toBe(meanwhile.messageId);
    expect(reader.status().connects).toBeGreaterThanOrEqual(2);
    await until('the reader to idle again', async () => reader.status().state === 'idle');
  });
});
