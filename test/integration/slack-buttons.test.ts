// Buttons: Close on contact rows, and the reminder DM's Done / Snooze 1 h / Snooze 1 day / Open in
// panel, clicked on a message built by reminderBlocks(). Each click changes the data as the clicking
// employee (history: channel slack, actor) and rewrites the original message with what happened and
// who did it; strangers and people without the right are refused, nothing changes.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addNote } from '../../src/domain/items/add-note.ts';
import { searchContacts } from '../../src/domain/contacts/search-contacts.ts';
import { contactRowBlocks } from '../../src/slack/blocks/contact-blocks.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { reminderBlocks, REMINDER_ACTIONS_BLOCK } from '../../src/slack/reminder-message.ts';
import { translator } from '../../views/i18n/messages.ts';
import { actorFor, makeContact, uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { BOT_USER_ID } from '../helpers/fake-slack.ts';
import { interactionBase, PANEL_URL, useSlack, type SlackTestUser } from '../helpers/slack.ts';

const t = useTestDb();
const s = useSlack(t);
const pl = translator('pl', 'Europe/Warsaw');
const HOUR = 3600_000;

type Block = { type: string; block_id?: string; elements?: any[]; accessory?: any; text?: any; fields?: any[] };

const messageTs = () => `${Math.floor(Date.now() / 1000)}.${String(randomInt(1e6)).padStart(6, '0')}`;

/** Our blocks as Slack hands them back: every block has a block_id (Slack assigns one when we set none). */
const asDelivered = (blocks: Block[]): Block[] => blocks.map((b) => ({ ...b, block_id: b.block_id ?? `b${uid()}` }));

/** The button `actionId` wherever it is in `blocks` (actions element or section accessory), with its block. */
function findButton(blocks: Block[], actionId: string, value?: string) {
  for (const block of blocks) {
    const candidates = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])];
    const button = candidates.find((e) => e.action_id === actionId && (value === undefined || e.value === value));
    if (button) return { block, button };
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(blocks)}`);
}

/** A block_actions payload (shape: corpora/slack-bolt-python/test_block_actions__body.json) for a click on a message. */
function click(user: { slackUserId: string }, message: { channel: string; ts: string; blocks: Block[]; ephemeral?: boolean; withoutMessage?: boolean }, actionId: string, value?: string) {
  const { block, button } = findButton(message.blocks, actionId, value);
  const responseUrl = s.fake.responseUrl();
  const payload = {
    type: 'block_actions',
    ...interactionBase(user.slackUserId),
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeral ?? false },
    channel: { id: message.channel, name: 'directmessage' },
    message: message.withoutMessage ? undefined : { type: 'message', user: BOT_USER_ID, bot_id: 'BKONTAKT', ts: message.ts, text: 'reminder', blocks: message.blocks },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: block.block_id, text: button.text, value: button.value, type: 'button', action_ts: messageTs() }],
  };
  return { payload, responseUrl };
}

async function press(user: { slackUserId: string }, message: Parameters<typeof click>[1], actionId: string, value?: string) {
  const { payload, responseUrl } = click(user, message, actionId, value);
  const res = await s.interact(payload);
  expect(res.status).toBe(200);
  return { updates: s.fake.callsTo('chat.update').filter((b) => b.ts === message.ts), responses: s.fake.responsesTo(responseUrl) };
}

/** A reminder DM to `user` as the reminders worker would post it. */
async function reminderMessage(user: SlackTestUser, subject: Parameters<typeof reminderBlocks>[0]) {
  const tr = translator(user.locale, user.timeZone);
  return { channel: `D${uid().toUpperCase()}`, ts: messageTs(), blocks: asDelivered(reminderBlocks(subject, tr, { publicUrl: PANEL_URL }) as Block[]) };
}

async function contactOf(user: SlackTestUser, input: { dueAt?: Date | null; title?: string } = {}) {
  const { contact } = await makeContact(t.db, { actor: actorFor(user), dueAt: input.dueAt ?? null, title: input.title ?? `Oferta ${uid()}` });
  const company = await t.db.company.findUniqueOrThrow({ where: { id: contact.companyId } });
  return { ...contact, companyName: company.name };
}

const historyOf = (contactId: number, action: string) => t.db.historyEntry.findMany({ where: { contactId, action }, orderBy: { id: 'asc' } });

const textOf = (blocks: Block[]) => JSON.stringify(blocks);

describe('reminder buttons', () => {
  it('Done on a task marks the task done (history: slack, the clicker) and replaces the buttons with who did it', async () => {
    const user = await s.user();
    const contact = await contactOf(user);
    const due = new Date(Date.now() + 2 * HOUR);
    const task = await addNote(t.db, actorFor(user), { contactId: contact.id, text: 'Zadzwonić do klienta', dueAt: due });
    const message = await reminderMessage(user, { contact: { ...contact }, task: { id: task.id, text: task.text, dueAt: due } });

    const { updates } = await press(user, message, ACTIONS.reminderDone);

    const row = await t.db.item.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.doneAt).not.toBeNull();
    const [entry, ...more] = await historyOf(contact.id, 'task done');
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ channel: 'slack', actorId: user.id, entity: 'item', entityId: task.id });
    expect(updates).toHaveLength(1);
    const blocks = updates[0]!.blocks as Block[];
    expect(updates[0]!.channel).toBe(message.channel);
    expect(blocks.some((b) => b.block_id === REMINDER_ACTIONS_BLOCK)).toBe(false);
    expect(blocks.some((b) => b.type === 'actions' || b.accessory)).toBe(false);
    // The reminder's own text stays; the new line names the task's contact and the clicker.
    expect(blocks[0]).toEqual(message.blocks[0]);
    expect(textOf(blocks)).toContain(`<@${user.slackUserId}>`);
    expect(textOf(blocks)).toContain(contact.number);
    expect(updates[0]!.text).toContain(`<@${user.slackUserId}>`);
  });

  it('Done on a contact deadline clears the deadline (history), keeps the contact open and offers Close; Close then closes it', async () => {
    const user = await s.user();
    const contact = await contactOf(user, { dueAt: new Date(Date.now() - HOUR) });
    const message = await reminderMessage(user, { contact });

    const first = await press(user, message, ACTIONS.reminderDone);

    const after = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after).toMatchObject({ dueAt: null, status: 'open' });
    const [entry] = await historyOf(contact.id, 'updated');
    expect(entry).toMatchObject({ channel: 'slack', actorId: user.id, entity: 'contact' });
    expect(entry!.changes).toEqual([{ field: 'dueAt', old: contact.dueAt!.toISOString(), new: null }]);
    const blocks = first.updates[0]!.blocks as Block[];
    expect(textOf(blocks)).toContain(`<@${user.slackUserId}>`);
    expect(textOf(blocks)).toContain(pl('shStaysOpen'));
    expect(blocks.some((b) => b.block_id === REMINDER_ACTIONS_BLOCK)).toBe(false);
    const close = findButton(blocks, ACTIONS.close);
    expect(close.button.value).toBe(String(contact.id));

    const second = await press(user, { ...message, blocks: asDelivered(blocks) }, ACTIONS.close);
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ status: 'closed', outcome: null });
    const [closed] = await historyOf(contact.id, 'closed');
    expect(closed).toMatchObject({ channel: 'slack', actorId: user.id });
    const finalBlocks = second.updates.at(-1)!.blocks as Block[];
    expect(finalBlocks.some((b) => b.type === 'actions' || b.accessory)).toBe(false);
    expect(textOf(finalBlocks)).toContain(contact.number);
  });

  it('Snooze 1 hour sets snoozedUntil on the contact an hour from the click; the deadline stays; the message says until when and by whom', async () => {
    const user = await s.user();
    const due = new Date(Date.now() + 30 * 60_000);
    const contact = await contactOf(user, { dueAt: due });
    const message = await reminderMessage(user, { contact });

    const before = Date.now();
    const { updates } = await press(user, message, ACTIONS.reminderSnoozeHour);
    const after = Date.now();

    const row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row.dueAt).toEqual(due);
    expect(row.snoozedUntil!.getTime()).toBeGreaterThanOrEqual(before + HOUR);
    expect(row.snoozedUntil!.getTime()).toBeLessThanOrEqual(after + HOUR);
    const [entry] = await historyOf(contact.id, 'snoozed');
    expect(entry).toMatchObject({ channel: 'slack', actorId: user.id, entity: 'contact' });
    expect(entry!.changes).toEqual([{ field: 'snoozedUntil', old: null, new: row.snoozedUntil!.toISOString() }]);
    const text = textOf(updates[0]!.blocks);
    expect(text).toContain(pl.dateTime(row.snoozedUntil));
    expect(text).toContain(`<@${user.slackUserId}>`);
    expect((updates[0]!.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
  });

  it('Snooze 1 day on a task sets the task\'s snoozedUntil a day ahead (history "task snoozed"); its due date is unchanged', async () => {
    const user = await s.user({ locale: 'en' });
    const contact = await contactOf(user);
    const due = new Date(Date.now() + 10 * 60_000);
    const task = await addNote(t.db, actorFor(user), { contactId: contact.id, text: 'Send the offer', dueAt: due });
    const message = await reminderMessage(user, { contact, task: { id: task.id, text: task.text, dueAt: due } });

    const before = Date.now();
    const { updates } = await press(user, message, ACTIONS.reminderSnoozeDay);
    const after = Date.now();

    const row = await t.db.item.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.dueAt).toEqual(due);
    expect(row.doneAt).toBeNull();
    expect(row.snoozedUntil!.getTime()).toBeGreaterThanOrEqual(before + 24 * HOUR);
    expect(row.snoozedUntil!.getTime()).toBeLessThanOrEqual(after + 24 * HOUR);
    const [entry] = await historyOf(contact.id, 'task snoozed');
    expect(entry).toMatchObject({ channel: 'slack', actorId: user.id, entity: 'item', entityId: task.id });
    // The contact itself is not snoozed.
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).snoozedUntil).toBeNull();
    const en = translator('en', 'Europe/Warsaw');
    expect(textOf(updates[0]!.blocks)).toContain(`snoozed until ${en.dateTime(row.snoozedUntil)} by <@${user.slackUserId}>`);
  });

  it('Open in panel is a link to the contact: the click is acknowledged, nothing changes, the buttons stay', async () => {
    const user = await s.user();
    const contact = await contactOf(user, { dueAt: new Date(Date.now() + HOUR) });
    const message = await reminderMessage(user, { contact });
    expect(findButton(message.blocks, ACTIONS.reminderOpen).button.url).toBe(`${PANEL_URL}/contacts/${contact.id}`);
    const historyBefore = await t.db.historyEntry.count({ where: { contactId: contact.id } });

    const { updates, responses } = await press(user, message, ACTIONS.reminderOpen);

    expect(updates).toHaveLength(0);
    expect(responses).toHaveLength(0);
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id } })).toBe(historyBefore);
  });

  it('refuses a stranger (unknown Slack user) with the polite refusal, ephemerally; nothing changes', async () => {
    const owner = await s.user();
    const contact = await contactOf(owner, { dueAt: new Date(Date.now() + HOUR) });
    const message = await reminderMessage(owner, { contact });
    const stranger = { slackUserId: `U${uid().toUpperCase()}` };

    for (const action of [ACTIONS.reminderDone, ACTIONS.reminderSnoozeHour]) {
      const { updates, responses } = await press(stranger, message, action);
      expect(updates).toHaveLength(0);
      expect(responses).toEqual([expect.objectContaining({ text: pl('slUnknownUser'), response_type: 'ephemeral', replace_original: false })]);
    }
    const row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row).toMatchObject({ dueAt: contact.dueAt, snoozedUntil: null, status: 'open' });
  });

  it("refuses marking someone else's task done (not author, owner or admin); nothing changes", async () => {
    const owner = await s.user();
    const other = await s.user({ locale: 'en' });
    const contact = await contactOf(owner);
    const due = new Date(Date.now() + HOUR);
    const task = await addNote(t.db, actorFor(owner), { contactId: contact.id, text: 'Only mine', dueAt: due });
    const message = await reminderMessage(owner, { contact, task: { id: task.id, text: task.text, dueAt: due } });

    const { updates, responses } = await press(other, message, ACTIONS.reminderDone);

    expect(updates).toHaveLength(0);
    expect(responses).toHaveLength(1);
    expect(responses[0]!.text).toMatch(/^You may not do that: /);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: task.id } })).doneAt).toBeNull();
  });

  it('refuses snoozing a closed contact (conflict, explained), the message is left as it was', async () => {
    const user = await s.user({ locale: 'en' });
    const contact = await contactOf(user, { dueAt: new Date(Date.now() + HOUR) });
    await t.db.contact.update({ where: { id: contact.id }, data: { status: 'closed', closedAt: new Date() } });
    const message = await reminderMessage(user, { contact });

    const { updates, responses } = await press(user, message, ACTIONS.reminderSnoozeDay);

    expect(updates).toHaveLength(0);
    expect(responses[0]!.text).toBe(`That did not work: Contact ${contact.number} is closed; there is nothing to snooze.`);
  });
});

describe('Close on contact rows', () => {
  /** Two open contacts of `user` as a /contact list shows them (contactRowBlocks), block ids as Slack assigns them. */
  async function listOfTwo(user: SlackTestUser) {
    const a = await contactOf(user);
    const b = await contactOf(user);
    const rows = (await searchContacts(t.db, { ownerId: user.id, sort: 'due' })).contacts;
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const blocks = asDelivered(rows.flatMap((r) => contactRowBlocks(r, pl, { publicUrl: PANEL_URL })) as Block[]);
    const closedLine = pl('shClosedBy', { contact: `<${PANEL_URL}/contacts/${a.id}|${a.number}> · ${a.title}`, user: `<@${user.slackUserId}>` });
    return { a, b, blocks, closedLine };
  }

  it('closes from an ephemeral list that comes back with the click: response_url replaces only that row, the other keeps its buttons', async () => {
    const user = await s.user();
    const { a, b, blocks, closedLine } = await listOfTwo(user);
    const message = { channel: 'C0SALES', ts: messageTs(), blocks, ephemeral: true };

    const { updates, responses } = await press(user, message, ACTIONS.close, String(a.id));

    expect(updates).toHaveLength(0);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ replace_original: true });
    const after = responses[0]!.blocks as Block[];
    expect(findButton(after, ACTIONS.close, String(b.id))).toBeDefined();
    expect(() => findButton(after, ACTIONS.close, String(a.id))).toThrow();
    expect(after).toHaveLength(blocks.length);
    expect(textOf(after)).toContain(closedLine);
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: 'closed' });
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'open' });
    expect(await historyOf(a.id, 'closed')).toEqual([expect.objectContaining({ channel: 'slack', actorId: user.id })]);
  });

  it('closes from an ephemeral list Slack does not send back: the outcome is a new ephemeral line, the list is not wiped', async () => {
    const user = await s.user();
    const { a, blocks, closedLine } = await listOfTwo(user);
    const message = { channel: 'C0SALES', ts: messageTs(), blocks, ephemeral: true, withoutMessage: true };

    const { updates, responses } = await press(user, message, ACTIONS.close, String(a.id));

    expect(updates).toHaveLength(0);
    expect(responses).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: closedLine })]);
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: 'closed' });
  });

  it('closes from App Home and publishes the Home again without it', async () => {
    const user = await s.user();
    const contact = await contactOf(user, { dueAt: new Date(Date.now() - HOUR) });
    const payload = {
      type: 'block_actions',
      ...interactionBase(user.slackUserId),
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home', blocks: [] },
      actions: [{ action_id: ACTIONS.close, block_id: 'row', value: String(contact.id), type: 'button', action_ts: messageTs() }],
    };
    const publishedBefore = s.fake.callsTo('views.publish').length;

    await s.interact(payload);

    expect(await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ status: 'closed' });
    const published = s.fake.callsTo('views.publish').slice(publishedBefore).filter((c) => c.user_id === user.slackUserId);
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published[0]!.view)).not.toContain(contact.number);
  });
});
