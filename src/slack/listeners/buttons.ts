// Buttons on contact rows, App Home and reminder DMs. Each click acks at once, acts as the clicking
// employee (channel slack: the history names them) and then rewrites the ORIGINAL message: the
// clicked block (the buttons) becomes a line saying what happened and who did it; the rest of the
// message stays. Ephemeral messages go through response_url (chat.update cannot reach them),
// and when Slack does not send the message back with the click (ephemeral lists) the outcome is
// a new ephemeral line rather than a rewrite that would drop the other rows; clicks in App Home
// just refresh it (publishHome). Errors and refusals go to the clicker only.
//
// Reminder semantics (value: reminderValue({contactId, taskId?})):
//   Done      on a task: the task is done (editItem done:true).
//             on the contact's deadline: the deadline is cleared (dueAt and snoozedUntil null,
//             history "updated"); the contact stays OPEN — the new line carries a Close button.
//   Snooze    1 hour / 1 day from the click: snoozedUntil on the task (snoozeTask) or on the
//             contact (snoozeContact); due dates are unchanged, reminders resume afterwards.
//   Open      a URL button to the contact page: acknowledged, nothing changes, buttons stay.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { closeContact } from '../../domain/contacts/close-contact.ts';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { snoozeContact } from '../../domain/contacts/snooze-contact.ts';
import { updateContact } from '../../domain/contacts/update-contact.ts';
import { editItem } from '../../domain/items/edit-item.ts';
import { snoozeTask } from '../../domain/items/snooze-task.ts';
import { validation } from '../../errors.ts';
import { publishHome } from '../app-home.ts';
import { contactLabel, contextBlock, mention } from '../blocks/home-blocks.ts';
import { ACTIONS, type ReminderTarget } from '../ids.ts';
import type { SlackUser } from '../identity.ts';
import { asEmployee, type Reply } from '../listener-kit.ts';
import type { SlackDeps } from '../slack-deps.ts';

export type ButtonClick = BlockAction<ButtonAction>;

/** Block id of the line a click leaves behind in a reminder (it may carry a Close button). */
export const OUTCOME_BLOCK = 'reminder_outcome';
/** Block id of the line a Close leaves behind: one per contact, as a list may close several. */
export const closedBlockId = (contactId: number) => `closed_${contactId}`;

const HOUR = 60 * 60 * 1000;
const SNOOZE_MS = { [ACTIONS.reminderSnoozeHour]: HOUR, [ACTIONS.reminderSnoozeDay]: 24 * HOUR } as const;

/** Sends `text` to the clicker only: through response_url, else ephemeral in the channel, else a DM (App Home). */
export function clickReply(client: WebClient, body: ButtonClick, respond?: RespondFn): Reply {
  return async (text) => {
    if (body.response_url && respond) return respond({ response_type: 'ephemeral', replace_original: false, text });
    if (body.channel?.id) return client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
    return client.chat.postMessage({ channel: body.user.id, text });
  };
}

/**
 * Rewrites the message the button was on: the clicked block replaced by `outcome` (every actions
 * block when the clicked one cannot be found), `text` as the notification text. Clicks in a view
 * (App Home) leave it to publishHome.
 */
export async function replaceClickedBlock(client: WebClient, body: ButtonClick, respond: RespondFn | undefined, outcome: KnownBlock[], text: string): Promise<void> {
  const container = body.container as { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  if (container.type !== 'message') return;
  if (!body.message) {
    // An ephemeral message (a /contact list) does not come back with the click, so it cannot be
    // rewritten without losing its other rows: the outcome is a new ephemeral line instead.
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text, blocks: outcome });
    return;
  }
  const original = (body.message.blocks ?? []) as KnownBlock[];
  const blockId = body.actions[0]?.block_id;
  const at = original.findIndex((b) => b.block_id === blockId);
  const blocks = at >= 0 ? [...original.slice(0, at), ...outcome, ...original.slice(at + 1)] : [...original.filter((b) => b.type !== 'actions'), ...outcome];
  if (container.is_ephemeral) {
    if (respond) await respond({ replace_original: true, text, blocks });
    return;
  }
  await client.chat.update({ channel: container.channel_id ?? body.channel?.id ?? '', ts: container.message_ts ?? body.message?.ts ?? '', text, blocks });
}

