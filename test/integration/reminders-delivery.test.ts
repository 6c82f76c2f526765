// Reminder delivery (src/reminders/deliver.ts): the Slack DM against the fake Slack Web API
// (blocks, 429 with Retry-After, permanent and transient errors, the retry that finds its earlier
// DM), and the e-mail through nodemailer into a real SMTP server on a loopback port, parsed back
// with mailparser. ReminderMessage objects are built by hand: the planner is not involved.
import type { Writable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderMessageId } from '../../src/domain/reminders/find-sent-reminder.ts';
import type { ReminderContact, ReminderMessage, ReminderRecipient } from '../../src/domain/reminders/reminder-types.ts';
import { createMailer, type Mailer } from '../../src/mail/smtp.ts';
import { DeliveryConfigError, deliverReminder, type DeliverDeps } from '../../src/reminders/deliver.ts';
import { relativeWhen } from '../../src/reminders/email-reminder.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { createSlackApi, type SlackApi } from '../../src/slack/slack-api.ts';
import { translator } from '../../views/i18n/messages.ts';
import { uid } from '../factories/index.ts';
import { BOT_TOKEN, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const PANEL = 'http://panel.kontakt.test';
const MAIL_FROM = 'Kontakt <kontakty@firma.test>';
/** Thursday 26 November 2026, 11:00 in Warsaw, 05:00 in New York. */
const NOW = new Date('2026-11-26T10:00:00Z');
/** Friday: 15:00 in Warsaw (CET), 09:00 in New York (EST). */
const DEADLINE = new Date('2026-11-27T14:00:00Z');

let fake: FakeSlack;
let sink: SmtpSink;
let mailer: Mailer;
let slack: SlackApi;
const logs: { level: number; msg: string; slackError?: string; reminderId?: number }[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) } as unknown as Writable);

beforeAll(async () => {
  fake = await startFakeSlack();
  sink = await startSmtpSink();
  mailer = createMailer({ url: sink.url, from: MAIL_FROM });
  slack = createSlackApi({ token: BOT_TOKEN, apiUrl: fake.apiUrl });
});
afterAll(async () => {
  mailer?.close();
  slack?.close();
  await sink?.close();
  await fake?.close();
});

const deps = (overrides: Partial<DeliverDeps> = {}): DeliverDeps => ({ slack, mailer, logger, publicUrl: PANEL, now: () => NOW, ...overrides });
const FIRST = { previousAttempt: null };

let nextReminderId = 10_000 + Math.floor(Math.random() * 1_000_000);
let nextContactId = 500;

function contact(overrides: Partial<ReminderContact> = {}): ReminderContact {
  const id = nextContactId++;
  return { id, number: `K/2026/${String(id).padStart(4, '0')}`, title: `Oferta ${uid()}`, companyName: 'Hurtownia Żółw Sp. z o.o.', ownerName: 'Anna Nowak', dueAt: DEADLINE, priority: 'high', ...overrides };
}

function recipient(overrides: Partial<ReminderRecipient> = {}): ReminderRecipient {
  const id = uid();
  return { employeeId: 1, name: 'Jan Kowalski', email: `jan-${id}@firma.test`, slackUserId: `U${id.toUpperCase()}`, locale: 'pl', timeZone: 'Europe/Warsaw', channel: 'slack', ...overrides };
}

/** A due-soon reminder of a contact's deadline (24 h before). */
function reminder(overrides: Partial<ReminderMessage> & { to?: Partial<ReminderRecipient> } = {}): ReminderMessage {
  const { to, ...rest } = overrides;
  const about = rest.contact === undefined ? contact() : rest.contact;
  return {
    reminderId: nextReminderId++, rule: 'due_soon', recipient: recipient(to), occurrence: '24h', contact: about, task: null,
    deadline: about?.dueAt ?? DEADLINE, escalation: null, digest: null, url: about ? `${PANEL}/contacts/${about.id}` : `${PANEL}/contacts?view=high`,
    ...rest,
  };
}

