// Everything the contact page offers to choose from, in one statement: the people of the
// contact's company, active employees, contact kinds, articles, payment forms, document kinds and
// the most used note kinds. These are small lists; fetching them one query each cost more in
// round trips and client overhead than in the database.
import { Prisma, type Db, type Tx } from '../../db.ts';

export type ContactChoices = {
  people: { id: number; name: string }[];
  employees: { id: number; name: string }[];
  kinds: { id: number; name: string; defaultProbability: number }[];
  articles: { id: number; code: string; name: string; unit: string; listNetPrice: string }[];
  paymentForms: { id: number; name: string }[];
  documentKinds: { code: string; namePl: string; nameEn: string }[];
  noteKinds: string[];
};

/**
 * Up to 500 people (of the company, or of the contact's company) and 500 articles; the 30 most
 * used note kinds.
 */
export async function getContactChoices(db: Db | Tx, of: { companyId: number } | { contactId: number }): Promise<ContactChoices> {
  const companyId = 'companyId' in of ? Prisma.sql`${of.companyId}` : Prisma.sql`(SELECT "companyId" FROM "Contact" WHERE id = ${of.contactId})`;
  const [row] = await db.$queryRaw<ContactChoices[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id), '[]')
         FROM (SELECT id, name FROM "Person" WHERE "companyId" = ${companyId} AND active ORDER BY name, id LIMIT 500) p) AS people,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id), '[]')
         FROM "Employee" WHERE active) AS employees,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'defaultProbability', "defaultProbability") ORDER BY name, id), '[]')
         FROM "ContactKind" WHERE active) AS kinds,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'unit', unit, 'listNetPrice', "listNetPrice"::text) ORDER BY code, id), '[]')
         FROM (SELECT * FROM "Article" WHERE active ORDER BY code, id LIMIT 500) a) AS articles,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id), '[]')
         FROM "PaymentForm" WHERE active) AS "paymentForms",
      (SELECT coalesce(json_agg(json_build_object('code', code, 'namePl', "namePl", 'nameEn', "nameEn") ORDER BY code), '[]')
         FROM "DocumentKind") AS "documentKinds",
      (SELECT coalesce(json_agg(kind ORDER BY uses DESC, kind), '[]')
         FROM (SELECT kind, uses FROM "NoteKind" ORDER BY uses DESC, kind LIMIT 30) k) AS "noteKinds"`;
  return row!;
}
