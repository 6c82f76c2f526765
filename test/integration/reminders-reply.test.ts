// Replies to reminder e-mails are filed on the reminder's contact: the reminder goes out through a
// real SMTP server (loopback), the employee's reply quotes its Message-ID in In-Reply-To and
// References, and the mail ingester (receiveMail + processMail with the real parser) files it —
// by the ReminderLog's messageRef, or by the reminder id in Kontakt's Message-ID scheme when the
// row names the Slack DM instead (a reminder sent by both).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import type { TraceStep } from '../../src/domain/mail/mail-trace.ts';
import { processMail } from '../../src/domain/mail/process-mail.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { findSentReminder, parseReminderMessageId } from '../../src/domain/reminders/find-sent-reminder.ts';
import type { ReminderMessage } from '../../src/domain/reminders/reminder-types.ts';
import { createMailer, type Mailer } from '../../src/mail/smtp.ts';
import { deliverReminder } from '../../src/reminders/deliver.ts';
import { makeContact, makeEmployee, uid } from '../factories/index.ts';
import { rawMail } from '../fixtures/mail/index.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { useTestDb } from '../helpers/db.ts';

const t = useTestDb();
const INBOX = 'kontakty@firma.test';
const PANEL = 'http://panel.kontakt.test';
let sink: SmtpSink;
let mailer: Mailer;
let store: FileStore;
let dataDir = '';

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ url: sink.url, from: `Kontakt <${INBOX}>` });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-reminders-reply-'));
  store = createFileStore({ dataDir, maxFileBytes: 8 * 1024 * 1024 });
});
afterAll(async () => {
  mailer?.close();
  await sink?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A contact, an employee reminded of it by e-mail (ReminderLog row as the worker leaves it), and the e-mail as sent. */
async function remindByEmail(record: (messageRef: string) => { channel: string; messageRef: string } = (ref) => ({ channel: 'email', messageRef: ref })) {
  const { contact } = await makeContact(t.db);
  const employee = await makeEmployee(t.db);
  const deadline = new Date(Date.now() + 24 * 3600_000);
  const log = await t.db.reminderLog.create({
    data: { key: `due_soon|contact:${contact.id}|${deadline.toISOString()}|${employee.id}|24h|${uid()}`, rule: 'due_soon', contactId: contact.id, recipientId: employee.id, deadline, occurrence: '24h', deliverAt: new Date(), status: 'sending', attempts: 1 },
  });
  const message: ReminderMessage = {
    reminderId: log.id, rule: 'due_soon', occurrence: '24h',
    recipient: { employeeId: employee.id, name: employee.name, email: employee.email, slackUserId: null, locale: 'pl', timeZone: 'Europe/Warsaw', channel: 'email' },
    contact: { id: contact.id, number: contact.number, title: contact.title, companyName: 'Firma', ownerName: null, dueAt: deadline, priority: 'normal' },
    task: null, deadline, escalation: null, digest: null, url: `${PANEL}/contacts/${contact.id}`,
  };
  const result = await deliverReminder({ slack: null, mailer, logger: pino({ level: 'silent' }), publicUrl: PANEL }, message, { previousAttempt: null });
  await t.db.reminderLog.update({ where: { id: log.id }, data: { status: 'sent', sentAt: new Date(), ...record(result.messageRef) } });
  const sent = await sink.to(employee.email);
  expect(sent).toHaveLength(1);
  const parsed = sent[0]!;
  return { contact, employee, log, messageId: parsed.messageId!.replace(/^<|>$/g, ''), subject: parsed.subject! };
}

/** The employee answers (a subject without the contact number: only the references can route it). */
async function reply(from: string, references: string[], subject = 'Odp: przypomnienie') {
  const raw = rawMail([
    `From: ${from}`, `To: ${INBOX}`, `Delivered-To: ${INBOX}`, `Subject: ${subject}`, 'Date: Thu, 26 Nov 2026 11:00:00 +0100',
    `Message-ID: <reply-${uid()}@kontakt.test>`, `In-Reply-To: <${references.at(-1)}>`, `References: ${references.map((r) => `<${r}>`).join(' ')}`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit',
  ], 'Zadzwoniłem do klienta, termin przesuwamy na poniedziałek.\n\n> Termin kontaktu …\n');
  const mail = await receiveMail(t.db, store, { mailbox: 'test/INBOX', raw });
  const outcome = await processMail(t.db, store, mail.id, DEFAULT_MAIL_SETTINGS);
  const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
  return { outcome, row, trace: row.trace as TraceStep[] };
}

const replyStep = (trace: TraceStep[]) => trace.find((s) => s.rule === 'reply');

describe('replies to reminder e-mails', () => {
  it('a reply naming the reminder\'s Message-ID (recorded as messageRef) is filed on its contact, as a note by the employee', async () => {
    const { contact, employee, messageId, subject } = await remindByEmail();
    expect(subject).toContain(contact.number); // the subject alone would route it; the reply below drops it
    const { outcome, row, trace } = await reply(employee.email, [messageId]);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(replyStep(trace)).toMatchObject({ outcome: 'matched' });
    expect(row.reason).toBe(`a reply to <${messageId}>, sent by Kontakt for ${contact.number} (${(await t.db.company.findUniqueOrThrow({ where: { id: contact.companyId } })).name})`);
    const note = await t.db.item.findUniqueOrThrow({ where: { id: row.itemId! } });
    expect(note).toMatchObject({ contactId: contact.id, authorId: employee.id });
  });

  it('a reminder sent by Slack and e-mail (messageRef names the DM) is still found through its Message-ID', async () => {
    const { contact, employee, messageId, log } = await remindByEmail(() => ({ channel: 'slack', messageRef: `D0123/${Date.now() / 1000}` }));
    expect(parseReminderMessageId(messageId)?.reminderId).toBe(log.id);
    const { outcome, trace } = await reply(employee.email, [`older-${uid()}@elsewhere.test`, messageId]);
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(replyStep(trace)?.detail).toContain('sent by Kontakt');
  });

  it('a forged checksum, or a reminder never sent, matches nothing: the reply goes on to the other rules', async () => {
    const { employee, messageId, log } = await remindByEmail();
    const forged = messageId.replace(/\.([0-9a-f]{12})@/, (_m, hex: string) => `.${hex.startsWith('0') ? '1' : '0'}${hex.slice(1)}@`);
    expect(await findSentReminder(t.db, [forged])).toBeNull();
    const { outcome, trace } = await reply(employee.email, [forged]);
    expect(outcome.status).toBe('unmatched');
    expect(replyStep(trace)).toMatchObject({ outcome: 'none' });

    await t.db.reminderLog.update({ where: { id: log.id }, data: { status: 'cancelled', channel: null, messageRef: null } });
    expect(await findSentReminder(t.db, [messageId])).toBeNull();
  });

  it('an id recorded as messageRef that is not of the scheme is found by the messageRef lookup', async () => {
    const { contact, log } = await remindByEmail();
    const custom = `custom-${uid()}@firma.test`;
    await t.db.reminderLog.update({ where: { id: log.id }, data: { messageRef: custom } });
    expect(await findSentReminder(t.db, ['unknown@x.test', custom])).toEqual({ contactId: contact.id, messageId: custom, reminderId: log.id });
  });
});
