// Validates the rows a contact points at, with per-field messages. Shared by create and update.
// One query for all of them: this runs on every contact creation.
import type { Db, Tx } from '../../db.ts';
import { validation } from '../../errors.ts';

export type ContactRefs = { companyId: number; personId?: number | null; ownerId?: number | null; kindId?: number | null };

type Found = {
  companyName: string | null; companyCode: string; companyNip: string | null; companyActive: boolean;
  personName: string | null; personCompanyId: number | null; ownerActive: boolean | null; kindExists: boolean;
};

/** `newCompany`: the company is being chosen now, so it must be active (existing contacts of an inactive company stay editable). */
export async function checkContactReferences(db: Db | Tx, refs: ContactRefs, options: { newCompany: boolean } = { newCompany: true }) {
  // Plain columns, not JSON: this runs on every contact creation and JSON costs more to decode.
  const [f] = await db.$queryRaw<Found[]>`
    SELECT co.name AS "companyName", co.code AS "companyCode", co.nip AS "companyNip", co.active AS "companyActive",
           p.name AS "personName", p."companyId" AS "personCompanyId",
           (SELECT active FROM "Employee" WHERE id = ${refs.ownerId ?? 0}) AS "ownerActive",
           EXISTS (SELECT 1 FROM "ContactKind" WHERE id = ${refs.kindId ?? 0}) AS "kindExists"
    FROM (SELECT 1) AS one
    LEFT JOIN "Company" co ON co.id = ${refs.companyId}
    LEFT JOIN "Person" p ON p.id = ${refs.personId ?? 0}`;
  const company = f!.companyName === null ? null : { id: refs.companyId, name: f!.companyName, code: f!.companyCode, nip: f!.companyNip, active: f!.companyActive };
  const person = f!.personName === null ? null : { id: refs.personId!, name: f!.personName, companyId: f!.personCompanyId! };
  const { ownerActive, kindExists } = f!;
  const fields: Record<string, string> = {};
  if (!company) fields.companyId = `company ${refs.companyId} does not exist`;
  else if (options.newCompany && !company.active) fields.companyId = `company ${company.name} is inactive`;
  if (refs.personId && !person) fields.personId = `person ${refs.personId} does not exist`;
  else if (person && company && person.companyId !== company.id) fields.personId = `${person.name} does not work at ${company.name}`;
  if (refs.ownerId && ownerActive === null) fields.ownerId = `employee ${refs.ownerId} does not exist`;
  else if (refs.ownerId && !ownerActive) fields.ownerId = `employee ${refs.ownerId} is inactive`;
  if (refs.kindId && !kindExists) fields.kindId = `contact kind ${refs.kindId} does not exist`;
  if (Object.keys(fields).length > 0) throw validation(fields);
  return { company: company!, person: refs.personId ? person : null };
}
