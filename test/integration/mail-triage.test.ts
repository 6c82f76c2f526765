// Triage use cases: assign, create a contact from a message, discard, route again, and the list.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { assignMail } from '../../src/domain/mail/assign-mail.ts';
import { createContactFromMail } from '../../src/domain/mail/create-contact-from-mail.ts';
import { discardMail } from '../../src/domain/mail/discard-mail.ts';
import { getMail } from '../../src/domain/mail/get-mail.ts';
import { listTriage } from '../../src/domain/mail/list-triage.ts';
import { DEFAULT_MAIL_SETTINGS, type IngestSettings } from '../../src/domain/mail/mail-settings.ts';
import type { TraceStep } from '../../src/domain/mail/mail-trace.ts';
import type { ParsedMail } from '../../src/domain/mail/parsed-mail.ts';
import { processMail } from '../../src/domain/mail/process-mail.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { rerouteMail } from '../../src/domain/mail/reroute-mail.ts';
import { systemActor } from '../../src/domain/shared/actor.ts';
import { useTestDb } from '../helpers/db.ts';
import { actorFor, makeCompany, makeContact, makeEmployee, makeParsedMail, makePerson, makeRawMail, uid } from '../factories/index.ts';

const t = useTestDb();
let dataDir = '';
let store: FileStore;
const settings: IngestSettings = { ...DEFAULT_MAIL_SETTINGS };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-mail-triage-'));
  store = createFileStore({ dataDir, maxFileBytes: 4 * 1024 * 1024 });
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A message from `forwarder` that routing cannot place: it waits in triage. */
async function unmatched(overrides: Partial<ParsedMail> = {}) {
  const forwarder = await makeEmployee(t.db);
  const parsed = makeParsedMail({ from: { address: forwarder.email, name: forwarder.name }, ...overrides });
  const mail = await receiveMail(t.db, store, { mailbox: 'triage/INBOX', raw: makeRawMail({ messageId: parsed.messageId, subject: parsed.subject, from: forwarder.email }) });
  const parse = async () => parsed;
  const outcome = await processMail(t.db, store, mail.id, settings, { parse });
  expect(outcome.status).toBe('unmatched');
  return { forwarder, parsed, mail, parse };
}

describe('assignMail', () => {
  it('files an unmatched message on the chosen contact (number as typed), author the forwarder, history names who assigned', async () => {
    const { forwarder, mail, parse } = await unmatched();
    const admin = await makeEmployee(t.db, { role: 'admin', name: `Admin ${uid()}` });
    const { contact } = await makeContact(t.db);
    const outcome = await assignMail(t.db, store, actorFor(admin), { mailMessageId: mail.id, contact: contact.number.replace(/\//g, '-') }, settings, parse);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row.reason).toBe(`assigned to ${contact.number} by ${admin.name}`);
    expect((row.trace as TraceStep[]).at(-1)).toEqual({ rule: 'triage', outcome: 'matched', detail: row.reason });
    const note = await t.db.item.findUniqueOrThrow({ where: { id: outcome.itemId! } });
    expect(note).toMatchObject({ authorId: forwarder.id, source: 'email', sourceRef: mail.dedupeKey, noteKind: 'e-mail' });
    const history = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: contact.id, action: 'e-mail assigned from triage' } });
    expect(history).toMatchObject({ actorId: admin.id, channel: 'panel', entityId: note.id });
    await expect(assignMail(t.db, store, actorFor(admin), { mailMessageId: mail.id, contact: contact.id }, settings, parse)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets the forwarder assign their own message (Slack buttons), refuses other members, and unknown contacts', async () => {
    const { forwarder, mail, parse } = await unmatched();
    const other = await makeEmployee(t.db);
    const { contact } = await makeContact(t.db);
    await expect(assignMail(t.db, store, actorFor(other, 'slack'), { mailMessageId: mail.id, contact: contact.id }, settings, parse)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assignMail(t.db, store, actorFor(forwarder, 'slack'), { mailMessageId: mail.id, contact: 'K/1999/9999' }, settings, parse)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const outcome = await assignMail(t.db, store, actorFor(forwarder, 'slack'), { mailMessageId: mail.id, contact: contact.id }, settings, parse);
    expect(outcome.contactId).toBe(contact.id);
  });

  it('refuses to file a message that broke the limits', async () => {
    const { mail, parsed } = await unmatched();
    const admin = await makeEmployee(t.db, { role: 'admin' });
    const { contact } = await makeContact(t.db);
    await expect(assignMail(t.db, store, actorFor(admin), { mailMessageId: mail.id, contact: contact.id }, settings, async () => ({ ...parsed, problems: ['MIME deeper than 20'] })))
      .rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { mailMessageId: 'cannot be filed: MIME deeper than 20' } } });
  });
});

