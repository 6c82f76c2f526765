// Bulk changes from the contacts list: reassign, close or change the priority of several contacts
// at once. Each contact goes through the same single-contact use case (reassignContact,
// closeContact, updateContact) inside one transaction, so each gets its own history entry and the
// same checks. A contact the use case refuses (already closed, changed meanwhile, gone) is
// reported and skipped; its savepoint keeps the others' changes. Members may bulk-change what they
// may change one by one (the single-contact use cases do not restrict members).
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { isAppError, validation } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id, version } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { closeContact } from './close-contact.ts';
import { OUTCOMES, PRIORITIES } from './contact-fields.ts';
import { reassignContact } from './reassign-contact.ts';
import { updateContact } from './update-contact.ts';

/** At most one list page (the list shows up to 200 rows). */
export const MAX_BULK_CONTACTS = 200;

export const BULK_ACTIONS = ['reassign', 'close', 'priority'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const bulkChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reassign'), ownerId: id }),
  z.object({ action: z.literal('close'), outcome: z.enum(OUTCOMES).nullable().optional() }),
  z.object({ action: z.literal('priority'), priority: z.enum(PRIORITIES) }),
]);

const contactRef = z.object({ id, version: version.optional() });

const bulkInput = z.object({
  contacts: z.array(contactRef).min(1, 'select at least one contact').max(MAX_BULK_CONTACTS, `at most ${MAX_BULK_CONTACTS} contacts at once`),
  change: bulkChange,
});
export type BulkUpdateInput = z.input<typeof bulkInput>;
export type BulkChange = z.output<typeof bulkChange>;

export type BulkPreviewRow = { id: number; number: string; title: string; version: number; refusal: string | null; unchanged: boolean };

async function activeOwner(db: Db | Tx, ownerId: number) {
  const owner = await db.employee.findUnique({ where: { id: ownerId }, select: { id: true, name: true, active: true } });
  if (!owner) throw validation({ ownerId: `employee ${ownerId} does not exist` });
  if (!owner.active) throw validation({ ownerId: `employee ${owner.name} is inactive` });
  return owner;
}

/** Why the single-contact use case would refuse this change, before trying it (null: it would not). */
function refusalOf(contact: { status: string; number: string }, change: BulkChange): string | null {
  if (change.action === 'close' && contact.status === 'closed') return `Contact ${contact.number} is already closed`;
  return null;
}

function isUnchanged(contact: { ownerId: number | null; priority: string }, change: BulkChange): boolean {
  if (change.action === 'reassign') return contact.ownerId === change.ownerId;
  if (change.action === 'priority') return contact.priority === change.priority;
  return false;
}

/** What a bulk change would do: the selected contacts (in number order), the target owner's name. */
export async function previewBulkUpdate(db: Db | Tx, input: BulkUpdateInput) {
  const { contacts, change } = parseInput(bulkInput, input);
  const owner = change.action === 'reassign' ? await activeOwner(db, change.ownerId) : null;
  const rows = await db.contact.findMany({
    where: { id: { in: contacts.map((c) => c.id) } },
    select: { id: true, number: true, title: true, version: true, status: true, ownerId: true, priority: true },
    orderBy: { number: 'asc' },
  });
  const preview: BulkPreviewRow[] = rows.map((r) => ({
    id: r.id, number: r.number, title: r.title, version: r.version, refusal: refusalOf(r, change), unchanged: isUnchanged(r, change),
  }));
  return { change, ownerName: owner?.name ?? null, contacts: preview };
}

export type BulkUpdateResult = {
  done: { id: number; number: string }[];
  unchanged: { id: number; number: string }[];
  refused: { id: number; number: string; reason: string }[];
};

function applyOne(tx: Tx, actor: Actor, contact: { id: number; version?: number }, change: BulkChange) {
  if (change.action === 'reassign') return reassignContact(tx, actor, { ...contact, ownerId: change.ownerId });
  if (change.action === 'close') return closeContact(tx, actor, { ...contact, outcome: change.outcome ?? null });
  return updateContact(tx, actor, { ...contact, priority: change.priority });
}

/**
 * Applies one change to every listed contact in one transaction. A version, when given, must
 * still be current (what the confirmation page showed is what gets changed).
 */
export async function bulkUpdateContacts(db: Db | Tx, actor: Actor, input: BulkUpdateInput): Promise<BulkUpdateResult> {
  const { contacts, change } = parseInput(bulkInput, input);
  return inTransaction(db, async (tx) => {
    if (change.action === 'reassign') await activeOwner(tx, change.ownerId);
    const found = new Map(
      (await tx.contact.findMany({ where: { id: { in: contacts.map((c) => c.id) } }, select: { id: true, number: true, version: true } })).map((c) => [c.id, c]),
    );
    const result: BulkUpdateResult = { done: [], unchanged: [], refused: [] };
    const seen = new Set<number>();
    for (const ref of contacts) {
      if (seen.has(ref.id)) continue;
      seen.add(ref.id);
      const before = found.get(ref.id);
      if (!before) {
        result.refused.push({ id: ref.id, number: String(ref.id), reason: `Contact ${ref.id} not found` });
        continue;
      }
      // A refused contact rolls back to its savepoint only; the others' changes stay.
      await tx.$executeRawUnsafe('SAVEPOINT bulk_contact');
      try {
        const after = await applyOne(tx, actor, ref, change);
        await tx.$executeRawUnsafe('RELEASE SAVEPOINT bulk_contact');
        (after.version > before.version ? result.done : result.unchanged).push({ id: before.id, number: before.number });
      } catch (error) {
        await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT bulk_contact');
        if (!isAppError(error) || error.code === 'TOO_LARGE') throw error;
        result.refused.push({ id: before.id, number: before.number, reason: (error as Error).message });
      }
    }
    return result;
  });
}
