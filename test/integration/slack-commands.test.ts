// `/contact …` end to end: signed slash-command requests into the real web app, the fake Slack Web
// API, PostgreSQL. Each subcommand: the data it changed (notes/tasks from source slack, history
// entries with channel slack and the actor), the reply text in Polish and English, and its errors.
import { describe, expect, it } from 'vitest';
import { addNote } from '../../src/domain/items/add-note.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, makeKind, makePerson, uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { interactionBase, PANEL_URL, triggerId, useSlack, type SlackTestUser } from '../helpers/slack.ts';

const t = useTestDb();
const s = useSlack(t);

/** An open contact owned by `owner` (a Slack test user unless given), with optional fields. */
async function contactOf(owner: { id: number; role: 'admin' | 'member' }, fields: { title?: string; dueAt?: Date | null; priority?: 'high' | 'normal' | 'low'; companyId?: number; personId?: number; kindId?: number } = {}) {
  const { contact } = await makeContact(t.db, { actor: actorFor(owner), ownerId: owner.id, title: fields.title ?? `Contact ${uid()}`, ...fields });
  return contact;
}

/** "K/2026/0042" → "42": the short form (this year's contacts). */
const shortNumber = (number: string) => String(Number(number.split('/')[2]));

const onlyReply = async (res: { replies: () => Record<string, any>[] }) => {
  const replies = res.replies();
  expect(replies).toHaveLength(1);
  return replies[0]!;
};
const replyText = async (res: { replies: () => Record<string, any>[] }) => (await onlyReply(res)).text as string;

const historyOf = (contactId: number) => t.db.historyEntry.findMany({ where: { contactId }, orderBy: { id: 'asc' } });
const itemsOf = (contactId: number) => t.db.item.findMany({ where: { contactId }, orderBy: { id: 'asc' } });
const contactRow = (id: number) => t.db.contact.findUniqueOrThrow({ where: { id } });

/** The instant at which the wall clock in Warsaw shows the given date and time (tries CET and CEST). */
function warsawInstant(year: number, month: number, day: number, hour: number, minute = 0): Date {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const wanted = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}, ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(year, month - 1, day, hour - offset, minute));
    if (format.format(candidate) === wanted) return candidate;
  }
  throw new Error(`no instant for ${wanted} in Warsaw`);
}

/** Button elements of all actions blocks (and section accessories) of a message. */
function buttonsOf(blocks: any[]): any[] {
  return blocks.flatMap((b) => [...(b.type === 'actions' ? b.elements : []), ...(b.accessory ? [b.accessory] : [])]);
}

/** A click on a button (block_actions); `responseUrl` null: from App Home (no response_url). */
function click(user: SlackTestUser, actionId: string, value: string, responseUrl: string | null) {
  return s.interact({
    type: 'block_actions',
    ...interactionBase(user.slackUserId),
    container: responseUrl ? { type: 'message', message_ts: '1.1', channel_id: 'C0SALES', is_ephemeral: true } : { type: 'view', view_id: 'VHOME' },
    ...(responseUrl ? { channel: { id: 'C0SALES', name: 'sales' }, response_url: responseUrl } : { view: { id: 'VHOME', type: 'home' } }),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' }, action_ts: '1.2' }],
  });
}

describe('help and unknown input', () => {
  it('acks at once with an empty body and answers help through response_url (English)', async () => {
    const en = await s.user({ locale: 'en' });
    const res = await s.command('help', en);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const reply = await onlyReply(res);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('*Kontakt in Slack:*');
    for (const example of ['`/contact note 42 phone:', '`/contact task 42 tomorrow 15:00', '`/contact show 42`', '`/contact due 42 next friday 9am`', '`/contact assign 42 @anna`', '`/contact close 42 won`']) {
      expect(reply.text).toContain(example);
    }
    expect(reply.text).toContain('also: pomoc');
  });

  it('answers an empty /contact with help in Polish', async () => {
    const pl = await s.user({ locale: 'pl' });
    const text = await replyText(await s.command('', pl));
    expect(text).toContain('*Kontakt w Slacku:*');
    expect(text).toContain('`/contact notatka 42 telefon:');
    expect(text).toContain('`/contact zamknij 42 wygrany`');
    expect(text).toContain('także: help');
  });

  it('names an unknown subcommand and suggests the closest command', async () => {
    const en = await s.user({ locale: 'en' });
    const pl = await s.user({ locale: 'pl' });
    expect(await replyText(await s.command('shwo 42', en))).toBe('Unknown subcommand `shwo`. Did you mean `/contact show 42`?');
    expect(await replyText(await s.command('pokarz 42', pl))).toBe('Nieznane polecenie `pokarz`. Czy chodziło o `/contact pokaż 42`?');
    expect(await replyText(await s.command('xyzzy', en))).toBe('Unknown subcommand `xyzzy`. Type `/contact help` for the list.');
  });

  it('explains an argument that is not a contact number, with the usage', async () => {
    const en = await s.user({ locale: 'en' });
    const text = await replyText(await s.command('show acme', en));
    expect(text).toBe('`acme` is not a contact number. Numbers look like `K/2026/0042`, `K-2026-42`, `2026/42` or `42`. Usage: `/contact show 42` (or just `/contact 42`): the contact card, with buttons and "Share to channel".');
  });
});

