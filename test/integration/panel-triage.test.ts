// The triage page in the panel: admins only, CSRF on every action, escaped output, and the
// message body served sanitized under /files/ with the empty-sandbox CSP.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import type { ParsedMail } from '../../src/domain/mail/parsed-mail.ts';
import { processMail } from '../../src/domain/mail/process-mail.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { useTestDb } from '../helpers/db.ts';
import { ORIGIN, usePanelApp } from '../helpers/panel.ts';
import { makeContact, makeEmployee, makeParsedMail, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

/** A real MIME message (HTML with a script) received and processed with `parsed` as the parser's answer. */
async function stored(parsed: (from: string) => Partial<ParsedMail>, fromAddress?: string) {
  const forwarder = fromAddress ? null : await makeEmployee(t.db);
  const from = fromAddress ?? forwarder!.email;
  const subject = `<script>alert("x")</script> Zapytanie ${uid()}`;
  const raw = await new MailComposer({
    from, to: 'kontakty@firma.test', subject, messageId: `<${uid()}@mail.test>`,
    text: 'Treść', html: '<p>Treść <b>ważna</b></p><script>alert(1)</script><img src="https://tracker.test/p.gif"><a href="javascript:alert(1)">x</a>',
    attachments: [{ filename: 'oferta.txt', content: 'Oferta 123' }],
  }).compile().build();
  const store = createFileStore({ dataDir: panelApp.dataDir, maxFileBytes: 1024 * 1024 });
  const mail = await receiveMail(t.db, store, { mailbox: 'panel/INBOX', raw });
  const p = makeParsedMail({ messageId: mail.messageId, from: { address: from, name: '' }, subject, ...parsed(from) });
  await processMail(t.db, store, mail.id, DEFAULT_MAIL_SETTINGS, { parse: async () => p });
  return { mail: await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } }), subject, forwarder };
}

describe('triage page', () => {
  it('is for admins only: signed out → sign-in, member → 403 (pages, actions and the body frame)', async () => {
    const { mail } = await stored(() => ({}));
    const signedOut = await panelApp.request('/triage');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/login?next=%2Ftriage');
    const member = await panelApp.browser({ role: 'member' });
    expect((await member.get('/triage')).status).toBe(403);
    expect((await member.get(`/triage/${mail.id}`)).status).toBe(403);
    expect((await member.get(`/files/mail/${mail.id}/body`)).status).toBe(403);
    expect((await member.post(`/triage/${mail.id}/discard`, {})).status).toBe(403);
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('unmatched');
  });

  it('lists unmatched messages with escaped subjects and shows quarantined ones in their tab with the reason', async () => {
    const { subject } = await stored(() => ({}));
    const quarantined = await stored(() => ({}), `obcy-${uid()}@nieznani.test`);
    const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
    const html = await (await admin.get('/triage')).text();
    expect(html).toContain('To place');
    expect(html).toContain(subject.replace('<script>', '&lt;script&gt;').replace('</script>', '&lt;/script&gt;').replace(/"/g, '&quot;'));
    expect(html).not.toContain('<script>alert');
    const rejected = await (await admin.get('/triage?status=rejected')).text();
    expect(rejected).toContain(quarantined.mail.reason!);
    expect(rejected).toContain(`/triage/${quarantined.mail.id}`);
  });

  it('shows the detail: reason, trace, candidates as assign buttons, forms with the CSRF token, body in a sandboxed frame', async () => {
    const { mail, forwarder } = await stored(() => ({}));
    const { contact } = await makeContact(t.db, { ownerId: forwarder!.id });
    await t.db.mailMessage.update({ where: { id: mail.id }, data: { candidates: [{ contactId: contact.id, number: contact.number, title: contact.title, company: 'ACME', why: "the forwarder's open contact" }] } });
    const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
    const html = await (await admin.get(`/triage/${mail.id}`)).text();
    expect(html).toContain(mail.reason!);
    expect(html).toContain('Why it landed here');
    expect(html).toContain(`Assign ${contact.number}`);
    expect(html).toContain(`name="contactId" value="${contact.id}"`);
    expect(html).toContain(`name="_csrf" value="${admin.csrf}"`);
    expect(html).toContain(`<iframe class="email-body" sandbox="" referrerpolicy="no-referrer" src="/files/mail/${mail.id}/body"`);
    expect(html).toContain(`/files/mail/${mail.id}/attachments/0`);
    expect(html).not.toContain('<script>alert');
  });

  it('serves the body sanitized under /files/ with the empty-sandbox CSP; attachments and the raw source download', async () => {
    const { mail } = await stored(() => ({}));
    const admin = await panelApp.browser({ role: 'admin' });
    const res = await admin.get(`/files/mail/${mail.id}/body`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('sandbox');
    expect(csp).toContain("default-src 'none'");
    const body = await res.text();
    expect(body).toContain('<b>ważna</b>');
    expect(body).not.toMatch(/<script|javascript:|tracker\.test/);
    const attachment = await admin.get(`/files/mail/${mail.id}/attachments/0`);
    expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; filename="oferta.txt"/);
    expect(await attachment.text()).toBe('Oferta 123');
    const raw = await admin.get(`/files/mail/${mail.id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(await raw.text()).toContain('Subject:');
    expect((await admin.get(`/files/mail/${mail.id}/attachments/7`)).status).toBe(404);
  });

  it('refuses actions without the CSRF token (403), discards with it', async () => {
    const { mail } = await stored(() => ({}));
    const admin = await panelApp.browser({ role: 'admin' });
    const noToken = await panelApp.request(`/triage/${mail.id}/discard`, { method: 'POST', body: 'note=x', headers: { Cookie: admin.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(noToken.status).toBe(403);
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('unmatched');
    const res = await admin.post(`/triage/${mail.id}/discard`, { _csrf: admin.csrf, note: 'reklama' });
    expect(res.status).toBe(303);
    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row.status).toBe('discarded');
    expect(row.reason).toMatch(new RegExp(`^discarded by ${admin.employee.name} at .*: reklama$`));
  });

  it('shows a refused action on the page (unknown contact number → 422 with the message)', async () => {
    const { mail } = await stored(() => ({}));
    const admin = await panelApp.browser({ role: 'admin', locale: 'en' });
    const res = await admin.post(`/triage/${mail.id}/assign`, { contact: 'K/1999/9999' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Contact K/1999/9999 not found');
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('unmatched');
  });

  it('assigns to a contact from the page (the real parser reads the raw source), then the message is filed', async () => {
    const { mail } = await stored(() => ({}));
    const { contact } = await makeContact(t.db);
    const admin = await panelApp.browser({ role: 'admin' });
    const res = await admin.post(`/triage/${mail.id}/assign`, { contactId: String(contact.id) });
    expect(res.status).toBe(303);
    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({ status: 'filed', contactId: contact.id });
    const files = await t.db.item.findMany({ where: { contactId: contact.id, type: 'file' }, include: { versions: true } });
    expect(files.map((f) => f.versions[0]!.fileName).sort()).toContain('oferta.txt');
  });
});
