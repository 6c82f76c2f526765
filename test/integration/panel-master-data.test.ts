// The master-data pages through app.request(): companies, people, employees, articles, contact
// kinds, payment forms and the documents list — roles, CSRF, validation (422), persistence and
// escaping, against real PostgreSQL and Redis.
import { describe, expect, it } from 'vitest';
import { issueDocument } from '../../src/domain/documents/issue-document.ts';
import { verifyPassword } from '../../src/domain/employees/password.ts';
import { useTestDb } from '../helpers/db.ts';
import { usePanelApp } from '../helpers/panel.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, makeKind, makePaymentForm, makePerson, randomNip, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

const companyForm = (overrides: Record<string, string> = {}) => ({
  name: `Żółw ${uid()} Sp. z o.o.`, code: `ZW-${uid()}`, kind: 'client', nip: randomNip(), emailDomains: '', phone: '', fax: '',
  street: '', postalCode: '', city: '', country: 'PL', notes: '', active: 'on', ...overrides,
});

/** Pages and the method used to check who may open them. */
const MEMBER_PAGES = ['/companies', '/companies/new', '/people', '/people/new', '/documents', '/articles'];
const ADMIN_PAGES = ['/employees', '/employees/new', '/articles/new', '/contact-kinds', '/contact-kinds/new', '/payment-forms', '/payment-forms/new'];
const ADMIN_POSTS = ['/employees', '/articles', '/contact-kinds', '/payment-forms'];

describe('access', () => {
  it('sends signed-out visitors to the sign-in page, for pages and for posts', async () => {
    for (const path of [...MEMBER_PAGES, ...ADMIN_PAGES]) {
      const res = await panelApp.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const post = await panelApp.request('/companies', {
      method: 'POST', body: new URLSearchParams(companyForm()).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' },
    });
    expect(post.status).toBe(303);
    expect(await t.db.company.count({ where: { name: { startsWith: 'Żółw' } } })).toBe(0);
  });

  it('lets members open their pages and refuses admin pages with 403, GET and POST alike', async () => {
    const member = await panelApp.browser();
    for (const path of MEMBER_PAGES) expect((await member.get(path)).status, path).toBe(200);
    for (const path of ADMIN_PAGES) expect((await member.get(path)).status, path).toBe(403);
    const kind = await makeKind(t.db);
    const paymentForm = await makePaymentForm(t.db);
    const article = await makeArticle(t.db);
    for (const path of [`/contact-kinds/${kind.id}`, `/payment-forms/${paymentForm.id}`, `/articles/${article.id}`, `/employees/${member.employee.id}`]) {
      expect((await member.get(path)).status, path).toBe(403);
    }
    for (const path of ADMIN_POSTS) expect((await member.post(path, { name: `X ${uid()}`, code: `X-${uid()}`, listNetPrice: '1' })).status, path).toBe(403);
    expect((await member.post(`/contact-kinds/${kind.id}`, { name: 'Hijacked', defaultProbability: '1' })).status).toBe(403);
    expect((await member.post(`/payment-forms/${paymentForm.id}`, { name: 'Hijacked', days: '1' })).status).toBe(403);
    expect((await member.post(`/articles/${article.id}`, { code: article.code, name: 'Hijacked', unit: 'szt.', listNetPrice: '1' })).status).toBe(403);
    expect((await member.post(`/employees/${member.employee.id}`, { name: 'Self promoted', email: member.employee.email, role: 'admin' })).status).toBe(403);
    expect((await member.post(`/employees/${member.employee.id}/password`, { password: 'a brand new password' })).status).toBe(403);
    // Nothing changed.
    expect((await t.db.contactKind.findUniqueOrThrow({ where: { id: kind.id } })).name).toBe(kind.name);
    expect((await t.db.paymentForm.findUniqueOrThrow({ where: { id: paymentForm.id } })).name).toBe(paymentForm.name);
    expect((await t.db.article.findUniqueOrThrow({ where: { id: article.id } })).name).toBe(article.name);
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: member.employee.id } })).role).toBe('member');
  });

  it('shows members the article list read-only and admins the edit links', async () => {
    const article = await makeArticle(t.db, { name: `Śruba ${uid()}` });
    const member = await panelApp.browser();
    const html = await (await member.get(`/articles?q=${encodeURIComponent(article.code)}`)).text();
    expect(html).toContain(article.name);
    expect(html).not.toContain(`href="/articles/${article.id}"`);
    expect(html).not.toContain('href="/articles/new"');
    const admin = await panelApp.browser({ role: 'admin' });
    const adminHtml = await (await admin.get(`/articles?q=${encodeURIComponent(article.code)}`)).text();
    expect(adminHtml).toContain(`href="/articles/${article.id}"`);
  });

  it('refuses posts without the CSRF token (403) and saves nothing', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    const company = await makeCompany(t.db);
    const noToken = { 'X-CSRF-Token': '' };
    const name = `NoCsrf ${uid()}`;
    const attempts = [
      ['/companies', companyForm({ name })],
      [`/companies/${company.id}`, companyForm({ name })],
      ['/people', { companyId: String(company.id), name }],
      ['/employees', { name, email: `nocsrf-${uid()}@kontakt.test` }],
      ['/articles', { code: `NC-${uid()}`, name, listNetPrice: '1' }],
      ['/contact-kinds', { name }],
      ['/payment-forms', { name, days: '7' }],
    ] as const;
    for (const [path, fields] of attempts) {
      const res = await admin.post(path, fields, noToken);
      expect(res.status, path).toBe(403);
    }
    const wrong = await admin.post('/companies', companyForm({ name }), { 'X-CSRF-Token': 'x'.repeat(admin.csrf.length) });
    expect(wrong.status).toBe(403);
    expect(await t.db.company.count({ where: { name } })).toBe(0);
    expect(await t.db.person.count({ where: { name } })).toBe(0);
    expect(await t.db.employee.count({ where: { name } })).toBe(0);
    expect(await t.db.article.count({ where: { name } })).toBe(0);
    expect(await t.db.contactKind.count({ where: { name } })).toBe(0);
    expect(await t.db.paymentForm.count({ where: { name } })).toBe(0);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    for (const path of ['/companies/999999', '/companies/abc', '/companies/999999/edit', '/people/999999', '/people/0', '/employees/999999', '/articles/999999', '/contact-kinds/999999', '/payment-forms/999999']) {
      expect((await admin.get(path, { Accept: 'text/html' })).status, path).toBe(404);
    }
    expect((await admin.post('/companies/999999', companyForm())).status).toBe(404);
    expect((await admin.post('/people/999999', { name: 'Nobody' })).status).toBe(404);
  });
});

