// Replies to reminder e-mails: which reminder (and so which contact) a Message-ID names. The mail
// router (route-mail.ts, rule 2) asks this when a reply's In-Reply-To/References name no filed mail.
//
// A reminder e-mail's Message-ID is derived from its ReminderLog row, not random:
//   <reminder-<id>.<checksum>@<MAIL_FROM's domain>>
// where the checksum is 12 hex digits of SHA-256 over the row's id, rule, recipient and occurrence.
// So a reply is matched even when the row's messageRef holds something else (the Slack ref of a
// reminder sent by both Slack and e-mail), and a retry that sends the e-mail again reuses the same
// Message-ID (mail clients then show it once). The checksum is not a secret: it keeps other
// systems' "reminder-N@…" ids from matching by accident. Mail is filed only from employees and
// allowed domains anyway (resolve-forwarder.ts), and a contact number in the subject files it too.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../db.ts';
import type { ReminderRule } from './reminder-types.ts';

/** The ReminderLog fields a reminder's Message-ID is derived from. */
export type ReminderIdentity = { reminderId: number; rule: ReminderRule; recipientId: number; occurrence: string };

const MESSAGE_ID = /^reminder-(\d{1,10})\.([0-9a-f]{12})@[^@\s<>]+$/i;
const MAX_INT = 2_147_483_647;
/** Rows whose e-mail may have gone out: a crash between the SMTP hand-over and recording leaves "sending" or "failed". */
const MAYBE_SENT = ['sent', 'sending', 'failed'] as const;

const checksum = (r: ReminderIdentity) =>
  createHash('sha256').update(`kontakt-reminder|${r.reminderId}|${r.rule}|${r.recipientId}|${r.occurrence}`).digest('hex').slice(0, 12);

/** The Message-ID (without angle brackets) of a reminder's e-mail. */
export function reminderMessageId(reminder: ReminderIdentity, domain: string): string {
  return `reminder-${reminder.reminderId}.${checksum(reminder)}@${domain}`;
}

/** The reminder id and checksum in a reminder Message-ID; null for any other id. */
export function parseReminderMessageId(messageId: string): { reminderId: number; checksum: string } | null {
  const match = MESSAGE_ID.exec(messageId.trim().replace(/^<|>$/g, ''));
  if (!match) return null;
  const reminderId = Number(match[1]);
  return reminderId >= 1 && reminderId <= MAX_INT ? { reminderId, checksum: match[2]!.toLowerCase() } : null;
}

export type SentReminder = { contactId: number; messageId: string; reminderId: number };

/**
 * The reminder one of `messageIds` (bare ids, most relevant first) names, when it is about a
 * contact: recorded as an e-mail's messageRef (channel email, status sent), or — any reminder
 * that may have gone out — a Message-ID of the scheme above whose checksum matches its row.
 * Fits route-mail's SentMessageLookup.
 */
export async function findSentReminder(db: Db | Tx, messageIds: string[]): Promise<SentReminder | null> {
  if (messageIds.length === 0) return null;
  const parsed = new Map(messageIds.flatMap((id) => {
    const p = parseReminderMessageId(id);
    return p ? [[id, p] as const] : [];
  }));
  const rows = await db.reminderLog.findMany({
    where: {
      contactId: { not: null },
      OR: [
        { messageRef: { in: messageIds }, channel: 'email', status: 'sent' },
        ...(parsed.size > 0 ? [{ id: { in: [...new Set([...parsed.values()].map((p) => p.reminderId))] }, status: { in: [...MAYBE_SENT] } }] : []),
      ],
    },
    select: { id: true, rule: true, recipientId: true, occurrence: true, contactId: true, channel: true, status: true, messageRef: true },
  });
  for (const messageId of messageIds) {
    const recorded = rows.find((r) => r.messageRef === messageId && r.channel === 'email' && r.status === 'sent');
    if (recorded) return { contactId: recorded.contactId!, messageId, reminderId: recorded.id };
    const p = parsed.get(messageId);
    const row = p && rows.find((r) => r.id === p.reminderId);
    if (p && row && checksum({ reminderId: row.id, rule: row.rule, recipientId: row.recipientId, occurrence: row.occurrence }) === p.checksum) {
      return { contactId: row.contactId!, messageId, reminderId: row.id };
    }
  }
  return null;
}
