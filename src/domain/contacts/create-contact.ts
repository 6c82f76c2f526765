import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import { nextContactNumber } from '../numbering/next-number.ts';
import type { Actor } from '../shared/actor.ts';
import { instant } from '../shared/schemas.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { checkContactReferences } from './check-references.ts';
import { contactFields, contactInclude } from './contact-fields.ts';
import { contactSearchText } from './refresh-search-text.ts';

const createContactInput = z
  .object({ ...contactFields, registeredAt: instant })
  .partial()
  .required({ companyId: true, title: true });
export type CreateContactInput = z.input<typeof createContactInput>;

/**
 * Registers a new contact and gives it the next number of its registration year.
 * The owner defaults to the acting employee.
 */
export async function createContact(db: Db | Tx, actor: Actor, input: CreateContactInput, settings: DomainSettings = DEFAULT_SETTINGS) {
  const { description = '', priority = 'normal', restrictToSalesLines = false, ...rest } = parseInput(createContactInput, input);
  const data = { ...rest, description, priority, restrictToSalesLines };
  const ownerId = data.ownerId === undefined ? actor.employeeId : data.ownerId;
  const registeredAt = data.registeredAt ?? new Date();
  return inTransaction(db, async (tx) => {
    const { company, person } = await checkContactReferences(tx, { ...data, ownerId });
    // Numbering last: its row lock is held until commit, so keep the tail of the transaction short.
    const number = await nextContactNumber(tx, registeredAt, settings.timeZone);
    const contact = await tx.contact.create({
      data: {
        ...data,
        number,
        registeredAt,
        ownerId,
        createdById: actor.employeeId,
        searchText: contactSearchText({ ...data, number, externalNumber: data.externalNumber ?? null, company, person }),
      },
      include: contactInclude,
    });
    await recordHistory(tx, actor, {
      contactId: contact.id,
      entity: 'contact',
      entityId: contact.id,
      action: 'created',
      changes: diffFields({}, { ...data, number, registeredAt, ownerId }),
    });
    return contact;
  });
}