const postsTo = (userId: string) => fake.callsTo('chat.postMessage').filter((b) => b.channel === userId);
const blockText = (blocks: any[]) => JSON.stringify(blocks);
const actionsOf = (blocks: any[]) => blocks.find((b) => b.type === 'actions')?.elements as { action_id: string; value: string; url?: string }[];
const headerOf = (mail: ParsedMail, name: string) => String(mail.headers.get(name) ?? '');

describe('Slack DM', () => {
  it('shows what is due, the contact and the deadline in the recipient\'s zone, with Done, Snooze 1 h, Snooze 1 day and Open in panel', async () => {
    const warsaw = reminder();
    const result = await deliverReminder(deps(), warsaw, FIRST);
    const [post, ...more] = postsTo(warsaw.recipient.slackUserId!);
    expect(more).toHaveLength(0);
    expect(result).toEqual({ channel: 'slack', messageRef: expect.stringMatching(new RegExp(`^${warsaw.recipient.slackUserId}/\\d+\\.\\d+$`)) });
    expect(post!.text).toContain(warsaw.contact!.number);
    expect(blockText(post!.blocks)).toContain('27.11.2026, 15:00');
    expect(blockText(post!.blocks)).toContain(warsaw.contact!.title);
    expect(post!.metadata).toEqual({ event_type: 'kontakt_reminder', event_payload: { reminder_id: warsaw.reminderId } });
    const buttons = actionsOf(post!.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTIONS.reminderDone, ACTIONS.reminderSnoozeHour, ACTIONS.reminderSnoozeDay, ACTIONS.reminderOpen]);
    for (const b of buttons) expect(JSON.parse(b.value)).toEqual({ contactId: warsaw.contact!.id });
    expect(buttons[3]!.url).toBe(`${PANEL}/contacts/${warsaw.contact!.id}`);
    expect(blockText(post!.blocks)).toContain('Zrobione');
    expect(await sink.to(warsaw.recipient.email)).toHaveLength(0);

    const newYork = reminder({ to: { locale: 'en', timeZone: 'America/New_York' } });
    await deliverReminder(deps(), newYork, FIRST);
    const [nyPost] = postsTo(newYork.recipient.slackUserId!);
    expect(blockText(nyPost!.blocks)).toContain('27/11/2026, 09:00');
    expect(blockText(nyPost!.blocks)).not.toContain('15:00');
    expect(blockText(nyPost!.blocks)).toContain('Snooze 1 hour');
  });

  it('a task reminder carries the task in the buttons and quotes it; mrkdwn in user text is escaped', async () => {
    const about = contact({ title: 'Pilne <!channel> & <@U123>' });
    const message = reminder({ contact: about, task: { id: 77, text: 'Zadzwonić do klienta', dueAt: DEADLINE } });
    await deliverReminder(deps(), message, FIRST);
    const [post] = postsTo(message.recipient.slackUserId!);
    for (const b of actionsOf(post!.blocks)) expect(JSON.parse(b.value)).toEqual({ contactId: about.id, taskId: 77 });
    expect(blockText(post!.blocks)).toContain('Zadzwonić do klienta');
    expect(blockText(post!.blocks)).not.toContain('<!channel>');
    expect(post!.text).not.toContain('<!channel>');
  });

  it('an escalation says whose contact and how many working days overdue; the digest lists contacts', async () => {
    const late = contact({ dueAt: new Date('2026-11-20T14:00:00Z'), ownerName: 'Piotr Wiśniewski' });
    const escalation = reminder({ rule: 'escalation', contact: late, deadline: late.dueAt, occurrence: '2026-11-26', escalation: { ownerName: 'Piotr Wiśniewski', workingDaysOverdue: 4 } });
    await deliverReminder(deps(), escalation, FIRST);
    const [post] = postsTo(escalation.recipient.slackUserId!);
    expect(post!.text).toBe(`Kontakt ${late.number} (${late.title}), którego opiekunem jest Piotr Wiśniewski, jest po terminie od 4 dni roboczych.`);
    expect(actionsOf(post!.blocks).map((b) => b.action_id)).toContain(ACTIONS.reminderDone);

    const listed = [contact(), contact({ ownerName: null, dueAt: null })];
    const digest = reminder({ rule: 'digest', contact: null, deadline: null, digest: listed, occurrence: '2026-11-26', to: { locale: 'en' } });
    await deliverReminder(deps(), digest, FIRST);
    const [digestPost] = postsTo(digest.recipient.slackUserId!);
    expect(digestPost!.text).toBe('Open high-priority contacts (2):');
    for (const c of listed) expect(blockText(digestPost!.blocks)).toContain(`${PANEL}/contacts/${c.id}|${c.number}`);
    expect(blockText(digestPost!.blocks)).toContain('unassigned');
  });
});

