// The message shortcut "Add to contact": a Slack message (text and files) becomes a note on a
// contact chosen in the modal. The note records the message's permalink; its sourceRef
// `slack:<channel>:<ts>` makes the same message on the same contact a refusal that points at the
// note already there. Files are downloaded after the modal has closed, then a DM says what was
// attached and what was not (and why).
import { esc } from '../blocks/mrkdwn.ts';
import type { MessageShortcut } from '@slack/bolt';
import type { KnownBlock, PlainTextOption } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { searchContacts } from '../../domain/contacts/search-contacts.ts';
import { findEmployeeBySlackUserId } from '../../domain/employees/find-employee-by-slack-user-id.ts';
import { addNote } from '../../domain/items/add-note.ts';
import { findItemBySource } from '../../domain/items/find-item-by-source.ts';
import { isAppError } from '../../errors.ts';
import { publishHome } from '../app-home.ts';
import { identify, type SlackUser } from '../identity.ts';
import { ACTIONS, VIEWS } from '../ids.ts';
import { contactUrl, type SlackDeps } from '../slack-deps.ts';
import { captureSlackFiles, slackFileName, type SlackFile } from '../slack-files.ts';
import { clip, contactLine, errorsFor, LIMITS, modal, noteKindBlock, option, plain, positiveInt, readMetadata, sendDm, viewState, type Submission } from './modal-kit.ts';

export const ADD_TO_CONTACT_BLOCKS = { contact: 'contact', kind: 'note_kind', text: 'note_text', files: 'files' } as const;
const B = ADD_TO_CONTACT_BLOCKS;

/** Mentions resolved to names per message, at most (each may cost a users.info call). */
const MAX_MENTIONS = 10;

/** The message travels in private_metadata (3000 characters): short keys, files by id. */
const metadataSchema = z.object({
  c: z.string(),
  ts: z.string(),
  p: z.string().nullable(),
  f: z.array(z.object({ i: z.string(), n: z.string(), s: z.number().optional(), m: z.string().optional(), o: z.string().optional(), u: z.string().optional() })),
});
type Metadata = z.infer<typeof metadataSchema>;

/** The note's stable source: one Slack message. */
export const messageSourceRef = (channelId: string, ts: string) => `slack:${channelId}:${ts}`;

export async function openAddToContactModal(deps: SlackDeps, client: WebClient, triggerId: string, user: SlackUser, shortcut: Pick<MessageShortcut, 'channel' | 'message'>): Promise<void> {
  const { t } = user;
  const channelId = shortcut.channel.id;
  const ts = shortcut.message.ts;
  const files = (Array.isArray(shortcut.message.files) ? shortcut.message.files : []) as SlackFile[];
  const [permalink, names] = await Promise.all([
    client.chat.getPermalink({ channel: channelId, message_ts: ts }).then(
      (r) => r.permalink ?? null,
      (error: Error) => {
        deps.logger.warn({ err: error.message, channelId, ts }, 'slack: chat.getPermalink failed');
        return null;
      },
    ),
    mentionNames(deps, client, shortcut.message.text ?? ''),
  ]);
  const fullText = slackTextToPlain(shortcut.message.text ?? '', names);
  const text = clip(fullText, LIMITS.input);

  const fileLines = files.map((f) => `• ${slackFileName(f)}${f.size !== undefined ? ` (${formatBytes(f.size)})` : ''}`);
  const blocks: KnownBlock[] = [
    {
      type: 'input', block_id: B.contact, label: plain(t('smContact')),
      element: { type: 'external_select', action_id: ACTIONS.pickContact, min_query_length: 1, placeholder: plain(t('smContactPlaceholder'), LIMITS.placeholder) },
    },
    noteKindBlock(t, B.kind),
    {
      type: 'input', block_id: B.text, optional: true, label: plain(t('smNoteText')),
      ...(text.length < fullText.length ? { hint: plain(t('smTextShortened')) } : {}),
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: LIMITS.input, ...(text ? { initial_value: text } : {}) },
    },
    {
      type: 'context', block_id: B.files,
      elements: [{ type: 'mrkdwn', text: clip(files.length ? t('smFilesToAttach', { files: `\n${esc(fileLines.join('\n'))}` }) : t('smNoFiles'), 3000) }],
    },
  ];
  const view = modal(t, { callbackId: VIEWS.addToContact, title: t('smAddToContactTitle'), submit: t('smAdd'), blocks, metadata: compactMetadata(channelId, ts, permalink, files) });
  await client.views.open({ trigger_id: triggerId, view });
}

/** Files with their download URLs when they fit; otherwise by id only (re-read with files.info on submission). */
function compactMetadata(channelId: string, ts: string, permalink: string | null, files: SlackFile[]): Metadata {
  const withUrls: Metadata = {
    c: channelId, ts, p: permalink,
    f: files.map((f) => ({ i: f.id, n: slackFileName(f), s: f.size, m: f.mimetype, o: f.mode, u: f.url_private_download ?? f.url_private })),
  };
  if (JSON.stringify(withUrls).length <= LIMITS.metadata) return withUrls;
  const byId: Metadata = { c: channelId, ts, p: permalink, f: files.map((f) => ({ i: f.id, n: clip(slackFileName(f), 40) })) };
  // A hundred files with long names would still not fit: the permalink and the first files are kept.
  while (JSON.stringify(byId).length > LIMITS.metadata && byId.f.length > 0) byId.f.pop();
  return byId;
}

