// Slack modals end to end: shortcuts and buttons open them (views.open on the fake), pickers
// answer block_suggestion requests, submissions come back as Slack sends them (payload shapes:
// corpora/slack-bolt-python test_view_submission__body.json, test_block_suggestion__body.json,
// test_shortcut__*_body.json, test_block_actions__body.json) and land in the database.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { updateContact } from '../../src/domain/contacts/update-contact.ts';
import { hashPassword } from '../../src/domain/employees/password.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { ACTIONS, SHORTCUTS, VIEWS } from '../../src/slack/ids.ts';
import { actorFor, makeCompany, makeContact, makeKind, makePerson, uid } from '../factories/index.ts';
import { makePdf } from '../fixtures/mail/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { interactionBase, PANEL_URL, TEAM, useSlack, type SlackTestUser } from '../helpers/slack.ts';

const t = useTestDb();
const CAP = 64 * 1024;
const s = useSlack(t, { maxFileBytes: CAP });

type Block = { type: string; block_id?: string; label?: { text: string }; hint?: { text: string }; elements?: { text: string }[]; element?: Record<string, any> };
type OpenedView = { callback_id: string; title: { text: string }; submit: { text: string }; close: { text: string }; private_metadata: string; blocks: Block[] };

/** The modal opened with `trigger`, as the fake Slack recorded it. */
function openedView(trigger: string): OpenedView {
  const call = s.fake.callsTo('views.open').find((b) => b.trigger_id === trigger);
  expect(call, `views.open with trigger ${trigger}`).toBeDefined();
  return call!.view as OpenedView;
}

const inputBlock = (view: OpenedView, blockId: string) => {
  const block = view.blocks.find((b) => b.block_id === blockId && b.type === 'input');
  expect(block, `input block ${blockId}`).toBeDefined();
  return block!;
};

/** An answer to one input block; undefined keeps what the modal was opened with, null clears it. */
type Answer = string | null | { option: string } | { user: string } | { date: string } | { time: string };

/** view.state.values as Slack sends it: every input block, keyed by block id and action id. */
function stateOf(view: OpenedView, answers: Record<string, Answer>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) {
    const el = block.element!;
    const given = block.block_id! in answers;
    const a = answers[block.block_id!] as any;
    let value: Record<string, unknown>;
    switch (el.type) {
      case 'plain_text_input': value = { value: given ? a : (el.initial_value ?? null) }; break;
      case 'static_select':
      case 'external_select':
        value = { selected_option: given ? (a ? { text: { type: 'plain_text', text: a.option, emoji: true }, value: a.option } : null) : (el.initial_option ?? null) };
        break;
      case 'users_select': value = { selected_user: given ? (a?.user ?? null) : (el.initial_user ?? null) }; break;
      case 'datepicker': value = { selected_date: given ? (a?.date ?? null) : (el.initial_date ?? null) }; break;
      case 'timepicker': value = { selected_time: given ? (a?.time ?? null) : (el.initial_time ?? null), timezone: el.timezone }; break;
      default: throw new Error(`no state for ${el.type}`);
    }
    values[block.block_id!] = { [el.action_id]: { type: el.type, ...value } };
  }
  return values;
}

/** The `view` of an interaction payload, in the shape Slack sends (test_view_submission__body.json). */
const viewPayload = (view: OpenedView, answers: Record<string, Answer>) => ({
  id: 'V0MODAL', team_id: TEAM.id, type: 'modal', blocks: view.blocks, private_metadata: view.private_metadata, callback_id: view.callback_id,
  state: { values: stateOf(view, answers) }, hash: '1596530361.3wRYuk3R', title: view.title, clear_on_close: false, notify_on_close: false,
  close: view.close, submit: view.submit, previous_view_id: null, root_view_id: 'V0MODAL', app_id: 'AKONTAKT', external_id: '',
  app_installed_team_id: TEAM.id, bot_id: 'BKONTAKT',
});

