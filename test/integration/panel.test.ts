// The panel through app.request(): sign-in, sessions, CSRF, the contacts list and the contact
// page, against real PostgreSQL and Redis.
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/db.ts';
import { ORIGIN, PASSWORD, form, usePanelApp } from '../helpers/panel.ts';
import { makeCompany, makeContact, makeEmployee, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);
// A second app whose per-IP limit is low enough to reach in a test.
const strictApp = usePanelApp(t, { throttlePolicy: { maxPerAccount: 100, maxPerIp: 3, windowSeconds: 60, keyPrefix: `test:${uid()}` } });
const { browser, employeeWithPassword, signIn } = panelApp;
const app = { request: (path: string, init?: RequestInit) => panelApp.request(path, init) };
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body: form(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...headers } });

describe('signing in', () => {
  it('sends signed-out visitors to the sign-in page (htmx through HX-Redirect)', async () => {
    const res = await app.request('/contacts');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcontacts');
    const hx = await app.request('/contacts', { headers: { 'HX-Request': 'true' } });
    expect(hx.status).toBe(401);
    expect(hx.headers.get('hx-redirect')).toBe('/login?next=%2Fcontacts');
  });

  it('opens a new HttpOnly session at every sign-in and refuses a wrong password without saying which part was wrong', async () => {
    const employee = await employeeWithPassword();
    const wrong = await signIn(employee.email, 'wrong password!');
    expect(wrong.res.status).toBe(401);
    expect(await wrong.res.text()).toContain('Błędny e-mail lub hasło.');
    const unknown = await signIn(`nobody-${uid()}@kontakt.test`);
    expect(unknown.res.status).toBe(401);

    const first = await signIn(employee.email);
    expect(first.res.status).toBe(303);
    expect(first.res.headers.get('location')).toBe('/contacts');
    const setCookie = first.res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const second = await signIn(employee.email);
    expect(second.cookie).not.toBe(first.cookie);
    expect(first.cookie.split('=')[1]!.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    // Only hashes of the tokens are stored.
    const stored = await t.db.session.findMany({ where: { employeeId: employee.id } });
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.id)).not.toContain(first.cookie.split('=')[1]);
  });

  it('goes back to the page asked for, but never to another site', async () => {
    const employee = await employeeWithPassword();
    expect((await postForm('/login', { email: employee.email, password: PASSWORD, next: '/contacts/new' })).headers.get('location')).toBe('/contacts/new');
    expect((await postForm('/login', { email: employee.email, password: PASSWORD, next: '//evil.example/x' })).headers.get('location')).toBe('/contacts');
  });

  it('throttles an account after five failures, even for the right password, with a clear message', async () => {
    const employee = await employeeWithPassword();
    for (let i = 0; i < 5; i++) expect((await signIn(employee.email, 'nope-nope-nope')).res.status).toBe(401);
    const blocked = await signIn(employee.email);
    expect(blocked.res.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.res.text()).toContain('Zbyt wiele nieudanych logowań');
  });

  it('throttles per IP address across accounts', async () => {
    const attempt = (email: string) => strictApp.request('/login', { method: 'POST', body: form({ email, password: 'x' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } });
    for (let i = 0; i < 3; i++) expect((await attempt(`someone${i}-${uid()}@x.pl`)).status).toBe(401);
    expect((await attempt(`another-${uid()}@x.pl`)).status).toBe(429);
  });

  it('ends idle sessions and signs out', async () => {
    const b = await browser();
    expect((await b.get('/contacts')).status).toBe(200);
    const out = await b.post('/logout', { _csrf: b.csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await b.get('/contacts')).status).toBe(303);

    const idle = await browser();
    await t.db.session.updateMany({ where: { employeeId: idle.employee.id }, data: { lastSeenAt: new Date(Date.now() - 13 * 3_600_000) } });
    expect((await idle.get('/contacts')).status).toBe(303);
    expect(await t.db.session.count({ where: { employeeId: idle.employee.id } })).toBe(0);
  });

  it('changes the password only with the current one and ends the other sessions', async () => {
    const b = await browser();
    const other = await signIn(b.employee.email);
    expect((await b.post('/account/password', { currentPassword: 'wrong', newPassword: 'a new long password' })).status).toBe(422);
    const ok = await b.post('/account/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Hasło zmienione');
    expect((await app.request('/contacts', { headers: { Cookie: other.cookie } })).status).toBe(303);
    expect((await b.get('/contacts')).status).toBe(200);
    expect((await signIn(b.employee.email, 'a new long password')).res.status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the session token, from another site, or with a wrong token', async () => {
    const b = await browser();
    const { contact } = await makeContact(t.db);
    const note = { text: 'x' };
    const noToken = await app.request(`/contacts/${contact.id}/notes`, { method: 'POST', body: form(note), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: b.cookie, Origin: ORIGIN } });
    expect(noToken.status).toBe(403);
    expect((await b.post(`/contacts/${contact.id}/notes`, note, { 'X-CSRF-Token': 'forged' })).status).toBe(403);
    expect((await b.post(`/contacts/${contact.id}/notes`, note, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await b.post(`/contacts/${contact.id}/notes`, note, { Origin: 'https://evil.example' })).status).toBe(403);
    const json = await app.request(`/contacts/${contact.id}/notes`, { method: 'POST', body: JSON.stringify(note), headers: { 'Content-Type': 'application/json', Cookie: b.cookie, Origin: ORIGIN } });
    expect(json.status).toBe(403);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(0);
    expect((await b.post(`/contacts/${contact.id}/notes`, note, { 'HX-Request': 'true' })).status).toBe(200);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(1);
  });

  it('refuses bodies over the limit with 413 before the handler', async () => {
    const b = await browser();
    const res = await b.post('/contacts', { title: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe('contacts list', () => {
  it('lists, searches as you type (rows only for htmx) and offers quick views', async () => {
    const b = await browser();
    const tag = `zolw${uid()}`;
    const company = await makeCompany(t.db, { name: `Żółw ${tag}` });
    const { contact } = await makeContact(t.db, { companyId: company.id, title: 'Regały <script>alert(1)</script>', actor: { employeeId: b.employee.id, role: 'member', channel: 'panel' }, priority: 'high' });
    const page = await (await b.get(`/contacts?q=${tag}`)).text();
    expect(page).toContain(contact.number);
    expect(page).toContain('Regały &lt;script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    const rows = await (await b.get(`/contacts?q=${tag}`, { 'HX-Request': 'true' })).text();
    expect(rows.startsWith('<tbody id="results">')).toBe(true);
    expect(rows).toContain(`/contacts/${contact.id}`);
    expect(await (await b.get(`/contacts?q=${tag}nothing`, { 'HX-Request': 'true' })).text()).toContain('Nic nie znaleziono.');
    expect(await (await b.get('/contacts?view=mine')).text()).toContain(contact.number);
    expect(await (await b.get('/contacts?view=high')).text()).toContain(contact.number);
  });

  it('speaks the employee\'s language', async () => {
    const en = await browser({ locale: 'en' });
    expect(await (await en.get('/contacts')).text()).toContain('<h1>Contacts</h1>');
    const pl = await browser({ locale: 'pl' });
    expect(await (await pl.get('/contacts')).text()).toContain('<h1>Kontakty</h1>');
    const login = await app.request('/login', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,pl;q=0.5' } });
    expect(await login.text()).toContain('Sign in');
  });
});

describe('contact page', () => {
  it('creates a contact from the form, and shows validation errors next to the fields', async () => {
    const b = await browser();
    const company = await makeCompany(t.db);
    const invalid = await b.post('/contacts', { title: '', companyId: String(company.id), _csrf: b.csrf });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('required');
    const created = await b.post('/contacts', { title: 'Meble do biura', companyId: String(company.id), priority: 'high', dueAt: '2030-03-01T15:00', _csrf: b.csrf });
    expect(created.status).toBe(303);
    const id = Number(created.headers.get('location')!.split('/').pop());
    const row = await t.db.contact.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: 'Meble do biura', priority: 'high', ownerId: b.employee.id });
    expect(row.dueAt!.toISOString()).toBe('2030-03-01T14:00:00.000Z'); // 15:00 in Warsaw (winter time)
    const page = await (await b.get(`/contacts/${id}`)).text();
    expect(page).toContain(row.number);
    expect(page).toContain('value="2030-03-01T15:00"');
  });

  it('edits a field inline, then shows a conflict with the current value for a stale edit', async () => {
    const b = await browser();
    const { contact } = await makeContact(t.db);
    const saved = await b.post(`/contacts/${contact.id}/fields`, { field: 'priority', value: 'high', version: String(contact.version) }, { 'HX-Request': 'true' });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain('id="field-priority"');
    expect(html).toContain('Zapisano');
    expect(html).toMatch(/id="contact-version"[^>]*value="2"|value="2"[^>]*id="contact-version"/);
    expect(html).toContain('hx-swap-oob="true"');

    const stale = await b.post(`/contacts/${contact.id}/fields`, { field: 'priority', value: 'low', version: String(contact.version) }, { 'HX-Request': 'true' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Obecna wartość: high');
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).priority).toBe('high');

    const invalid = await b.post(`/contacts/${contact.id}/fields`, { field: 'dueAt', value: 'tomorrow-ish', version: '2' }, { 'HX-Request': 'true' });
    expect(invalid.status).toBe(422);
    expect((await b.post(`/contacts/${contact.id}/fields`, { field: 'number', value: 'K/1999/0001', version: '2' }, { 'HX-Request': 'true' })).status).toBe(422);
  });

  it('adds a note from the panel and shows it on the timeline and in the history', async () => {
    const b = await browser();
    const { contact } = await makeContact(t.db);
    const res = await b.post(`/contacts/${contact.id}/notes`, { text: 'Klient oddzwoni w piątek', noteKind: 'Telefon' }, { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    const timeline = await res.text();
    expect(timeline.startsWith('<section id="timeline">')).toBe(true);
    expect(timeline).toContain('Klient oddzwoni w piątek');
    const empty = await b.post(`/contacts/${contact.id}/notes`, { text: ' ' }, { 'HX-Request': 'true' });
    expect(empty.status).toBe(422);
    const page = await (await b.get(`/contacts/${contact.id}`)).text();
    expect(page).toContain('dodano notatkę');
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'note added', channel: 'panel', actorId: b.employee.id } })).toBe(1);
  });

  it('answers an unknown contact with a 404 page', async () => {
    const b = await browser();
    const res = await b.get('/contacts/99999999', { Accept: 'text/html' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Contact 99999999 not found');
    expect((await b.get('/contacts/abc', { Accept: 'text/html' })).status).toBe(404);
  });
});

describe('admin pages', () => {
  it('are refused to members on the server, GET and POST alike', async () => {
    const member = await browser({ role: 'member' });
    expect((await member.get('/employees', { Accept: 'text/html' })).status).toBe(403);
    expect((await member.get('/handover', { Accept: 'text/html' })).status).toBe(403);
    const leaver = await makeEmployee(t.db);
    const { contact } = await makeContact(t.db, { actor: { employeeId: leaver.id, role: 'member', channel: 'panel' } });
    expect((await member.post('/handover', { from: String(leaver.id), to: String(member.employee.id) })).status).toBe(403);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).ownerId).toBe(leaver.id);
    expect(await (await member.get('/contacts')).text()).not.toContain('href="/employees"');
  });

  it('let an admin list employees, preview a handover and carry it out with history', async () => {
    const admin = await browser({ role: 'admin' });
    expect(await (await admin.get('/contacts')).text()).toContain('href="/employees"');
    const employees = await (await admin.get('/employees')).text();
    expect(employees).toContain(admin.employee.email);

    const leaver = await makeEmployee(t.db);
    const successor = await makeEmployee(t.db);
    const { contact } = await makeContact(t.db, { actor: { employeeId: leaver.id, role: 'member', channel: 'panel' } });
    const preview = await (await admin.get(`/handover?from=${leaver.id}&to=${successor.id}`)).text();
    expect(preview).toContain(contact.number);
    expect(preview).toContain('1 otwartych kontaktów');
    const done = await admin.post('/handover', { from: String(leaver.id), to: String(successor.id) });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Przekazano 1 otwartych kontaktów');
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).ownerId).toBe(successor.id);
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'handover', channel: 'panel', actorId: admin.employee.id } })).toBe(1);
    const same = await admin.post('/handover', { from: String(successor.id), to: String(successor.id) });
    expect(same.status).toBe(422);
  });
});