describe('who is asking', () => {
  it('refuses a Slack user unknown to Kontakt politely, and does nothing', async () => {
    const owner = await makeEmployee(t.db);
    const contact = await contactOf(owner);
    const stranger = `U${uid().toUpperCase()}`;
    s.fake.addUser({ id: stranger, email: 'stranger@x.pl' });
    const text = await replyText(await s.command(`note ${contact.number} hello`, { slackUserId: stranger }));
    expect(text).toBe('Cześć! Jeszcze nie znam adresu stranger@x.pl. Poproś administratora Kontaktu, aby dodał Cię jako pracownika z tym adresem (albo wpisał Twój identyfikator Slacka na Twojej stronie pracownika).');
    expect(await itemsOf(contact.id)).toHaveLength(0);
  });

  it('links an employee known only by e-mail and runs the command as them', async () => {
    const employee = await makeEmployee(t.db);
    await t.db.employee.update({ where: { id: employee.id }, data: { locale: 'en' } });
    const slackUserId = `U${uid().toUpperCase()}`;
    s.fake.addUser({ id: slackUserId, email: employee.email, locale: 'en-US', tz: 'America/Chicago' });
    const contact = await contactOf(employee);
    const text = await replyText(await s.command(`note ${contact.number} first note from Slack`, { slackUserId }));
    expect(text).toBe(`Note added to ${contact.number}.`);
    // Linked, and the time zone of the Slack profile replaces the default one.
    expect(await t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).toMatchObject({ slackUserId, timeZone: 'America/Chicago' });
    // A zone chosen in the panel is kept.
    const chosen = await makeEmployee(t.db);
    await t.db.employee.update({ where: { id: chosen.id }, data: { timeZone: 'Asia/Tokyo' } });
    const chosenSlackId = `U${uid().toUpperCase()}`;
    s.fake.addUser({ id: chosenSlackId, email: chosen.email, tz: 'America/Chicago' });
    await s.command('help', { slackUserId: chosenSlackId });
    expect(await t.db.employee.findUniqueOrThrow({ where: { id: chosen.id } })).toMatchObject({ slackUserId: chosenSlackId, timeZone: 'Asia/Tokyo' });
    const [item] = await itemsOf(contact.id);
    expect(item).toMatchObject({ authorId: employee.id, source: 'slack', text: 'first note from Slack' });
  });
});

