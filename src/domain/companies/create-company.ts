import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { parseInput } from '../shared/validate.ts';
import { assertCompanyUnique, checkPostalCode, companyFields, companyWriteError } from './company-fields.ts';

const createCompanyInput = z.object({
  ...companyFields,
  kind: companyFields.kind.default('client'),
  emailDomains: companyFields.emailDomains.default([]),
  country: companyFields.country.default('PL'),
  notes: companyFields.notes.default(''),
  active: companyFields.active.default(true),
});
export type CreateCompanyInput = z.input<typeof createCompanyInput>;

export async function createCompany(db: Db | Tx, _actor: Actor, input: unknown) {
  const data = parseInput(createCompanyInput, input);
  const postalCode = checkPostalCode(data.country, data.postalCode ?? null);
  await assertCompanyUnique(db, data);
  return db.company.create({ data: { ...data, postalCode } }).catch((error: unknown) => {
    throw companyWriteError(error);
  });
}
