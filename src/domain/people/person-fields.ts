// Field rules shared by create-person and update-person.
import { z } from 'zod';
import type { Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { optionalText, phoneNumber } from '../companies/company-fields.ts';
import { isUniqueViolation } from '../shared/unique-violation.ts';
import { id, requiredText } from '../shared/schemas.ts';

/**
 * An e-mail address, trimmed and lower-cased; '' and null clear it. The column is citext, so
 * uniqueness ignores case anyway; lower-casing keeps what we show and match consistent.
 */
export const emailAddress = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const address = v?.trim().toLowerCase();
    if (!address) return null;
    if (!z.email().max(254).safeParse(address).success) ctx.addIssue({ code: 'custom', message: 'invalid e-mail address' });
    return address;
  });

export const personFields = {
  companyId: id,
  name: requiredText(200),
  position: optionalText(200),
  email: emailAddress,
  phone: phoneNumber,
  active: z.boolean(),
};

export async function assertCompanyExists(tx: Tx, companyId: number) {
  const company = await tx.company.findUnique({ where: { id: companyId }, select: { id: true } });
  if (!company) throw validation({ companyId: `company ${companyId} does not exist` });
}

/** Refuses an e-mail another person has, naming them (the unique index is the backstop). */
export async function assertPersonEmailFree(tx: Tx, email: string | null | undefined, exceptId?: number) {
  if (!email) return;
  const other = await tx.person.findFirst({ where: { email, id: { not: exceptId ?? -1 } }, select: { name: true } });
  if (other) throw validation({ email: `e-mail already used by ${other.name}` });
}

export function personWriteError(error: unknown): unknown {
  if (isUniqueViolation(error, 'email')) return validation({ email: 'e-mail already in use' });
  return error;
}