const submit = (user: SlackTestUser, view: OpenedView, answers: Record<string, Answer> = {}) =>
  s.interact({ type: 'view_submission', ...interactionBase(user.slackUserId), view: viewPayload(view, answers), response_urls: [] });

/** An options request of an external select (block_suggestion: no trigger_id). */
async function suggest(user: SlackTestUser, view: OpenedView, actionId: string, value: string, answers: Record<string, Answer> = {}) {
  const { trigger_id: _unused, ...base } = interactionBase(user.slackUserId);
  const block = view.blocks.find((b) => b.element?.action_id === actionId)!;
  const res = await s.interact({ type: 'block_suggestion', ...base, container: { type: 'view', view_id: 'V0MODAL' }, action_id: actionId, block_id: block.block_id, value, view: viewPayload(view, answers) });
  expect(res.status).toBe(200);
  return res.json.options as { text: { text: string }; value: string }[];
}

/** A button click on a message (test_block_actions__body.json). */
function click(user: SlackTestUser, actionId: string, value: string) {
  const base = interactionBase(user.slackUserId);
  const res = s.interact({
    type: 'block_actions', ...base, container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0SALES', is_ephemeral: true },
    channel: { id: 'C0SALES', name: 'sales' }, response_url: s.fake.responseUrl(),
    actions: [{ action_id: actionId, block_id: 'contact', text: { type: 'plain_text', text: 'Button', emoji: true }, value, type: 'button', action_ts: '1700000001.000200' }],
  });
  return { trigger: base.trigger_id, res };
}

async function openNewContact(user: SlackTestUser) {
  const base = interactionBase(user.slackUserId);
  const res = await s.interact({ type: 'shortcut', ...base, callback_id: SHORTCUTS.newContact, action_ts: '1700000000.000001' });
  expect(res.status).toBe(200);
  return openedView(base.trigger_id);
}

const dmsTo = (user: SlackTestUser) => s.fake.callsTo('chat.postMessage').filter((b) => b.channel === user.slackUserId);