describe('note', () => {
  it('adds a note with an inline built-in kind (English), recorded as from Slack by the employee', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const trigger = triggerId();
    const res = await s.command(`note ${contact.number} Phone: called them, offer &amp; samples on Monday`, en, { triggerId: trigger });
    expect(await replyText(res)).toBe(`Note (phone) added to ${contact.number}.`);
    const items = await itemsOf(contact.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'note', noteKind: 'phone', text: 'called them, offer & samples on Monday', source: 'slack', sourceRef: `command:${trigger}`,
      authorId: en.id, dueAt: null, assigneeId: null,
    });
    const history = await historyOf(contact.id);
    expect(history.at(-1)).toMatchObject({ action: 'note added', channel: 'slack', actorId: en.id, entity: 'item', entityId: items[0]!.id });
  });

  it('keeps an unknown `word:` as text and accepts the short number (Polish)', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    const text = await replyText(await s.command(`notatka ${shortNumber(contact.number)} Uwaga: klient prosi o kontakt po 15`, pl));
    expect(text).toBe(`Dodano notatkę do ${contact.number}.`);
    const [item] = await itemsOf(contact.id);
    expect(item).toMatchObject({ noteKind: null, text: 'Uwaga: klient prosi o kontakt po 15', source: 'slack', authorId: pl.id });
  });

  it('takes a kind already in use as the kind, lower-cased and as typed', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    const kind = `rozmowa ${uid().replace(/\d/g, 'x')}`;
    await addNote(t.db, actorFor(pl), { contactId: contact.id, text: 'earlier', noteKind: kind });
    await s.command(`note ${contact.number} ${kind.toUpperCase()}: omówiliśmy rabat`, pl);
    const items = await itemsOf(contact.id);
    expect(items.at(-1)).toMatchObject({ noteKind: kind, text: 'omówiliśmy rabat', source: 'slack' });
  });

  it('refuses an unknown contact and files nothing', async () => {
    const en = await s.user({ locale: 'en' });
    const pl = await s.user({ locale: 'pl' });
    const before = await t.db.item.count();
    expect(await replyText(await s.command('note K/2026/9999 hello', en))).toBe('There is no contact K/2026/9999. Look for it with `/contact find <words>`.');
    expect(await replyText(await s.command('notatka 2019/9 cześć', pl))).toBe('Nie ma kontaktu K/2019/0009. Poszukaj go przez `/contact szukaj <słowa>`.');
    expect(await t.db.item.count()).toBe(before);
  });

  it('files a replayed command (same trigger_id) once', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const trigger = triggerId();
    const first = await s.command(`note ${contact.number} only once`, en, { triggerId: trigger });
    const replay = await s.command(`note ${contact.number} only once`, en, { triggerId: trigger });
    expect(first.replies()).toHaveLength(1);
    expect(replay.status).toBe(200);
    expect(replay.replies()).toHaveLength(0);
    expect(await itemsOf(contact.id)).toHaveLength(1);
  });

  it('keeps 20 concurrent commands apart: each files its own note and gets its own reply', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.command(`note ${contact.number} parallel ${i}`, en)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const res of results) expect(await replyText(res)).toBe(`Note added to ${contact.number}.`);
    expect((await itemsOf(contact.id)).map((i) => i.text).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `parallel ${i}`).sort());
  });

  it('opens the note form for `note <n>` without text, with the command trigger id', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const trigger = triggerId();
    const res = await s.command(`note ${contact.number}`, en, { triggerId: trigger });
    expect(res.replies()).toHaveLength(0);
    const open = s.fake.callsTo('views.open').find((b) => b.trigger_id === trigger);
    expect(open?.view.callback_id).toBe(VIEWS.addNote);
    expect(JSON.parse(open?.view.private_metadata)).toEqual({ contactId: contact.id });
    expect(await itemsOf(contact.id)).toHaveLength(0);
  });

  it('refuses `note <unknown n>` without opening a form', async () => {
    const en = await s.user({ locale: 'en' });
    const trigger = triggerId();
    const res = await s.command('note K/2030/9998', en, { triggerId: trigger });
    expect(await replyText(res)).toBe('There is no contact K/2030/9998. Look for it with `/contact find <words>`.');
    expect(s.fake.callsTo('views.open').some((b) => b.trigger_id === trigger)).toBe(false);
  });
});

describe('new', () => {
  it('opens the new-contact form with the trigger id (Polish alias)', async () => {
    const pl = await s.user({ locale: 'pl' });
    const trigger = triggerId();
    const res = await s.command('nowy', pl, { triggerId: trigger });
    expect(res.text).toBe('');
    const open = s.fake.callsTo('views.open').find((b) => b.trigger_id === trigger);
    expect(open?.view.callback_id).toBe(VIEWS.newContact);
    expect(res.replies()).toHaveLength(0);
  });
});

