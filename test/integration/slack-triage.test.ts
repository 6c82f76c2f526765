// Triage by DM, end to end: a forwarded e-mail the router cannot place goes through the mail-route
// worker's processor (real parser, real routing) with the Slack hook; the forwarder gets a DM with
// the candidate contacts as buttons; the clicks file it, leave it, or open the new-contact modal,
// and rewrite the DM with what happened and who did it.
//
// The Slack channel here is built with the same file store the e-mails are received into (filing
// reads the raw message back), on the helper's fake Slack; clicks go through the receiver's
// dispatch (the signed HTTP door is covered by slack-receiver.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import type { MailCandidate } from '../../src/domain/mail/mail-trace.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { createLogger } from '../../src/logger.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { createSlackChannel, type SlackChannel } from '../../src/slack/slack-app.ts';
import { triageBlocks, triageHook } from '../../src/slack/triage-dm.ts';
import { translator } from '../../views/i18n/messages.ts';
import { mailRoute } from '../../workers/mail-route.ts';
import { actorFor, makeContact, makeEmployee, makeRawMail, uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { BOT_TOKEN } from '../helpers/fake-slack.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';
import { interactionBase, PANEL_URL, SIGNING_SECRET, useSlack } from '../helpers/slack.ts';

const t = useTestDb();
const s = useSlack(t);
const pl = translator('pl', 'Europe/Warsaw');
const logger = createLogger('silent');
let dataDir = '';
let store: FileStore;
let channel: SlackChannel;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-slack-triage-'));
  store = createFileStore({ dataDir, maxFileBytes: 5 * 1024 * 1024 });
  channel = createSlackChannel({
    db: t.db, redis: s.redis, logger, fileStore: store, settings: { timeZone: 'Europe/Warsaw' }, mailSettings: DEFAULT_MAIL_SETTINGS,
    publicUrl: PANEL_URL, botToken: BOT_TOKEN, maxFileBytes: 5 * 1024 * 1024, keyPrefix: `kt-triage-${uid()}`, signingSecret: SIGNING_SECRET, apiUrl: s.fake.apiUrl,
  });
});
afterAll(async () => {
  await channel?.stop(2000);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Block = { type: string; block_id?: string; elements?: any[]; accessory?: any; text?: { text: string } };

const ts = () => `${Math.floor(Date.now() / 1000)}.${String(randomInt(1e6)).padStart(6, '0')}`;

/** A Gmail-style forward from `forwarder` of a message whose sender no company or person knows. */
function forwardedMail(forwarder: { name: string; email: string }, subject: string) {
  const body = [
    'Do której sprawy to dodać?',
    '',
    '---------- Forwarded message ---------',
    `From: Nieznany Klient <klient-${uid()}@nikt-nie-zna.test>`,
    'Date: Mon, 2 Mar 2026 at 10:15',
    `Subject: ${subject}`,
    `To: <${forwarder.email}>`,
    '',
    'Dzień dobry, proszę o ofertę na 20 sztuk.',
  ].join('\r\n');
  return makeRawMail({ from: `${forwarder.name} <${forwarder.email}>`, subject: `Fwd: ${subject}`, body });
}

/** Receives the e-mail and runs the mail-route processor on it with the Slack triage hook. */
async function deliver(forwarder: { name: string; email: string }, subject = `Zapytanie ${uid()}`) {
  const mail = await receiveMail(t.db, store, { mailbox: 'slack-triage/INBOX', raw: forwardedMail(forwarder, subject) });
  const processor = mailRoute({ db: t.db, store, redisUrl: TEST_REDIS_URL, settings: DEFAULT_MAIL_SETTINGS, logger, onUnmatched: triageHook({ db: t.db, logger, publicUrl: PANEL_URL }, channel.client) });
  const result = await processor({ data: { mailMessageId: mail.id } } as Job);
  return { mail, subject, result };
}

/** Messages posted to `slackUserId` (a DM by user id). */
const dmsTo = (slackUserId: string) => s.fake.callsTo('chat.postMessage').filter((c) => c.channel === slackUserId);

function buttons(blocks: Block[]) {
  return blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])].filter((e) => e.type === 'button').map((e) => ({ ...e, block_id: b.block_id })));
}