describe('new contact modal', () => {
  it('opens from the global shortcut with every field, me as the owner and normal priority', async () => {
    const user = await s.user({ locale: 'en' });
    const kind = await makeKind(t.db, { name: `Service ${uid()}` });
    const view = await openNewContact(user);
    expect(view.callback_id).toBe(VIEWS.newContact);
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['company', 'person', 'title', 'kind', 'owner', 'due_date', 'due_time', 'priority', 'description']);
    expect(inputBlock(view, 'company').element).toMatchObject({ type: 'external_select', action_id: ACTIONS.pickCompany, min_query_length: 1 });
    expect(inputBlock(view, 'person').element).toMatchObject({ type: 'external_select', action_id: ACTIONS.pickPerson });
    expect(inputBlock(view, 'owner').element).toMatchObject({ type: 'users_select', initial_user: user.slackUserId });
    expect(inputBlock(view, 'priority').element!.initial_option.value).toBe('normal');
    expect(inputBlock(view, 'kind').element!.options.map((o: { value: string }) => o.value)).toContain(String(kind.id));
    expect(inputBlock(view, 'due_time').element).toMatchObject({ type: 'timepicker', timezone: 'Europe/Warsaw' });
  });

  it('answers company searches and people of the chosen company only', async () => {
    const user = await s.user({ locale: 'en' });
    const marker = uid();
    const acme = await makeCompany(t.db, { name: `Acme ${marker}` });
    const other = await makeCompany(t.db, { name: `Other ${marker}` });
    const anna = await makePerson(t.db, acme.id, { name: `Anna ${marker}` });
    const bob = await makePerson(t.db, other.id, { name: `Bob ${marker}` });
    const view = await openNewContact(user);

    const companies = await suggest(user, view, ACTIONS.pickCompany, `acme ${marker}`);
    expect(companies.map((o) => o.value)).toEqual([String(acme.id)]);
    expect(companies[0]!.text.text).toContain(`Acme ${marker}`);

    const people = await suggest(user, view, ACTIONS.pickPerson, '', { company: { option: String(acme.id) } });
    expect(people.map((o) => o.value)).toContain(String(anna.id));
    expect(people.map((o) => o.value)).not.toContain(String(bob.id));

    const noCompany = await suggest(user, view, ACTIONS.pickPerson, '');
    expect(noCompany).toHaveLength(1);
    expect(noCompany[0]!.text.text).toContain('Choose the company first');

    // Someone Slack knows but Kontakt does not gets no company names.
    const stranger = { slackUserId: `U${uid().toUpperCase()}` } as SlackTestUser;
    expect(await suggest(stranger, view, ACTIONS.pickCompany, `acme ${marker}`)).toEqual([]);
  });

  it('shows missing and invalid fields on the fields and creates nothing', async () => {
    const user = await s.user({ locale: 'en' });
    const acme = await makeCompany(t.db);
    const elsewhere = await makePerson(t.db, (await makeCompany(t.db)).id);
    const view = await openNewContact(user);

    const missing = await submit(user, view, { company: { option: String(acme.id) }, title: '', owner: { user: 'U0NOTANEMPLOYEE' }, due_time: { time: '10:00' } });
    expect(missing.status).toBe(200);
    expect(missing.json.response_action).toBe('errors');
    expect(Object.keys(missing.json.errors).sort()).toEqual(['due_date', 'owner', 'title']);
    expect(missing.json.errors.title).toBe('Please fill this in.');

    // Checked by the domain (createContact): the person works elsewhere.
    const wrongPerson = await submit(user, view, { company: { option: String(acme.id) }, person: { option: String(elsewhere.id) }, title: 'Offer' });
    expect(wrongPerson.json).toEqual({ response_action: 'errors', errors: { person: expect.stringContaining('does not work at') } });

    expect(await t.db.contact.count({ where: { companyId: acme.id } })).toBe(0);
  });

  it('creates the contact with the owner, priority and deadline in the employee zone, then confirms by DM', async () => {
    const user = await s.user({ locale: 'en' });
    const colleague = await s.user();
    const acme = await makeCompany(t.db);
    const anna = await makePerson(t.db, acme.id);
    const view = await openNewContact(user);
    const title = `Service visit ${uid()}`;

    const res = await submit(user, view, {
      company: { option: String(acme.id) }, person: { option: String(anna.id) }, title, owner: { user: colleague.slackUserId },
      due_date: { date: '2026-12-01' }, due_time: { time: '15:00' }, priority: { option: 'high' }, description: 'Two machines',
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // plain ack: the modal closes

    const contact = await t.db.contact.findFirstOrThrow({ where: { companyId: acme.id } });
    // 15:00 in Warsaw on 1 December (CET, UTC+1) is 14:00 UTC.
    expect(contact).toMatchObject({ title, personId: anna.id, ownerId: colleague.id, createdById: user.id, priority: 'high', description: 'Two machines' });
    expect(contact.dueAt?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    const history = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: contact.id, action: 'created' } });
    expect(history).toMatchObject({ channel: 'slack', actorId: user.id });

    const dm = dmsTo(user).at(-1)!;
    expect(dm.text).toContain(`Contact *${contact.number}* created`);
    expect(JSON.stringify(dm.blocks)).toContain(`${PANEL_URL}/contacts/${contact.id}`);
  });
  it('files the triage e-mail named in private_metadata after creating the contact, and says when it cannot', async () => {
    const user = await s.user({ locale: 'en' });
    const acme = await makeCompany(t.db);
    const opened = await openNewContact(user);
    // As opened by triage's "new contact" button for a message that is not (or no longer) stored.
    const view = { ...opened, private_metadata: JSON.stringify({ mailMessageId: 2_000_000_000 }) };
    const res = await submit(user, view, { company: { option: String(acme.id) }, title: 'From an e-mail' });
    expect(res.text).toBe('');
    const contact = await t.db.contact.findFirstOrThrow({ where: { companyId: acme.id } });
    const dm = dmsTo(user).at(-1)!.text as string;
    expect(dm).toContain(`Contact *${contact.number}* created`);
    expect(dm).toContain('The e-mail could not be filed on it: '); // readStoredMail does not yet say NOT_FOUND for a missing message
  });
});

