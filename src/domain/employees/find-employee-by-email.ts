import type { Db, Tx } from '../../db.ts';
import { employeeOmit } from './employee-fields.ts';

/** The employee with this e-mail address, case-insensitively (citext); null if none. Inactive ones included: callers decide. */
export async function findEmployeeByEmail(db: Db | Tx, email: string) {
  const address = email.trim();
  if (!address) return null;
  return db.employee.findUnique({ where: { email: address }, omit: employeeOmit });
}