/** block_suggestion for the contact picker: open contacts matching what is typed. */
export async function contactOptions(deps: SlackDeps, query: string): Promise<PlainTextOption[]> {
  const { contacts } = await searchContacts(deps.db, { q: query.slice(0, 200), status: 'open', limit: 50 });
  return contacts.map((c) => option(contactLine(c), String(c.id)));
}

export async function submitAddToContact(deps: SlackDeps, client: WebClient, { ack, body, view }: Submission): Promise<void> {
  const who = await identify(deps, client, body.user.id);
  if (!who.ok) return ack({ response_action: 'errors', errors: { [B.contact]: who.message } });
  const { user } = who;
  const { t } = user;
  const parsed = metadataSchema.safeParse(readMetadata(view));
  const state = viewState(view);
  const contactId = positiveInt(state.selected(B.contact));
  if (!contactId || !parsed.success) return ack({ response_action: 'errors', errors: { [B.contact]: t('smChooseContact') } });
  const meta = parsed.data;
  const sourceRef = messageSourceRef(meta.c, meta.ts);
  const permalinkLine = meta.p ? `Slack: ${meta.p}` : `Slack: ${sourceRef}`;
  const typed = state.text(B.text);

  try {
    await addNote(deps.db, user.actor, { contactId, noteKind: state.selected(B.kind), text: typed ? `${typed}\n\n${permalinkLine}` : permalinkLine, sourceRef });
  } catch (error) {
    return ack({ response_action: 'errors', errors: await refusal(deps, user, error, contactId, sourceRef) });
  }
  await ack();

  // After the ack: downloads may take longer than Slack waits for an answer.
  const files = await filesToCapture(deps, client, meta);
  const [captured, contact] = await Promise.all([
    captureSlackFiles(deps, user, { contactId, files, sourceRef }, { client }),
    getContact(deps.db, contactId, { items: 1 }),
  ]);
  const lines = [t('smAddedToContact', { number: contact.number, title: esc(contact.title) })];
  if (captured.filed.length > 0) lines.push(t('smFilesFiled', { files: esc(captured.filed.map((f) => f.name).join(', ')) }));
  if (captured.skipped.length > 0) lines.push(t('smFilesSkipped', { files: esc(captured.skipped.map((f) => `${f.name} — ${f.reason}`).join('; ')) }));
  await sendDm(deps, client, user, lines.join('\n'), contactId);
  void publishHome(deps, client, user);
}

/** Why the note was refused, on the fields: the same message already there names that note. */
async function refusal(deps: SlackDeps, user: SlackUser, error: unknown, contactId: number, sourceRef: string): Promise<Record<string, string>> {
  const { t } = user;
  if (isAppError(error, 'CONFLICT')) {
    const existing = await findItemBySource(deps.db, contactId, user.actor.channel, sourceRef);
    if (existing) return { [B.contact]: t('smAlreadyOnContact', { number: existing.contact.number, when: t.dateTime(existing.createdAt), url: contactUrl(deps, contactId) }) };
  }
  if (isAppError(error, 'NOT_FOUND')) return { [B.contact]: t('smContactGone') };
  return errorsFor(error, t, deps, { contactId: B.contact, noteKind: B.kind, text: B.text }, B.contact);
}

/** The message's files as captureSlackFiles wants them; those stored by id only are re-read from Slack. */
async function filesToCapture(deps: SlackDeps, client: WebClient, meta: Metadata): Promise<SlackFile[]> {
  return Promise.all(
    meta.f.map(async (f): Promise<SlackFile> => {
      if (f.u) return { id: f.i, name: f.n, size: f.s, mimetype: f.m, mode: f.o, url_private_download: f.u };
      const info = await client.files.info({ file: f.i }).catch((error: Error) => {
        deps.logger.warn({ err: error.message, fileId: f.i }, 'slack: files.info failed');
        return null;
      });
      const file = info?.file;
      return { id: f.i, name: file?.name ?? f.n, size: file?.size, mimetype: file?.mimetype, mode: file?.mode, url_private_download: file?.url_private_download ?? file?.url_private };
    }),
  );
}

/** Display names of the people mentioned (`<@U123>`): employees by their stored Slack id, others from users.info. */
async function mentionNames(deps: SlackDeps, client: WebClient, text: string): Promise<Map<string, string>> {
  const ids = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))].slice(0, MAX_MENTIONS);
  const names = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      const employee = await findEmployeeBySlackUserId(deps.db, id);
      if (employee) return void names.set(id, employee.name);
      const info = await client.users.info({ user: id }).catch(() => null);
      const name = info?.user?.profile?.display_name || info?.user?.real_name || info?.user?.profile?.real_name || info?.user?.name;
      if (name) names.set(id, name);
    }),
  );
  return names;
}

/**
 * Slack's message markup as plain note text, minimally: mentions become @names, channel links
 * #names, `<url|text>` becomes "text (url)", and the HTML entities Slack escapes come back.
 * Formatting marks (*bold*, _italic_) are left as typed.
 */
export function slackTextToPlain(text: string, names: Map<string, string> = new Map()): string {
  return text
    .replace(/<([^<>]+)>/g, (_, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar < 0 ? inner : inner.slice(0, bar);
      const label = bar < 0 ? undefined : inner.slice(bar + 1);
      if (target.startsWith('@')) return `@${names.get(target.slice(1)) ?? label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      // Special mentions (<!here>, <!subteam^S1|@sales>) and dates (<!date^…|fallback>).
      if (target.startsWith('!')) return label ?? `@${target.slice(1)}`;
      const url = target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
      return label && label !== url ? `${label} (${url})` : url;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const formatBytes = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`);
