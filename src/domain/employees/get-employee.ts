import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { employeeOmit } from './employee-fields.ts';

export async function getEmployee(db: Db | Tx, id: number) {
  const employee = await db.employee.findUnique({
    where: { id },
    omit: employeeOmit,
    include: { manager: { select: { id: true, name: true } } },
  });
  if (!employee) throw notFound('employee', id);
  return employee;
}
