// The IMAP adapter of the mail ingester: reads one folder and hands every message to the domain —
// raw source and record first (receiveMail), then a mail-route job — and, once a message's result
// is committed, moves it out of the way. Everything IMAP-specific lives here; nothing starts on
// import (main.ts calls createMailIngester(...).start() for the `mail` role).
//
// Contracts worth knowing:
// - One active reader per mailbox across processes (mailbox-lock.ts); others stand by.
// - imapflow neither reconnects nor tolerates an unhandled 'error': every client gets an error
//   listener, and after any close a fresh client is built, with capped exponential backoff.
// - New mail arrives through IDLE; IDLE is restarted every idleRestartMs (servers drop it silently
//   after ~30 min) and a UID poll runs every pollSeconds beside it (alone where IDLE is missing).
// - No IMAP command is issued inside a fetch iteration (imapflow deadlocks): UIDs are collected
//   first, then the sources are fetched (small messages a group per FETCH, large ones streamed
//   alone) and stored.
// - MailboxState holds UIDVALIDITY and the last UID handed over; a restart resumes after it, a
//   UIDVALIDITY change rescans the folder (rows from the old epoch are re-keyed by Message-ID).
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Redis } from 'ioredis';
import type { Db } from '../db.ts';
import { MAX_STORABLE_BYTES, createFileStore, type FileStore } from '../domain/files/index.ts';
import { receiveMail, receiveMails, type ReceiveMailInput } from '../domain/mail/receive-mail.ts';
import type { Enqueue } from '../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import { createMailboxLock } from './mailbox-lock.ts';

/** config.imap (non-null). */
export type ImapSettings = {
  host: string; port: number; secure: boolean; user: string; password: string;
  mailbox: string; processedFolder: string; failedFolder: string; pollSeconds: number;
};

/** Tuning; the defaults suit production, tests shorten them. */
export type ReaderTiming = {
  /** Lock expiry; renewed every third of it. A dead reader's successor takes over within this. */
  lockTtlMs: number;
  /** How often a standby reader tries to take the lock. */
  lockRetryMs: number;
  /** IDLE is restarted this often (servers may drop IDLE silently before 29 minutes). */
  idleRestartMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** First wait before looking again for routed messages to move (doubles up to the poll interval). */
  moveCheckMinMs: number;
  /** On stop, how long the message at hand may take before the connection is cut. */
  stopGraceMs: number;
};

export const DEFAULT_READER_TIMING: ReaderTiming = {
  lockTtlMs: 30_000,
  lockRetryMs: 5_000,
  idleRestartMs: 5 * 60_000,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 60_000,
  moveCheckMinMs: 1_000,
  stopGraceMs: 5_000,
};

export type MailIngesterDeps = {
  db: Db;
  redis: Redis;
  /** The file store for raw sources; its cap is raised to 2 × maxMessageBytes when lower. */
  store: FileStore;
  imap: ImapSettings;
  /** config.mail: a message over maxMessageBytes is still stored raw (and rejected by processMail). */
  mailSettings: { maxMessageBytes: number };
  enqueue: Enqueue;
  logger: Logger;
  timing?: Partial<ReaderTiming>;
};

export type ReaderState = 'stopped' | 'standby' | 'connecting' | 'syncing' | 'idle' | 'backoff';

export type MailIngester = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For health output and tests. */
  status(): { state: ReaderState; holdsLock: boolean; mailbox: string; downloads: number; connects: number };
};

/** Keywords set where the server has no MOVE (RFC 6851): the message stays, marked as handled. */
const HANDLED_KEYWORD = { processed: '$KontaktProcessed', failed: '$KontaktFailed' } as const;
/** Messages handled per pass, so a backlog of thousands does not starve moving and stopping. */
const BATCH = 200;
/** What is kept of a message larger than the raw store accepts. */
const OVERSIZED_HEAD_BYTES = 256 * 1024;
/** How often (in messages) the last UID is saved during a batch. */
const SAVE_EVERY = 25;
/** Downloads (single messages or groups) in flight at once. */
const READ_AHEAD = 4;
/**
 * Messages up to GROUP_MESSAGE_BYTES are fetched GROUP_SIZE at a time in one FETCH (at most
 * GROUP_BYTES together) and stored, recorded and queued as one batch: a few round trips per group
 * instead of per message. Larger ones stream alone, never whole in memory.
 */
