// App Home, link unfurling and DMs to the bot, through signed Events API requests (payload shapes
// from corpora/slack-bolt-python and corpora/slack-java-sdk-json-logs/events).
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { translator } from '../../views/i18n/messages.ts';
import { actorFor, makeArticle, makeContact, makeEmployee, uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { BOT_USER_ID } from '../helpers/fake-slack.ts';
import { interactionBase, PANEL_URL, useSlack } from '../helpers/slack.ts';

const t = useTestDb();
const s = useSlack(t);
const pl = translator('pl', 'Europe/Warsaw');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: any[]; fields?: any[] };

const ts = () => `${Math.floor(Date.now() / 1000)}.${String(randomInt(1e6)).padStart(6, '0')}`;

async function contactOf(owner: { id: number; role: 'admin' | 'member' }, input: { dueAt?: Date | null; priority?: 'high' | 'normal' | 'low'; description?: string } = {}) {
  const { contact } = await makeContact(t.db, { actor: actorFor(owner), title: `Sprawa ${uid()}`, ...input });
  return contact;
}

/** app_home_opened (shape: test_events_org_apps__event_payload__test_app_home_opened.json). */
async function openHome(slackUserId: string, tab: 'home' | 'messages' = 'home') {
  const before = s.fake.callsTo('views.publish').length;
  await s.event({ type: 'app_home_opened', user: slackUserId, channel: `D${uid().toUpperCase()}`, tab, event_ts: ts() });
  return s.fake.callsTo('views.publish').slice(before).filter((c) => c.user_id === slackUserId);
}

/** The blocks of one Home section: from its heading to the next divider. */
function section(blocks: Block[], key: 'overdue' | 'upcoming' | 'high'): string {
  const start = blocks.findIndex((b) => b.block_id === `home_section_${key}`);
  expect(start).toBeGreaterThan(-1);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return JSON.stringify(blocks.slice(start, end === -1 ? undefined : end));
}

