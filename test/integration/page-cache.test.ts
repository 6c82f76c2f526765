// The panel with the change feed main.ts gives it: pages and sessions kept in memory, and dropped
// by PostgreSQL's notifications. A write with triggers switched off (session_replication_role =
// replica, as nothing in Kontakt does) shows whether a page came from memory.
import { describe, expect, it } from 'vitest';
import { createChangeFeed } from '../../src/db/change-feed.ts';
import { createLogger } from '../../src/logger.ts';
import { withClient, useTestDb } from '../helpers/db.ts';
import { usePanelApp } from '../helpers/panel.ts';
import { until } from '../helpers/until.ts';
import { makeContact } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t, { changeFeed: true });

/** Sets a contact's title behind the triggers' back: no notification, so no cache learns of it. */
const quietTitle = (id: number, title: string) =>
  withClient(t.url, async (c) => {
    await c.query(`SET session_replication_role = replica`);
    await c.query(`UPDATE "Contact" SET title = $1 WHERE id = $2`, [title, id]);
  });

const newContact = async (title: string) => (await makeContact(t.db, { title })).contact;

const page = async (b: Awaited<ReturnType<typeof panelApp.browser>>, path: string, headers: Record<string, string> = {}) => {
  const res = await b.get(path, headers);
  expect(res.status).toBe(200);
  return res.text();
};

