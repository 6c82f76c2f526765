// The reminder e-mail: subject, plain text and HTML in the recipient's language, times in their
// zone. Rendering is pure (message in, strings out); sendEmailReminder hands it to the mailer with
// the reminder's deterministic Message-ID (see domain/reminders/find-sent-reminder.ts), so a
// reply is filed on the contact and a resend after a crash carries the same id.
import { reminderMessageId } from '../domain/reminders/find-sent-reminder.ts';
import type { ReminderContact, ReminderMessage } from '../domain/reminders/reminder-types.ts';
import type { Mailer } from '../mail/smtp.ts';
import { translator, type MessageKey, type Translator } from '../../views/i18n/messages.ts';

export type RenderedEmail = { subject: string; text: string; html: string };

/** Longest task text quoted; the whole note is on the contact page. */
const MAX_TASK_TEXT = 1000;
/** Contacts listed in a digest e-mail; the rest are a link away. */
const MAX_DIGEST_CONTACTS = 100;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** One line: user text (names, titles) never breaks a header or a list line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat) {
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = make()));
  return f;
}
/** The calendar day (YYYY-MM-DD) of `d` in `timeZone`. */
const dayIn = (d: Date, timeZone: string) => formatter(`day ${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(d);
const timeIn = (d: Date, timeZone: string) => formatter(`time ${timeZone}`, () => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(d);
const dateIn = (d: Date, t: Translator) => formatter(`date ${t.locale} ${t.timeZone}`, () => new Intl.DateTimeFormat(t.locale === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: t.timeZone, dateStyle: 'short' })).format(d);

/** A deadline as people say it: "jutro 15:00" / "tomorrow 15:00" near today, else the date and time. */
export function relativeWhen(d: Date | null, t: Translator, now: Date): string {
  if (!d) return t('none');
  const days = Math.round((Date.parse(dayIn(d, t.timeZone)) - Date.parse(dayIn(now, t.timeZone))) / 86_400_000);
  const key: MessageKey | null = days === 0 ? 'rmWhenToday' : days === 1 ? 'rmWhenTomorrow' : days === -1 ? 'rmWhenYesterday' : null;
  return key ? t(key, { time: timeIn(d, t.timeZone) }) : t.dateTime(d);
}

export const workingDays = (count: number, t: Translator) => (count === 1 ? t('rmWorkingDaysOne') : t('rmWorkingDaysMany', { count }));

/** What the reminder says in one sentence, and its subject (both plain text). */
export function reminderLead(message: ReminderMessage, t: Translator, now: Date): { subject: string; lead: string } {
  const contact = message.contact;
  if (!contact) throw new Error(`reminder ${message.reminderId} (${message.rule}) has no contact`);
  const when = relativeWhen(message.deadline, t, now);
  const base = { number: contact.number, title: oneLine(contact.title), when };
  if (message.rule === 'escalation' && message.escalation) {
    const params = { ...base, owner: oneLine(message.escalation.ownerName), days: workingDays(message.escalation.workingDaysOverdue, t) };
    return { subject: t('rmSubjectEscalation', params), lead: t('rmLeadEscalation', params) };
  }
  const overdue = message.rule === 'overdue' || (message.deadline !== null && message.deadline.getTime() <= now.getTime());
  const [subjectKey, leadKey]: [MessageKey, MessageKey] = message.task
    ? overdue ? ['rmSubjectTaskOverdue', 'rmLeadTaskOverdue'] : ['rmSubjectTaskDue', 'rmLeadTaskDue']
    : overdue ? ['rmSubjectOverdue', 'rmLeadOverdue'] : ['rmSubjectDue', 'rmLeadDue'];
  const lead = t(leadKey, base);
  return { subject: t(subjectKey, base), lead: message.rule === 'snooze_ended' ? `${t('rmLeadSnoozeEnded')} ${lead}` : lead };
}

type Row = { label: string; value: string; href?: string };

function contactRows(contact: ReminderContact, deadline: Date | null, t: Translator, url: string | null): Row[] {
  return [
    { label: t('rmContact'), value: `${contact.number} — ${oneLine(contact.title)}`, ...(url ? { href: url } : {}) },
    { label: t('rmCompany'), value: oneLine(contact.companyName) },
    { label: t('rmOwner'), value: contact.ownerName ? oneLine(contact.ownerName) : t('unassigned') },
    { label: t('rmDeadline'), value: deadline ? `${t.dateTime(deadline)} (${t.timeZone})` : t('none') },
    { label: t('priority'), value: t(contact.priority) },
  ];
}

const textRows = (rows: Row[]) => rows.map((r) => `${r.label}: ${r.value}`).join('\n');
const htmlRows = (rows: Row[]) =>
  `<table cellpadding="4" cellspacing="0" style="border-collapse:collapse">${rows
    .map((r) => `<tr><th align="left" style="color:#555;font-weight:normal;padding-right:12px">${escapeHtml(r.label)}</th><td>${r.href ? `<a href="${escapeHtml(r.href)}">${escapeHtml(r.value)}</a>` : escapeHtml(r.value)}</td></tr>`)
    .join('')}</table>`;

function page(t: Translator, subject: string, body: string, footer: string[]): string {
  return [
    `<!DOCTYPE html><html lang="${t.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">',
    body,
    `<hr style="border:none;border-top:1px solid #ddd;margin-top:24px"><p style="color:#777;font-size:12px">${footer.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
}

/** The e-mail of one reminder, in `message.recipient`'s language and time zone. */
export function renderReminderEmail(message: ReminderMessage, now = new Date()): RenderedEmail {
  const t = translator(message.recipient.locale, message.recipient.timeZone);
  const greeting = t('rmGreeting', { name: oneLine(message.recipient.name) });

  if (message.rule === 'digest') {
    const contacts = message.digest ?? [];
    const shown = contacts.slice(0, MAX_DIGEST_CONTACTS);
    const more = contacts.length - shown.length;
    const subject = oneLine(t('rmSubjectDigest', { count: contacts.length, date: dateIn(now, t) }));
    const intro = contacts.length ? t('rmLeadDigest', { count: contacts.length }) : t('rmDigestEmpty');
    const line = (c: ReminderContact) =>
      [`${c.number} — ${oneLine(c.title)} (${oneLine(c.companyName)})`, `${t('rmDeadline')}: ${t.dateTime(c.dueAt)}`, `${t('rmOwner')}: ${c.ownerName ? oneLine(c.ownerName) : t('unassigned')}`].join(' · ');
    const footer = [t('rmFooterDigest'), t('rmFooterSettings')];
    const text = [
      greeting, '', intro, '',
      ...shown.map((c) => `- ${line(c)}`),
      ...(more > 0 ? [t('rmDigestMore', { count: more })] : []),
      '', `${t('rmOpenList')}: ${message.url}`, '', '-- ', ...footer, '',
    ].join('\n');
    const html = page(t, subject, [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p><strong>${escapeHtml(intro)}</strong></p>`,
      shown.length ? `<ul>${shown.map((c) => `<li>${escapeHtml(line(c))}</li>`).join('')}</ul>` : '',
      more > 0 ? `<p>${escapeHtml(t('rmDigestMore', { count: more }))}</p>` : '',
      `<p><a href="${escapeHtml(message.url)}">${escapeHtml(t('rmOpenList'))}</a></p>`,
    ].join('\n'), footer);
    return { subject, text, html };
  }

  if (!message.contact) throw new Error(`reminder ${message.reminderId} (${message.rule}) has no contact`);
  const { subject: rawSubject, lead } = reminderLead(message, t, now);
  const subject = oneLine(rawSubject);
  const rows = contactRows(message.contact, message.deadline, t, message.url);
  const taskText = message.task ? clip(message.task.text.trim(), MAX_TASK_TEXT) : null;
  const why = message.rule === 'escalation' ? t('rmEscalationWhy') : null;
  const footer = [t('rmFooter'), t('rmFooterSettings')];
  const text = [
    greeting, '', lead, ...(why ? [why] : []), '',
    textRows(rows),
    ...(taskText ? ['', `${t('rmTask')}:`, ...taskText.split('\n').map((l) => `> ${l}`)] : []),
    '', `${t('rmOpenInPanel')}: ${message.url}`, '', '-- ', ...footer, '',
  ].join('\n');
  const html = page(t, subject, [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p><strong>${escapeHtml(lead)}</strong></p>`,
    why ? `<p>${escapeHtml(why)}</p>` : '',
    htmlRows(rows),
    taskText ? `<p style="margin-bottom:4px">${escapeHtml(t('rmTask'))}:</p><blockquote style="margin:0 0 0 8px;padding-left:8px;border-left:3px solid #ccc">${escapeHtml(taskText).replace(/\n/g, '<br>')}</blockquote>` : '',
    `<p><a href="${escapeHtml(message.url)}" style="display:inline-block;padding:8px 14px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(t('rmOpenInPanel'))}</a></p>`,
  ].join('\n'), footer);
  return { subject, text, html };
}

/**
 * Sends the reminder by e-mail; resolves with its Message-ID (without brackets) once the SMTP
 * server accepted it. SMTP errors are thrown: the job retries.
 */
export async function sendEmailReminder(mailer: Mailer, message: ReminderMessage, now = new Date()): Promise<string> {
  const { subject, text, html } = renderReminderEmail(message, now);
  const messageId = reminderMessageId(
    { reminderId: message.reminderId, rule: message.rule, recipientId: message.recipient.employeeId, occurrence: message.occurrence },
    mailer.domain,
  );
  await mailer.sendMail({
    to: { name: oneLine(message.recipient.name), address: message.recipient.email },
    subject,
    text,
    html,
    messageId,
    language: message.recipient.locale,
    headers: {
      // RFC 3834: out-of-office robots must not answer (and loop); Exchange's own switch for the same.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Kontakt-Reminder': String(message.reminderId),
    },
  });
  return messageId;
}