/** A click on the DM (block_actions on a bot message in the DM channel). */
async function press(user: { slackUserId: string }, dm: { channel: string; ts: string; blocks: Block[] }, button: { action_id: string; block_id?: string; value: string; text?: unknown }) {
  const responseUrl = s.fake.responseUrl();
  const payload = {
    type: 'block_actions', ...interactionBase(user.slackUserId),
    container: { type: 'message', message_ts: dm.ts, channel_id: dm.channel, is_ephemeral: false },
    channel: { id: dm.channel, name: 'directmessage' },
    message: { type: 'message', user: 'UKONTAKTBOT', bot_id: 'BKONTAKT', ts: dm.ts, text: 'triage', blocks: dm.blocks },
    response_url: responseUrl,
    actions: [{ action_id: button.action_id, block_id: button.block_id, value: button.value, text: button.text, type: 'button', action_ts: ts() }],
  };
  await channel.receiver.dispatch(payload);
  await channel.receiver.settled();
  return { payload, updates: s.fake.callsTo('chat.update').filter((c) => c.ts === dm.ts), responses: s.fake.responsesTo(responseUrl) };
}

/** A forwarder on Slack with two open contacts of their own (the router offers them as candidates). */
async function forwarderWithContacts() {
  const forwarder = await s.user();
  const { contact: first } = await makeContact(t.db, { actor: actorFor(forwarder), dueAt: new Date(Date.now() + 86_400_000), title: `Biurka ${uid()}` });
  const { contact: second } = await makeContact(t.db, { actor: actorFor(forwarder), title: `Krzesła ${uid()}` });
  return { forwarder, first, second };
}

async function deliverWithDm() {
  const { forwarder, first, second } = await forwarderWithContacts();
  const { mail, subject, result } = await deliver(forwarder);
  expect(result.status).toBe('unmatched');
  const dms = dmsTo(forwarder.slackUserId).filter((c) => String(c.text).includes(subject));
  expect(dms).toHaveLength(1);
  const dm = { channel: `D${uid().toUpperCase()}`, ts: ts(), blocks: dms[0]!.blocks as Block[] };
  return { forwarder, first, second, mail, subject, dm };
}

