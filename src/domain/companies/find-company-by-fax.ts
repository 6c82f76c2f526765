import type { Db, Tx } from '../../db.ts';
import { normalizePhone } from './phone.ts';

/**
 * The company with this fax number, however it is written (faxes arrive with the sender's
 * number in any format). Null when none, or when several active companies share it.
 */
export async function findCompanyByFax(db: Db | Tx, fax: string) {
  const e164 = normalizePhone(fax);
  if (!e164) return null;
  const companies = await db.company.findMany({ where: { fax: e164 }, orderBy: { id: 'asc' } });
  const active = companies.filter((c) => c.active);
  const pool = active.length > 0 ? active : companies;
  return pool.length === 1 ? pool[0]! : null;
}