describe('add note modal', () => {
  it('opens from the contact button and files the note with its kind', async () => {
    const user = await s.user({ locale: 'en' });
    const { contact } = await makeContact(t.db);
    const { trigger, res } = click(user, ACTIONS.addNote, String(contact.id));
    expect((await res).status).toBe(200);
    const view = openedView(trigger);
    expect(view.callback_id).toBe(VIEWS.addNote);
    expect(JSON.stringify(view.blocks)).toContain(contact.number);

    const empty = await submit(user, view, { note_text: '  ' });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { note_text: 'Please fill this in.' } });

    const done = await submit(user, view, { note_kind: { option: 'telefon' }, note_text: 'Called about the offer' });
    expect(done.text).toBe('');
    const notes = await t.db.item.findMany({ where: { contactId: contact.id, type: 'note' } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ noteKind: 'telefon', text: 'Called about the offer', source: 'slack', authorId: user.id });
  });

  it('suggests kinds used before and offers the typed one as a new kind', async () => {
    const user = await s.user({ locale: 'en' });
    const { contact, actor } = await makeContact(t.db);
    const kind = `wizyta-${uid()}`;
    await addNote(t.db, actor, { contactId: contact.id, noteKind: kind, text: 'earlier' });
    const { trigger, res } = click(user, ACTIONS.addNote, String(contact.id));
    await res;
    const view = openedView(trigger);

    const known = await suggest(user, view, ACTIONS.pickNoteKind, kind.slice(0, 10));
    expect(known[0]!.value).toBe(kind.slice(0, 10)); // what was typed, first
    expect(known[0]!.text.text).toContain('(new kind)');
    expect(known.map((o) => o.value)).toContain(kind);
    const exact = await suggest(user, view, ACTIONS.pickNoteKind, kind.toUpperCase());
    expect(exact.filter((o) => o.value === kind)).toHaveLength(1);
  });
});

describe('deadline modal', () => {
  it('prefills the current deadline in the employee zone and saves the new one with history', async () => {
    const user = await s.user({ locale: 'en', timeZone: 'Asia/Tokyo' });
    const { contact } = await makeContact(t.db, { dueAt: new Date('2026-03-10T08:00:00Z') });
    const { trigger, res } = click(user, ACTIONS.changeDeadline, String(contact.id));
    await res;
    const view = openedView(trigger);
    expect(view.callback_id).toBe(VIEWS.changeDeadline);
    // 08:00 UTC is 17:00 in Tokyo (UTC+9, no DST).
    expect(inputBlock(view, 'due_date').element!.initial_date).toBe('2026-03-10');
    expect(inputBlock(view, 'due_time').element!.initial_time).toBe('17:00');

    const saved = await submit(user, view, { due_date: { date: '2026-07-01' }, due_time: { time: '09:30' } });
    expect(saved.text).toBe('');
    const after = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after.dueAt?.toISOString()).toBe('2026-07-01T00:30:00.000Z');
    const entry = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: contact.id, action: 'updated' }, orderBy: { id: 'desc' } });
    expect(entry).toMatchObject({ channel: 'slack', actorId: user.id });
    expect(entry.changes).toEqual([{ field: 'dueAt', old: '2026-03-10T08:00:00.000Z', new: '2026-07-01T00:30:00.000Z' }]);
  });

  it('refuses to overwrite a change made meanwhile', async () => {
    const user = await s.user({ locale: 'en' });
    const { contact, owner } = await makeContact(t.db);
    const { trigger, res } = click(user, ACTIONS.changeDeadline, String(contact.id));
    await res;
    const view = openedView(trigger);
    await updateContact(t.db, actorFor(owner), { id: contact.id, title: 'Renamed in the panel' });

    const stale = await submit(user, view, { due_date: { date: '2026-07-01' } });
    expect(stale.json.response_action).toBe('errors');
    expect(stale.json.errors.due_date).toContain(contact.number);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).dueAt).toBeNull();
  });
});

