// The reminder as a Slack DM. Contact and task reminders use the DM of src/slack/reminder-message.ts
// (what, which contact, the deadline in the recipient's zone, Done / Snooze 1 h / Snooze 1 day /
// Open in panel); an escalation puts a line above it, a snooze that ran out a note below; the
// digest is a list. Every DM carries message metadata naming the reminder, so a retry after a
// crash finds the DM it already sent (conversations.history) instead of posting it again.
import type { KnownBlock } from '@slack/types';
import type { ReminderMessage } from '../domain/reminders/reminder-types.ts';
import { contextBlock, link, mrkdwnSection } from '../slack/blocks/home-blocks.ts';
import { esc } from '../slack/blocks/mrkdwn.ts';
import { SlackApiError, type SlackApi } from '../slack/slack-api.ts';
import { ACTIONS } from '../slack/ids.ts';
import { reminderBlocks, reminderText, type ReminderSubject } from '../slack/reminder-message.ts';
import { contactUrl } from '../slack/slack-deps.ts';
import { translator, type Translator } from '../../views/i18n/messages.ts';
import { reminderLead } from './email-reminder.ts';

/** metadata.event_type of reminder DMs. */
export const REMINDER_EVENT_TYPE = 'kontakt_reminder';

/**
 * Slack errors after which a retry cannot succeed, so the reminder goes by e-mail instead: the
 * user is gone, deactivated or cannot receive DMs from the app, the message is refused as it is,
 * or our token no longer works (logged at error level: every Slack reminder is affected). Anything else —
 * internal_error, fatal_error, HTTP 5xx, rate limits beyond the client's retries, network errors
 * — is transient: it is thrown and the job retries.
 */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'user_not_found', 'users_not_found', 'user_not_visible', 'account_inactive', 'user_disabled', 'cannot_dm_bot',
  'channel_not_found', 'not_in_channel', 'is_archived', 'messages_tab_disabled', 'restricted_action',
  // Our message itself is refused: a retry sends the same; the e-mail still gets it out (and the warning shows the bug).
  'invalid_blocks', 'msg_too_long',
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'missing_scope', 'no_permission', 'team_access_not_granted',
]);
const TOKEN_ERRORS: ReadonlySet<string> = new Set(['account_inactive', 'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'missing_scope', 'no_permission', 'team_access_not_granted']);

/** A Slack error no retry can fix (PERMANENT_SLACK_ERRORS): delivery falls back to e-mail. */
export class SlackPermanentError extends Error {
  constructor(readonly slackError: string, options?: ErrorOptions) {
    super(`Slack refused the reminder DM: ${slackError}`, options);
    this.name = 'SlackPermanentError';
  }
  /** The token itself is bad: every Slack reminder fails, not only this recipient's. */
  get affectsEveryone() {
    return TOKEN_ERRORS.has(this.slackError);
  }
}

/** Messages of the DM searched for an earlier copy: a retry follows the crash within minutes. */
const HISTORY_LIMIT = 20;
/** Contacts listed in a digest DM (Slack allows 50 blocks a message). */
const MAX_DIGEST_CONTACTS = 20;

/** The DM's notification text and blocks. */
export function reminderSlackMessage(message: ReminderMessage, t: Translator, publicUrl: string, now: Date): { text: string; blocks: KnownBlock[] } {
  if (message.rule === 'digest') return digestMessage(message, t, publicUrl);
  const contact = message.contact;
  if (!contact) throw new Error(`reminder ${message.reminderId} (${message.rule}) has no contact`);
  // The deadline shown is the one the reminder is about (as planned), the contact's or the task's.
  const subject: ReminderSubject = {
    contact: { id: contact.id, number: contact.number, title: contact.title, companyName: contact.companyName, dueAt: message.task ? contact.dueAt : (message.deadline ?? contact.dueAt) },
    task: message.task ? { id: message.task.id, text: message.task.text, dueAt: message.deadline ?? message.task.dueAt } : null,
  };
  const blocks = reminderBlocks(subject, t, { publicUrl }, now);
  if (message.rule === 'escalation' && message.escalation) {
    const { lead } = reminderLead(message, t, now);
    return {
      text: esc(lead),
      blocks: [mrkdwnSection(`:rotating_light: *${esc(lead)}*`, 'reminder_escalation'), ...blocks, contextBlock(esc(t('rmEscalationWhy')), 'reminder_escalation_why')],
    };
  }
  const text = esc(reminderText(subject, t, now));
  if (message.rule === 'snooze_ended') return { text, blocks: [...blocks, contextBlock(`:alarm_clock: ${esc(t('rmLeadSnoozeEnded'))}`, 'reminder_snooze_ended')] };
  return { text, blocks };
}

function digestMessage(message: ReminderMessage, t: Translator, publicUrl: string): { text: string; blocks: KnownBlock[] } {
  const contacts = message.digest ?? [];
  const shown = contacts.slice(0, MAX_DIGEST_CONTACTS);
  const intro = contacts.length ? t('rmLeadDigest', { count: contacts.length }) : t('rmDigestEmpty');
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*${esc(intro)}*`, 'reminder_digest'),
    ...shown.map((c) =>
      mrkdwnSection(
        `${link(contactUrl({ publicUrl }, c.id), c.number)} · ${esc(c.title)} · ${esc(c.companyName)}\n` +
          `${esc(t('rmDeadline'))}: ${esc(t.dateTime(c.dueAt))} · ${esc(t('rmOwner'))}: ${esc(c.ownerName ?? t('unassigned'))}`,
      ),
    ),
    ...(contacts.length > shown.length ? [contextBlock(esc(t('rmDigestMore', { count: contacts.length - shown.length })))] : []),
    {
      type: 'actions',
      block_id: 'reminder_digest_actions',
      elements: [{ type: 'button', action_id: ACTIONS.homeOpenPanel, text: { type: 'plain_text', text: t('rmOpenList') }, url: message.url, value: 'panel' }],
    },
  ];
  return { text: esc(intro), blocks };
}

/** "<channel>/<ts>" of the reminder's DM when an earlier attempt already posted it. */
async function findEarlierDm(slack: SlackApi, userId: string, reminderId: number): Promise<string | null> {
  const opened = await slack.call('conversations.open', { users: userId });
  const channel = (opened.channel as { id?: string } | undefined)?.id;
  if (!channel) return null;
  const history = await slack.call('conversations.history', { channel, include_all_metadata: true, limit: HISTORY_LIMIT });
  type Message = { ts?: string; metadata?: { event_type?: string; event_payload?: { reminder_id?: unknown } } };
  const earlier = ((history.messages ?? []) as Message[]).find(
    (m) => m.metadata?.event_type === REMINDER_EVENT_TYPE && String(m.metadata.event_payload?.reminder_id) === String(reminderId),
  );
  return earlier?.ts ? `${channel}/${earlier.ts}` : null;
}

export type SlackReminderOptions = {
  publicUrl: string;
  now: Date;
  /** An earlier attempt may have posted (and died before recording it): look before posting. */
  lookForEarlier: boolean;
};

/**
 * Sends the reminder as a DM to its recipient; resolves with "<channel>/<ts>" and whether it was
 * an earlier attempt's DM. Throws SlackPermanentError for PERMANENT_SLACK_ERRORS, anything else as
 * it came (429s are waited out inside SlackApi, after Retry-After).
 */
export async function sendSlackReminder(slack: SlackApi, message: ReminderMessage, options: SlackReminderOptions): Promise<{ messageRef: string; reused: boolean }> {
  const userId = message.recipient.slackUserId;
  if (!userId) throw new Error(`reminder ${message.reminderId}: the recipient has no Slack id`);
  const t = translator(message.recipient.locale, message.recipient.timeZone);
  const { text, blocks } = reminderSlackMessage(message, t, options.publicUrl, options.now);
  try {
    if (options.lookForEarlier) {
      const earlier = await findEarlierDm(slack, userId, message.reminderId);
      if (earlier) return { messageRef: earlier, reused: true };
    }
    // A bot may post to a user id: Slack opens the DM and answers with its channel id.
    const posted = await slack.call('chat.postMessage', {
      channel: userId,
      text,
      blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { reminder_id: message.reminderId } },
    });
    if (typeof posted.channel !== 'string' || typeof posted.ts !== 'string') throw new Error('chat.postMessage answered without channel or ts');
    return { messageRef: `${posted.channel}/${posted.ts}`, reused: false };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && PERMANENT_SLACK_ERRORS.has(code)) throw new SlackPermanentError(code, { cause: error });
    throw error;
  }
}

/** The `error` of an ok:false answer; null for HTTP, network and rate-limit errors. */
function slackErrorCode(error: unknown): string | null {
  return error instanceof SlackApiError ? error.slackError : null;
}
