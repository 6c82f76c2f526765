// The panel in a real browser (Debian's Chromium through playwright-core): what only a browser
// shows — htmx under our CSP, search as you type, inline edits one after another (the version is
// swapped out of band), notes appearing on the timeline. Screenshots go to test/artifacts/.
// The app has the change feed, as main.ts runs it: pages and sessions are kept until a change.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeFeed, type ChangeFeed } from '../../src/db/change-feed.ts';
import { hashPassword } from '../../src/domain/employees/password.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp } from '../../src/web/app.tsx';
import { useTestDb } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, uid } from '../factories/index.ts';

const t = useTestDb();
const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');
const PASSWORD = 'browser test password';
let redis: Redis;
let server: ReturnType<typeof serve>;
let baseUrl = '';
let browser: Browser;
let dataDir = '';
let changes: ChangeFeed;

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL);
  changes = createChangeFeed({ databaseUrl: t.url, logger: createLogger('silent') });
  await changes.start();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-browser-'));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: (req) => app().fetch(req), hostname: '127.0.0.1', port: 0 }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await changes?.stop();
  redis?.disconnect();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let cachedApp: ReturnType<typeof createApp> | undefined;
const app = () =>
  (cachedApp ??= createApp({ db: t.db, redis, changes, logger: createLogger('silent'), version: 'test', publicUrl: baseUrl, fileStore: createFileStore({ dataDir, maxFileBytes: 1024 * 1024 }), throttlePolicy: { maxPerAccount: 5, maxPerIp: 1000, windowSeconds: 60, keyPrefix: `test:${uid()}` } }));

