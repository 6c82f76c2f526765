// Events: link unfurling and direct messages to the bot.
//
// Unfurling (link_shared): links to `${publicUrl}/contacts/<id>` get a card with the basic fields
// only (number, title, company, owner, deadline, status) — the whole channel sees it, so no sales
// values, description or people's details. Other links are ignored, and so are contacts that do
// not exist. Policy: only links shared by an identified, active employee are unfurled; an unknown
// Slack user (a guest, someone from a shared channel) gets no card and no message.
//
// DMs (message in channel_type im, plain or file_share): the message must name exactly one
// contact — a number like K/2026/0042 anywhere in it (the forms contactNumbersInText reads), or a
// message that is nothing but a number with its year ("2026/42"). It is filed as a note (the
// text, sourceRef slack:<channel>:<ts>) with its files (captureSlackFiles), and the reply in the
// thread says what was filed, with a link. No number: a reply on how to name one. Several
// numbers: refused with the list (ambiguous input is not guessed). Edits, deletions and other
// subtypes, bot messages and our own are ignored. A retried event is dropped by the receiver
// (event_id); the note's sourceRef is the second guard: a repeat files nothing and says nothing.
import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { findContactId, parseContactNumber } from '../../domain/contacts/find-contact.ts';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { addNote } from '../../domain/items/add-note.ts';
import { contactNumbersInText } from '../../domain/mail/route-mail.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { isAppError } from '../../errors.ts';
import { translator, type Translator } from '../../../views/i18n/messages.ts';
import { contactLabel, link } from '../blocks/home-blocks.ts';
import { esc } from '../blocks/mrkdwn.ts';
import { identify, type SlackUser } from '../identity.ts';
import { asEmployee } from '../listener-kit.ts';
import { contactUrl, type SlackDeps } from '../slack-deps.ts';
import { captureSlackFiles, type SlackFile } from '../slack-files.ts';

/** Links looked at per link_shared event (Slack sends a handful). */
const MAX_UNFURLS = 10;

/** The contact id behind a panel link (`${publicUrl}/contacts/<id>`, query and fragment ignored), else null. */
export function contactIdInUrl(deps: Pick<SlackDeps, 'publicUrl'>, url: string): number | null {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(deps.publicUrl);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  const m = /^\/contacts\/(\d{1,9})\/?$/.exec(target.pathname.startsWith(`${prefix}/`) ? target.pathname.slice(prefix.length) : '');
  return m ? Number(m[1]) : null;
}

type Contact = Awaited<ReturnType<typeof getContact>>;

