// The "add a note" modal: `/contact note <n>` without text, and the "add note" button of contact
// cards (value: the contact id). The note-kind picker is shared with "add to contact".
import { esc } from '../blocks/mrkdwn.ts';
import type { KnownBlock, PlainTextOption } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { addNote } from '../../domain/items/add-note.ts';
import { suggestNoteKinds } from '../../domain/items/suggest-note-kinds.ts';
import { isAppError } from '../../errors.ts';
import { publishHome } from '../app-home.ts';
import { identify, type SlackUser } from '../identity.ts';
import { VIEWS } from '../ids.ts';
import type { SlackDeps } from '../slack-deps.ts';
import { contactLine, errorsFor, LIMITS, modal, noteKindBlock, option, plain, positiveInt, readMetadata, viewState, type Submission } from './modal-kit.ts';

export const ADD_NOTE_BLOCKS = { kind: 'note_kind', text: 'note_text' } as const;
const B = ADD_NOTE_BLOCKS;

/** The kind as stored (add-note lower-cases it; at most 60 characters). */
const NOTE_KIND_MAX = 60;

export async function openAddNoteModal(deps: SlackDeps, client: WebClient, triggerId: string, user: SlackUser, contactId: number): Promise<void> {
  const contact = await getContact(deps.db, contactId, { items: 1 });
  const { t } = user;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: esc(contactLine({ number: contact.number, title: contact.title, companyName: contact.company.name })) } },
    noteKindBlock(t, B.kind),
    { type: 'input', block_id: B.text, label: plain(t('smNoteText')), element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: LIMITS.input } },
  ];
  await client.views.open({
    trigger_id: triggerId,
    view: modal(t, { callbackId: VIEWS.addNote, title: t('smAddNoteTitle'), submit: t('smAdd'), blocks, metadata: { contactId: contact.id } }),
  });
}

/**
 * block_suggestion for the note-kind picker: what is typed comes first as its own option (a
 * select cannot take free text), then kinds used before that start with it, most used first.
 */
export async function noteKindOptions(deps: SlackDeps, user: SlackUser, query: string): Promise<PlainTextOption[]> {
  const typed = query.trim().toLowerCase().slice(0, NOTE_KIND_MAX);
  const kinds = await suggestNoteKinds(deps.db, { prefix: typed, limit: 30 });
  const options = kinds.map((k) => option(k.kind, k.kind));
  if (typed && !kinds.some((k) => k.kind === typed)) options.unshift(option(user.t('smNewNoteKind', { kind: typed }), typed));
  return options;
}

export async function submitAddNote(deps: SlackDeps, client: WebClient, { ack, body, view }: Submission): Promise<void> {
  const who = await identify(deps, client, body.user.id);
  if (!who.ok) return ack({ response_action: 'errors', errors: { [B.text]: who.message } });
  const { user } = who;
  const state = viewState(view);
  const text = state.text(B.text);
  if (!text) return ack({ response_action: 'errors', errors: { [B.text]: user.t('smRequired') } });
  const contactId = positiveInt(readMetadata(view).contactId) ?? 0;
  try {
    await addNote(deps.db, user.actor, { contactId, noteKind: state.selected(B.kind), text });
  } catch (error) {
    const errors = isAppError(error, 'NOT_FOUND') ? { [B.text]: user.t('smContactGone') } : errorsFor(error, user.t, deps, { noteKind: B.kind, text: B.text }, B.text);
    return ack({ response_action: 'errors', errors });
  }
  await ack();
  void publishHome(deps, client, user);
}
