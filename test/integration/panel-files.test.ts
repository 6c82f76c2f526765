// Uploads and downloads through the panel: streamed multipart into the file store, served back
// as attachments with safe headers.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/domain/files/index.ts';
import { hashPassword } from '../../src/domain/employees/password.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp } from '../../src/web/app.tsx';
import { contentDisposition } from '../../src/web/routes/files.tsx';
import { useTestDb } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { makeContact, makeEmployee, uid } from '../factories/index.ts';
import { minimalPdf, minimalPng } from '../fixtures/files/sample-files.ts';

const t = useTestDb();
const ORIGIN = 'http://localhost:3000';
let redis: Redis;
let dataDir = '';
let app: ReturnType<typeof createApp>;
let cookie = '';
let csrf = '';

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-panel-files-'));
  app = createApp({
    db: t.db, redis, logger: createLogger('silent'), version: 'test', publicUrl: ORIGIN,
    fileStore: createFileStore({ dataDir, maxFileBytes: 64 * 1024 }),
    throttlePolicy: { maxPerAccount: 5, maxPerIp: 1000, windowSeconds: 60, keyPrefix: `test:${uid()}` },
  });
  const employee = await makeEmployee(t.db);
  await t.db.employee.update({ where: { id: employee.id }, data: { passwordHash: await hashPassword('files test password') } });
  const res = await app.request('/login', {
    method: 'POST',
    body: new URLSearchParams({ email: employee.email, password: 'files test password' }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
  });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  csrf = (await t.db.session.findFirstOrThrow({ where: { employeeId: employee.id } })).csrfToken;
});
afterAll(async () => {
  redis.disconnect();
  await rm(dataDir, { recursive: true, force: true });
});

function upload(contactId: number, files: { name: string; bytes: Buffer }[], headers: Record<string, string> = { 'X-CSRF-Token': csrf, 'HX-Request': 'true' }, query = '') {
  const body = new FormData();
  for (const f of files) body.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  return app.request(`/contacts/${contactId}/files${query}`, { method: 'POST', body, headers: { Cookie: cookie, Origin: ORIGIN, ...headers } });
}

describe('files in the panel', () => {
  it('uploads several files at once and downloads the identical bytes as attachments', async () => {
    const { contact } = await makeContact(t.db);
    const pdf = minimalPdf();
    const text = Buffer.from('Zamówienie: 12 × fotel, 3 × biurko\n');
    const res = await upload(contact.id, [{ name: 'Faks – zamówienie.pdf', bytes: pdf }, { name: 'notatka.txt', bytes: text }]);
    expect(res.status).toBe(200);
    const timeline = await res.text();
    expect(timeline).toContain('Faks – zamówienie.pdf');
    const found = await t.db.item.findMany({ where: { contactId: contact.id, type: 'file' }, include: { versions: { include: { storedFile: true } } } });
    // The parts are stored as they stream in; their rows may commit in either order.
    const items = ['Faks – zamówienie.pdf', 'notatka.txt'].map((name) => found.find((i) => i.versions[0]!.fileName === name)!);
    expect(items.map((i) => [i.versions[0]!.fileName, i.versions[0]!.storedFile.mimeType])).toEqual([['Faks – zamówienie.pdf', 'application/pdf'], ['notatka.txt', 'text/plain']]);

    const download = await app.request(`/files/${items[0]!.versions[0]!.id}`, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), pdf)).toBe(0);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(contentDisposition('attachment', 'Faks – zamówienie.pdf'));
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''Faks%20%E2%80%93%20zam%C3%B3wienie.pdf");
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const textDownload = await app.request(`/files/${items[1]!.versions[0]!.id}`, { headers: { Cookie: cookie } });
    expect(await textDownload.text()).toBe(text.toString());
    expect(textDownload.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('shows only safe types inline, and only when asked', async () => {
    const { contact } = await makeContact(t.db);
    await upload(contact.id, [{ name: 'zdjecie.png', bytes: minimalPng() }, { name: 'strona.html', bytes: Buffer.from('<html><script>alert(1)</script></html>') }]);
    const all = await t.db.fileVersion.findMany({ where: { item: { contactId: contact.id } } });
    const versions = ['zdjecie.png', 'strona.html'].map((name) => all.find((v) => v.fileName === name)!);
    const png = await app.request(`/files/${versions[0]!.id}?inline=1`, { headers: { Cookie: cookie } });
    expect(png.headers.get('content-disposition')).toMatch(/^inline;/);
    // HTML is never served as HTML: its bytes are text, shown as plain text in a sandbox.
    const html = await app.request(`/files/${versions[1]!.id}?inline=1`, { headers: { Cookie: cookie } });
    expect(html.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const plain = await app.request(`/files/${versions[0]!.id}`, { headers: { Cookie: cookie } });
    expect(plain.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('refuses a file over the cap with a message, keeps the others, and stores nothing of it', async () => {
    const { contact } = await makeContact(t.db);
    const res = await upload(contact.id, [{ name: 'ok.txt', bytes: Buffer.from('ok') }, { name: 'big.bin', bytes: Buffer.alloc(64 * 1024 + 10, 1) }]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('larger than');
    const names = await t.db.fileVersion.findMany({ where: { item: { contactId: contact.id } }, select: { fileName: true } });
    expect(names.map((n) => n.fileName)).toEqual(['ok.txt']);
  });

  it('needs the CSRF token (header, or ?_csrf for a plain form) and a session', async () => {
    const { contact } = await makeContact(t.db);
    expect((await upload(contact.id, [{ name: 'a.txt', bytes: Buffer.from('a') }], {})).status).toBe(403);
    expect((await upload(contact.id, [{ name: 'a.txt', bytes: Buffer.from('a') }], {}, `?_csrf=${csrf}`)).status).toBe(303);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(1);
    const signedOut = await app.request('/files/1');
    expect(signedOut.status).toBe(303);
    expect((await app.request('/files/999999', { headers: { Cookie: cookie } })).status).toBe(404);
  });
});
