// The one path every contact update takes: optimistic version check, field diff, history entry,
// search text refresh. update/close/reopen/reassign are thin use cases over it.
import type { Tx } from '../../db.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { contactInclude } from './contact-fields.ts';
import { refreshContactSearchText } from './refresh-search-text.ts';

const SEARCHED_FIELDS = ['title', 'description', 'externalNumber', 'companyId', 'personId'];

export async function loadContact(tx: Tx, id: number) {
  const contact = await tx.contact.findUnique({ where: { id }, include: contactInclude });
  if (!contact) throw notFound('Contact', id);
  return contact;
}

export type ContactRow = Awaited<ReturnType<typeof loadContact>>;

function staleVersion(current: ContactRow, had: number) {
  return conflict(`Contact ${current.number} was changed by someone else meanwhile (now version ${current.version}, yours ${had}); reload and try again`, current);
}

/**
 * Applies `data` to the contact if `version` (when given) is still current. Records the changed
 * fields under `action` and returns the updated contact (unchanged when nothing differs).
 */
export async function changeContact(
  tx: Tx,
  actor: Actor,
  change: { id: number; version?: number; action: string; data: Prisma.ContactUncheckedUpdateInput & Record<string, unknown> },
  check?: (before: ContactRow) => void | Promise<void>,
): Promise<ContactRow> {
  const before = await loadContact(tx, change.id);
  if (change.version !== undefined && before.version !== change.version) throw staleVersion(before, change.version);
  await check?.(before);
  const changes = diffFields(before, change.data);
  if (changes.length === 0) return before;

  const { count } = await tx.contact.updateMany({
    where: { id: before.id, version: before.version },
    data: { ...change.data, version: { increment: 1 } },
  });
  // Someone committed between our read and our write: their version wins, ours is refused.
  if (count === 0) throw staleVersion(await loadContact(tx, change.id), change.version ?? before.version);

  if (changes.some((c) => SEARCHED_FIELDS.includes(c.field))) await refreshContactSearchText(tx, { contactId: before.id });
  await recordHistory(tx, actor, { contactId: before.id, entity: 'contact', entityId: before.id, action: change.action, changes });
  return loadContact(tx, before.id);
}
