// What every modal here shares: Block Kit builders that respect Slack's length limits, reading a
// submitted view's state, date + time pickers in the employee's zone, domain field errors mapped
// onto block ids, and the confirmation DM.
import type { AckFn, ViewOutput, ViewResponseAction, ViewStateValue } from '@slack/bolt';
import type { KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { isAppError } from '../../errors.ts';
import { formatLocalDateTime, parseLocalDateTime } from '../../web/local-time.ts';
import { errorText } from '../error-text.ts';
import type { SlackUser } from '../identity.ts';
import { contactUrl, type SlackDeps } from '../slack-deps.ts';
import { ACTIONS } from '../ids.ts';

/** Slack's limits (Block Kit reference). */
export const LIMITS = { title: 24, button: 24, option: 75, optionValue: 150, placeholder: 150, label: 2000, input: 3000, metadata: 3000, options: 100 } as const;

/** Shortens to `max` characters (an ellipsis marks the cut). */
export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export const plain = (text: string, max: number = LIMITS.label): PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });

export const option = (text: string, value: string): PlainTextOption => ({ text: plain(text || '—', LIMITS.option), value: value.slice(0, LIMITS.optionValue) });

/** `&`, `<` and `>` are control characters in Slack's mrkdwn. */

export function modal(t: SlackUser['t'], view: { callbackId: string; title: string; submit: string; blocks: KnownBlock[]; metadata: object }): ModalView {
  const privateMetadata = JSON.stringify(view.metadata);
  if (privateMetadata.length > LIMITS.metadata) throw new Error(`private_metadata of ${view.callbackId} is ${privateMetadata.length} characters (Slack allows ${LIMITS.metadata})`);
  return {
    type: 'modal',
    callback_id: view.callbackId,
    title: plain(view.title, LIMITS.title),
    submit: plain(view.submit, LIMITS.button),
    close: plain(t('smCancel'), LIMITS.button),
    private_metadata: privateMetadata,
    blocks: view.blocks,
  };
}

/** private_metadata back as an object ({} when absent or unreadable). */
export function readMetadata(view: { private_metadata?: string }): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(view.private_metadata || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const positiveInt = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** What a view_submission listener gets (the parts used here). */
export type Submission = { ack: AckFn<ViewResponseAction>; body: { user: { id: string } }; view: ViewOutput };

type ViewValues = Record<string, Record<string, ViewStateValue>>;

/** The state of a view's input blocks: each block here holds one element, read by block id. */
export function viewState(view: { state?: { values?: ViewValues } } | undefined) {
  const values = view?.state?.values ?? {};
  const of = (blockId: string): ViewStateValue | undefined => Object.values(values[blockId] ?? {})[0];
  return {
    text: (blockId: string) => of(blockId)?.value?.trim() ?? '',
    selected: (blockId: string) => of(blockId)?.selected_option?.value ?? null,
    date: (blockId: string) => of(blockId)?.selected_date ?? null,
    time: (blockId: string) => of(blockId)?.selected_time ?? null,
    user: (blockId: string) => of(blockId)?.selected_user ?? null,
  };
}

/** Time used when a deadline has a date but no time: the start of the working day (as parse-when's default). */
export const DEFAULT_DUE_TIME = '09:00';

/**
 * A datepicker's YYYY-MM-DD and a timepicker's HH:mm, read as wall-clock time in `timeZone` (the
 * employee's, not the server's). No date: null (no deadline). Errors name the block to show them on.
 */
export function instantFromPickers(date: string | null, time: string | null, timeZone: string): { ok: true; at: Date | null } | { ok: false; error: 'smTimeWithoutDate' | 'smBadDate' } {
  if (!date) return time ? { ok: false, error: 'smTimeWithoutDate' } : { ok: true, at: null };
  const at = parseLocalDateTime(`${date}T${time ?? DEFAULT_DUE_TIME}`, timeZone);
  return at ? { ok: true, at } : { ok: false, error: 'smBadDate' };
}

/** The pickers' initial values for an instant, in `timeZone`. */
export function pickersFor(at: Date | null, timeZone: string): { date?: string; time?: string } {
  const local = formatLocalDateTime(at, timeZone);
  return local ? { date: local.slice(0, 10), time: local.slice(11, 16) } : {};
}

/** The date + time input blocks of a deadline. */
export function deadlineBlocks(t: SlackUser['t'], blockIds: { date: string; time: string }, at: Date | null, hint: string = t('smDueHint', { zone: t.timeZone, time: DEFAULT_DUE_TIME })): KnownBlock[] {
  const initial = pickersFor(at, t.timeZone);
  return [
    {
      type: 'input', block_id: blockIds.date, optional: true, label: plain(t('smDueDate')), hint: plain(hint),
      element: { type: 'datepicker', action_id: 'value', ...(initial.date ? { initial_date: initial.date } : {}) },
    },
    {
      type: 'input', block_id: blockIds.time, optional: true, label: plain(t('smDueTime')),
      element: { type: 'timepicker', action_id: 'value', timezone: t.timeZone, ...(initial.time ? { initial_time: initial.time } : {}) },
    },
  ];
}

/** The note-kind picker (options: noteKindOptions): suggestions from use, or the kind typed. */
export const noteKindBlock = (t: SlackUser['t'], blockId: string): KnownBlock => ({
  type: 'input', block_id: blockId, optional: true, label: plain(t('smNoteKind')),
  element: { type: 'external_select', action_id: ACTIONS.pickNoteKind, min_query_length: 0, placeholder: plain(t('smNoteKindPlaceholder'), LIMITS.placeholder) },
});

/**
 * A domain error as `response_action: errors`: VALIDATION fields land on the blocks `blocks` maps
 * them to (others on `fallback`); any other error is explained on `fallback`.
 */
export function errorsFor(error: unknown, t: SlackUser['t'], deps: Pick<SlackDeps, 'logger'>, blocks: Record<string, string>, fallback: string): Record<string, string> {
  if (isAppError(error, 'VALIDATION') && error.details.fields) {
    const errors: Record<string, string> = {};
    for (const [field, message] of Object.entries(error.details.fields)) {
      const block = blocks[field] ?? fallback;
      errors[block] = errors[block] ? `${errors[block]}; ${message}` : message;
    }
    return errors;
  }
  return { [fallback]: errorText(error, t, deps.logger) };
}

/** A direct message to the employee (the bot's DM: chat.postMessage to the user id), optionally with an "Open in panel" button. */
export async function sendDm(deps: SlackDeps, client: WebClient, user: SlackUser, text: string, contactId?: number): Promise<void> {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }];
  if (contactId !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: ACTIONS.openInPanel, text: plain(user.t('smOpenInPanel'), LIMITS.option), url: contactUrl(deps, contactId), value: String(contactId) }],
    });
  }
  await client.chat.postMessage({ channel: user.slackUserId, text: clip(text, 3000), blocks }).catch((error: Error) => {
    deps.logger.warn({ err: error.message, slackUserId: user.slackUserId }, 'slack: could not send a confirmation DM');
  });
}

/** A contact as one line: "K/2026/0042 — title (company)". */
export const contactLine = (c: { number: string; title: string; companyName?: string | null }) => `${c.number} — ${c.title}${c.companyName ? ` (${c.companyName})` : ''}`;