// A 1×1 PNG and a one-page PDF: real file signatures, so the stored type is detected from the bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = makePdf(1);

let fileCounter = 0;
/** A Slack file object (shape: test_events__message_file_share_body.json) served by the fake. */
function slackFile(name: string, bytes: Buffer, mimetype: string, options: { declaredSize?: number; servedAs?: string } = {}) {
  const id = `F${uid().toUpperCase()}${++fileCounter}`;
  const url = s.fake.addFile(name, bytes, options.servedAs ?? mimetype);
  return {
    id, created: 1700000000, timestamp: 1700000000, name, title: name, mimetype, filetype: name.split('.').pop(), user: 'U0OTHER', editable: false,
    size: options.declaredSize ?? bytes.length, mode: 'hosted', is_external: false, is_public: false, url_private: url, url_private_download: url,
    permalink: `https://kontakt-test.slack.com/files/U0OTHER/${id}/${name}`,
  };
}

let tsCounter = 0;
/** The message shortcut on a message (test_shortcut__message_shortcut_body.json). */
async function shortcutOnMessage(user: SlackTestUser, message: { text: string; files?: unknown[] }, at?: { channel: string; ts: string }) {
  const base = interactionBase(user.slackUserId);
  const channel = at?.channel ?? `C${uid().toUpperCase()}`;
  const ts = at?.ts ?? `1700000${String(++tsCounter).padStart(3, '0')}.000300`;
  const responseUrl = s.fake.responseUrl();
  const res = await s.interact({
    type: 'message_action', ...base, callback_id: SHORTCUTS.addToContact, action_ts: '1700009999.000001', channel: { id: channel, name: 'sales' },
    message_ts: ts, message: { type: 'message', text: message.text, user: 'U0OTHER', ts, team: TEAM.id, ...(message.files ? { files: message.files, upload: false } : {}) },
    response_url: responseUrl,
  });
  expect(res.status).toBe(200);
  return { view: openedView(base.trigger_id), channel, ts, responseUrl };
}

