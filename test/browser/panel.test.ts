// The panel in a real browser (Debian's Chromium through playwright-core): what only a browser
// shows — htmx under our CSP, search as you type, inline edits one after another (the version is
// swapped out of band), notes appearing on the timeline. Screenshots go to test/artifacts/.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/domain/employees/password.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp } from '../../src/web/app.tsx';
import { useTestDb } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { actorFor, makeCompany, makeContact, makeEmployee, uid } from '../factories/index.ts';

const t = useTestDb();
const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');
const PASSWORD = 'browser test password';
let redis: Redis;
let server: ReturnType<typeof serve>;
let baseUrl = '';
let browser: Browser;
let dataDir = '';

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL);
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
  redis?.disconnect();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let cachedApp: ReturnType<typeof createApp> | undefined;
const app = () =>
  (cachedApp ??= createApp({ db: t.db, redis, logger: createLogger('silent'), version: 'test', publicUrl: baseUrl, fileStore: createFileStore({ dataDir, maxFileBytes: 1024 * 1024 }), throttlePolicy: { maxPerAccount: 5, maxPerIp: 1000, windowSeconds: 60, keyPrefix: `test:${uid()}` } }));

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
