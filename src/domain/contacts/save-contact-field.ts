// One field of a contact changed on its own (the panel's inline edits, a Slack action): the owner
// goes through reassignContact so the history says "reassigned"; a new company drops a person
// who does not work there; everything else through updateContact. All paths record history.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { id, version } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { reassignContact } from './reassign-contact.ts';
import { updateContact } from './update-contact.ts';

export const SINGLE_FIELDS = [
  'title', 'priority', 'dueAt', 'externalNumber', 'companyId', 'personId', 'ownerId', 'kindId', 'description', 'probability',
  'expectedCloseAt', 'restrictToSalesLines',
] as const;
export type SingleField = (typeof SINGLE_FIELDS)[number];

const saveContactFieldInput = z.object({ id, version, field: z.enum(SINGLE_FIELDS), value: z.unknown() });

export async function saveContactField(db: Db | Tx, actor: Actor, input: z.input<typeof saveContactFieldInput>) {
  const { id: contactId, version: had, field, value } = parseInput(saveContactFieldInput, input);
  if (field === 'ownerId' && value !== null && value !== '') return reassignContact(db, actor, { id: contactId, version: had, ownerId: value as number });
  if (field !== 'companyId') return updateContact(db, actor, { id: contactId, version: had, [field]: value });
  return inTransaction(db, async (tx) => {
    const companyId = parseInput(z.object({ companyId: id }), { companyId: value }).companyId;
    const before = await tx.contact.findUnique({ where: { id: contactId }, select: { companyId: true, person: { select: { companyId: true } } } });
    const personLeaves = before?.person && before.person.companyId !== companyId;
    return updateContact(tx, actor, { id: contactId, version: had, companyId, ...(personLeaves ? { personId: null } : {}) });
  });
}
