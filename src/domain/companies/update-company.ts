import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { refreshContactSearchText } from '../contacts/refresh-search-text.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { assertCompanyUnique, checkPostalCode, companyFields, companyWriteError } from './company-fields.ts';

const updateCompanyInput = z.object(companyFields).partial().extend({ id });
export type UpdateCompanyInput = z.input<typeof updateCompanyInput>;

/** Contacts' searchText includes these company fields, so changing one refreshes them. */
const SEARCHED_FIELDS = ['name', 'code', 'nip'] as const;

/** Partial update: absent fields stay as they are; null clears an optional field. */
export async function updateCompany(db: Db | Tx, _actor: Actor, input: unknown) {
  const { id, ...changes } = parseInput(updateCompanyInput, input);
  return inTransaction(db, async (tx) => {
    const before = await tx.company.findUnique({ where: { id } });
    if (!before) throw notFound('company', id);
    // Re-check the postal code whenever it or the country changes: the rule depends on both.
    const postalCode =
      changes.postalCode !== undefined || changes.country !== undefined
        ? checkPostalCode(changes.country ?? before.country, changes.postalCode === undefined ? before.postalCode : changes.postalCode)
        : undefined;
    await assertCompanyUnique(tx, changes, id);
    const company = await tx.company.update({ where: { id }, data: { ...changes, postalCode } }).catch((error: unknown) => {
      throw companyWriteError(error);
    });
    if (SEARCHED_FIELDS.some((f) => company[f] !== before[f])) await refreshContactSearchText(tx, { companyId: id });
    return company;
  });
}
