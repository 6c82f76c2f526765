// Validates the rows a contact points at, with per-field messages. Shared by create and update.
import type { Tx } from '../../db.ts';
import { validation } from '../../errors.ts';

export type ContactRefs = { companyId: number; personId?: number | null; ownerId?: number | null; kindId?: number | null };

/** `newCompany`: the company is being chosen now, so it must be active (existing contacts of an inactive company stay editable). */
export async function checkContactReferences(tx: Tx, refs: ContactRefs, options: { newCompany: boolean } = { newCompany: true }) {
  const company = await tx.company.findUnique({ where: { id: refs.companyId }, select: { id: true, name: true, code: true, nip: true, active: true } });
  const person = await (refs.personId ? tx.person.findUnique({ where: { id: refs.personId }, select: { id: true, name: true, companyId: true } }) : null);
  const owner = await (refs.ownerId ? tx.employee.findUnique({ where: { id: refs.ownerId }, select: { id: true, active: true } }) : null);
  const kind = await (refs.kindId ? tx.contactKind.findUnique({ where: { id: refs.kindId }, select: { id: true } }) : null);
  const fields: Record<string, string> = {};
  if (!company) fields.companyId = `company ${refs.companyId} does not exist`;
  else if (options.newCompany && !company.active) fields.companyId = `company ${company.name} is inactive`;
  if (refs.personId && !person) fields.personId = `person ${refs.personId} does not exist`;
  else if (person && company && person.companyId !== company.id) fields.personId = `${person.name} does not work at ${company.name}`;
  if (refs.ownerId && !owner) fields.ownerId = `employee ${refs.ownerId} does not exist`;
  else if (owner && !owner.active) fields.ownerId = `employee ${refs.ownerId} is inactive`;
  if (refs.kindId && !kind) fields.kindId = `contact kind ${refs.kindId} does not exist`;
  if (Object.keys(fields).length > 0) throw validation(fields);
  return { company: company!, person };
}
