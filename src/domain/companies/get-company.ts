import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';

export async function getCompany(db: Db | Tx, id: number) {
  const company = await db.company.findUnique({ where: { id } });
  if (!company) throw notFound('company', id);
  return company;
}