describe('channel preference', () => {
  it('slack → a DM only; email → an e-mail only; both → a DM and an e-mail (the result names the DM)', async () => {
    const bySlack = reminder({ to: { channel: 'slack' } });
    expect((await deliverReminder(deps(), bySlack, FIRST)).channel).toBe('slack');
    expect(await sink.to(bySlack.recipient.email)).toHaveLength(0);

    const byEmail = reminder({ to: { channel: 'email' } });
    const emailed = await deliverReminder(deps(), byEmail, FIRST);
    expect(emailed.channel).toBe('email');
    expect(postsTo(byEmail.recipient.slackUserId!)).toHaveLength(0);
    const [mail] = await sink.to(byEmail.recipient.email);
    expect(mail!.messageId).toBe(`<${emailed.messageRef}>`);

    const byBoth = reminder({ to: { channel: 'both' } });
    const both = await deliverReminder(deps(), byBoth, FIRST);
    expect(both).toEqual({ channel: 'slack', messageRef: expect.stringContaining(`${byBoth.recipient.slackUserId}/`) });
    expect(postsTo(byBoth.recipient.slackUserId!)).toHaveLength(1);
    const [bothMail] = await sink.to(byBoth.recipient.email);
    // Not recorded as messageRef, yet derived from the reminder: a reply still finds it.
    expect(bothMail!.messageId).toBe(`<${reminderMessageId({ reminderId: byBoth.reminderId, rule: 'due_soon', recipientId: 1, occurrence: '24h' }, 'firma.test')}>`);
  });

  it('no Slack id, or Slack not configured → e-mail whatever the preference', async () => {
    const noId = reminder({ to: { channel: 'slack', slackUserId: null } });
    expect(await deliverReminder(deps(), noId, FIRST)).toMatchObject({ channel: 'email', messageRef: expect.stringMatching(/^reminder-\d+\.[0-9a-f]{12}@firma\.test$/) });
    expect(await sink.to(noId.recipient.email)).toHaveLength(1);

    const noSlack = reminder({ to: { channel: 'both' } });
    expect((await deliverReminder(deps({ slack: null }), noSlack, FIRST)).channel).toBe('email');
    expect(postsTo(noSlack.recipient.slackUserId!)).toHaveLength(0);
    expect(await sink.to(noSlack.recipient.email)).toHaveLength(1);
  });

  it('e-mail needed without SMTP configured → a clear error; "both" without SMTP → Slack only', async () => {
    const byEmail = reminder({ to: { channel: 'email' } });
    const error = await deliverReminder(deps({ mailer: null }), byEmail, FIRST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryConfigError);
    expect((error as Error).message).toMatch(/SMTP_URL is not set/);

    const byBoth = reminder({ to: { channel: 'both' } });
    expect((await deliverReminder(deps({ mailer: null }), byBoth, FIRST)).channel).toBe('slack');
  });
});