/** The unfurl card: basic fields only (shown to everyone in the channel). */
export function unfurlBlocks(contact: Contact, t: Translator, deps: Pick<SlackDeps, 'publicUrl'>): KnownBlock[] {
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${esc(label)}*\n${esc(value)}` });
  return [{
    type: 'section',
    text: { type: 'mrkdwn', text: `*${link(contactUrl(deps, contact.id), `${contact.number} · ${contact.title}`)}*` },
    fields: [
      field(t('company'), contact.company.name),
      field(t('owner'), contact.owner?.name ?? t('unassigned')),
      field(t('deadline'), t.dateTime(contact.dueAt)),
      field(t('status'), t(contact.status === 'open' ? 'open' : 'closed')),
    ],
  }];
}

async function unfurl(deps: SlackDeps, client: WebClient, event: { user: string; channel: string; message_ts: string; unfurl_id?: string; source?: string; links: { url: string }[] }) {
  const ours = new Map<string, number>();
  for (const { url } of event.links.slice(0, MAX_UNFURLS)) {
    const id = contactIdInUrl(deps, url);
    if (id !== null) ours.set(url, id);
  }
  if (ours.size === 0) return;
  const who = await identify(deps, client, event.user);
  if (!who.ok) return;
  // The channel's readers differ: the sharer's language, the company's time zone.
  const t = translator(who.user.employee.locale, deps.settings.timeZone);
  const unfurls: Record<string, { blocks: KnownBlock[] }> = {};
  for (const [url, id] of ours) {
    const contact = await getContact(deps.db, id, { items: 1 }).catch((error: unknown) => {
      if (isAppError(error, 'NOT_FOUND')) return null;
      throw error;
    });
    if (contact) unfurls[url] = { blocks: unfurlBlocks(contact, t, deps) };
  }
  if (Object.keys(unfurls).length === 0) return;
  // A link still in the composer has no message yet: unfurl_id + source; a posted one: channel + ts.
  const where = event.source === 'composer' && event.unfurl_id ? { unfurl_id: event.unfurl_id, source: 'composer' as const } : { channel: event.channel, ts: event.message_ts };
  await client.chat.unfurl({ ...where, unfurls } as Parameters<WebClient['chat']['unfurl']>[0]);
}

/** A DM as the Events API delivers it (plain or file_share). */
type DirectMessage = { channel: string; channel_type?: string; user?: string; text?: string; ts: string; thread_ts?: string; subtype?: string; bot_id?: string; files?: SlackFile[] };

/** Only "2026/42", "K-2026-42" and the like: a bare number with its year is clearly a reference; "42" alone is not. */
const BARE_NUMBER = /^\s*(?:k\s*[-/ ]?\s*)?\d{4}\s*[-/ ]\s*\d{1,6}\s*$/i;

/** The distinct contact numbers a DM names, canonical, in order. */
export function contactNumbersInDm(text: string, settings: DomainSettings): string[] {
  const found = contactNumbersInText(text);
  if (found.length === 0 && BARE_NUMBER.test(text)) {
    const number = parseContactNumber(text, settings);
    if (number) found.push(number);
  }
  return [...new Set(found)];
}

/** Slack escapes &, < and > in message text; the note keeps what the person wrote. */
const unescapeSlack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function fileDirectMessage(deps: SlackDeps, client: WebClient, message: DirectMessage & { user: string }) {
  const say = (text: string) => client.chat.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, text, unfurl_links: false });
  await asEmployee(deps, client, message.user, say, async (user) => {
    const text = unescapeSlack(message.text ?? '');
    const numbers = contactNumbersInDm(text, deps.settings);
    if (numbers.length === 0) return say(user.t('shDmNoNumber'));
    if (numbers.length > 1) return say(user.t('shDmSeveralNumbers', { numbers: numbers.join(', ') }));
    const number = numbers[0]!;
    const contactId = await findContactId(deps.db, number, deps.settings).catch((error: unknown) => {
      if (isAppError(error, 'NOT_FOUND')) return null;
      throw error;
    });
    if (contactId === null) return say(user.t('shDmUnknownNumber', { number }));
    const filed = await fileOn(deps, client, user, message, contactId, text);
    if (!filed) return; // the same message was filed before: a repeat says nothing
    const contact = await getContact(deps.db, contactId, { items: 1 });
    const label = contactLabel(deps, contact);
    const lines = [filed.itemIds.length ? user.t('shDmFiledWithFiles', { contact: label, files: filed.itemIds.length }) : user.t('shDmFiled', { contact: label })];
    if (filed.skipped.length) lines.push(user.t('shDmFilesSkipped', { files: filed.skipped.map((s) => `${esc(s.name)} (${esc(s.reason)})`).join('; ') }));
    return say(lines.join('\n'));
  });
}

/** The note and the files; null when this message is already on the contact (sourceRef). */
async function fileOn(deps: SlackDeps, client: WebClient, user: SlackUser, message: DirectMessage, contactId: number, text: string) {
  const sourceRef = `slack:${message.channel}:${message.ts}`;
  try {
    await addNote(deps.db, user.actor, { contactId, text, sourceRef });
  } catch (error) {
    if (!isAppError(error, 'CONFLICT')) throw error;
    deps.logger.info({ sourceRef, contactId }, 'slack: DM already filed; repeat ignored');
    return null;
  }
  if (!message.files?.length) return { itemIds: [] as number[], skipped: [] as { name: string; reason: string }[] };
  return captureSlackFiles(deps, user, { contactId, files: message.files, sourceRef }, { client });
}

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('link_shared', async ({ event, client }) => {
    await unfurl(deps, client, event as unknown as Parameters<typeof unfurl>[2]);
  });

  app.event('message', async ({ event, client }) => {
    const message = event as unknown as DirectMessage;
    if (message.channel_type !== 'im') return;
    // Plain messages and file shares only: not edits, deletions, joins, bot or thread broadcasts.
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    if (message.bot_id || !message.user) return;
    await fileDirectMessage(deps, client, { ...message, user: message.user });
  });
}