describe('triage DM', () => {
  it('DMs the forwarder the candidates as buttons (likeliest first, as the router ranked them), plus New contact and Leave in triage', async () => {
    const { first, second, mail, subject, dm } = await deliverWithDm();
    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    const candidates = row.candidates as MailCandidate[];
    expect(candidates.map((c) => c.contactId)).toEqual([first.id, second.id]);

    const all = buttons(dm.blocks);
    const assign = all.filter((b) => b.action_id === ACTIONS.triageAssign);
    expect(assign.map((b) => JSON.parse(b.value))).toEqual([{ mail: mail.id, contact: first.id }, { mail: mail.id, contact: second.id }]);
    expect(all.filter((b) => b.action_id !== ACTIONS.triageAssign).map((b) => [b.action_id, JSON.parse(b.value)])).toEqual([
      [ACTIONS.triageNewContact, { mail: mail.id }],
      [ACTIONS.triageLeave, { mail: mail.id }],
    ]);
    const text = JSON.stringify(dm.blocks);
    expect(text).toContain(subject);
    expect(text).toContain(first.number);
    expect(text).toContain(`${PANEL_URL}/triage/${mail.id}`);
  });

  it('files the e-mail on the clicked candidate as the clicker, rewrites the DM, and says "already filed" on a second click', async () => {
    const { forwarder, second, mail, dm } = await deliverWithDm();
    const button = buttons(dm.blocks).find((b) => b.action_id === ACTIONS.triageAssign && JSON.parse(b.value).contact === second.id)!;

    const first = await press(forwarder, dm, button);

    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({ status: 'filed', contactId: second.id });
    const notes = await t.db.item.findMany({ where: { contactId: second.id, type: 'note' } });
    expect(notes).toEqual([expect.objectContaining({ source: 'email', sourceRef: row.dedupeKey, authorId: forwarder.id })]);
    const history = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: second.id, action: 'e-mail assigned from triage' } });
    expect(history).toMatchObject({ actorId: forwarder.id, channel: 'slack' });
    expect(first.updates).toHaveLength(1);
    const blocks = first.updates[0]!.blocks as Block[];
    expect(buttons(blocks)).toEqual([]);
    expect(blocks[0]).toEqual(dm.blocks[0]); // which e-mail it was stays
    const label = `<${PANEL_URL}/contacts/${second.id}|${second.number}> · ${second.title}`;
    expect(first.updates[0]!.text).toBe(pl('shTriageFiledBy', { contact: label, user: `<@${forwarder.slackUserId}>` }));

    const again = await press(forwarder, dm, button);
    expect(again.updates).toHaveLength(2);
    expect(again.updates[1]!.text).toBe(pl('shTriageAlreadyFiled', { contact: label }));
    expect(await t.db.item.count({ where: { contactId: second.id, type: 'note' } })).toBe(1);
    expect(again.responses).toHaveLength(0);
  });

  it('Leave in triage only rewrites the DM; the e-mail stays unmatched', async () => {
    const { forwarder, mail, dm } = await deliverWithDm();
    const button = buttons(dm.blocks).find((b) => b.action_id === ACTIONS.triageLeave)!;

    const { updates } = await press(forwarder, dm, button);

    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('unmatched');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.text).toBe(pl('shTriageLeftBy', { user: `<@${forwarder.slackUserId}>`, triage: `<${PANEL_URL}/triage/${mail.id}|${pl('shTriageOpen')}>` }));
    expect(buttons(updates[0]!.blocks)).toEqual([]);
  });

  it('New contact opens the new-contact modal for the forwarder; the DM waits', async () => {
    const { forwarder, mail, dm } = await deliverWithDm();
    const button = buttons(dm.blocks).find((b) => b.action_id === ACTIONS.triageNewContact)!;

    const { payload, updates } = await press(forwarder, dm, button);

    const opened = s.fake.callsTo('views.open').filter((c) => c.trigger_id === payload.trigger_id);
    expect(opened).toHaveLength(1);
    expect(JSON.parse(opened[0]!.view.private_metadata)).toMatchObject({ mailMessageId: mail.id });
    expect(updates).toHaveLength(0);
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('unmatched');
  });

  it('refuses another member (only the forwarder or an admin may file it); an admin may', async () => {
    const { second, mail, dm } = await deliverWithDm();
    const member = await s.user({ locale: 'en' });
    const admin = await s.user({ role: 'admin' });
    const button = buttons(dm.blocks).find((b) => b.action_id === ACTIONS.triageAssign && JSON.parse(b.value).contact === second.id)!;

    const refused = await press(member, dm, button);
    expect(refused.updates).toHaveLength(0);
    expect(refused.responses).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'You may not do that: Only an admin or the forwarder may handle this e-mail.' })]);
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe('unmatched');

    const newContact = buttons(dm.blocks).find((b) => b.action_id === ACTIONS.triageNewContact)!;
    const refusedModal = await press(member, dm, newContact);
    expect(s.fake.callsTo('views.open').filter((c) => c.trigger_id === refusedModal.payload.trigger_id)).toHaveLength(0);
    expect(refusedModal.responses[0]!.text).toMatch(/^You may not do that/);

    const filed = await press(admin, dm, button);
    expect(filed.updates.at(-1)!.text).toContain(`<@${admin.slackUserId}>`);
    expect(await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: 'filed', contactId: second.id });
  });

  it('offers at most five candidates', () => {
    const candidates: MailCandidate[] = Array.from({ length: 7 }, (_, i) => ({ contactId: 100 + i, number: `K/2026/${String(100 + i).padStart(4, '0')}`, title: `T${i}`, company: 'Firma <A&B>', why: 'closed contact of Firma' }));
    const blocks = triageBlocks({ id: 42, subject: 'Oferta <pilne>', originalFrom: 'a@b.test', fromAddress: 'jan@firma.test', receivedAt: new Date() }, candidates, pl, { publicUrl: PANEL_URL }) as Block[];
    expect(buttons(blocks).filter((b) => b.action_id === ACTIONS.triageAssign).map((b) => JSON.parse(b.value).contact)).toEqual([100, 101, 102, 103, 104]);
    // Text from the e-mail and the data is escaped for mrkdwn.
    expect(JSON.stringify(blocks)).toContain('Oferta &lt;pilne&gt;');
    expect(JSON.stringify(blocks)).toContain('Firma &lt;A&amp;B&gt;');
  });

  it('sends no DM when the forwarder has no Slack user id (the e-mail waits in the panel triage)', async () => {
    const forwarder = await makeEmployee(t.db, { name: `Bez Slacka ${uid()}` });
    await makeContact(t.db, { actor: actorFor(forwarder) });
    const before = s.fake.callsTo('chat.postMessage').length;
    const { mail, result } = await deliver(forwarder);
    expect(result.status).toBe('unmatched');
    expect((await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).forwarderId).toBe(forwarder.id);
    expect(s.fake.callsTo('chat.postMessage').slice(before)).toHaveLength(0);
  });
});