describe('companies', () => {
  it('creates a company with all its fields (the plain form, with _csrf) and shows it', async () => {
    const member = await panelApp.browser();
    const nip = randomNip();
    const code = `ACME-${uid()}`;
    const fields = companyForm({
      code, nip: `PL ${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`, kind: 'supplier', emailDomains: `acme-${code.toLowerCase()}.pl\n@Biuro-${code.toLowerCase()}.PL`,
      phone: '(22) 123-45-67', fax: '0048 22 765 43 21', street: 'ul. Długa 1', postalCode: '00950', city: 'Łódź', notes: 'Ważny klient',
    });
    // A plain form carries the token as _csrf instead of the header.
    const res = await member.post('/companies', { ...fields, _csrf: member.csrf }, { 'X-CSRF-Token': '' });
    expect(res.status).toBe(303);
    const company = await t.db.company.findUniqueOrThrow({ where: { code } });
    expect(res.headers.get('location')).toBe(`/companies/${company.id}`);
    expect(company).toMatchObject({
      name: fields.name, kind: 'supplier', nip, phone: '+48221234567', fax: '+48227654321', street: 'ul. Długa 1', postalCode: '00-950',
      city: 'Łódź', country: 'PL', notes: 'Ważny klient', active: true,
      emailDomains: [`acme-${code.toLowerCase()}.pl`, `biuro-${code.toLowerCase()}.pl`],
    });
    const page = await (await member.get(`/companies/${company.id}`)).text();
    expect(page).toContain(fields.name);
    expect(page).toContain('+48221234567');
    expect(page).toContain('00-950 Łódź');
    expect(page).toContain('dostawca');
  });

  it('shows validation errors next to the fields with 422 and keeps what was typed', async () => {
    const member = await panelApp.browser({ locale: 'en' });
    const taken = await makeCompany(t.db);
    const name = `Bad ${uid()}`;
    const res = await member.post('/companies', companyForm({ name, code: taken.code, nip: '1234567890', phone: '12', emailDomains: 'not a domain!' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/name="nip"[^>]*aria-invalid="true"/);
    expect(html).toContain('invalid NIP checksum');
    expect(html).toContain('invalid phone number');
    expect(html).toContain('value="1234567890"');
    expect(html).toContain(`value="${name}"`);
    expect(await t.db.company.count({ where: { name } })).toBe(0);

    // Uniqueness is checked once the fields themselves are valid; the message names the other company.
    const dup = await member.post('/companies', companyForm({ name, code: taken.code }));
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain(`code already used by company ${taken.name}`);
    const required = await member.post('/companies', companyForm({ name: '', code: '' }));
    expect(required.status).toBe(422);
    expect(await required.text()).toMatch(/name="name"[^>]*aria-invalid="true"/);
  });

  it('edits a company, including clearing fields and deactivating it', async () => {
    const member = await panelApp.browser();
    const company = await t.db.company.create({ data: { name: `Old ${uid()}`, code: `O-${uid()}`, nip: randomNip(), phone: '+48221234567', city: 'Kraków' } });
    const form = await (await member.get(`/companies/${company.id}/edit`)).text();
    expect(form).toContain(`value="${company.code}"`);
    expect(form).toContain('value="Kraków"');
    const newName = `New ${uid()}`;
    const res = await member.post(`/companies/${company.id}`, companyForm({ name: newName, code: company.code, nip: '', phone: '', city: 'Gdańsk', active: '' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/companies/${company.id}`);
    expect(await t.db.company.findUniqueOrThrow({ where: { id: company.id } })).toMatchObject({ name: newName, nip: null, phone: null, city: 'Gdańsk', active: false });

    const bad = await member.post(`/companies/${company.id}`, companyForm({ code: company.code, postalCode: '12345-6' }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('expected NN-NNN');
    expect((await t.db.company.findUniqueOrThrow({ where: { id: company.id } })).name).toBe(newName);
  });

  it('searches by name without diacritics, by code and by NIP, and pages with "more"', async () => {
    const member = await panelApp.browser();
    const tag = uid();
    const zolw = await makeCompany(t.db, { name: `Żółw Łąka ${tag}` });
    const other = await makeCompany(t.db, { name: `Other ${tag}` });
    const byName = await (await member.get(`/companies?q=${encodeURIComponent(`zolw laka ${tag}`)}`)).text();
    expect(byName).toContain(zolw.name);
    expect(byName).not.toContain(other.name);
    const byNip = await (await member.get(`/companies?q=${other.nip}`)).text();
    expect(byNip).toContain(other.name);
    expect(byNip).not.toContain(zolw.name);
    const byCode = await (await member.get(`/companies?q=${encodeURIComponent(zolw.code.toLowerCase())}`)).text();
    expect(byCode).toContain(zolw.name);

    // htmx search as you type gets only the rows.
    const rows = await (await member.get(`/companies?q=${tag}`, { 'HX-Request': 'true' })).text();
    expect(rows.startsWith('<tbody id="results">')).toBe(true);
    expect(rows).not.toContain('<html');

    const pageTag = uid();
    for (let i = 0; i < 51; i++) await makeCompany(t.db, { name: `Page ${pageTag} ${String(i).padStart(2, '0')}` });
    const first = await (await member.get(`/companies?q=${pageTag}`)).text();
    expect(first).toContain(`Page ${pageTag} 49`);
    expect(first).not.toContain(`Page ${pageTag} 50`);
    expect(first).toContain(`href="/companies?q=${pageTag}&amp;offset=50"`);
    const second = await (await member.get(`/companies?q=${pageTag}&offset=50`)).text();
    expect(second).toContain(`Page ${pageTag} 50`);
    expect(second).not.toContain(`Page ${pageTag} 49`);
    expect(second).not.toContain('offset=100');
  });

  it("shows the company's people, contacts and documents with links", async () => {
    const member = await panelApp.browser();
    const company = await makeCompany(t.db);
    const person = await makePerson(t.db, company.id, { name: `Anna ${uid()}` });
    const { contact, owner } = await makeContact(t.db, { companyId: company.id, title: `Oferta ${uid()}` });
    const article = await makeArticle(t.db);
    const document = await issueDocument(t.db, actorFor(owner), { kindCode: 'invoice', companyId: company.id, issueDate: '2031-03-04', lines: [{ articleId: article.id, quantity: '2' }] });
    const elsewhere = await makeContact(t.db, { title: `Elsewhere ${uid()}` });
    const html = await (await member.get(`/companies/${company.id}`)).text();
    expect(html).toContain(person.name);
    expect(html).toContain(`href="/people/${person.id}"`);
    expect(html).toContain(`href="/contacts/${contact.id}"`);
    expect(html).toContain(contact.title);
    expect(html).toContain(`href="/documents/${document.id}"`);
    expect(html).toContain(document.number);
    expect(html).toContain('4.03.2031');
    expect(html).not.toContain(elsewhere.contact.title);
  });

  it('escapes company names everywhere they are shown', async () => {
    const member = await panelApp.browser();
    const company = await makeCompany(t.db, { name: `<script>x</script> ${uid()}` });
    await makePerson(t.db, company.id, { name: '<img src=x onerror=alert(1)>' });
    for (const path of [`/companies?q=${encodeURIComponent(company.code)}`, `/companies/${company.id}`, `/companies/${company.id}/edit`, `/people?companyId=${company.id}`]) {
      const html = await (await member.get(path)).text();
      expect(html, path).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(html, path).not.toContain('<script>x</script>');
      expect(html, path).not.toContain('<img src=x');
    }
  });
});

describe('people', () => {
  it('creates a person for a company and lists people filtered by company', async () => {
    const member = await panelApp.browser();
    const company = await makeCompany(t.db);
    const otherCompany = await makeCompany(t.db);
    const other = await makePerson(t.db, otherCompany.id);
    const form = await (await member.get(`/people/new?companyId=${company.id}`)).text();
    expect(form).toMatch(new RegExp(`<option value="${company.id}" selected`));
    const email = `Jan.${uid()}@Example.PL`;
    const res = await member.post('/people', { companyId: String(company.id), name: 'Jan Kowalski', position: 'Kierownik', email, phone: '601 234 567', active: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/companies/${company.id}`);
    const person = await t.db.person.findFirstOrThrow({ where: { companyId: company.id } });
    expect(person).toMatchObject({ name: 'Jan Kowalski', position: 'Kierownik', email: email.toLowerCase(), phone: '+48601234567', active: true });

    const list = await (await member.get(`/people?companyId=${company.id}`)).text();
    expect(list).toContain('Jan Kowalski');
    expect(list).not.toContain(other.name);
  });

  it('refuses invalid people with 422 and edits an existing one', async () => {
    const member = await panelApp.browser({ locale: 'en' });
    const company = await makeCompany(t.db);
    const taken = await makePerson(t.db, company.id, { email: `taken-${uid()}@example.pl` });
    const bad = await member.post('/people', { companyId: String(company.id), name: '', email: 'not-an-address' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('invalid e-mail address');
    expect(html).toMatch(/name="name"[^>]*aria-invalid="true"/);
    const dup = await member.post('/people', { companyId: String(company.id), name: 'Dup', email: taken.email! });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain(`e-mail already used by ${taken.name}`);
    const noCompany = await member.post('/people', { companyId: '', name: 'Orphan' });
    expect(noCompany.status).toBe(422);

    const person = await makePerson(t.db, company.id);
    const moved = await makeCompany(t.db);
    const res = await member.post(`/people/${person.id}`, { companyId: String(moved.id), name: 'Renamed', position: '', email: '', phone: '' });
    expect(res.status).toBe(303);
    expect(await t.db.person.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ companyId: moved.id, name: 'Renamed', position: null, active: false });
  });
});

describe('employees', () => {
  it('creates an employee with settings, working hours, manager and an initial password', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    const manager = await makeEmployee(t.db);
    const email = `New.${uid()}@Kontakt.test`;
    const res = await admin.post('/employees', {
      name: 'Nowy Pracownik', email, role: 'member', active: 'on', slackUserId: `u${uid().toUpperCase()}`, locale: 'en', timeZone: 'europe/london',
      reminderChannel: 'both', day1: 'on', day3: 'on', day6: 'on', workStart: '07:30', workEnd: '15:30', managerId: String(manager.id), password: 'initial password 1',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/employees');
    const created = await t.db.employee.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(created).toMatchObject({
      name: 'Nowy Pracownik', role: 'member', active: true, locale: 'en', timeZone: 'Europe/London', reminderChannel: 'both', managerId: manager.id,
      workingHours: { days: [1, 3, 6], start: '07:30', end: '15:30' },
    });
    expect(created.slackUserId).toMatch(/^U[0-9A-F]{8}$/);
    expect(await verifyPassword('initial password 1', created.passwordHash!)).toBe(true);
    const list = await (await admin.get('/employees')).text();
    expect(list).toContain(`href="/employees/${created.id}"`);
  });

  it('shows validation errors (time zone, hours, e-mail, password) with 422', async () => {
    const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
    const name = `Invalid ${uid()}`;
    const res = await admin.post('/employees', {
      name, email: 'nope', timeZone: 'Mars/Olympus', workStart: '17:00', workEnd: '08:00', day1: 'on', password: 'short',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('invalid e-mail address');
    expect(html).toContain('unknown time zone');
    expect(html).toMatch(/name="timeZone"[^>]*aria-invalid="true"/);
    const hours = await admin.post('/employees', { name, email: `hours-${uid()}@kontakt.test`, timeZone: 'Europe/Warsaw', workStart: '17:00', workEnd: '08:00', day2: 'on' });
    expect(hours.status).toBe(422);
    expect(await hours.text()).toContain('end must be after start');
    const noDays = await admin.post('/employees', { name, email: `days-${uid()}@kontakt.test`, timeZone: 'Europe/Warsaw', workStart: '08:00', workEnd: '16:00' });
    expect(noDays.status).toBe(422);
    expect(await noDays.text()).toContain('at least one day');
    const weakPassword = await admin.post('/employees', { name, email: `pw-${uid()}@kontakt.test`, timeZone: 'Europe/Warsaw', workStart: '08:00', workEnd: '16:00', day1: 'on', password: 'short' });
    expect(weakPassword.status).toBe(422);
    expect(await weakPassword.text()).toContain('at least 10 characters');
    expect(await t.db.employee.count({ where: { name } })).toBe(0);
  });

  it('edits an employee and refuses a manager cycle', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    const boss = await makeEmployee(t.db);
    const worker = await t.db.employee.update({ where: { id: (await makeEmployee(t.db)).id }, data: { managerId: boss.id } });
    const page = await (await admin.get(`/employees/${worker.id}`)).text();
    expect(page).toContain(`value="${worker.email}"`);
    expect(page).toMatch(/name="day1" checked/);
    expect(page).not.toMatch(/name="day6" checked/);

    const edit = {
      name: 'Edited Name', email: worker.email, role: 'admin', slackUserId: '', locale: 'en', timeZone: 'America/New_York', reminderChannel: 'email',
      day2: 'on', day4: 'on', workStart: '09:00', workEnd: '18:00', managerId: String(boss.id),
    };
    const res = await admin.post(`/employees/${worker.id}`, edit);
    expect(res.status).toBe(303);
    expect(await t.db.employee.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({
      name: 'Edited Name', role: 'admin', active: false, locale: 'en', timeZone: 'America/New_York', reminderChannel: 'email', managerId: boss.id,
      workingHours: { days: [2, 4], start: '09:00', end: '18:00' },
    });

    // The boss may not report to their own report.
    const cycle = await admin.post(`/employees/${boss.id}`, { name: boss.name, email: boss.email, timeZone: 'Europe/Warsaw', day1: 'on', workStart: '08:00', workEnd: '16:00', managerId: String(worker.id), active: 'on' });
    expect(cycle.status).toBe(422);
    expect(await cycle.text()).toContain('own manager indirectly');
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: boss.id } })).managerId).toBeNull();
  });

  it('lets an admin set a password, which ends the employee\'s sessions, but not their own here', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    const member = await panelApp.browser();
    expect(await t.db.session.count({ where: { employeeId: member.employee.id } })).toBeGreaterThan(0);
    const short = await admin.post(`/employees/${member.employee.id}/password`, { password: 'short' });
    expect(short.status).toBe(422);
    const res = await admin.post(`/employees/${member.employee.id}/password`, { password: 'reset by the admin' });
    expect(res.status).toBe(200);
    const updated = await t.db.employee.findUniqueOrThrow({ where: { id: member.employee.id } });
    expect(await verifyPassword('reset by the admin', updated.passwordHash!)).toBe(true);
    expect(await t.db.session.count({ where: { employeeId: member.employee.id } })).toBe(0);
    // The member's old session no longer works.
    expect((await member.get('/companies')).status).toBe(303);
    const own = await admin.post(`/employees/${admin.employee.id}/password`, { password: 'my own new password' });
    expect(own.status).toBe(422);
  });

  it('keeps the handover page working', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    expect((await admin.get('/handover')).status).toBe(200);
  });
});

describe('articles, contact kinds and payment forms', () => {
  it('creates and edits an article; bad prices and VAT rates get 422', async () => {
    const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
    const code = `ART-${uid()}`;
    const res = await admin.post('/articles', { code, name: 'Śruba M8', unit: 'kg', listNetPrice: '12,50', vatRate: '8', active: 'on' });
    expect(res.status).toBe(303);
    const article = await t.db.article.findUniqueOrThrow({ where: { code } });
    expect(article).toMatchObject({ name: 'Śruba M8', unit: 'kg', vatRate: '8', active: true });
    expect(article.listNetPrice.toFixed(2)).toBe('12.50');

    const bad = await admin.post('/articles', { code: `B-${uid()}`, name: 'Bad', unit: 'szt.', listNetPrice: '-1', vatRate: '7' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/name="listNetPrice"[^>]*aria-invalid="true"/);
    expect(html).toContain('expected one of');
    const dup = await admin.post('/articles', { code: code.toLowerCase(), name: 'Dup', unit: 'szt.', listNetPrice: '1' });
    expect(dup.status).toBe(422);

    const edit = await admin.post(`/articles/${article.id}`, { code, name: 'Śruba M10', unit: 'szt.', listNetPrice: '13', vatRate: 'zw' });
    expect(edit.status).toBe(303);
    const edited = await t.db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(edited).toMatchObject({ name: 'Śruba M10', vatRate: 'zw', active: false });
  });

  it('creates, edits and deactivates contact kinds', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    const name = `Przetarg ${uid()}`;
    expect((await admin.post('/contact-kinds', { name, defaultProbability: '30', active: 'on' })).status).toBe(303);
    const kind = await t.db.contactKind.findUniqueOrThrow({ where: { name } });
    expect(kind).toMatchObject({ defaultProbability: 30, active: true });
    const bad = await admin.post('/contact-kinds', { name: `Bad ${uid()}`, defaultProbability: '101' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/name="defaultProbability"[^>]*aria-invalid="true"/);
    const dup = await admin.post('/contact-kinds', { name });
    expect(dup.status).toBe(422);
    expect((await admin.post(`/contact-kinds/${kind.id}`, { name, defaultProbability: '75' })).status).toBe(303);
    expect(await t.db.contactKind.findUniqueOrThrow({ where: { id: kind.id } })).toMatchObject({ defaultProbability: 75, active: false });
    expect(await (await admin.get('/contact-kinds')).text()).toContain(name);
  });

  it('creates, edits and deactivates payment forms', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    const name = `Przelew ${uid()}`;
    expect((await admin.post('/payment-forms', { name, days: '14', active: 'on' })).status).toBe(303);
    const form = await t.db.paymentForm.findUniqueOrThrow({ where: { name } });
    expect(form).toMatchObject({ days: 14, active: true });
    const bad = await admin.post('/payment-forms', { name: `Bad ${uid()}`, days: '400' });
    expect(bad.status).toBe(422);
    const notNumber = await admin.post('/payment-forms', { name: `Bad ${uid()}`, days: 'abc' });
    expect(notNumber.status).toBe(422);
    expect((await admin.post(`/payment-forms/${form.id}`, { name, days: '30' })).status).toBe(303);
    expect(await t.db.paymentForm.findUniqueOrThrow({ where: { id: form.id } })).toMatchObject({ days: 30, active: false });
    expect(await (await admin.get(`/payment-forms/${form.id}`)).text()).toContain('value="30"');
  });

  it('escapes catalogue names', async () => {
    const admin = await panelApp.browser({ role: 'admin' });
    await makeKind(t.db, { name: `<b>kind</b> ${uid()}` });
    const html = await (await admin.get('/contact-kinds')).text();
    expect(html).toContain('&lt;b&gt;kind&lt;/b&gt;');
    expect(html).not.toContain('<b>kind</b>');
  });
});

describe('documents list', () => {
  it('lists documents newest first, filtered by kind, company and dates, with links to the print view', async () => {
    const member = await panelApp.browser();
    const { owner } = await makeContact(t.db);
    const company = await makeCompany(t.db);
    const other = await makeCompany(t.db);
    const article = await makeArticle(t.db);
    const issue = (companyId: number, kindCode: string, issueDate: string) =>
      issueDocument(t.db, actorFor(owner), { kindCode, companyId, issueDate, lines: [{ articleId: article.id, quantity: '1' }] });
    const older = await issue(company.id, 'invoice', '2032-01-10');
    const newer = await issue(company.id, 'invoice', '2032-02-10');
    const wz = await issue(company.id, 'goods_issue', '2032-02-11');
    const foreign = await issue(other.id, 'invoice', '2032-02-12');

    const all = await (await member.get(`/documents?companyId=${company.id}`)).text();
    expect(all).toContain(`href="/documents/${older.id}"`);
    expect(all).not.toContain(foreign.number);
    const positions = [wz.number, newer.number, older.number].map((n) => all.indexOf(n));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const invoices = await (await member.get(`/documents?companyId=${company.id}&kind=invoice`)).text();
    expect(invoices).toContain(newer.number);
    expect(invoices).not.toContain(wz.number);
    const february = await (await member.get(`/documents?companyId=${company.id}&from=2032-02-01&to=2032-02-10`)).text();
    expect(february).toContain(newer.number);
    expect(february).not.toContain(older.number);
    expect(february).not.toContain(wz.number);

    const bad = await member.get(`/documents?from=2032-02-10&to=2032-02-01`);
    expect(bad.status).toBe(422);
    const malformed = await member.get('/documents?from=yesterday');
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('expected YYYY-MM-DD');

    // The existing print view still answers under /documents/:id.
    expect((await member.get(`/documents/${older.id}`)).status).toBe(200);
  });

  it('pages with "more"', async () => {
    const member = await panelApp.browser();
    const { owner } = await makeContact(t.db);
    const company = await makeCompany(t.db);
    const article = await makeArticle(t.db);
    const numbers: string[] = [];
    for (let i = 0; i < 52; i++) {
      const d = await issueDocument(t.db, actorFor(owner), { kindCode: 'goods_issue', companyId: company.id, issueDate: '2033-05-05', lines: [{ articleId: article.id, quantity: '1' }] });
      numbers.push(d.number);
    }
    const first = await (await member.get(`/documents?companyId=${company.id}`)).text();
    expect(first).toContain(numbers[51]);
    expect(first).not.toContain(numbers[1]);
    expect(first).toContain(`offset=50`);
    const second = await (await member.get(`/documents?companyId=${company.id}&offset=50`)).text();
    expect(second).toContain(numbers[0]);
    expect(second).toContain(numbers[1]);
    expect(second).not.toContain(numbers[51]);
  });
});
