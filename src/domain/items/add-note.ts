import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict, notFound } from '../../errors.ts';
import { diffFields } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { id, instant, optionalId, text } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { isDuplicateSource, refuseDuplicateSource } from './item-access.ts';
import { insertItem } from './insert-item.ts';

const addNoteInput = z.object({
  contactId: id,
  text: text(100_000).min(1, 'write something'),
  /** Free text: phone, meeting, presentation… (suggestions: suggestNoteKinds). */
  noteKind: text(60).nullable().optional().transform((v) => v?.toLowerCase() || null),
  occurredAt: instant.optional(),
  /** A due date makes the note a planned activity (task) for the assignee. */
  dueAt: instant.nullable().optional(),
  assigneeId: optionalId,
  /** Message-ID, Slack ts or permalink: the same source is never filed twice on a contact. */
  sourceRef: text(500).nullable().optional().transform((v) => v || null),
});
export type AddNoteInput = z.input<typeof addNoteInput>;

/** Adds a note (or, with dueAt, a task) to a contact's timeline. The same path for every channel. */
export async function addNote(db: Db | Tx, actor: Actor, input: AddNoteInput) {
  const data = parseInput(addNoteInput, input);
  try {
    return await inTransaction(db, async (tx) => {
      const contact = await tx.contact.findUnique({ where: { id: data.contactId }, select: { id: true } });
      if (!contact) throw notFound('Contact', data.contactId);
      await refuseDuplicateSource(tx, actor, data.contactId, data.sourceRef);
      const occurredAt = data.occurredAt ?? new Date();
      const assigneeId = data.dueAt ? (data.assigneeId ?? actor.employeeId) : (data.assigneeId ?? null);
      return insertItem(tx, actor, {
        data: { ...data, type: 'note', occurredAt, assigneeId, searchText: foldText(data.noteKind, data.text) },
        action: data.dueAt ? 'task added' : 'note added',
        changes: diffFields({}, { noteKind: data.noteKind, text: data.text, occurredAt, dueAt: data.dueAt, assigneeId }),
      });
    });
  } catch (error) {
    if (isDuplicateSource(error)) throw conflict(`This ${actor.channel} message is already on the contact`);
    throw error;
  }
}