describe('createContactFromMail', () => {
  it("creates a contact prefilled from the original sender's company and person, owned by the forwarder, and files the message", async () => {
    const company = await makeCompany(t.db);
    const person = await makePerson(t.db, company.id, { email: `kto-${uid()}@nowi.test` });
    const { forwarder, mail, parse } = await unmatched({ subject: 'Fwd: RE: Zapytanie o biurka', forwarded: { from: { address: person.email!, name: '' }, to: [], date: null, subject: 'RE: Zapytanie o biurka', text: 'Ile kosztuje?', detectedBy: 'x' } });
    const admin = await makeEmployee(t.db, { role: 'admin' });
    const detail = await getMail(t.db, mail.id);
    expect(detail.suggestion).toEqual({ company: { id: company.id, name: company.name }, person: { id: person.id, name: person.name }, title: 'Zapytanie o biurka' });
    const outcome = await createContactFromMail(t.db, store, actorFor(admin), { mailMessageId: mail.id }, settings, parse);
    const contact = await t.db.contact.findUniqueOrThrow({ where: { id: outcome.contactId! } });
    expect(contact).toMatchObject({ companyId: company.id, personId: person.id, title: 'Zapytanie o biurka', ownerId: forwarder.id, createdById: admin.id });
    expect(outcome.status).toBe('filed');
    expect(await t.db.item.count({ where: { contactId: contact.id, type: 'note' } })).toBe(1);
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).reason).toMatch(new RegExp(`^new contact ${contact.number} created from it by `));
  });

  it('asks for the company when the sender matches none', async () => {
    const { mail, parse } = await unmatched();
    const admin = await makeEmployee(t.db, { role: 'admin' });
    await expect(createContactFromMail(t.db, store, actorFor(admin), { mailMessageId: mail.id }, settings, parse)).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { companyId: 'choose the company: the sender matches none' } } });
    const company = await makeCompany(t.db);
    const outcome = await createContactFromMail(t.db, store, actorFor(admin), { mailMessageId: mail.id, companyId: company.id, title: 'Nowa sprawa' }, settings, parse);
    expect(outcome.status).toBe('filed');
  });
});

describe('discardMail and rerouteMail', () => {
  it('discards (kept, who and when in the reason), then routes it again after a company domain was added', async () => {
    const domain = `pozniej-${uid()}.test`;
    const { mail, parse } = await unmatched({ forwarded: { from: { address: `biuro@${domain}`, name: '' }, to: [], date: null, subject: 's', text: 't', detectedBy: 'x' } });
    const admin = await makeEmployee(t.db, { role: 'admin', name: `Admin ${uid()}` });
    const at = new Date('2026-03-05T12:00:00Z');
    const discarded = await discardMail(t.db, actorFor(admin), { mailMessageId: mail.id, note: 'spam?' }, at);
    expect(discarded).toMatchObject({ status: 'discarded', reason: `discarded by ${admin.name} at 2026-03-05T12:00:00.000Z: spam?` });
    expect(await t.db.mailMessage.count({ where: { id: mail.id } })).toBe(1);
    await expect(discardMail(t.db, actorFor(admin), { mailMessageId: mail.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    const company = await makeCompany(t.db, { emailDomains: [domain] });
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const rerouted = await rerouteMail(t.db, store, actorFor(admin), mail.id, settings, { parse }, at);
    expect(rerouted).toMatchObject({ status: 'filed', contactId: contact.id });
    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    const trace = row.trace as TraceStep[];
    expect(trace[0]).toEqual({ rule: 'reroute', outcome: 'passed', detail: `routed again by ${admin.name} at 2026-03-05T12:00:00.000Z (was discarded: ${discarded.reason})` });
    expect(trace.find((s) => s.outcome === 'matched')!.rule).toBe('domain');
    expect(row.attempts).toBe(2);
  });

  it('routes a quarantined message again once its forwarder is an employee; refuses filed ones and members', async () => {
    const outsider = `nowy-${uid()}@firma.test`;
    const { contact } = await makeContact(t.db);
    const parsed = makeParsedMail({ from: { address: outsider, name: '' }, subject: `[${contact.number}]` });
    const mail = await receiveMail(t.db, store, { mailbox: 'triage/INBOX', raw: makeRawMail({ messageId: parsed.messageId }) });
    const parse = async () => parsed;
    expect((await processMail(t.db, store, mail.id, settings, { parse })).status).toBe('rejected');
    const member = await makeEmployee(t.db);
    await expect(rerouteMail(t.db, store, actorFor(member), mail.id, settings, { parse })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await makeEmployee(t.db, { email: outsider });
    const outcome = await rerouteMail(t.db, store, systemActor('cli'), mail.id, settings, { parse });
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).reason).toBe(`contact number ${contact.number} in the subject`);
    await expect(rerouteMail(t.db, store, systemActor('cli'), mail.id, settings, { parse })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('listTriage', () => {
  it('lists a tab newest first with counts per status, and filters by words', async () => {
    const word = `szukaj${uid()}`;
    const a = await unmatched({ subject: `Pierwszy ${word}` });
    const b = await unmatched({ subject: `Drugi ${word}` });
    await unmatched({ subject: 'Inny' });
    const list = await listTriage(t.db, { q: word });
    expect(list.items.map((i) => i.id)).toEqual([b.mail.id, a.mail.id]);
    expect(list.items[0]).toMatchObject({ status: 'unmatched', forwarder: { id: b.forwarder.id } });
    expect(list.counts.unmatched).toBeGreaterThanOrEqual(3);
    const paged = await listTriage(t.db, { q: word, limit: 1 });
    expect(paged.nextBefore).toBe(b.mail.id);
    expect((await listTriage(t.db, { q: word, before: paged.nextBefore })).items.map((i) => i.id)).toEqual([a.mail.id]);
    expect((await listTriage(t.db, { status: 'rejected', q: word })).items).toEqual([]);
    await expect(listTriage(t.db, { status: 'bogus' as 'filed' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