describe('Slack errors', () => {
  it('429: the client waits Retry-After and posts again', async () => {
    const message = reminder();
    fake.rateLimitNext('chat.postMessage', 1);
    const started = Date.now();
    const result = await deliverReminder(deps(), message, FIRST);
    const elapsed = Date.now() - started;
    expect(postsTo(message.recipient.slackUserId!)).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(result.channel).toBe('slack');
    expect(await sink.to(message.recipient.email)).toHaveLength(0);
  });

  it.each(['user_not_found', 'account_inactive', 'cannot_dm_bot'])('permanent error %s → e-mail instead, fellBackFrom set, logged', async (slackError) => {
    const message = reminder();
    fake.answerNext('chat.postMessage', { ok: false, error: slackError });
    const result = await deliverReminder(deps(), message, FIRST);
    expect(result).toMatchObject({ channel: 'email', fellBackFrom: { channel: 'slack', error: slackError } });
    expect(postsTo(message.recipient.slackUserId!)).toHaveLength(1);
    const [mail] = await sink.to(message.recipient.email);
    expect(mail!.messageId).toBe(`<${result.messageRef}>`);
    const logged = logs.find((l) => l.reminderId === message.reminderId && l.slackError === slackError);
    expect(logged).toMatchObject({ msg: 'reminder: Slack DM refused; falling back to e-mail' });
    expect(logged!.level).toBeGreaterThanOrEqual(40); // warn (error for a bad token)
  });

  it('permanent error without SMTP → a clear error naming the Slack error', async () => {
    const message = reminder();
    fake.answerNext('chat.postMessage', { ok: false, error: 'user_not_found' });
    await expect(deliverReminder(deps({ mailer: null }), message, FIRST)).rejects.toThrow(/Slack refused the DM \(user_not_found\).*SMTP_URL is not set/);
  });

  it('transient errors (internal_error, HTTP 500 after the client\'s retries) are thrown, no e-mail', async () => {
    const platform = reminder({ to: { channel: 'both' } });
    fake.answerNext('chat.postMessage', { ok: false, error: 'internal_error' });
    await expect(deliverReminder(deps(), platform, FIRST)).rejects.toMatchObject({ name: 'SlackApiError', slackError: 'internal_error' });
    expect(await sink.to(platform.recipient.email)).toHaveLength(0);

    const http = reminder();
    for (let i = 0; i < 4; i++) fake.answerNext('chat.postMessage', { status: 500, raw: 'upstream error' });
    await expect(deliverReminder(deps(), http, FIRST)).rejects.toMatchObject({ name: 'SlackHttpError', statusCode: 500 });
    expect(postsTo(http.recipient.slackUserId!)).toHaveLength(4);
    expect(await sink.to(http.recipient.email)).toHaveLength(0);
  });
});

describe('exactly once on retries', () => {
  it('a retry after a crash finds the DM it already posted (by metadata) and does not post again', async () => {
    const message = reminder();
    const userId = message.recipient.slackUserId!;
    await deliverReminder(deps(), message, FIRST); // posted; the worker died before recording it
    const [posted] = postsTo(userId);
    const dm = `D${userId.slice(1)}`;
    const ts = '1795000000.000100';
    fake.answerNext('conversations.history', (body) => ({
      ok: true,
      messages: [
        { type: 'message', ts: '1795000001.000200', text: 'a later DM', metadata: { event_type: 'kontakt_reminder', event_payload: { reminder_id: message.reminderId + 1 } } },
        { type: 'message', ts, text: posted!.text, metadata: posted!.metadata, channelAsked: body.channel },
        { type: 'message', ts: '1794999999.000300', text: 'hello from the user' },
      ],
    }));
    const retry = await deliverReminder(deps(), message, { previousAttempt: { channel: null, messageRef: null } });
    expect(retry).toEqual({ channel: 'slack', messageRef: `${dm}/${ts}` });
    expect(postsTo(userId)).toHaveLength(1);
    expect(fake.callsTo('conversations.open').filter((b) => b.users === userId)).toHaveLength(1);
    const history = fake.callsTo('conversations.history').filter((b) => b.channel === dm);
    expect(history).toHaveLength(1);
    expect(String(history[0]!.include_all_metadata)).toBe('true');
    expect(Number(history[0]!.limit)).toBe(20);
  });

  it('a retry that finds no earlier DM posts it (once); a recorded messageRef is reported without sending', async () => {
    const message = reminder();
    const userId = message.recipient.slackUserId!;
    fake.answerNext('conversations.history', { ok: true, messages: [{ type: 'message', ts: '1.1', text: 'other', metadata: { event_type: 'kontakt_reminder', event_payload: { reminder_id: message.reminderId - 1 } } }] });
    const retry = await deliverReminder(deps(), message, { previousAttempt: { channel: 'slack', messageRef: null } });
    expect(retry.channel).toBe('slack');
    expect(postsTo(userId)).toHaveLength(1);

    const calls = fake.calls.length;
    const again = await deliverReminder(deps(), message, { previousAttempt: { channel: 'slack', messageRef: retry.messageRef } });
    expect(again).toEqual(retry);
    expect(fake.calls.length).toBe(calls);
  });
});

