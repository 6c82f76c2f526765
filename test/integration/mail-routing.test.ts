// The mail ingester's domain: receiving (raw source first, idempotent), routing with its trace,
// filing with dedupe, and processMail's decisions. The parser is replaced by hand-built ParsedMail
// objects (the contract in parsed-mail.ts), so every rule is tested on exactly the data it reads.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { contactNumberInPlusAddress, contactNumbersInText } from '../../src/domain/mail/route-mail.ts';
import { processMail, type ProcessMailHooks } from '../../src/domain/mail/process-mail.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { DEFAULT_MAIL_SETTINGS, type IngestSettings } from '../../src/domain/mail/mail-settings.ts';
import type { ParsedMail } from '../../src/domain/mail/parsed-mail.ts';
import type { MailCandidate, TraceStep } from '../../src/domain/mail/mail-trace.ts';
import { storeFile } from '../../src/domain/files/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { makeCompany, makeContact, makeEmployee, makeParsedMail, makePerson, makeRawMail, uid } from '../factories/index.ts';

const t = useTestDb();
let dataDir = '';
let store: FileStore;
const settings: IngestSettings = { ...DEFAULT_MAIL_SETTINGS, allowedDomains: ['partner.test'], faxSenders: ['faxgate.test'] };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-mail-routing-'));
  store = createFileStore({ dataDir, maxFileBytes: 8 * 1024 * 1024 });
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Receives a raw message and processes it with `parsed` standing in for the parser's result. */
async function deliver(parsed: ParsedMail, options: { hooks?: ProcessMailHooks; settings?: IngestSettings; raw?: Buffer } = {}) {
  const mail = await receiveMail(t.db, store, { mailbox: 'test/INBOX', raw: options.raw ?? makeRawMail({ messageId: parsed.messageId, from: parsed.from?.address, subject: parsed.subject }) });
  const outcome = await processMail(t.db, store, mail.id, options.settings ?? settings, { parse: async () => parsed, ...options.hooks });
  const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
  return { mail, outcome, row, trace: row.trace as TraceStep[] };
}

const ruleOf = (trace: TraceStep[]) => trace.find((s) => s.outcome === 'matched')?.rule;

async function forwarderAndCompany() {
  const forwarder = await makeEmployee(t.db);
  const company = await makeCompany(t.db, { emailDomains: [`acme-${uid()}.test`] });
  return { forwarder, company, from: { address: forwarder.email, name: forwarder.name } };
}