describe('task', () => {
  it('adds a task for the employee with the date read in their zone (English)', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const res = await s.command(`task ${contact.number} 2030-12-04 15:00 call back about the offer`, en);
    expect(await replyText(res)).toBe(`Task added to ${contact.number}, due Wed, 4 Dec 2030, 15:00 (Europe/Warsaw): call back about the offer`);
    const [item] = await itemsOf(contact.id);
    expect(item).toMatchObject({ text: 'call back about the offer', dueAt: new Date('2030-12-04T14:00:00Z'), assigneeId: en.id, authorId: en.id, source: 'slack', noteKind: null });
    expect((await historyOf(contact.id)).at(-1)).toMatchObject({ action: 'task added', channel: 'slack', actorId: en.id });
  });

  it('reads the date in the employee own zone and answers in Polish', async () => {
    const pl = await s.user({ locale: 'pl', timeZone: 'America/New_York' });
    const contact = await contactOf(pl);
    const text = await replyText(await s.command(`zadanie ${contact.number} 2030-12-04 15:00 telefon: oddzwonić`, pl));
    expect(text).toBe(`Dodano zadanie do ${contact.number} (termin: środa, 4 grudnia 2030, 15:00, America/New_York): oddzwonić`);
    const [item] = await itemsOf(contact.id);
    expect(item).toMatchObject({ noteKind: 'telefon', text: 'oddzwonić', dueAt: new Date('2030-12-04T20:00:00Z'), assigneeId: pl.id });
  });

  it('refuses a task whose date cannot be read, or without text', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    expect(await replyText(await s.command(`task ${contact.number} someday call them`, en)))
      .toBe('I could not read a date at the start of "someday call them". Try `tomorrow 15:00`, `friday`, `next friday 9am`, `in 3 days` or `2026-12-01 15:00`.');
    expect(await replyText(await s.command(`task ${contact.number} 2030-12-04 15:00`, en)))
      .toBe('What is to be done by Wed, 4 Dec 2030, 15:00? Write it after the date, e.g. `/contact task 42 tomorrow 15:00 call back about the offer`.');
    expect(await itemsOf(contact.id)).toHaveLength(0);
  });
});