describe('documents from the panel', () => {
  it('issues an invoice from the sales subject and opens a print view like a Polish invoice', async () => {
    const b = await browser();
    const company = await t.db.company.update({ where: { id: (await makeCompany(t.db)).id }, data: { street: 'ul. Długa 5', postalCode: '00-950', city: 'Warszawa' } });
    const { contact } = await makeContact(t.db, { companyId: company.id, restrictToSalesLines: true });
    const desk = await t.db.article.create({ data: { code: `BIU-${uid()}`, name: 'Biurko narożne', listNetPrice: '1000.00', vatRate: '23' } });
    await t.db.salesLine.create({ data: { contactId: contact.id, articleId: desk.id, quantity: '2', unitNetPrice: '899.99' } });
    const res = await b.post(`/contacts/${contact.id}/documents`, { kindCode: 'invoice' });
    expect(res.status).toBe(303);
    const documentId = Number(res.headers.get('location')!.split('/').pop());
    const document = await t.db.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(document.number).toMatch(/^FV\/\d{4}\/\d{2}\/\d{4}$/);
    expect(document.grossTotal.toFixed(2)).toBe('2213.98');
    const page = await (await b.get(`/documents/${documentId}`)).text();
    for (const text of ['Faktura VAT', document.number, `NIP ${company.nip}`, 'ul. Długa 5, 00-950 Warszawa', 'Biurko narożne', 'Podsumowanie VAT', '23%']) expect(page).toContain(text);
    expect(page.replace(/\u00a0/g, ' ')).toContain('2213,98 zł'); // Polish groups digits from five on
    expect(await (await b.get(`/contacts/${contact.id}`)).text()).toContain(document.number);
  });

  it('explains why a document cannot be issued', async () => {
    const b = await browser();
    const { contact } = await makeContact(t.db);
    const res = await b.post(`/contacts/${contact.id}/documents`, { kindCode: 'invoice' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('the contact has no sales subject');
  });
});

describe('tasks', () => {
  it('marks a task done from the timeline; only its author, the owner or an admin may', async () => {
    const b = await browser();
    const { contact } = await makeContact(t.db, { actor: { employeeId: b.employee.id, role: 'member', channel: 'panel' } });
    await b.post(`/contacts/${contact.id}/notes`, { text: 'Zadzwonić do klienta', dueAt: '2030-01-10T09:00' }, { 'HX-Request': 'true' });
    const task = await t.db.item.findFirstOrThrow({ where: { contactId: contact.id } });
    expect(task.assigneeId).toBe(b.employee.id);
    const page = await (await b.get(`/contacts/${contact.id}`)).text();
    expect(page).toContain(`/items/${task.id}/done`);

    const stranger = await browser();
    expect((await stranger.post(`/items/${task.id}/done`, {}, { Accept: 'text/html' })).status).toBe(403);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: task.id } })).doneAt).toBeNull();

    const done = await b.post(`/items/${task.id}/done`, {}, { 'HX-Request': 'true' });
    expect(done.status).toBe(200);
    expect(await done.text()).not.toContain(`/items/${task.id}/done`);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: task.id } })).doneAt).toBeInstanceOf(Date);
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'task done', channel: 'panel' } })).toBe(1);
  });
});