async function signedInPage(): Promise<{ page: Page; problems: string[]; employee: { id: number; email: string } }> {
  const employee = await makeEmployee(t.db);
  await t.db.employee.update({ where: { id: employee.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${baseUrl}/contacts`);
  expect(page.url()).toContain('/login');
  await page.fill('input[name=email]', employee.email);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/contacts$/);
  return { page, problems, employee };
}

describe('panel in Chromium', () => {
  it('signs in, searches as you type, edits inline twice, adds a note — with no CSP or script errors', async () => {
    const { page, problems, employee } = await signedInPage();
    const tag = `zolw${uid()}`;
    const company = await makeCompany(t.db, { name: `Żółw ${tag}` });
    const { contact } = await makeContact(t.db, { companyId: company.id, title: 'Regały magazynowe', actor: actorFor({ id: employee.id, role: 'member' }) });

    await page.fill('input[name=q]', tag);
    await page.locator(`#results a[href="/contacts/${contact.id}"]`).waitFor();
    expect(await page.locator('#results tr').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'contacts-list.png'), fullPage: true });

    await page.click(`#results a[href="/contacts/${contact.id}"]`);
    await page.waitForURL(new RegExp(`/contacts/${contact.id}$`));
    await page.selectOption('#field-priority select', 'high');
    await page.click('#field-priority button');
    await page.locator('#field-priority [role=status]', { hasText: 'Zapisano' }).waitFor();
    // The second edit must carry the version the first one produced (swapped out of band).
    await page.fill('#field-title input[name=value]', 'Regały magazynowe — 2 piętro');
    await page.click('#field-title button');
    await page.locator('#field-title [role=status]', { hasText: 'Zapisano' }).waitFor();
    const row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row).toMatchObject({ priority: 'high', title: 'Regały magazynowe — 2 piętro', version: contact.version + 2 });

    await page.fill('#timeline input[name=noteKind]', 'telefon');
    await page.fill('#timeline textarea[name=text]', 'Klient prosi o wycenę montażu');
    await page.click('#timeline button[type=submit]');
    await page.locator('#timeline li', { hasText: 'Klient prosi o wycenę montażu' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'contact.png'), fullPage: true });
    expect(await t.db.item.count({ where: { contactId: contact.id, text: 'Klient prosi o wycenę montażu', authorId: employee.id } })).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('uploads two files and downloads the identical bytes', async () => {
    const { page, problems, employee } = await signedInPage();
    const { contact } = await makeContact(t.db, { actor: actorFor({ id: employee.id, role: 'member' }) });
    await page.goto(`${baseUrl}/contacts/${contact.id}`);
    const offer = Buffer.from(`Oferta ${uid()}: 12 × fotel ergonomiczny\n`);
    await page.setInputFiles('#timeline input[type=file]', [
      { name: 'Oferta – Żółw.txt', mimeType: 'text/plain', buffer: offer },
      { name: 'skan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ]);
    await page.click('#timeline form[enctype] button[type=submit]');
    const link = page.locator('#timeline a[download]', { hasText: 'Oferta – Żółw.txt' });
    await link.waitFor();
    await page.locator('#timeline a[download]', { hasText: 'skan.pdf' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Oferta – Żółw.txt');
    expect(Buffer.compare(await readFile((await download.path())!), offer)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('creates a contact from the form and lands on its page', async () => {
    const { page, problems, employee } = await signedInPage();
    const company = await makeCompany(t.db, { name: `Biuro ${uid()}` });
    await page.goto(`${baseUrl}/contacts/new`);
    await page.fill('input[name=title]', 'Wyposażenie sali konferencyjnej');
    await page.selectOption('select[name=companyId]', String(company.id));
    await page.selectOption('select[name=priority]', 'high');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/contacts\/\d+$/);
    const created = await t.db.contact.findFirstOrThrow({ where: { companyId: company.id } });
    expect(created).toMatchObject({ title: 'Wyposażenie sali konferencyjnej', priority: 'high', ownerId: employee.id });
    expect(await page.locator('h1').textContent()).toContain(created.number);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the language on the account page', async () => {
    const { page, problems } = await signedInPage();
    await page.click('nav a[href="/account"]');
    await page.selectOption('#preferences select[name=locale]', 'en');
    await page.click('#preferences button[type=submit]');
    await page.locator('[role=status]', { hasText: 'Preferences saved.' }).waitFor();
    await page.click('nav a[href="/contacts"]');
    await page.waitForURL(/\/contacts$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('nav').textContent()).toContain('New contact');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('adds a line to the sales subject, issues an invoice from it and opens its print view', async () => {
    const { page, problems, employee } = await signedInPage();
    const article = await makeArticle(t.db, { name: `Fotel biurowy ${uid()}`, listNetPrice: '450.00', vatRate: '23', unit: 'szt.' });
    const { contact } = await makeContact(t.db, { actor: actorFor({ id: employee.id, role: 'member' }) });
    await page.goto(`${baseUrl}/contacts/${contact.id}`);
    await page.selectOption('select[name=articleId][form=sales-line-new]', String(article.id));
    await page.fill('input[name=quantity][form=sales-line-new]', '3');
    await page.fill('input[name=unitNetPrice][form=sales-line-new]', '400');
    await page.click('#sales-line-new button[type=submit]');
    await page.locator('#sales-net-total', { hasText: '1200,00' }).waitFor();

    await page.selectOption('#issue-document select[name=kindCode]', 'invoice');
    await page.click('#issue-document button[type=submit]');
    await page.waitForURL(/\/documents\/\d+$/);
    const document = await t.db.document.findFirstOrThrow({ where: { contactId: contact.id }, include: { lines: true } });
    expect(document).toMatchObject({ kindCode: 'invoice' });
    expect(document.lines.map((l) => [l.articleId, String(l.quantity), String(l.unitNetPrice)])).toEqual([[article.id, '3', '400']]);
    expect(await page.locator('h1').textContent()).toContain(document.number);
    // 1200 net + 23% VAT = 1476 gross, in words.
    expect(await page.locator('.amount-in-words').textContent()).toContain('tysiąc czterysta siedemdziesiąt sześć złotych 00/100');
    await page.screenshot({ path: path.join(ARTIFACTS, 'invoice.png'), fullPage: true });
    await page.click(`a[href="/contacts/${contact.id}"]`);
    await page.locator('#timeline li', { hasText: document.number }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reassigns two contacts at once after a confirmation', async () => {
    const { page, problems, employee } = await signedInPage();
    const successor = await makeEmployee(t.db, { name: `Anna Następczyni ${uid()}` });
    const tag = `bulk${uid()}`;
    const company = await makeCompany(t.db, { name: `Hurtownia ${tag}` });
    const actor = actorFor({ id: employee.id, role: 'member' });
    const contacts = [(await makeContact(t.db, { companyId: company.id, actor })).contact, (await makeContact(t.db, { companyId: company.id, actor })).contact];
    await page.goto(`${baseUrl}/contacts?q=${tag}`);
    for (const c of contacts) await page.check(`#results input[name=id][value="${c.id}"]`);
    await page.check('#bulk input[name=action][value=reassign]');
    await page.selectOption('#bulk select[name=ownerId]', String(successor.id));
    await page.click('#bulk button[type=submit]');
    // The confirmation names both contacts; nothing has moved yet.
    for (const c of contacts) await page.locator('main', { hasText: c.number }).waitFor();
    expect(await t.db.contact.count({ where: { id: { in: contacts.map((c) => c.id) }, ownerId: successor.id } })).toBe(0);
    await page.click('main form button[type=submit]');
    await page.waitForLoadState('load');
    expect(await t.db.contact.count({ where: { id: { in: contacts.map((c) => c.id) }, ownerId: successor.id } })).toBe(2);
    expect(await t.db.historyEntry.count({ where: { contactId: { in: contacts.map((c) => c.id) }, action: 'reassigned' } })).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a conflict when someone else changed the contact meanwhile', async () => {
    const { page, employee } = await signedInPage();
    const { contact } = await makeContact(t.db, { actor: actorFor({ id: employee.id, role: 'member' }) });
    await page.goto(`${baseUrl}/contacts/${contact.id}`);
    await t.db.contact.update({ where: { id: contact.id }, data: { priority: 'low', version: { increment: 1 } } });
    await page.selectOption('#field-priority select', 'high');
    await page.click('#field-priority button');
    await page.locator('#field-priority [role=status]', { hasText: 'Obecna wartość: low' }).waitFor();
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).priority).toBe('low');
    await page.close();
  });
});
