// `/contact note 42 [kind:] text`, `/contact note 42` (the note form) and
// `/contact task 42 <when> [kind:] text` (a note with a due date: a task for the employee).
import { esc } from '../blocks/mrkdwn.ts';
import { addNote } from '../../domain/items/add-note.ts';
import { suggestNoteKinds } from '../../domain/items/suggest-note-kinds.ts';
import { openAddNoteModal } from '../modals/add-note-modal.ts';
import { commandSourceRef, contactFor, refreshHome, reply, type CommandContext } from './command-context.ts';
import { longDateTime } from './format.ts';
import { NOTE_KINDS, type Command, type NoteBody } from './parse-command.ts';

/** The note's kind and text: a leading `kind:` counts when it is built in or already in use, else it is text. */
async function resolveKind(ctx: CommandContext, body: NoteBody): Promise<{ kind: string | null; text: string }> {
  const candidate = body.kind;
  if (!candidate) return { kind: null, text: body.text };
  const known =
    (NOTE_KINDS as readonly string[]).includes(candidate.name) ||
    (await suggestNoteKinds(ctx.deps.db, { prefix: candidate.name, limit: 50 })).some((k) => k.kind === candidate.name);
  return known ? { kind: candidate.name, text: candidate.text } : { kind: null, text: body.text };
}

export async function noteCommand(ctx: CommandContext, command: Extract<Command, { name: 'note' }>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  if (!command.text) {
    await openAddNoteModal(ctx.deps, ctx.client, ctx.triggerId, ctx.user, contact.id);
    return;
  }
  const { kind, text } = await resolveKind(ctx, command);
  await addNote(ctx.deps.db, ctx.user.actor, { contactId: contact.id, text, noteKind: kind, sourceRef: commandSourceRef(ctx) });
  const t = ctx.user.t;
  await reply(ctx, kind ? t('scNoteAddedKind', { kind: esc(kind), number: contact.number }) : t('scNoteAdded', { number: contact.number }));
  await refreshHome(ctx);
}

export async function taskCommand(ctx: CommandContext, command: Extract<Command, { name: 'task' }>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  const { kind, text } = await resolveKind(ctx, command);
  // addNote makes the author the assignee of a task.
  await addNote(ctx.deps.db, ctx.user.actor, { contactId: contact.id, text, noteKind: kind, dueAt: command.at, sourceRef: commandSourceRef(ctx) });
  const t = ctx.user.t;
  await reply(ctx, t('scTaskAdded', { number: contact.number, when: longDateTime(command.at, t), zone: t.timeZone, text: esc(text) }));
  await refreshHome(ctx);
}