describe('receiveMail', () => {
  it('stores the raw source first, then a received row with the headers read from it; a re-fetch returns the same row', async () => {
    const raw = makeRawMail({ from: '=?ISO-8859-2?Q?Pawe=B3_=A3=F3d=BC?= <Pawel@Example.TEST>', subject: '=?UTF-8?B?WmFtw7N3aWVuaWU=?=', messageId: 'abc-1@mail.test' });
    const first = await receiveMail(t.db, store, { mailbox: 'k@firma.test/INBOX', uidValidity: 7n, uid: 41, raw });
    expect(first).toMatchObject({ created: true, status: 'received', messageId: 'abc-1@mail.test', dedupeKey: 'abc-1@mail.test', fromAddress: 'pawel@example.test', fromName: 'Paweł Łódź', subject: 'Zamówienie', size: raw.length });
    expect(first.toAddresses).toEqual(['kontakty@firma.test']);
    const blob = await t.db.storedFile.findUniqueOrThrow({ where: { id: first.rawFileId } });
    expect(blob.mimeType).toBe('message/rfc822');
    const again = await receiveMail(t.db, store, { mailbox: 'k@firma.test/INBOX', uidValidity: 7n, uid: 41, raw });
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(await t.db.mailMessage.count({ where: { mailbox: 'k@firma.test/INBOX', uid: 41 } })).toBe(1);
  });

  it('keys a message without Message-ID by the hash of its source, takes the envelope when given, and keeps messages beyond the parse limit', async () => {
    const raw = makeRawMail({ messageId: null, body: 'x'.repeat(300_000) });
    const small: IngestSettings = { ...settings, limits: { ...settings.limits, maxMessageBytes: 100_000 } };
    void small; // receiveMail never parses: the store's cap (8 MB here) is the only limit
    const mail = await receiveMail(t.db, store, { mailbox: 'cli', raw, envelope: { from: 'Ala@Example.test', subject: 'Z koperty', to: ['A@b.test'], messageId: null } });
    expect(mail.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(mail).toMatchObject({ messageId: null, fromAddress: 'ala@example.test', subject: 'Z koperty', toAddresses: ['a@b.test'], uid: null });
    expect(mail.size).toBeGreaterThan(300_000);
  });

  it('refuses a missing mailbox name (validation)', async () => {
    await expect(receiveMail(t.db, store, { mailbox: ' ', raw: makeRawMail() })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('contact numbers', () => {
  it('finds numbers in subjects whatever the spacing and separators, and in plus-address tags', () => {
    expect(contactNumbersInText('Re: [K/2026/0042] oferta')).toEqual(['K/2026/0042']);
    expect(contactNumbersInText('Fwd: sprawa K 2026 42')).toEqual(['K/2026/0042']);
    expect(contactNumbersInText('k-2026-0042 i K_2025_7')).toEqual(['K/2026/0042', 'K/2025/0007']);
    expect(contactNumbersInText('BLOK 2026 42, OK2026')).toEqual([]);
    expect(contactNumberInPlusAddress('kontakty+K-2026-0042@firma.pl')).toBe('K/2026/0042');
    expect(contactNumberInPlusAddress('kontakty+k.2026.42@firma.pl')).toBe('K/2026/0042');
    expect(contactNumberInPlusAddress('kontakty@firma.pl')).toBeNull();
  });
});

describe('routing rules and their trace', () => {
  it('1a. a contact number in a plus-address wins over everything else', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const tag = contact.number.replace(/\//g, '-');
    const { outcome, trace, row } = await deliver(makeParsedMail({ from, deliveredTo: [`kontakty+${tag}@firma.test`] }));
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(ruleOf(trace)).toBe('contact-number');
    expect(row.reason).toBe(`contact number ${contact.number} in the address kontakty+${tag}@firma.test`);
    expect(trace.map((s) => s.rule)).toEqual(['limits', 'automatic', 'forwarder', 'flood', 'contact-number']);
  });

  it('1b. a contact number in the subject, written loosely ("K 2026 42")', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const [, year, n] = contact.number.split('/');
    const { outcome, row } = await deliver(makeParsedMail({ from, subject: `Fwd: zamówienie K ${year} ${Number(n)}` }));
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(row.reason).toBe(`contact number ${contact.number} in the subject`);
  });

  it('1c. a number of no existing contact is noted in the trace and routing goes on', async () => {
    const { from } = await forwarderAndCompany();
    const { trace, outcome } = await deliver(makeParsedMail({ from, subject: '[K/1999/9999] stara sprawa' }));
    expect(outcome.status).toBe('unmatched');
    expect(trace.find((s) => s.rule === 'contact-number')).toEqual({ rule: 'contact-number', outcome: 'none', detail: 'no such contact: K/1999/9999 in the subject' });
  });

  it('2. a reply to a message already filed on a contact goes to that contact', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const first = await deliver(makeParsedMail({ from, subject: `[${contact.number}] pierwsza` }));
    expect(first.outcome.contactId).toBe(contact.id);
    const reply = makeParsedMail({ from, subject: 'Re: pierwsza', inReplyTo: first.mail.messageId, references: ['older@x.test', first.mail.messageId!] });
    const { outcome, trace } = await deliver(reply);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(ruleOf(trace)).toBe('reply');
    expect(trace.find((s) => s.rule === 'reply')!.detail).toContain(`a reply to <${first.mail.messageId}>, filed on ${contact.number}`);
  });

  it('2b. replies to mail Kontakt sent are matched through the sentMessages extension point', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const parsed = makeParsedMail({ from, inReplyTo: 'reminder-1@kontakt.test' });
    const { outcome, row } = await deliver(parsed, { hooks: { sentMessages: async (_db, ids) => (ids.includes('reminder-1@kontakt.test') ? { contactId: contact.id, messageId: 'reminder-1@kontakt.test' } : null) } });
    expect(outcome.contactId).toBe(contact.id);
    expect(row.reason).toContain('sent by Kontakt');
  });

  it("3. the original sender of a forward → person → their company's only open contact; author is the forwarder", async () => {
    const { forwarder, from, company } = await forwarderAndCompany();
    const person = await makePerson(t.db, company.id, { email: `anna-${uid()}@gmail.test` });
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const parsed = makeParsedMail({
      from, subject: 'Fwd: zapytanie', forwarderText: 'Do zapisania, pilne.',
      forwarded: { from: { address: person.email!.toUpperCase(), name: 'Anna' }, to: [], date: new Date('2026-02-27T08:30:00Z'), subject: 'Zapytanie o fotele', text: 'Prosimy o 12 foteli.', detectedBy: 'inline forward (Gmail)' },
    });
    const { outcome, row, trace } = await deliver(parsed);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(ruleOf(trace)).toBe('sender');
    expect(row.reason).toBe(`the original sender ${person.email} is ${person.name} of ${company.name}: its only open contact, ${contact.number}`);
    expect(row).toMatchObject({ forwarderId: forwarder.id, originalFrom: person.email });
    const note = await t.db.item.findUniqueOrThrow({ where: { id: outcome.itemId! } });
    expect(note).toMatchObject({ type: 'note', noteKind: 'e-mail', authorId: forwarder.id, source: 'email', sourceRef: row.dedupeKey, occurredAt: new Date('2026-02-27T08:30:00Z') });
    expect(note.text).toBe(`Do zapisania, pilne.\n\nFrom: Anna <${person.email!.toUpperCase()}>\nDate: 2026-02-27 08:30 UTC\nSubject: Zapytanie o fotele\n\nProsimy o 12 foteli.`);
  });

  it('3b. several open contacts: the one owned by the forwarder, else the nearest deadline (tie-break rule)', async () => {
    const { forwarder, from, company } = await forwarderAndCompany();
    const person = await makePerson(t.db, company.id, { email: `p-${uid()}@acme.test` });
    const soon = await makeContact(t.db, { companyId: company.id, dueAt: new Date(Date.now() + 86_400_000) });
    const later = await makeContact(t.db, { companyId: company.id, dueAt: new Date(Date.now() + 10 * 86_400_000) });
    await makeContact(t.db, { companyId: company.id });
    const original = (subject: string) => ({ from: { address: person.email!, name: '' }, to: [], date: null, subject, text: 'x', detectedBy: 'test' });

    const byDeadline = await deliver(makeParsedMail({ from, forwarded: original('a') }));
    expect(byDeadline.outcome.contactId).toBe(soon.contact.id);
    expect(byDeadline.row.reason).toContain('of 3 open contacts (none owned by the forwarder), the nearest deadline');

    await t.db.contact.update({ where: { id: later.contact.id }, data: { ownerId: forwarder.id } });
    const byOwner = await deliver(makeParsedMail({ from, forwarded: original('b') }));
    expect(byOwner.outcome.contactId).toBe(later.contact.id);
    expect(byOwner.row.reason).toContain('of 3 open contacts, the one owned by the forwarder');
  });

  it('4. the sender domain → company (its e-mail domains) → its open contact', async () => {
    const { from, company } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const sender = `nowy@biuro.${company.emailDomains[0]}`;
    const { outcome, trace, row } = await deliver(makeParsedMail({ from, forwarded: { from: { address: sender, name: '' }, to: [], date: null, subject: 's', text: 't', detectedBy: 'x' } }));
    expect(outcome.contactId).toBe(contact.id);
    expect(ruleOf(trace)).toBe('domain');
    expect(trace.find((s) => s.rule === 'sender')).toMatchObject({ outcome: 'none', detail: `${sender}: no person with this address` });
    expect(row.reason).toBe(`the domain biuro.${company.emailDomains[0]} of ${sender} belongs to ${company.name}: its only open contact, ${contact.number}`);
  });

  it('4b. an employee writing to a customer with the inbox in copy: the recipient is the counterparty', async () => {
    const { from, company } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const { outcome, row } = await deliver(makeParsedMail({ from, to: [{ address: `zakupy@${company.emailDomains[0]}`, name: '' }], cc: [{ address: 'kontakty@firma.test', name: '' }] }));
    expect(outcome.contactId).toBe(contact.id);
    expect(row.originalFrom).toBe(`zakupy@${company.emailDomains[0]}`);
  });

  it('5. a fax: sender fax number → company → contact; note kind "fax" with the pages; attachments filed', async () => {
    const company = await makeCompany(t.db);
    await t.db.company.update({ where: { id: company.id }, data: { fax: '+48221234567' } });
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const pdf = await storeFile(t.db, store, { stream: Buffer.from(`%PDF-1.4\n% fax ${uid()}\n%%EOF\n`), fileName: 'fax.pdf' });
    const parsed = makeParsedMail({
      from: { address: 'gateway@faxgate.test', name: 'Fax' }, subject: 'Fax from 22 123 45 67', fax: { senderFax: '(22) 123-45-67', pages: 3 },
      attachments: [{ storedFileId: pdf.storedFile.id, fileName: 'fax.pdf', mimeType: 'application/pdf', size: pdf.storedFile.size, inline: false }],
    });
    const { outcome, trace, row } = await deliver(parsed);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(ruleOf(trace)).toBe('fax');
    expect(trace.find((s) => s.rule === 'sender')).toMatchObject({ outcome: 'skipped' });
    expect(row.reason).toBe(`fax from (22) 123-45-67, the fax number of ${company.name}: its only open contact, ${contact.number}`);
    const items = await t.db.item.findMany({ where: { contactId: contact.id }, include: { versions: true }, orderBy: { id: 'asc' } });
    expect(items[0]).toMatchObject({ noteKind: 'fax', authorId: null, source: 'email' });
    expect(items[0]!.text).toMatch(/^Fax from \(22\) 123-45-67, 3 pages/);
    expect(items.slice(1).map((i) => i.versions[0]!.fileName)).toEqual(['fax.pdf', 'Fax from 22 123 45 67.eml']);
    expect(items[2]!.versions[0]!.storedFileId).toBe(row.rawFileId);
  });

  it('6. nothing matches: unmatched with the candidates (likeliest first), and onUnmatched is called once', async () => {
    const { forwarder, from, company } = await forwarderAndCompany();
    const person = await makePerson(t.db, company.id, { email: `closed-${uid()}@x.test` });
    const closed = await makeContact(t.db, { companyId: company.id });
    await t.db.contact.update({ where: { id: closed.contact.id }, data: { status: 'closed' } });
    const own = await makeContact(t.db, { ownerId: forwarder.id });
    const calls: { id: number; candidates: MailCandidate[] }[] = [];
    const hooks: ProcessMailHooks = { onUnmatched: async (mail, candidates) => void calls.push({ id: mail.id, candidates }) };
    const parsed = makeParsedMail({ from, forwarded: { from: { address: person.email!, name: '' }, to: [], date: null, subject: 's', text: 't', detectedBy: 'x' } });
    const { outcome, row, trace } = await deliver(parsed, { hooks });
    expect(outcome.status).toBe('unmatched');
    expect(row.contactId).toBeNull();
    expect(trace.at(-1)).toMatchObject({ rule: 'triage', outcome: 'stopped' });
    expect(trace.find((s) => s.rule === 'sender')!.detail).toContain('which has no open contacts');
    expect(outcome.candidates.map((c) => [c.contactId, c.why])).toEqual([
      [closed.contact.id, `closed contact of ${company.name}`],
      [own.contact.id, "the forwarder's open contact"],
    ]);
    expect(calls).toEqual([{ id: row.id, candidates: outcome.candidates }]);
    await processMail(t.db, store, row.id, settings, { parse: async () => parsed, ...hooks });
    expect(calls).toHaveLength(1);
  });
});

describe('who may feed the inbox, automatic mail, limits and floods', () => {
  it('quarantines mail from an unknown forwarder: rejected, kept, never attached', async () => {
    const company = await makeCompany(t.db, { emailDomains: [`q-${uid()}.test`] });
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const { outcome, row } = await deliver(makeParsedMail({ from: { address: `spam@${company.emailDomains[0]}`, name: '' }, subject: `[${contact.number}]` }));
    expect(outcome.status).toBe('rejected');
    expect(row.reason).toBe(`unknown forwarder spam@${company.emailDomains[0]}: not an active employee nor in an allowed domain`);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(0);
    expect(await t.db.storedFile.count({ where: { id: row.rawFileId } })).toBe(1);
  });

  it('quarantines an inactive employee, and accepts an allowed domain (system author)', async () => {
    const inactive = await makeEmployee(t.db, { active: false });
    const { contact } = await makeContact(t.db);
    const rejected = await deliver(makeParsedMail({ from: { address: inactive.email, name: '' }, subject: `[${contact.number}]` }));
    expect(rejected.row.reason).toBe(`unknown forwarder ${inactive.email}: an inactive employee`);
    const allowed = await deliver(makeParsedMail({ from: { address: `biuro@sub.partner.test`, name: '' }, subject: `[${contact.number}]` }));
    expect(allowed.outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(allowed.trace.find((s) => s.rule === 'forwarder')!.detail).toBe('biuro@sub.partner.test is in an allowed domain');
    expect((await t.db.item.findUniqueOrThrow({ where: { id: allowed.outcome.itemId! } })).authorId).toBeNull();
  });

  it('ignores automatic mail with the header in the reason', async () => {
    const { from } = await forwarderAndCompany();
    const { row } = await deliver(makeParsedMail({ from, automatic: { kind: 'auto-reply', header: 'Auto-Submitted: auto-replied' } }));
    expect(row).toMatchObject({ status: 'ignored', reason: 'automatic message (auto-reply): Auto-Submitted: auto-replied' });
  });

  it('rejects a message over the limits with the reasons', async () => {
    const { from } = await forwarderAndCompany();
    const { row } = await deliver(makeParsedMail({ from, problems: ['more than 100 attachments'] }));
    expect(row).toMatchObject({ status: 'rejected', reason: 'over a limit: more than 100 attachments' });
  });

  it('rejects a message whose raw source cannot be read (the parser throws an AppError)', async () => {
    const mail = await receiveMail(t.db, store, { mailbox: 'test/INBOX', raw: makeRawMail() });
    const { AppError } = await import('../../src/errors.ts');
    const outcome = await processMail(t.db, store, mail.id, settings, { parse: async () => { throw new AppError('TOO_LARGE', 'The message is larger than 50 MB'); } });
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'unreadable: The message is larger than 50 MB' });
  });

  it('ignores a flood: more than N messages from one sender within the window', async () => {
    const { from } = await forwarderAndCompany();
    const flood = { ...settings, flood: { maxPerSender: 2, windowMinutes: 60 } };
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await deliver(makeParsedMail({ from }), { settings: flood }));
    expect(results.map((r) => r.outcome.status)).toEqual(['unmatched', 'unmatched', 'ignored']);
    expect(results[2]!.row.reason).toBe(`flood: more than 2 messages from ${from.address} within 60 minutes`);
  });
});

describe('dedupe', () => {
  it('processing again changes nothing: one note, the same outcome, attempts counted once', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const parsed = makeParsedMail({ from, subject: `[${contact.number}]` });
    const { outcome, row } = await deliver(parsed);
    const again = await processMail(t.db, store, row.id, settings, { parse: async () => parsed });
    expect(again).toEqual(outcome);
    expect(await t.db.item.count({ where: { contactId: contact.id, type: 'note' } })).toBe(1);
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
  });

  it('the same message forwarded twice: the second is recorded as filed, pointing at the existing note', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const parsed = makeParsedMail({ from, subject: `[${contact.number}] dwa razy` });
    const first = await deliver(parsed);
    const second = await deliver(parsed, { raw: makeRawMail({ messageId: parsed.messageId, body: 'forwarded again' }) });
    expect(second.mail.id).not.toBe(first.mail.id);
    expect(second.outcome).toMatchObject({ status: 'filed', contactId: contact.id, itemId: first.outcome.itemId });
    expect(second.row.reason).toMatch(/^already filed \(item \d+\): contact number/);
    expect(second.trace.at(-1)).toMatchObject({ rule: 'dedupe', outcome: 'matched' });
    expect(await t.db.item.count({ where: { contactId: contact.id, type: 'note' } })).toBe(1);
  });

  it('two workers processing the same message at once file one note', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const parsed = makeParsedMail({ from, subject: `[${contact.number}] wyścig` });
    const mail = await receiveMail(t.db, store, { mailbox: 'test/INBOX', raw: makeRawMail({ messageId: parsed.messageId }) });
    const slowParse = async () => { await new Promise((r) => setTimeout(r, 20)); return parsed; };
    const [a, b] = await Promise.all([processMail(t.db, store, mail.id, settings, { parse: slowParse }), processMail(t.db, store, mail.id, settings, { parse: slowParse })]);
    expect(a).toEqual(b);
    expect(await t.db.item.count({ where: { contactId: contact.id, source: 'email' } })).toBe(2); // the note and the .eml
    expect(await t.db.item.count({ where: { contactId: contact.id, type: 'note' } })).toBe(1);
  });

  it('two copies of one message processed at once by two workers: one note, both filed', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const parsed = makeParsedMail({ from, subject: `[${contact.number}] kopie` });
    const rows = await Promise.all([1, 2].map((n) => receiveMail(t.db, store, { mailbox: 'test/INBOX', raw: makeRawMail({ messageId: parsed.messageId, body: `copy ${n}` }) })));
    const outcomes = await Promise.all(rows.map((r) => processMail(t.db, store, r.id, settings, { parse: async () => parsed })));
    expect(outcomes.map((o) => o.status)).toEqual(['filed', 'filed']);
    expect(outcomes[0]!.itemId).toBe(outcomes[1]!.itemId);
    expect(await t.db.item.count({ where: { contactId: contact.id, type: 'note' } })).toBe(1);
  });

  it('filing keeps search words and history right (through insertItem)', async () => {
    const { from } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db);
    const word = `żółw${uid()}`;
    const { outcome } = await deliver(makeParsedMail({ from, subject: `[${contact.number}]`, text: `${word.toUpperCase()} w treści` }));
    const updated = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(updated.itemWords.split(' ')).toContain(`zolw${word.slice(4)}`);
    const history = await t.db.historyEntry.findMany({ where: { contactId: contact.id, entity: 'item' }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.action, h.channel, h.entityId === outcome.itemId])).toEqual([['note added', 'email', true], ['file added', 'email', false]]);
  });
});

