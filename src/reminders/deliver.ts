// Delivery of one reminder: Slack DM, e-mail or both, as the recipient prefers (the adapter the
// reminder-send worker calls; it records the result on the ReminderLog row).
//
// Channels: "slack" with a Slack id → DM; "email" → e-mail; "both" → DM, then e-mail. Without a
// Slack id, or with Slack not configured, e-mail. A permanent Slack error (PERMANENT_SLACK_ERRORS)
// → e-mail instead, logged, reported in fellBackFrom; a transient one is thrown (the job retries).
//
// The result names one message. For "both" it is the DM ("<channel>/<ts>"): replies to the e-mail
// are still matched, because the e-mail's Message-ID is derived from the reminder
// (find-sent-reminder.ts) and the router reads the reminder id back out of it.
//
// Exactly once: a retry (previousAttempt set) that finds a recorded messageRef reports it without
// sending; otherwise the DM is looked for in the conversation (message metadata names the
// reminder) before posting again. A resent e-mail carries the same Message-ID, so mail clients
// show it once.
import type { DeliveryResult, ReminderMessage } from '../domain/reminders/reminder-types.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/smtp.ts';
import type { SlackApi } from '../slack/slack-api.ts';
import { sendEmailReminder } from './email-reminder.ts';
import { SlackPermanentError, sendSlackReminder } from './slack-reminder.ts';

export type DeliverDeps = {
  /** The bot's Web API caller (429s waited out after Retry-After); null: no Slack. */
  slack: SlackApi | null;
  /** null: SMTP_URL unset; an e-mail reminder then fails. */
  mailer: Mailer | null;
  logger: Logger;
  /** The panel's address, for the DM's "Open in panel" button. */
  publicUrl: string;
  /** "Now" for "tomorrow 15:00" and overdue wording (default: the clock). */
  now?: () => Date;
};

export type DeliverOptions = {
  /** What the ReminderLog row says of an earlier attempt at this reminder; null on the first. */
  previousAttempt: { channel: string | null; messageRef: string | null } | null;
};

/** The reminder could not go out and no retry will change that (no e-mail configured where needed). */
export class DeliveryConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryConfigError';
  }
}

export async function deliverReminder(deps: DeliverDeps, message: ReminderMessage, options: DeliverOptions): Promise<DeliveryResult> {
  const log = deps.logger.child({ reminderId: message.reminderId, rule: message.rule, recipientId: message.recipient.employeeId });
  const now = deps.now?.() ?? new Date();
  const { recipient } = message;
  const previous = options.previousAttempt;

  // An attempt that got as far as recording its message delivered it: report that one again.
  if (previous?.messageRef && (previous.channel === 'slack' || previous.channel === 'email')) {
    log.info({ channel: previous.channel, messageRef: previous.messageRef }, 'reminder: already delivered by an earlier attempt');
    return { channel: previous.channel, messageRef: previous.messageRef };
  }

  const slack = recipient.channel !== 'email' && recipient.slackUserId ? deps.slack : null;
  let wantsEmail = recipient.channel !== 'slack' || slack === null;
  let emailReason = recipient.channel === 'slack' ? (recipient.slackUserId ? 'Slack is not configured' : 'the employee has no Slack id') : `the employee prefers ${recipient.channel}`;
  let slackRef: string | null = null;
  let fellBackFrom: DeliveryResult['fellBackFrom'];

  if (slack) {
    try {
      const sent = await sendSlackReminder(slack, message, { publicUrl: deps.publicUrl, now, lookForEarlier: previous !== null });
      slackRef = sent.messageRef;
      if (sent.reused) log.info({ messageRef: sent.messageRef }, 'reminder: the DM of an earlier attempt found; not posted again');
    } catch (error) {
      if (!(error instanceof SlackPermanentError)) throw error;
      const level = error.affectsEveryone ? 'error' : 'warn';
      log[level]({ slackError: error.slackError, slackUserId: recipient.slackUserId }, 'reminder: Slack DM refused; falling back to e-mail');
      fellBackFrom = { channel: 'slack', error: error.slackError };
      wantsEmail = true;
      emailReason = `Slack refused the DM (${error.slackError})`;
    }
  }

  if (slackRef && !wantsEmail) return { channel: 'slack', messageRef: slackRef };
  if (!deps.mailer) {
    if (slackRef) {
      log.warn('reminder: the employee wants e-mail too, but SMTP_URL is not set; sent by Slack only');
      return { channel: 'slack', messageRef: slackRef };
    }
    throw new DeliveryConfigError(`reminder ${message.reminderId} needs e-mail (${emailReason}), but SMTP_URL is not set`);
  }
  const messageId = await sendEmailReminder(deps.mailer, message, now);
  log.info({ messageId, to: recipient.email }, 'reminder: e-mail sent');
  if (slackRef) return { channel: 'slack', messageRef: slackRef };
  return { channel: 'email', messageRef: messageId, ...(fellBackFrom ? { fellBackFrom } : {}) };
}