describe('App Home', () => {
  it('publishes the opener\'s own contacts in the right sections; closed ones and colleagues\' are absent', async () => {
    const user = await s.user();
    const colleague = await makeEmployee(t.db);
    const overdue = await contactOf(user, { dueAt: new Date(Date.now() - DAY) });
    const soon = await contactOf(user, { dueAt: new Date(Date.now() + DAY) });
    const highLater = await contactOf(user, { dueAt: new Date(Date.now() + 3 * DAY), priority: 'high' });
    const highUndated = await contactOf(user, { priority: 'high' });
    const closed = await contactOf(user, { dueAt: new Date(Date.now() - 2 * DAY), priority: 'high' });
    await t.db.contact.update({ where: { id: closed.id }, data: { status: 'closed', closedAt: new Date() } });
    const foreign = await contactOf(colleague, { dueAt: new Date(Date.now() - DAY), priority: 'high' });

    const published = await openHome(user.slackUserId);

    expect(published).toHaveLength(1);
    const view = published[0]!.view as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    const has = (text: string, contact: { number: string }) => text.includes(`|${contact.number}>`);
    const o = section(view.blocks, 'overdue');
    const u = section(view.blocks, 'upcoming');
    const h = section(view.blocks, 'high');
    expect([overdue, soon, highLater, highUndated, closed, foreign].map((c) => has(o, c))).toEqual([true, false, false, false, false, false]);
    expect([overdue, soon, highLater, highUndated, closed, foreign].map((c) => has(u, c))).toEqual([false, true, true, false, false, false]);
    expect([overdue, soon, highLater, highUndated, closed, foreign].map((c) => has(h, c))).toEqual([false, false, true, true, false, false]);
    // Next deadlines by deadline: the sooner one first.
    expect(u.indexOf(soon.number)).toBeLessThan(u.indexOf(highLater.number));
    // The header: New contact and Open panel.
    const header = view.blocks.find((b) => b.block_id === 'home_actions')!;
    expect(header.elements!.map((e) => e.action_id)).toEqual([ACTIONS.homeNewContact, ACTIONS.homeOpenPanel]);
    expect(header.elements![1].url).toBe(`${PANEL_URL}/contacts?view=mine`);
  });

  it('shows empty states for someone with no contacts, and ignores the Messages tab', async () => {
    const user = await s.user({ locale: 'en' });
    const en = translator('en');
    expect(await openHome(user.slackUserId, 'messages')).toHaveLength(0);
    const [published] = await openHome(user.slackUserId);
    const blocks = published!.view.blocks as Block[];
    expect(section(blocks, 'overdue')).toContain(en('shEmptyOverdue'));
    expect(section(blocks, 'upcoming')).toContain(en('shEmptyUpcoming'));
    expect(section(blocks, 'high')).toContain(en('shEmptyHigh'));
  });

  it('caps a section at 10 contacts (the soonest) with a "more in the panel" link', async () => {
    const user = await s.user();
    const contacts = [];
    for (let i = 0; i < 12; i++) contacts.push(await contactOf(user, { dueAt: new Date(Date.now() - (20 - i) * HOUR) }));
    const [published] = await openHome(user.slackUserId);
    const o = section(published!.view.blocks, 'overdue');
    expect(contacts.map((c) => o.includes(`|${c.number}>`))).toEqual([...Array(10).fill(true), false, false]);
    expect(o).toContain(`<${PANEL_URL}/contacts?view=overdue&owner=me&sort=due|${pl('shMoreInPanel')}>`);
    expect(published!.view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('shows an unknown Slack user the polite refusal instead of a Home', async () => {
    const stranger = `U${uid().toUpperCase()}`;
    const published = await openHome(stranger);
    expect(published).toHaveLength(1);
    const text = JSON.stringify(published[0]!.view);
    expect(text).toContain(pl('slUnknownUser'));
    expect(published[0]!.view.blocks.some((b: Block) => b.type === 'actions')).toBe(false);
  });

  it('opens the new-contact modal from the Home header', async () => {
    const user = await s.user();
    const payload = {
      type: 'block_actions', ...interactionBase(user.slackUserId),
      container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', blocks: [] },
      actions: [{ action_id: ACTIONS.homeNewContact, block_id: 'home_actions', value: 'new', type: 'button', action_ts: ts() }],
    };
    await s.interact(payload);
    expect(s.fake.callsTo('views.open').filter((c) => c.trigger_id === payload.trigger_id)).toHaveLength(1);
  });
});

describe('link unfurling', () => {
  /** link_shared (shape: slack-java-sdk-json-logs/events/LinkSharedPayload.json). */
  async function share(slackUserId: string, urls: string[], source: 'conversations_history' | 'composer' = 'conversations_history') {
    const before = s.fake.callsTo('chat.unfurl').length;
    const channel = source === 'composer' ? 'COMPOSER' : `C${uid().toUpperCase()}`;
    const messageTs = ts();
    const unfurlId = `C-${uid()}`;
    await s.event({ type: 'link_shared', channel, user: slackUserId, message_ts: messageTs, links: urls.map((url) => ({ domain: new URL(url).hostname, url })), is_bot_user_member: true, source, unfurl_id: unfurlId, event_ts: ts() });
    return { calls: s.fake.callsTo('chat.unfurl').slice(before), channel, messageTs, unfurlId };
  }

  it('unfurls a panel link with the basic fields only; foreign links and missing contacts get nothing', async () => {
    const user = await s.user();
    const due = new Date('2026-12-15T09:30:00Z');
    const contact = await contactOf(user, { dueAt: due, description: `Poufny opis ${uid()}` });
    const article = await makeArticle(t.db, { listNetPrice: '98765.43' });
    await addSalesLine(t.db, actorFor(user), { contactId: contact.id, articleId: article.id, quantity: '1', unitNetPrice: '98765.43' });
    const company = await t.db.company.findUniqueOrThrow({ where: { id: contact.companyId } });
    const url = `${PANEL_URL}/contacts/${contact.id}`;

    const { calls, channel, messageTs } = await share(user.slackUserId, [url, `${PANEL_URL}/contacts/999999999`, `https://example.com/contacts/${contact.id}`, `${PANEL_URL}/contacts/${contact.id}/edit`]);

    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(Object.keys(call.unfurls)).toEqual([url]);
    // Posted messages are addressed by channel + ts (their unfurl_id is for composer previews).
    expect(call.unfurl_id).toBe(undefined);
    expect(call.channel).toBe(channel);
    expect(call.ts).toBe(messageTs);
    const card = JSON.stringify(call.unfurls[url]);
    for (const expected of [contact.number, contact.title, company.name, user.name, pl.dateTime(due), pl('open')]) expect(card).toContain(expected);
    expect(card).not.toContain(contact.description);
    expect(card).not.toMatch(/98[\s ]?765/);
  });

  it('unfurls a link still in the composer by unfurl_id and source (no message exists yet)', async () => {
    const user = await s.user();
    const contact = await contactOf(user);
    const url = `${PANEL_URL}/contacts/${contact.id}?tab=items#timeline`;
    const { calls, unfurlId } = await share(user.slackUserId, [url], 'composer');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ unfurl_id: unfurlId, source: 'composer' });
    expect(calls[0]!.channel).toBe(undefined);
    expect(JSON.stringify(calls[0]!.unfurls[url])).toContain(contact.number);
  });

  it('does not unfurl for someone Kontakt does not know, nor links that are not ours', async () => {
    const user = await s.user();
    const contact = await contactOf(user);
    expect((await share(`U${uid().toUpperCase()}`, [`${PANEL_URL}/contacts/${contact.id}`])).calls).toHaveLength(0);
    expect((await share(user.slackUserId, [`https://intranet.example/contacts/${contact.id}`, 'https://www.google.com/'])).calls).toHaveLength(0);
  });
});

describe('DMs to the bot', () => {
  /** A DM (shape: test_message_file_share__event_payload.json, channel_type im). */
  const dm = (user: { slackUserId: string }, text: string, extra: Record<string, unknown> = {}) => ({
    type: 'message', text, user: user.slackUserId, ts: ts(), channel: `D${uid().toUpperCase()}`, event_ts: ts(), channel_type: 'im',
    blocks: [{ type: 'rich_text', block_id: 'b1', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }],
    ...extra,
  });

  const repliesIn = (channel: string) => s.fake.callsTo('chat.postMessage').filter((c) => c.channel === channel);

  const slackFile = (name: string, bytes: Buffer, mimetype: string) => {
    const url = s.fake.addFile(name, bytes, mimetype);
    return { id: `F${uid().toUpperCase()}`, name, title: name, mimetype, filetype: name.split('.').pop(), size: bytes.length, mode: 'hosted', is_external: false, url_private: url, url_private_download: url };
  };

  it('files a message naming a contact as a note with its two files, and answers in the thread with a link', async () => {
    const user = await s.user();
    const contact = await contactOf(user);
    const files = [slackFile('oferta.pdf', Buffer.from('%PDF-1.4\n% oferta\n'), 'application/pdf'), slackFile('notatki.txt', Buffer.from('Cena: 120 zł netto\n'), 'text/plain')];
    const message = dm(user, `Notatki ze spotkania, sprawa ${contact.number.replace(/\//g, '-')} & dalsze kroki`, { subtype: 'file_share', upload: false, files });

    const res = await s.event(message);

    expect(res.status).toBe(200);
    const sourceRef = `slack:${message.channel}:${message.ts}`;
    const notes = await t.db.item.findMany({ where: { contactId: contact.id, type: 'note' } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ source: 'slack', sourceRef, authorId: user.id, text: message.text });
    const fileItems = await t.db.item.findMany({ where: { contactId: contact.id, type: 'file' }, include: { versions: true }, orderBy: { id: 'asc' } });
    expect(fileItems.map((i) => [i.source, i.versions[0]?.fileName])).toEqual([['slack', 'oferta.pdf'], ['slack', 'notatki.txt']]);
    const [reply, ...more] = repliesIn(message.channel);
    expect(more).toHaveLength(0);
    expect(reply).toMatchObject({ thread_ts: message.ts });
    expect(reply!.text).toContain(`<${PANEL_URL}/contacts/${contact.id}|${contact.number}>`);
    expect(reply!.text).toContain(pl('shDmFiledWithFiles', { contact: `<${PANEL_URL}/contacts/${contact.id}|${contact.number}> · ${contact.title}`, files: 2 }));
  });

  it('files a retried event once (the receiver drops the retry), and a redelivery under a new event id is stopped by the sourceRef', async () => {
    const user = await s.user();
    const contact = await contactOf(user);
    const message = dm(user, `Klient potwierdził termin (${contact.number})`);
    const eventId = `Ev${uid().toUpperCase()}`;

    await s.event(message, { eventId });
    await s.event(message, { eventId, retryNum: 1 });
    await s.event(message); // same message, another event id: past the dedupe

    expect(await t.db.item.count({ where: { contactId: contact.id, sourceRef: `slack:${message.channel}:${message.ts}` } })).toBe(1);
    expect(repliesIn(message.channel)).toHaveLength(1);
  });

  it('explains how to name a contact when the message names none, and files nothing', async () => {
    const user = await s.user({ locale: 'en' });
    const message = dm(user, 'Call me back about the offer, please');
    await s.event(message);
    const [reply] = repliesIn(message.channel);
    expect(reply).toMatchObject({ thread_ts: message.ts, text: translator('en')('shDmNoNumber') });
    expect(await t.db.item.count({ where: { sourceRef: { startsWith: `slack:${message.channel}:` } } })).toBe(0);
  });

  it('refuses a message naming several contacts, listing them; files nothing', async () => {
    const user = await s.user();
    const a = await contactOf(user);
    const b = await contactOf(user);
    const message = dm(user, `Dotyczy ${a.number} oraz ${b.number}`);
    await s.event(message);
    const [reply] = repliesIn(message.channel);
    expect(reply!.text).toBe(pl('shDmSeveralNumbers', { numbers: `${a.number}, ${b.number}` }));
    expect(await t.db.item.count({ where: { contactId: { in: [a.id, b.id] }, type: 'note' } })).toBe(0);
  });

  it('says so when the number names no contact', async () => {
    const user = await s.user();
    const message = dm(user, 'Sprawa K/1999/9999: klient dzwonił');
    await s.event(message);
    expect(repliesIn(message.channel)[0]!.text).toBe(pl('shDmUnknownNumber', { number: 'K/1999/9999' }));
  });

  it('ignores our own messages, other bots, edits and channel messages', async () => {
    const user = await s.user();
    const contact = await contactOf(user);
    const channel = `D${uid().toUpperCase()}`;
    const own = { ...dm({ slackUserId: BOT_USER_ID }, `Zapisano w ${contact.number}`), channel, bot_id: 'BKONTAKT' };
    const otherBot = { ...dm({ slackUserId: 'UB111' }, `Bot o ${contact.number}`), channel, subtype: 'bot_message', bot_id: 'B999' };
    const edit = { type: 'message', subtype: 'message_changed', channel, channel_type: 'im', hidden: true, ts: ts(), event_ts: ts(), message: { type: 'message', user: user.slackUserId, text: `Poprawka ${contact.number}`, ts: ts() } };
    const inChannel = { ...dm(user, `W kanale ${contact.number}`), channel: 'C0SALES', channel_type: 'channel' };
    for (const event of [own, otherBot, edit, inChannel]) await s.event(event);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(0);
    expect(repliesIn(channel)).toHaveLength(0);
    expect(repliesIn('C0SALES').filter((c) => c.thread_ts === inChannel.ts)).toHaveLength(0);
  });

  it('answers an unknown Slack user with the polite refusal in the thread', async () => {
    const stranger = { slackUserId: `U${uid().toUpperCase()}` };
    const message = dm(stranger, 'K/2026/0001 notatka');
    await s.event(message);
    expect(repliesIn(message.channel)).toEqual([expect.objectContaining({ thread_ts: message.ts, text: pl('slUnknownUser') })]);
  });
});