describe('show and the card buttons', () => {
  async function richContact(owner: SlackTestUser) {
    const company = await makeCompany(t.db, { name: `Acme & Synowie ${uid()}` });
    const person = await makePerson(t.db, company.id, { name: `Anna Kowalska ${uid()}` });
    const kind = await makeKind(t.db);
    const contact = await contactOf(owner, { companyId: company.id, personId: person.id, kindId: kind.id, priority: 'high', dueAt: new Date('2030-12-04T14:00:00Z') });
    const article = await makeArticle(t.db, { listNetPrice: '120.50' });
    await addSalesLine(t.db, actorFor(owner), { contactId: contact.id, articleId: article.id, quantity: '3' });
    const base = Date.now() - 60 * 60_000;
    for (let i = 1; i <= 6; i++) {
      await addNote(t.db, actorFor(owner), { contactId: contact.id, text: `note number ${i}`, occurredAt: new Date(base + i * 60_000) });
    }
    return { contact, company, person, kind };
  }

  it('shows the card: fields, sales total, the latest 5 items, buttons (English)', async () => {
    const en = await s.user({ locale: 'en' });
    const { contact, company, person, kind } = await richContact(en);
    const reply = await onlyReply(await s.command(`show ${contact.number}`, en));
    expect(reply.response_type).toBe('ephemeral');
    const all = JSON.stringify(reply.blocks);
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: `${contact.number} · ${contact.title}` } });
    const fields: string[] = reply.blocks[1].fields.map((f: { text: string }) => f.text);
    expect(fields).toContain(`*Company*\n${company.name.replace('&', '&amp;')}`);
    expect(fields).toContain(`*Person*\n${person.name}`);
    expect(fields).toContain(`*Owner*\n${en.name}`);
    expect(fields).toContain('*Deadline*\n04/12/2030, 15:00');
    expect(fields).toContain('*Priority*\n:exclamation: high');
    expect(fields).toContain('*Status*\nopen');
    expect(fields).toContain(`*Kind*\n${kind.name}`);
    // 3 × 120.50 = 361.50 net.
    expect(fields).toContain(`*Sales subject (net)*\n${new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'PLN' }).format(361.5)}`);
    for (const i of [2, 3, 4, 5, 6]) expect(all).toContain(`note number ${i}`);
    expect(all).not.toContain('note number 1');
    const buttons = buttonsOf(reply.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTIONS.addNote, ACTIONS.changeDeadline, ACTIONS.close, ACTIONS.openInPanel, ACTIONS.share]);
    expect(buttons.every((b) => b.value === String(contact.id))).toBe(true);
    expect(buttons.find((b) => b.action_id === ACTIONS.openInPanel)?.url).toBe(`${PANEL_URL}/contacts/${contact.id}`);
  });

  it('shows the card in Polish for a bare number, and refuses an unknown one', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl, { priority: 'low' });
    const reply = await onlyReply(await s.command(shortNumber(contact.number), pl));
    const fields: string[] = reply.blocks[1].fields.map((f: { text: string }) => f.text);
    expect(fields).toEqual(expect.arrayContaining(['*Odpowiedzialny*\n' + pl.name, '*Termin*\nbez terminu', '*Priorytet*\nniski', '*Status*\notwarty', '*Osoba*\n—']));
    expect(JSON.stringify(reply.blocks)).toContain('Brak wpisów.');
    expect(buttonsOf(reply.blocks).map((b) => b.text.text)).toEqual(['Dodaj notatkę', 'Zmień termin', 'Zamknij', 'Otwórz w panelu', 'Udostępnij na kanale']);
    expect(await replyText(await s.command('pokaż K/2026/9999', pl))).toBe('Nie ma kontaktu K/2026/9999. Poszukaj go przez `/contact szukaj <słowa>`.');
  });

  it('shares the card to the channel, saying who shared it', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const responseUrl = s.fake.responseUrl();
    const res = await click(en, ACTIONS.share, String(contact.id), responseUrl);
    expect(res.status).toBe(200);
    const posted = s.fake.responsesTo(responseUrl);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ response_type: 'in_channel', replace_original: false, text: `${contact.number} · ${contact.title}` });
    const blocks = posted[0]!.blocks as any[];
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${en.slackUserId}>` }] });
    expect(buttonsOf(blocks).map((b) => b.action_id)).not.toContain(ACTIONS.share);
  });

  it('Show button: the card for the one who clicked (ephemeral), or as a DM from App Home', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    const responseUrl = s.fake.responseUrl();
    await click(pl, ACTIONS.showCard, String(contact.id), responseUrl);
    const [card] = s.fake.responsesTo(responseUrl);
    expect(card).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(card!.blocks[0].text.text).toBe(`${contact.number} · ${contact.title}`);

    await click(pl, ACTIONS.showCard, String(contact.id), null);
    const dm = s.fake.callsTo('chat.postMessage').find((b) => b.channel === pl.slackUserId && b.text === `${contact.number} · ${contact.title}`);
    expect(dm?.blocks[0].text.text).toBe(`${contact.number} · ${contact.title}`);
  });
});

describe('lists', () => {
  it('mine: the first 10 open contacts by deadline with buttons and a "more in the panel" link', async () => {
    const en = await s.user({ locale: 'en' });
    const base = Date.UTC(2031, 0, 1);
    const contacts = [];
    // Created in reverse deadline order, so the answer's order is the deadline's, not creation's.
    for (let i = 11; i >= 0; i--) contacts.push(await contactOf(en, { dueAt: new Date(base + i * 86_400_000) }));
    const closed = await contactOf(en, { dueAt: new Date(base - 86_400_000) });
    await s.command(`close ${closed.number}`, en);
    const someoneElses = await contactOf(await makeEmployee(t.db), { dueAt: new Date(base - 2 * 86_400_000) });

    const reply = await onlyReply(await s.command('mine', en));
    const shown = buttonsOf(reply.blocks).filter((b) => b.action_id === ACTIONS.showCard).map((b) => Number(b.value));
    const expected = [...contacts].sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime()).slice(0, 10).map((c) => c.id);
    expect(shown).toEqual(expected);
    expect(shown).not.toContain(closed.id);
    expect(shown).not.toContain(someoneElses.id);
    expect(reply.blocks[0].text.text).toBe('*Your open contacts*');
    expect(reply.blocks.at(-1).elements[0].text).toBe(`Showing the first 10. <${PANEL_URL}/contacts?view=mine&status=open&sort=deadline|More in the panel>`);
    // A row: number as a panel link, title, company, owner, deadline, priority; quick buttons below.
    const firstRow = reply.blocks.find((b: any) => b.accessory?.value === String(expected[0]));
    const first = contacts.find((c) => c.id === expected[0])!;
    expect(firstRow.text.text).toContain(`*<${PANEL_URL}/contacts/${first.id}|${first.number}>*  ${first.title}`);
    expect(firstRow.text.text).toContain(`Owner: ${en.name}`);
    expect(firstRow.text.text).toContain('Deadline: 01/01/2031, 01:00');
  });

  it('overdue: own open contacts past their deadline; `all` adds everyone’s (Polish)', async () => {
    const pl = await s.user({ locale: 'pl' });
    const past = await contactOf(pl, { dueAt: new Date(Date.now() - 86_400_000) });
    const future = await contactOf(pl, { dueAt: new Date(Date.now() + 86_400_000) });
    const pastClosed = await contactOf(pl, { dueAt: new Date(Date.now() - 86_400_000) });
    await s.command(`zamknij ${pastClosed.number}`, pl);
    const othersPast = await contactOf(await makeEmployee(t.db), { dueAt: new Date(Date.now() - 3_600_000) });

    const reply = await onlyReply(await s.command('zaległe', pl));
    const shown = buttonsOf(reply.blocks).filter((b) => b.action_id === ACTIONS.showCard).map((b) => Number(b.value));
    expect(shown).toEqual([past.id]);
    expect(shown).not.toContain(future.id);
    expect(reply.blocks[0].text.text).toBe('*Twoje kontakty po terminie*');
    expect(JSON.stringify(reply.blocks)).toContain('(po terminie)');
    expect(reply.blocks.at(-1).elements[0].text).toBe(`<${PANEL_URL}/contacts?view=overdue&owner=me&sort=deadline|Otwórz tę listę w panelu>`);

    const everyone = await onlyReply(await s.command('zaległe wszystkie', pl));
    const all = buttonsOf(everyone.blocks).filter((b) => b.action_id === ACTIONS.showCard).map((b) => Number(b.value));
    expect(all).toEqual(expect.arrayContaining([past.id, othersPast.id]));
    expect(all).not.toContain(pastClosed.id);
    expect(all).not.toContain(future.id);
  });

  it('high: own open high-priority contacts', async () => {
    const en = await s.user({ locale: 'en' });
    const high = await contactOf(en, { priority: 'high' });
    await contactOf(en, { priority: 'normal' });
    await contactOf(await makeEmployee(t.db), { priority: 'high' });
    const reply = await onlyReply(await s.command('high', en));
    expect(buttonsOf(reply.blocks).filter((b) => b.action_id === ACTIONS.showCard).map((b) => Number(b.value))).toEqual([high.id]);
    expect(reply.blocks.at(-1).elements[0].text).toContain(`${PANEL_URL}/contacts?view=high&owner=me&sort=deadline`);
  });

  it('find: contacts matching every word; nothing found is said so', async () => {
    const en = await s.user({ locale: 'en' });
    const word = `zebra${uid()}`;
    const match = await contactOf(en, { title: `Offer ${word} lamps` });
    await contactOf(en, { title: `Offer ${uid()} lamps` });
    const reply = await onlyReply(await s.command(`find ${word} offer`, en));
    expect(buttonsOf(reply.blocks).filter((b) => b.action_id === ACTIONS.showCard).map((b) => Number(b.value))).toEqual([match.id]);
    expect(reply.blocks[0].text.text).toBe(`*Contacts matching "${word} offer"*`);
    expect(reply.blocks.at(-1).elements[0].text).toBe(`<${PANEL_URL}/contacts?q=${word}+offer|Open this list in the panel>`);
    expect(await replyText(await s.command(`find nothing${uid()}`, en))).toMatch(/^Contacts matching "nothing[0-9a-f]+": nothing found\.$/);
    expect(await replyText(await s.command('find', en))).toMatch(/^That is not quite how `\/contact find` works\. Usage: `\/contact find acme offer`/);
  });
});

describe('due', () => {
  it('sets the deadline from natural language and says how it was understood (English), refreshing App Home', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const text = await replyText(await s.command(`due ${contact.number} 2030-12-04 15:00`, en));
    expect(text).toBe(`Deadline of ${contact.number} set to Wed, 4 Dec 2030, 15:00 (Europe/Warsaw).`);
    expect((await contactRow(contact.id)).dueAt).toEqual(new Date('2030-12-04T14:00:00Z'));
    const entry = (await historyOf(contact.id)).at(-1)!;
    expect(entry).toMatchObject({ action: 'updated', channel: 'slack', actorId: en.id });
    expect(entry.changes).toEqual([{ field: 'dueAt', old: null, new: '2030-12-04T14:00:00.000Z' }]);
    expect(s.fake.callsTo('views.publish').some((b) => b.user_id === en.slackUserId)).toBe(true);
  });

  it('uses 09:00 when only a day is given (Polish, relative date)', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    const text = await replyText(await s.command(`termin ${shortNumber(contact.number)} pojutrze`, pl));
    // The day after tomorrow in Warsaw, 09:00 there.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d + 2));
    const expected = warsawInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 9);
    expect((await contactRow(contact.id)).dueAt).toEqual(expected);
    const spelled = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(expected);
    expect(text).toBe(`Nowy termin ${contact.number}: ${spelled}, 09:00 (Europe/Warsaw). Nie podano godziny, więc przyjęto 09:00.`);
  });

  it('removes the deadline with `brak`, and warns about a date in the past', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl, { dueAt: new Date('2030-01-01T10:00:00Z') });
    expect(await replyText(await s.command(`termin ${contact.number} brak`, pl))).toBe(`Usunięto termin ${contact.number}.`);
    expect((await contactRow(contact.id)).dueAt).toBeNull();
    const text = await replyText(await s.command(`termin ${contact.number} 2020-01-10 10:00`, pl));
    expect(text).toBe(`Nowy termin ${contact.number}: piątek, 10 stycznia 2020, 10:00 (Europe/Warsaw). Uwaga: ta data już minęła.`);
  });

  it('refuses words after the date and leaves the deadline alone', async () => {
    const pl = await s.user({ locale: 'pl' });
    const dueAt = new Date('2030-01-01T10:00:00Z');
    const contact = await contactOf(pl, { dueAt });
    const text = await replyText(await s.command(`termin ${contact.number} 2030-12-04 15:00 proszę`, pl));
    expect(text).toBe('„2030-12-04 15:00” to środa, 4 grudnia 2030, 15:00, ale nie wiem, co zrobić z „proszę”. Podaj samą datę, np. `/contact termin 42 jutro 15:00`.');
    expect((await contactRow(contact.id)).dueAt).toEqual(dueAt);
  });
});

describe('assign', () => {
  it('hands the contact to the mentioned employee, in history, and refreshes both App Homes', async () => {
    const en = await s.user({ locale: 'en' });
    const other = await s.user({ locale: 'pl' });
    const contact = await contactOf(en);
    const text = await replyText(await s.command(`assign ${contact.number} <@${other.slackUserId}|${other.slackUserId.toLowerCase()}>`, en));
    expect(text).toBe(`${contact.number} is now the responsibility of ${other.name}.`);
    expect((await contactRow(contact.id)).ownerId).toBe(other.id);
    expect((await historyOf(contact.id)).at(-1)).toMatchObject({ action: 'reassigned', channel: 'slack', actorId: en.id, changes: [{ field: 'ownerId', old: en.id, new: other.id }] });
    const published = s.fake.callsTo('views.publish').map((b) => b.user_id);
    expect(published).toContain(en.slackUserId);
    expect(published).toContain(other.slackUserId);
  });

  it('finds the assignee by the e-mail of an unlinked Slack profile, or by a typed name (Polish)', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    const unlinked = await makeEmployee(t.db, { name: `Zofia Nowak ${uid()}` });
    const slackId = `U${uid().toUpperCase()}`;
    s.fake.addUser({ id: slackId, email: unlinked.email });
    expect(await replyText(await s.command(`przypisz ${contact.number} <@${slackId}>`, pl))).toBe(`Odpowiedzialny za ${contact.number}: ${unlinked.name}.`);
    expect((await contactRow(contact.id)).ownerId).toBe(unlinked.id);

    const named = await makeEmployee(t.db, { name: `Jan Kowalczyk ${uid()}` });
    expect(await replyText(await s.command(`przypisz ${contact.number} @${named.name}`, pl))).toBe(`Odpowiedzialny za ${contact.number}: ${named.name}.`);
    expect((await contactRow(contact.id)).ownerId).toBe(named.id);
  });

  it('refuses an unknown Slack user, an ambiguous name and an inactive employee; the owner stays', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    const nobody = `U${uid().toUpperCase()}`;
    expect(await replyText(await s.command(`assign ${contact.number} <@${nobody}|ghost>`, en)))
      .toBe(`<@${nobody}> is not a Kontakt employee yet. Ask an admin to add them with the e-mail address of their Slack profile.`);
    const family = `Wiśniewski ${uid()}`;
    const a = await makeEmployee(t.db, { name: `Adam ${family}` });
    const b = await makeEmployee(t.db, { name: `Beata ${family}` });
    expect(await replyText(await s.command(`assign ${contact.number} ${family}`, en)))
      .toBe(`"${family}" matches several employees (${a.name}, ${b.name}). Mention the one you mean: \`/contact assign 42 @name\`.`);
    const inactiveSlack = `U${uid().toUpperCase()}`;
    const inactive = await makeEmployee(t.db, { active: false, slackUserId: inactiveSlack });
    expect(await replyText(await s.command(`assign ${contact.number} <@${inactiveSlack}>`, en))).toBe(`${inactive.name} is deactivated in Kontakt. Choose someone else.`);
    expect((await contactRow(contact.id)).ownerId).toBe(en.id);
    expect((await historyOf(contact.id)).some((h) => h.action === 'reassigned')).toBe(false);
  });
});