/** Reads a stored file back through the panel (GET /files/:versionId), signed in as `user`. */
async function download(user: SlackTestUser, versionId: number): Promise<Buffer> {
  const password = `pw-${uid()}-long-enough`;
  await t.db.employee.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  const login = await s.app.request('/login', { method: 'POST', body: new URLSearchParams({ email: user.email, password }).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PANEL_URL } });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  expect(cookie).toContain('kontakt_session=');
  const res = await s.app.request(`/files/${versionId}`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('message shortcut "Add to contact"', () => {
  it('files the message with its permalink and both files, and refuses the same message twice', async () => {
    const user = await s.user({ locale: 'en' });
    const mentioned = await s.user({ name: `Ewa Zielińska ${uid()}` });
    const { contact } = await makeContact(t.db, { title: `Pump offer ${uid()}` });
    const png = slackFile('photo.png', PNG, 'image/png');
    const pdf = slackFile('offer.pdf', PDF, 'application/pdf');
    const { view, channel, ts } = await shortcutOnMessage(user, {
      text: `Hi <@${mentioned.slackUserId}>, see <https://example.com/offer|the offer> &amp; the photo`,
      files: [png, pdf],
    });

    expect(view.callback_id).toBe(VIEWS.addToContact);
    expect(inputBlock(view, 'note_text').element!.initial_value).toBe(`Hi @${mentioned.name}, see the offer (https://example.com/offer) & the photo`);
    const filesBlock = JSON.stringify(view.blocks.find((b) => b.block_id === 'files'));
    expect(filesBlock).toContain('photo.png');
    expect(filesBlock).toContain('offer.pdf');
    expect(view.private_metadata.length).toBeLessThanOrEqual(3000);

    const options = await suggest(user, view, ACTIONS.pickContact, contact.title);
    expect(options.map((o) => o.value)).toEqual([String(contact.id)]);
    expect(options[0]!.text.text.startsWith(`${contact.number} — Pump offer`)).toBe(true);

    const res = await submit(user, view, { contact: { option: String(contact.id) }, note_kind: { option: 'slack' }, note_text: 'Customer sent the offer and a photo' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const permalink = `https://kontakt-test.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
    const note = await t.db.item.findFirstOrThrow({ where: { contactId: contact.id, type: 'note' } });
    expect(note).toMatchObject({ text: `Customer sent the offer and a photo\n\nSlack: ${permalink}`, noteKind: 'slack', source: 'slack', sourceRef: `slack:${channel}:${ts}`, authorId: user.id });

    const files = await t.db.item.findMany({ where: { contactId: contact.id, type: 'file' }, include: { versions: { include: { storedFile: true } } }, orderBy: { id: 'asc' } });
    expect(files.map((f) => [f.source, f.sourceRef, f.versions[0]!.fileName, f.versions[0]!.storedFile.mimeType])).toEqual([
      ['slack', `slack:${channel}:${ts}:${png.id}`, 'photo.png', 'image/png'],
      ['slack', `slack:${channel}:${ts}:${pdf.id}`, 'offer.pdf', 'application/pdf'],
    ]);
    expect(files.map((f) => f.versions[0]!.storedFile.sha256)).toEqual([sha256(PNG), sha256(PDF)]);
    expect((await download(user, files[0]!.versions[0]!.id)).equals(PNG)).toBe(true);
    expect((await download(user, files[1]!.versions[0]!.id)).equals(PDF)).toBe(true);

    const dm = dmsTo(user).at(-1)!;
    expect(dm.text).toContain(`The message is now a note on *${contact.number}*`);
    expect(dm.text).toContain('Files attached: photo.png, offer.pdf');
    expect(dm.text).not.toContain('Not attached');

    // The same message again, on the same contact: refused on the contact picker, pointing at the note.
    const again = await shortcutOnMessage(user, { text: 'ignored', files: [png, pdf] }, { channel, ts });
    const refused = await submit(user, again.view, { contact: { option: String(contact.id) }, note_text: 'second try' });
    expect(refused.json.response_action).toBe('errors');
    expect(refused.json.errors.contact).toContain(`This message is already on ${contact.number}`);
    expect(refused.json.errors.contact).toContain(`${PANEL_URL}/contacts/${contact.id}`);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(3);
  });

  it('skips files over the cap, login pages and missing files with reasons, and stores the others', async () => {
    const user = await s.user({ locale: 'en' });
    const { contact } = await makeContact(t.db);
    const small = slackFile('notes.txt', Buffer.from('Meeting notes: 3 pumps, delivery in May\n'), 'text/plain');
    const declaredBig = slackFile('scan.pdf', randomBytes(CAP + 1), 'application/pdf');
    const lyingBig = slackFile('video.mp4', randomBytes(CAP + 20_000), 'video/mp4', { declaredSize: 1000 });
    const loginPage = slackFile('contract.pdf', Buffer.from('<!DOCTYPE html><html><body>Sign in to Slack</body></html>'), 'application/pdf', { servedAs: 'text/html; charset=utf-8' });
    const { view } = await shortcutOnMessage(user, { text: 'Files from the visit', files: [small, declaredBig, lyingBig, loginPage] });

    const res = await submit(user, view, { contact: { option: String(contact.id) } });
    expect(res.text).toBe('');

    const files = await t.db.item.findMany({ where: { contactId: contact.id, type: 'file' }, include: { versions: true } });
    expect(files.map((f) => f.versions[0]!.fileName)).toEqual(['notes.txt']);
    const dm = dmsTo(user).at(-1)!.text as string;
    expect(dm).toContain('Files attached: notes.txt');
    expect(dm).toContain('scan.pdf — larger than the 0.0625 MB limit');
    expect(dm).toContain('video.mp4 — larger than the 0.0625 MB limit');
    expect(dm).toContain('contract.pdf — Slack sent a login page instead of the file');
  });
  it('keeps a long file list by id when the download links do not fit private_metadata, and re-reads them with files.info', async () => {
    const user = await s.user({ locale: 'en' });
    const { contact } = await makeContact(t.db);
    const files = Array.from({ length: 24 }, (_, i) => slackFile(`site-photo-${String(i).padStart(2, '0')}-of-the-installation.txt`, Buffer.from(`photo ${i}\n`), 'text/plain'));
    const byId = new Map(files.map((f) => [f.id, f]));
    const { view } = await shortcutOnMessage(user, { text: 'All photos', files });
    expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
    expect(view.private_metadata).not.toContain('/files/'); // by id only
    for (const _ of files) s.fake.answerNext('files.info', (body) => ({ ok: true, file: byId.get(String(body.file)) }));

    const res = await submit(user, view, { contact: { option: String(contact.id) } });
    expect(res.text).toBe('');
    const stored = await t.db.item.findMany({ where: { contactId: contact.id, type: 'file' }, include: { versions: true }, orderBy: { id: 'asc' } });
    expect(stored.map((f) => f.versions[0]!.fileName)).toEqual(files.map((f) => f.name));
  });

  it('tells someone who is not an employee so, and opens nothing', async () => {
    const stranger = { slackUserId: `U${uid().toUpperCase()}` } as SlackTestUser;
    const before = s.fake.callsTo('views.open').length;
    const base = interactionBase(stranger.slackUserId);
    const responseUrl = s.fake.responseUrl();
    await s.interact({
      type: 'message_action', ...base, callback_id: SHORTCUTS.addToContact, action_ts: '1700009999.000002', channel: { id: 'C0SALES', name: 'sales' },
      message_ts: '1700000000.000900', message: { type: 'message', text: 'hello', user: 'U0OTHER', ts: '1700000000.000900' }, response_url: responseUrl,
    });
    expect(s.fake.callsTo('views.open')).toHaveLength(before);
    const [reply] = s.fake.responsesTo(responseUrl);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply!.text)).toContain('Kontakt');
  });
});

describe('languages and Slack limits', () => {
  it('speaks Polish to a Polish employee and English to an English one, within Slack limits', async () => {
    const polish = await s.user({ locale: 'pl' });
    const english = await s.user({ locale: 'en' });
    const pl = await openNewContact(polish);
    const en = await openNewContact(english);
    expect([pl.title.text, inputBlock(pl, 'company').label!.text, pl.submit.text]).toEqual(['Nowy kontakt', 'Firma', 'Utwórz']);
    expect([en.title.text, inputBlock(en, 'company').label!.text, en.submit.text]).toEqual(['New contact', 'Company', 'Create']);

    const { contact } = await makeContact(t.db);
    const opened = [pl, en];
    for (const user of [polish, english]) {
      for (const action of [ACTIONS.addNote, ACTIONS.changeDeadline]) {
        const { trigger, res } = click(user, action, String(contact.id));
        await res;
        opened.push(openedView(trigger));
      }
      opened.push((await shortcutOnMessage(user, { text: 'x' })).view);
    }
    expect(opened.map((v) => v.title.text)).toEqual(['Nowy kontakt', 'New contact', 'Dodaj notatkę', 'Zmień termin', 'Dodaj do kontaktu', 'Add a note', 'Change the deadline', 'Add to a contact']);
    for (const v of opened) {
      for (const text of [v.title.text, v.submit.text, v.close.text]) expect(text.length, text).toBeLessThanOrEqual(24);
    }
  });
});