const GROUP_SIZE = 32;
const GROUP_MESSAGE_BYTES = 1024 * 1024;
const GROUP_BYTES = 4 * 1024 * 1024;
/** Bytes per FETCH of a download: most messages come in one round trip; memory stays bounded. */
const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;

/** The MailMessage.mailbox / MailboxState key: "user@host/INBOX". */
export const mailboxKey = (imap: Pick<ImapSettings, 'user' | 'host' | 'mailbox'>) => `${imap.user}@${imap.host}/${imap.mailbox}`;

export function createMailIngester(deps: MailIngesterDeps): MailIngester {
  const { db, imap, enqueue } = deps;
  const timing = { ...DEFAULT_READER_TIMING, ...deps.timing };
  const key = mailboxKey(imap);
  const log = deps.logger.child({ role: 'mail', mailbox: key });
  const store = rawStore(deps.store, deps.mailSettings.maxMessageBytes);
  const lock = createMailboxLock(deps.redis, key, timing.lockTtlMs);
  const pollMs = imap.pollSeconds * 1000;

  let state: ReaderState = 'stopped';
  let stopped = true;
  let holding = false;
  let renewedAt = 0;
  let renewTimer: NodeJS.Timeout | undefined;
  let current: ImapFlow | null = null;
  let loop: Promise<void> | null = null;
  let changed = false;
  let downloads = 0;
  let connects = 0;
  const wakers = new Set<() => void>();

  const setState = (next: ReaderState, detail: Record<string, unknown> = {}) => {
    if (next === state) return;
    const routine = (next === 'idle' || next === 'syncing') && (state === 'idle' || state === 'syncing');
    state = next;
    if (routine) log.debug(detail, `mail: ${next}`);
    else log.info({ state: next, ...detail }, `mail: ${next}`);
  };
  const wake = () => {
    for (const w of wakers) w();
    wakers.clear();
  };
  /** Sleeps until `ms` passed or wake() is called (stop, new mail, lost lock, closed connection). */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  function loseLock(reason: string) {
    if (!holding) return;
    holding = false;
    clearInterval(renewTimer);
    log.warn({ reason }, 'mail: lost the mailbox lock; stopping to read');
    current?.close();
    wake();
  }

  function startRenewal() {
    clearInterval(renewTimer);
    renewTimer = setInterval(() => {
      lock.renew().then(
        (ok) => (ok ? (renewedAt = Date.now()) : loseLock('the lock is held by another process')),
        (error: Error) => {
          log.warn({ err: error.message }, 'mail: could not renew the mailbox lock');
          if (Date.now() - renewedAt >= timing.lockTtlMs) loseLock('could not renew it before it expired');
        },
      );
    }, Math.max(100, Math.floor(timing.lockTtlMs / 3)));
    renewTimer.unref();
  }

  async function run() {
    let backoff = timing.reconnectMinMs;
    while (!stopped) {
      if (!holding) {
        const acquired = await lock.acquire().catch((error: Error) => {
          log.warn({ err: error.message }, 'mail: could not reach Redis for the mailbox lock');
          return false;
        });
        if (!acquired) {
          setState('standby', { reason: 'another process reads this mailbox' });
          await pause(timing.lockRetryMs);
          continue;
        }
        if (stopped) break;
        holding = true;
        renewedAt = Date.now();
        startRenewal();
        log.info('mail: took the mailbox lock; this process reads the mailbox');
      }
      let reachedMailbox = false;
      try {
        await session(() => (reachedMailbox = true));
      } catch (error) {
        if (!stopped) log.warn({ err: (error as Error).message, code: (error as { code?: string }).code }, 'mail: IMAP session ended with an error');
      }
      if (stopped) break;
      if (!holding) continue;
      if (reachedMailbox) backoff = timing.reconnectMinMs;
      setState('backoff', { reconnectInMs: backoff });
      await pause(backoff);
      backoff = Math.min(backoff * 2, timing.reconnectMaxMs);
    }
  }

  /** One connection, from connect to close: sync, move, wait for news, repeat. */
  async function session(onReady: () => void) {
    setState('connecting', { host: imap.host, port: imap.port });
    const client = new ImapFlow({
      host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password },
      logger: false, disableAutoIdle: true, maxIdleTime: timing.idleRestartMs, connectionTimeout: 30_000, greetingTimeout: 15_000,
    });
    current = client;
    let closed = false;
    const whenClosed = new Promise<void>((resolve) =>
      client.once('close', () => {
        closed = true;
        resolve();
        wake();
      }),
    );
    // Without this listener imapflow's 'error' would crash the process; the close that follows
    // ends the session and the loop reconnects.
    client.on('error', (error: Error & { code?: string }) => log.warn({ err: error.message, code: error.code }, 'mail: IMAP error'));
    client.on('exists', () => {
      changed = true;
      wake();
    });
    try {
      await client.connect();
      connects++;
      if (stopped || !holding) return;
      log.info({ host: imap.host, port: imap.port }, 'mail: connected');
      await ensureFolders(client);
      const opened = await client.mailboxOpen(imap.mailbox);
      const hasIdle = client.capabilities.has('IDLE');
      const hasMove = client.capabilities.has('MOVE');
      if (!hasIdle) log.info({ pollSeconds: imap.pollSeconds }, 'mail: the server has no IDLE; polling');
      if (!hasMove) log.info('mail: the server has no MOVE; handled messages are flagged instead');
      onReady();
      log.info({ uidValidity: String(opened.uidValidity), idle: hasIdle, move: hasMove }, `mail: watching ${imap.mailbox}${hasIdle ? ' through IDLE' : ''}`);
      let moveCheckMs = timing.moveCheckMinMs;
      while (!stopped && holding && !closed) {
        setState('syncing');
        changed = false;
        const uidValidity = BigInt(client.mailbox ? client.mailbox.uidValidity : opened.uidValidity);
        const received = await syncNew(client, uidValidity);
        const moved = await moveFinished(client, uidValidity, hasMove);
        if (stopped || !holding || closed) break;
        if (received > 0 || moved > 0) moveCheckMs = timing.moveCheckMinMs;
        if (changed || received >= BATCH) continue;
        // While routed messages wait to be moved, look again soon (backing off), not only at the poll.
        const waiting = await db.mailMessage.count({ where: { mailbox: key, uidValidity, movedAt: null } });
        const waitMs = waiting > 0 ? Math.min(moveCheckMs, pollMs) : pollMs;
        if (waiting > 0) moveCheckMs = Math.min(moveCheckMs * 2, pollMs);
        setState('idle');
        await waitForNews(client, hasIdle, waitMs, whenClosed);
      }
    } finally {
      current = null;
      if (!closed) {
        await Promise.race([client.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
        client.close();
      }
      log.info('mail: disconnected');
    }
  }

  async function waitForNews(client: ImapFlow, hasIdle: boolean, waitMs: number, whenClosed: Promise<void>) {
    if (changed || stopped) return;
    const signals: Promise<unknown>[] = [pause(waitMs), whenClosed];
    // idle() resolves when IDLE ends: at maxIdleTime (then we poll and idle afresh), on close, or
    // when our next command breaks it. New mail arrives as an 'exists' event, which wakes us.
    if (hasIdle) signals.push(client.idle().catch(() => undefined));
    await Promise.race(signals);
  }

  async function ensureFolders(client: ImapFlow) {
    const existing = new Set((await client.list()).map((m) => m.path));
    for (const folder of [imap.processedFolder, imap.failedFolder]) {
      if (existing.has(folder)) continue;
      try {
        await client.mailboxCreate(folder);
        log.info({ folder }, 'mail: created folder');
      } catch (error) {
        // ALREADYEXISTS: another process (or a delimiter we did not see in the list) got there first.
        if ((error as { serverResponseCode?: string }).serverResponseCode !== 'ALREADYEXISTS') throw error;
      }
    }
  }

  /** Hands every message after the last UID to the domain; returns how many it handled. */
  async function syncNew(client: ImapFlow, uidValidity: bigint): Promise<number> {
    const saved = await db.mailboxState.findUnique({ where: { mailbox: key } });
    let lastUid = 0;
    if (!saved) {
      await db.mailboxState.create({ data: { mailbox: key, uidValidity, lastUid: 0 } });
      log.info({ uidValidity: String(uidValidity) }, 'mail: first run on this mailbox; reading it from the start');
    } else if (saved.uidValidity !== uidValidity) {
      await db.mailboxState.update({ where: { mailbox: key }, data: { uidValidity, lastUid: 0 } });
      log.warn({ from: String(saved.uidValidity), to: String(uidValidity) }, 'mail: UIDVALIDITY changed; rescanning the folder');
    } else {
      lastUid = saved.lastUid;
    }
    // "n:*" always matches the highest UID, even below n: filter.
    const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    const uids = found.filter((u) => u > lastUid).sort((a, b) => a - b).slice(0, BATCH);
    if (uids.length === 0) return 0;

    // Collect sizes and Message-IDs first; the fetch iteration issues no other command.
    const info = new Map<number, { size: number; messageId: string | null; envelope: ReceiveMailInput['envelope'] }>();
    for await (const m of client.fetch(uids.join(','), { uid: true, size: true, envelope: true }, { uid: true }) as AsyncIterable<FetchMessageObject>) {
      const e = m.envelope;
      // The server's envelope spares receiveMail reading the headers back from the stored source.
      const envelope = e && {
        messageId: e.messageId ?? null, from: e.from?.[0]?.address ?? null, fromName: e.from?.[0]?.name || null,
        to: (e.to ?? []).map((a) => a.address ?? '').filter(Boolean), subject: e.subject ?? null, date: e.date ? new Date(e.date) : null,
      };
      info.set(m.uid, { size: m.size ?? 0, messageId: bare(m.envelope?.messageId), envelope });
    }
    const oldEpoch = await db.mailMessage.findFirst({ where: { mailbox: key, uidValidity: { not: uidValidity } }, select: { id: true } });
    let handled = 0;
    // READ_AHEAD messages are downloaded and stored at once (imapflow queues their FETCHes on the
    // one connection; the database and the disk overlap them). The last UID saved is the highest
    // one below which every message is done — every SAVE_EVERY messages and at the end: after a
    // crash the few messages since (or still in flight) are fetched again, and receiveMail
    // (unique per mailbox, UIDVALIDITY and UID) returns their rows instead of storing them twice.
    let savedUid = lastUid;
    const done = new Set<number>();
    let doneBelow = 0; // uids[0 .. doneBelow) are all done
    const saveProgress = async () => {
      while (doneBelow < uids.length && done.has(uids[doneBelow]!)) doneBelow++;
      const uid = doneBelow > 0 ? uids[doneBelow - 1]! : lastUid;
      if (uid <= savedUid) return;
      await db.mailboxState.update({ where: { mailbox: key }, data: { lastUid: uid } });
      savedUid = Math.max(savedUid, uid);
    };
    const finish = async (handledUids: number[]) => {
      const before = Math.floor(handled / SAVE_EVERY);
      for (const uid of handledUids) done.add(uid);
      handled += handledUids.length;
      if (Math.floor(handled / SAVE_EVERY) > before) await saveProgress();
    };
    const handleOne = async (uid: number) => {
      const meta = info.get(uid);
      if (!meta) {
        // Expunged between SEARCH and FETCH: nothing to read.
      } else if (meta.size > store.maxFileBytes) {
        log.error({ uid, size: meta.size, maxBytes: store.maxFileBytes }, 'mail: message larger than the raw store accepts; keeping its beginning and a rejected record');
        await recordOversized(client, uid, uidValidity, meta);
      } else if (!(oldEpoch && (await adoptFromOldEpoch(uid, uidValidity, meta.messageId)))) {
        await ingestOne(client, uid, uidValidity, meta.envelope);
      }
      await finish([uid]);
    };
    const handleGroup = async (group: number[]) => {
      await ingestGroup(client, group, uidValidity, info);
      await finish(group);
    };
    // Units of work in UID order: groups of small messages, and single ones (large, or after a
    // UIDVALIDITY change, where each is first matched against the old epoch's rows).
    const units: (() => Promise<void>)[] = [];
    let group: number[] = [];
    let groupBytes = 0;
    const closeGroup = () => {
      if (group.length === 0) return;
      const uidsOfGroup = group;
      units.push(() => handleGroup(uidsOfGroup));
      group = [];
      groupBytes = 0;
    };
    for (const uid of uids) {
      const meta = info.get(uid);
      if (!oldEpoch && meta && meta.size <= GROUP_MESSAGE_BYTES) {
        if (group.length >= GROUP_SIZE || groupBytes + meta.size > GROUP_BYTES) closeGroup();
        group.push(uid);
        groupBytes += meta.size;
      } else {
        closeGroup();
        units.push(() => handleOne(uid));
      }
    }
    closeGroup();
    let next = 0;
    let failure: unknown = null;
    const lane = async () => {
      while (next < units.length && failure === null && !stopped && holding) {
        const unit = units[next++]!;
        try {
          await unit();
        } catch (error) {
          failure ??= error; // the other lanes finish what they hold and take nothing new
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(READ_AHEAD, units.length) }, lane));
    } finally {
      await saveProgress();
    }
    if (failure !== null) throw failure;
    return handled;
  }

  /**
   * A message larger than the raw store accepts is still never lost: its first OVERSIZED_HEAD_BYTES
   * (headers and the start of the body) are stored with a MailMessage recorded as rejected, saying
   * why; the mover then puts the whole message in the failed folder, where it stays.
   */
  async function recordOversized(client: ImapFlow, uid: number, uidValidity: bigint, meta: { size: number; envelope: ReceiveMailInput['envelope'] }) {
    const download = await client.download(String(uid), undefined, { uid: true, maxBytes: OVERSIZED_HEAD_BYTES });
    if (!download.content) return; // gone meanwhile
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const rejected = `message is ${mb(meta.size)} MB, over the ${mb(store.maxFileBytes)} MB Kontakt stores; its first ${OVERSIZED_HEAD_BYTES / 1024} KB are kept here and the whole message is in the IMAP folder ${imap.failedFolder}`;
    const row = await receiveMail(db, store, { mailbox: key, uidValidity, uid, raw: download.content, envelope: meta.envelope, rejected });
    log.warn({ uid, mailMessageId: row.id }, 'mail: oversized message recorded as rejected');
  }

  /** Streams one message into receiveMail and enqueues its routing. */
  async function ingestOne(client: ImapFlow, uid: number, uidValidity: bigint, envelope: ReceiveMailInput['envelope']) {
    const download = await client.download(String(uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK_BYTES });
    if (!download.content) return; // gone meanwhile
    downloads++;
    const row = await receiveMail(db, store, { mailbox: key, uidValidity, uid, raw: download.content, envelope });
    log.debug({ uid, mailMessageId: row.id, created: row.created }, 'mail: stored');
    if (row.status === 'received') await enqueue('mail-route', { mailMessageId: row.id });
  }

  /**
   * Small messages, many at once: one FETCH brings their sources (collected whole; no other
   * command runs inside it), receiveMails stores and records them as one batch, and their
   * mail-route jobs are added in one call. A message expunged meanwhile is simply absent.
   */
  async function ingestGroup(client: ImapFlow, group: number[], uidValidity: bigint, info: Map<number, { envelope: ReceiveMailInput['envelope'] }>) {
    const fetched = await client.fetchAll(group.join(','), { uid: true, source: true }, { uid: true });
    const sources = new Map(fetched.filter((m) => m.source && group.includes(m.uid)).map((m) => [m.uid, m.source!]));
    if (sources.size === 0) return;
    downloads += sources.size;
    const rows = await receiveMails(db, store, [...sources].map(([uid, raw]) => ({ mailbox: key, uidValidity, uid, raw, envelope: info.get(uid)?.envelope })));
    log.debug({ count: rows.length, created: rows.filter((r) => r.created).length }, 'mail: stored a group');
    const payloads = rows.filter((r) => r.status === 'received').map((r) => ({ mailMessageId: r.id }));
    await enqueue.many('mail-route', payloads);
  }

  /**
   * After a UIDVALIDITY change the same message comes back under a new UID. A row of an older epoch
   * with its Message-ID is re-keyed to the new UID instead of storing the message twice.
   */
  async function adoptFromOldEpoch(uid: number, uidValidity: bigint, messageId: string | null): Promise<boolean> {
    if (!messageId) return false;
    const row = await db.mailMessage.findFirst({
      where: { mailbox: key, messageId, uidValidity: { not: uidValidity } },
      orderBy: { id: 'desc' },
      select: { id: true, status: true },
    });
    if (!row) return false;
    const taken = await db.mailMessage.findFirst({ where: { mailbox: key, uidValidity, uid }, select: { id: true } });
    if (!taken) await db.mailMessage.update({ where: { id: row.id }, data: { uidValidity, uid } });
    log.info({ uid, mailMessageId: row.id }, 'mail: message seen before the UIDVALIDITY change; record re-keyed, not stored again');
    if (row.status === 'received') await enqueue('mail-route', { mailMessageId: row.id });
    return true;
  }

  /** Moves (or flags) messages whose routing result is committed; records movedAt. */
  async function moveFinished(client: ImapFlow, uidValidity: bigint, hasMove: boolean): Promise<number> {
    const rows = await db.mailMessage.findMany({
      where: { mailbox: key, uidValidity, movedAt: null, status: { not: 'received' }, uid: { not: null } },
      select: { id: true, uid: true, status: true },
      orderBy: { id: 'asc' },
      take: 500,
    });
    let moved = 0;
    for (const target of ['processed', 'failed'] as const) {
      const group = rows.filter((r) => (r.status === 'rejected') === (target === 'failed'));
      if (group.length === 0) continue;
      await moveOrFlag(client, group.map((r) => r.uid).join(','), target, hasMove);
      await db.mailMessage.updateMany({ where: { id: { in: group.map((r) => r.id) } }, data: { movedAt: new Date() } });
      log.info({ count: group.length, target }, `mail: moved ${group.length} message(s) to the ${target} folder`);
      moved += group.length;
    }
    return moved;
  }

  async function moveOrFlag(client: ImapFlow, uidSet: string, target: 'processed' | 'failed', hasMove: boolean) {
    const folder = target === 'failed' ? imap.failedFolder : imap.processedFolder;
    if (hasMove) await client.messageMove(uidSet, folder, { uid: true });
    else await client.messageFlagsAdd(uidSet, ['\\Seen', HANDLED_KEYWORD[target]], { uid: true });
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      log.info({ host: imap.host, folder: imap.mailbox, pollSeconds: imap.pollSeconds }, 'mail: starting the IMAP reader');
      loop = run().catch((error) => log.error({ err: error }, 'mail: reader loop failed'));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      wake();
      clearInterval(renewTimer);
      // Let the message at hand finish; then cut the connection (it may hang on a dead socket).
      await Promise.race([loop, new Promise((r) => setTimeout(r, timing.stopGraceMs))]);
      current?.close();
      await loop;
      if (holding) await lock.release().catch((error: Error) => log.warn({ err: error.message }, 'mail: could not release the mailbox lock'));
      holding = false;
      setState('stopped');
    },
    status: () => ({ state, holdsLock: holding, mailbox: key, downloads, connects }),
  };
}

/** The raw store must keep messages beyond the parse limit (kept raw, then rejected): 2 × the limit. */
function rawStore(store: FileStore, maxMessageBytes: number): FileStore {
  const wanted = Math.min(MAX_STORABLE_BYTES, Math.max(store.maxFileBytes, maxMessageBytes * 2));
  return wanted === store.maxFileBytes ? store : createFileStore({ dataDir: store.dataDir, maxFileBytes: wanted });
}

const bare = (id: string | undefined | null) => (id ? id.trim().replace(/^<|>$/g, '') || null : null);
