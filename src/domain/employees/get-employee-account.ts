import type { Db, Tx } from '../../db.ts';
import { getEmployee } from './get-employee.ts';

/** An employee for the admin's edit page: the record plus whether a password is set (never the hash). */
export async function getEmployeeAccount(db: Db | Tx, id: number) {
  const employee = await getEmployee(db, id);
  const hasPassword = (await db.employee.count({ where: { id, passwordHash: { not: null } } })) > 0;
  return { ...employee, hasPassword };
}