/** A button's value as `schema` says, or VALIDATION (values come from our own messages). */
export function buttonValue<T>(schema: z.ZodType<T>, raw: string | undefined, json = true): T {
  let value: unknown = raw;
  try {
    if (json) value = JSON.parse(raw ?? '');
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validation({ value: 'this button is out of date; open the contact in the panel' });
  return parsed.data;
}

const contactIdValue = z.coerce.number().int().positive();
const reminderTarget: z.ZodType<ReminderTarget> = z.object({ contactId: z.number().int().positive(), taskId: z.number().int().positive().optional() });

type Handler = (input: { deps: SlackDeps; client: WebClient; body: ButtonClick; user: SlackUser }) => Promise<{ outcome: KnownBlock[]; text: string }>;

/** The common shape of every button here: ack, act as the employee, rewrite the message, refresh Home. */
function onClick(app: App, deps: SlackDeps, actionId: string, handle: Handler): void {
  app.action<ButtonClick>({ type: 'block_actions', action_id: actionId }, async ({ ack, body, client, respond }) => {
    await ack();
    const reply = clickReply(client, body, respond);
    await asEmployee(deps, client, body.user.id, reply, async (user) => {
      const { outcome, text } = await handle({ deps, client, body, user });
      await replaceClickedBlock(client, body, respond, outcome, text);
      await publishHome(deps, client, user);
    });
  });
}

const line = (text: string, blockId = OUTCOME_BLOCK) => ({ outcome: [contextBlock(text, blockId)], text });

const closeContactClick: Handler = async ({ deps, body, user }) => {
  const contact = await closeContact(deps.db, user.actor, { id: buttonValue(contactIdValue, body.actions[0]?.value, false) });
  return line(user.t('shClosedBy', { contact: contactLabel(deps, contact), user: mention(user.slackUserId) }), closedBlockId(contact.id));
};

const doneClick: Handler = async ({ deps, body, user }) => {
  const target = buttonValue(reminderTarget, body.actions[0]?.value);
  const by = mention(user.slackUserId);
  if (target.taskId) {
    const task = await editItem(deps.db, user.actor, { id: target.taskId, done: true });
    const contact = await getContact(deps.db, task.contactId, { items: 1 });
    return line(user.t('shTaskDoneBy', { contact: contactLabel(deps, contact), user: by }));
  }
  const contact = await updateContact(deps.db, user.actor, { id: target.contactId, dueAt: null, snoozedUntil: null });
  const text = user.t('shDeadlineClearedBy', { contact: contactLabel(deps, contact), user: by });
  if (contact.status === 'closed') return line(text); // closed meanwhile: nothing left to offer
  return {
    text,
    outcome: [{
      type: 'section',
      block_id: OUTCOME_BLOCK,
      text: { type: 'mrkdwn', text: `${text}\n${user.t('shStaysOpen')}` },
      accessory: { type: 'button', action_id: ACTIONS.close, text: { type: 'plain_text', text: user.t('shCloseContact') }, value: String(contact.id) },
    }],
  };
};

const snoozeClick: Handler = async ({ deps, body, user }) => {
  const action = body.actions[0];
  const target = buttonValue(reminderTarget, action?.value);
  const until = new Date(Date.now() + SNOOZE_MS[action?.action_id as keyof typeof SNOOZE_MS]);
  const by = mention(user.slackUserId);
  if (target.taskId) {
    const task = await snoozeTask(deps.db, user.actor, { itemId: target.taskId, until });
    const contact = await getContact(deps.db, task.contactId, { items: 1 });
    return line(user.t('shTaskSnoozedBy', { contact: contactLabel(deps, contact), until: user.t.dateTime(until), user: by }));
  }
  const contact = await snoozeContact(deps.db, user.actor, { id: target.contactId, until });
  return line(user.t('shDeadlineSnoozedBy', { contact: contactLabel(deps, contact), until: user.t.dateTime(until), user: by }));
};

export function registerButtons(app: App, deps: SlackDeps): void {
  onClick(app, deps, ACTIONS.close, closeContactClick);
  onClick(app, deps, ACTIONS.reminderDone, doneClick);
  onClick(app, deps, ACTIONS.reminderSnoozeHour, snoozeClick);
  onClick(app, deps, ACTIONS.reminderSnoozeDay, snoozeClick);
  // URL buttons: Slack opens the link itself but still sends the click, which must be acknowledged.
  for (const urlButton of [ACTIONS.reminderOpen, ACTIONS.openInPanel]) {
    app.action({ type: 'block_actions', action_id: urlButton }, async ({ ack }) => {
      await ack();
    });
  }
}