describe('end to end from raw MIME (the real parser)', () => {
  it('files an inline-forwarded message on the original sender\'s company, with its attachment and the .eml', async () => {
    const MailComposer = (await import('nodemailer/lib/mail-composer/index.js')).default;
    const { forwarder, company } = await forwarderAndCompany();
    const { contact } = await makeContact(t.db, { companyId: company.id });
    const sender = `anna@${company.emailDomains[0]}`;
    const raw = await new MailComposer({
      from: `${forwarder.name} <${forwarder.email}>`, to: 'kontakty@firma.test', subject: 'Fwd: Zapytanie o fotele', messageId: `<${uid()}@mail.test>`,
      text: `Do zapisania.\n\n---------- Forwarded message ---------\nFrom: Anna <${sender}>\nDate: Mon, 2 Mar 2026 at 10:00\nSubject: Zapytanie o fotele\nTo: <${forwarder.email}>\n\nProsimy o 12 foteli.\n`,
      attachments: [{ filename: 'zapytanie.txt', content: 'fotele x12' }],
    }).compile().build();
    const mail = await receiveMail(t.db, store, { mailbox: 'e2e/INBOX', uidValidity: 1, uid: 1, raw });
    const outcome = await processMail(t.db, store, mail.id, settings);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    const items = await t.db.item.findMany({ where: { contactId: contact.id }, include: { versions: true }, orderBy: { id: 'asc' } });
    expect(items[0]!.text).toContain('Prosimy o 12 foteli.');
    expect(items[0]!.authorId).toBe(forwarder.id);
    expect(items.slice(1).map((i) => i.versions[0]!.fileName)).toEqual(['zapytanie.txt', 'Fwd Zapytanie o fotele.eml']);
  });
});