describe('priority', () => {
  it('sets the priority from a Polish word and records it', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    expect(await replyText(await s.command(`priorytet ${contact.number} wysoki`, pl))).toBe(`Priorytet ${contact.number} ustawiono na wysoki.`);
    expect((await contactRow(contact.id)).priority).toBe('high');
    expect((await historyOf(contact.id)).at(-1)).toMatchObject({ action: 'updated', channel: 'slack', actorId: pl.id, changes: [{ field: 'priority', old: 'normal', new: 'high' }] });
  });

  it('refuses an unknown priority (English) and changes nothing', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    expect(await replyText(await s.command(`priority ${contact.number} urgent`, en))).toBe('`urgent` is not a priority. Use `high`, `normal` or `low`.');
    expect(await replyText(await s.command(`priority ${contact.number} low`, en))).toBe(`Priority of ${contact.number} set to low.`);
    expect((await contactRow(contact.id)).priority).toBe('low');
  });
});

describe('close and reopen', () => {
  it('closes with an outcome, refuses closing twice, reopens (English)', async () => {
    const en = await s.user({ locale: 'en' });
    const contact = await contactOf(en);
    expect(await replyText(await s.command(`close ${contact.number} won`, en))).toBe(`${contact.number} closed as won.`);
    const closed = await contactRow(contact.id);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'won' });
    expect(closed.closedAt).not.toBeNull();
    expect((await historyOf(contact.id)).at(-1)).toMatchObject({ action: 'closed', channel: 'slack', actorId: en.id });

    expect(await replyText(await s.command(`close ${contact.number}`, en))).toBe(`${contact.number} is already closed. To open it again: \`/contact reopen ${contact.number}\`.`);
    expect(await replyText(await s.command(`reopen ${contact.number}`, en))).toBe(`${contact.number} is open again.`);
    expect(await contactRow(contact.id)).toMatchObject({ status: 'open', outcome: null, closedAt: null });
    expect((await historyOf(contact.id)).at(-1)).toMatchObject({ action: 'reopened', channel: 'slack', actorId: en.id });
    expect(await replyText(await s.command(`reopen ${contact.number}`, en))).toBe(`${contact.number} is already open.`);
  });

  it('closes with a Polish outcome; refuses an unknown one (Polish)', async () => {
    const pl = await s.user({ locale: 'pl' });
    const contact = await contactOf(pl);
    expect(await replyText(await s.command(`zamknij ${contact.number} może`, pl))).toBe('`może` to nie jest wynik. Użyj `wygrany`, `przegrany` albo `anulowany` albo pomiń wynik.');
    expect((await contactRow(contact.id)).status).toBe('open');
    expect(await replyText(await s.command(`zamknij ${contact.number} przegrany`, pl))).toBe(`Zamknięto ${contact.number} z wynikiem: przegrany.`);
    expect(await contactRow(contact.id)).toMatchObject({ status: 'closed', outcome: 'lost' });
    expect(await replyText(await s.command(`zamknij ${contact.number}`, pl))).toBe(`Kontakt ${contact.number} jest już zamknięty. Aby otworzyć go ponownie: \`/contact otwórz ${contact.number}\`.`);
    expect(await replyText(await s.command(`otwórz ${contact.number}`, pl))).toBe(`Ponownie otwarto ${contact.number}.`);
    expect(await replyText(await s.command(`otwórz ${contact.number}`, pl))).toBe(`Kontakt ${contact.number} jest już otwarty.`);
  });
});