describe('page cache with PostgreSQL notifications', () => {
  it('has a notifying trigger on every table (Session: on delete only)', async () => {
    const rows = await t.db.$queryRaw<{ table: string; triggered: boolean; events: string | null }[]>`
      SELECT c.relname AS "table", tg.tgname IS NOT NULL AS triggered,
             CASE WHEN tg.tgtype IS NULL THEN NULL ELSE concat_ws(',',
               CASE WHEN tg.tgtype & 4 <> 0 THEN 'insert' END, CASE WHEN tg.tgtype & 8 <> 0 THEN 'delete' END,
               CASE WHEN tg.tgtype & 16 <> 0 THEN 'update' END, CASE WHEN tg.tgtype & 32 <> 0 THEN 'truncate' END) END AS events
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_trigger tg ON tg.tgrelid = c.oid AND tg.tgname = 'kontakt_change'
      WHERE c.relkind = 'r' AND c.relname <> '_prisma_migrations'`;
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !r.triggered).map((r) => r.table)).toEqual([]);
    for (const r of rows) expect([r.table, r.events]).toEqual([r.table, r.table === 'Session' ? 'delete,truncate' : 'insert,delete,update,truncate']);
  });

  it('moves the feed after a commit, from any connection, and not for a rollback', async () => {
    const feed = panelApp.changes!;
    await until('the feed to listen', () => feed.live);
    const contact = await newContact('Feed');
    await new Promise((r) => setTimeout(r, 300)); // the contact's own notifications arrive
    const before = feed.version;
    await expect(t.db.$transaction(async (tx) => {
      await tx.contact.update({ where: { id: contact.id }, data: { title: 'Rolled back' } });
      throw new Error('undo');
    })).rejects.toThrow('undo');
    await new Promise((r) => setTimeout(r, 300));
    expect(feed.version).toBe(before);
    await withClient(t.url, (c) => c.query(`UPDATE "Contact" SET title = 'Committed' WHERE id = $1`, [contact.id]));
    await until('the notification', () => feed.version > before);
  });

  it('serves the contacts list and a contact from memory until a change is committed anywhere', async () => {
    const b = await panelApp.browser();
    const contact = await newContact('Pierwszy tytuł');
    await until('the feed to settle', () => panelApp.changes!.live);
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Pierwszy tytuł');
    expect(await page(b, `/contacts?q=${contact.number}`)).toContain('Pierwszy tytuł');

    await quietTitle(contact.id, 'Cichy tytuł');
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Pierwszy tytuł');
    expect(await page(b, `/contacts?q=${contact.number}`)).toContain('Pierwszy tytuł');
    // A page not asked for before is rendered now, from the data as it is.
    expect(await page(b, `/contacts?q=${contact.number}`, { 'HX-Request': 'true' })).toContain('Cichy tytuł');

    // Another process (here: another connection) commits a change: the notification drops both pages.
    await withClient(t.url, (c) => c.query(`UPDATE "Contact" SET title = 'Trzeci tytuł' WHERE id = $1`, [contact.id]));
    await until('the contact page to show the change', async () => (await page(b, `/contacts/${contact.id}`)).includes('Trzeci tytuł'));
    expect(await page(b, `/contacts?q=${contact.number}`)).toContain('Trzeci tytuł');
  });

  it('shows a person their own change at once, without waiting for the notification', async () => {
    const b = await panelApp.browser();
    const contact = await newContact('Przed edycją');
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Przed edycją');
    const fresh = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    const res = await b.post(`/contacts/${contact.id}/fields`, { field: 'title', value: 'Po edycji', version: String(fresh.version) }, { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Po edycji');
  });

  it('keeps pages per session: each person gets their own language and CSRF token', async () => {
    const pl = await panelApp.browser({ locale: 'pl' });
    const en = await panelApp.browser({ locale: 'en' });
    const contact = await newContact('Wspólny kontakt');
    const [plPage, enPage] = [await page(pl, `/contacts/${contact.id}`), await page(en, `/contacts/${contact.id}`)];
    expect(plPage).toContain('lang="pl"');
    expect(enPage).toContain('lang="en"');
    expect(plPage).toContain(pl.csrf);
    expect(plPage).not.toContain(en.csrf);
    expect(await page(en, `/contacts/${contact.id}`)).toContain(en.csrf);
  });

  it('refuses a session ended elsewhere (its row deleted by another process)', async () => {
    const b = await panelApp.browser();
    expect((await b.get('/contacts')).status).toBe(200);
    await withClient(t.url, (c) => c.query(`DELETE FROM "Session" WHERE "employeeId" = $1`, [b.employee.id]));
    const res = await until('the session to be refused', async () => {
      const r = await b.get('/contacts');
      return r.status === 303 ? r : null;
    });
    expect(res.headers.get('location')).toBe('/login?next=%2Fcontacts');
  });

  it('reads every page afresh while the feed is down, and keeps pages again once it is back', async () => {
    const feed = panelApp.changes!;
    const b = await panelApp.browser();
    const contact = await newContact('Przed awarią');
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Przed awarią');
    await withClient(t.url, (c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kontakt change feed' AND datname = current_database()`));
    await until('the feed to notice', () => !feed.live);
    await quietTitle(contact.id, 'Podczas awarii');
    // Down (or already back: it reconnects within ~50 ms here and counts the gap as a change).
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Podczas awarii');
    await until('the feed to reconnect', () => feed.live);
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Podczas awarii');
    await quietTitle(contact.id, 'Po awarii');
    expect(await page(b, `/contacts/${contact.id}`)).toContain('Podczas awarii');
  });

  it('counts a connection that stops answering as lost (heartbeat), and listens again on a new one', async () => {
    const feed = createChangeFeed({ databaseUrl: t.url, logger: createLogger('silent'), retry: { minMs: 50, maxMs: 200 }, heartbeat: { everyMs: 100, timeoutMs: 300 } });
    await feed.start();
    const backend = async () => {
      const rows = await t.db.$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE application_name = 'kontakt change feed' AND datname = current_database() AND backend_start > now() - interval '1 hour' ORDER BY backend_start DESC LIMIT 1`;
      return rows[0]!.pid;
    };
    const frozen = await backend();
    try {
      expect(feed.live).toBe(true);
      process.kill(frozen, 'SIGSTOP'); // the socket stays open; nothing answers
      await until('the heartbeat to notice', () => !feed.live, 5000);
      await until('a new connection', () => feed.live, 5000);
      expect(await backend()).not.toBe(frozen);
      const before = feed.version;
      await withClient(t.url, (c) => c.query(`INSERT INTO "NoteKind" (kind) VALUES ('heartbeat ' || md5(random()::text))`));
      await until('a notification on the new connection', () => feed.version > before);
    } finally {
      process.kill(frozen, 'SIGCONT');
      await feed.stop();
    }
  });
});