describe('e-mail', () => {
  it('Polish: subject, Message-ID, From/To, headers, the deadline in the recipient\'s zone; HTML escaped', async () => {
    const about = contact({ title: 'Oferta <script>alert(1)</script> & "rabat"', companyName: 'Łódzkie Zakłady <b>' });
    const message = reminder({ contact: about, to: { channel: 'email', name: 'Zofia Żak' } });
    const result = await deliverReminder(deps(), message, FIRST);
    const [mail, ...more] = await sink.to(message.recipient.email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(`[Kontakt] ${about.number}: termin jutro 15:00`);
    expect(mail!.messageId).toMatch(new RegExp(`^<reminder-${message.reminderId}\\.[0-9a-f]{12}@firma\\.test>$`));
    expect(mail!.messageId).toBe(`<${result.messageRef}>`);
    expect(result.messageRef).toBe(reminderMessageId({ reminderId: message.reminderId, rule: 'due_soon', recipientId: 1, occurrence: '24h' }, 'firma.test'));
    expect(mail!.from!.value).toEqual([{ address: 'kontakty@firma.test', name: 'Kontakt' }]);
    expect((mail!.to as { value: { address?: string; name: string }[] }).value).toEqual([{ address: message.recipient.email, name: 'Zofia Żak' }]);
    expect(headerOf(mail!, 'auto-submitted')).toBe('auto-generated');
    expect(headerOf(mail!, 'x-kontakt-reminder')).toBe(String(message.reminderId));
    expect(headerOf(mail!, 'content-language')).toBe('pl');
    expect(mail!.text).toContain('Dzień dobry, Zofia Żak!');
    expect(mail!.text).toContain(`Termin kontaktu ${about.number}`);
    expect(mail!.text).toContain('Termin: 27.11.2026, 15:00 (Europe/Warsaw)');
    expect(mail!.text).toContain(`Otwórz w panelu: ${PANEL}/contacts/${about.id}`);
    expect(mail!.text).toContain('Priorytet: wysoki');
    const html = String(mail!.html);
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('Oferta &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;rabat&quot;');
    expect(html).toContain('Łódzkie Zakłady &lt;b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain(`href="${PANEL}/contacts/${about.id}"`);
  });

  it('English in New York: the subject, text and deadline in that language and zone', async () => {
    const message = reminder({ to: { channel: 'email', locale: 'en', timeZone: 'America/New_York', name: 'John Smith' } });
    await deliverReminder(deps(), message, FIRST);
    const [mail] = await sink.to(message.recipient.email);
    expect(mail!.subject).toBe(`[Kontakt] ${message.contact!.number}: due tomorrow 09:00`);
    expect(headerOf(mail!, 'content-language')).toBe('en');
    expect(mail!.text).toContain('Hello John Smith,');
    expect(mail!.text).toContain('Deadline: 27/11/2026, 09:00 (America/New_York)');
    expect(mail!.text).toContain('Open in the panel: ');
    expect(mail!.text).not.toContain('Termin');
    expect(String(mail!.html)).toContain('<html lang="en">');
  });

  it('overdue tasks, escalations (working days, whose contact) and the digest', async () => {
    const task = reminder({ rule: 'overdue', occurrence: '2026-11-26', deadline: new Date('2026-11-25T16:30:00Z'), task: { id: 5, text: 'Wysłać\nofertę <pdf>', dueAt: new Date('2026-11-25T16:30:00Z') }, to: { channel: 'email' } });
    await deliverReminder(deps(), task, FIRST);
    const [taskMail] = await sink.to(task.recipient.email);
    expect(taskMail!.subject).toBe(`[Kontakt] ${task.contact!.number}: zadanie po terminie (wczoraj 17:30)`);
    expect(taskMail!.text).toContain('Zadanie:\n> Wysłać\n> ofertę <pdf>');
    expect(String(taskMail!.html)).toContain('Wysłać<br>ofertę &lt;pdf&gt;');

    for (const [days, pl, en] of [[1, '1 dnia roboczego', '1 working day'], [3, '3 dni roboczych', '3 working days']] as const) {
      const late = contact({ ownerName: 'Piotr Wiśniewski' });
      const escalation = { rule: 'escalation' as const, contact: late, deadline: new Date('2026-11-20T14:00:00Z'), occurrence: '2026-11-26', escalation: { ownerName: 'Piotr Wiśniewski', workingDaysOverdue: days } };
      const inPolish = reminder({ ...escalation, to: { channel: 'email' } });
      const inEnglish = reminder({ ...escalation, to: { channel: 'email', locale: 'en' } });
      await deliverReminder(deps(), inPolish, FIRST);
      await deliverReminder(deps(), inEnglish, FIRST);
      const [plMail] = await sink.to(inPolish.recipient.email);
      const [enMail] = await sink.to(inEnglish.recipient.email);
      expect(plMail!.subject).toBe(`[Kontakt] ${late.number}: po terminie od ${pl} (Piotr Wiśniewski)`);
      expect(plMail!.text).toContain('którego opiekunem jest Piotr Wiśniewski');
      expect(enMail!.subject).toBe(`[Kontakt] ${late.number}: overdue for ${en} (Piotr Wiśniewski)`);
    }

    const listed = [contact({ title: 'Dostawa <iframe>' }), contact({ ownerName: null })];
    const digest = reminder({ rule: 'digest', contact: null, deadline: null, digest: listed, occurrence: '2026-11-26', to: { channel: 'email' } });
    const result = await deliverReminder(deps(), digest, FIRST);
    const [digestMail] = await sink.to(digest.recipient.email);
    expect(result.channel).toBe('email');
    expect(digestMail!.subject).toBe('[Kontakt] Pilne kontakty: 2 (26.11.2026)');
    for (const c of listed) expect(digestMail!.text).toContain(c.number);
    expect(digestMail!.text).toContain('Opiekun: nieprzypisany');
    expect(digestMail!.text).toContain(`Otwórz listę w panelu: ${PANEL}/contacts?view=high`);
    expect(String(digestMail!.html)).toContain('Dostawa &lt;iframe&gt;');
  });

  it('relative deadlines: today, tomorrow, yesterday in the recipient\'s zone, else the date', () => {
    const pl = translator('pl', 'Europe/Warsaw');
    const ny = translator('en', 'America/New_York');
    expect(relativeWhen(new Date('2026-11-26T22:30:00Z'), pl, NOW)).toBe('dziś 23:30');
    expect(relativeWhen(new Date('2026-11-26T23:30:00Z'), pl, NOW)).toBe('jutro 00:30');
    expect(relativeWhen(new Date('2026-11-26T23:30:00Z'), ny, NOW)).toBe('today 18:30');
    expect(relativeWhen(new Date('2026-11-26T04:00:00Z'), ny, NOW)).toBe('yesterday 23:00');
    expect(relativeWhen(new Date('2026-12-03T14:00:00Z'), pl, NOW)).toBe('3.12.2026, 15:00');
    expect(relativeWhen(null, pl, NOW)).toBe('—');
  });
});
